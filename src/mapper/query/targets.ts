/**
 * What a query or scan reads — the table or one index — and the checks that depend on it, made
 * when the builder is created so a mistake points at the call that made it: an unknown index, a
 * key condition on properties that are not that target's keys (with the keys it could use, and the
 * indexes where the property is a key), a strongly consistent read of a global index, models
 * that cannot be read together.
 */
import { isExpression } from '../../expressions';
import { expressionError } from '../../errors/expression';
import { queryError, type KeyChoice } from '../../errors/query';
import type { IndexSchema, KeyAttributes, ModelSchema } from '../../metadata/types';

/** The index named by the `index` option, or undefined for the table. */
export function indexOf(schema: ModelSchema, index: unknown): IndexSchema | undefined {
  if (index === undefined) return undefined;
  const found = typeof index === 'string' ? schema.indexByName.get(index) : undefined;
  if (!found) throw queryError.unknownIndex(schema.className, index, schema.indexes.map((i) => i.name));
  return found;
}

function choice(keys: KeyAttributes, index?: string): KeyChoice {
  return {
    ...(index !== undefined ? { index } : {}),
    partitionKey: keys.partitionKey.property,
    ...(keys.sortKey ? { sortKey: keys.sortKey.property } : {}),
  };
}

function hasKey(keys: KeyAttributes, property: string): boolean {
  return keys.partitionKey.property === property || keys.sortKey?.property === property;
}

/**
 * Refuses a key condition object naming a property that is not a key of the target. (Nodes from
 * and() are checked by the expression layer, which knows their leaves; objects are the usual form.)
 */
export function checkKeyCondition(schema: ModelSchema, index: IndexSchema | undefined, keyCondition: unknown): void {
  const keys = index ?? schema.key;
  const target = choice(keys, index?.name);
  // A query without a key condition would reach DynamoDB and fail there: refuse it here.
  if (keyCondition === undefined || keyCondition === null) throw queryError.emptyKeyCondition(schema.className, target);
  if (typeof keyCondition !== 'object' || Array.isArray(keyCondition)) throw expressionError.notACondition(schema.className, keyCondition);
  if (isExpression(keyCondition)) return;
  const properties = Object.keys(keyCondition);
  if (properties.length === 0) throw queryError.emptyKeyCondition(schema.className, target);
  for (const property of properties) {
    if (hasKey(keys, property)) continue;
    const alternatives: KeyChoice[] = [];
    if (index && hasKey(schema.key, property)) alternatives.push(choice(schema.key));
    for (const other of schema.indexes) {
      if (other !== index && hasKey(other, property)) alternatives.push(choice(other, other.name));
    }
    throw queryError.notAKey(schema.className, property, target, alternatives);
  }
}

/** Global indexes are eventually consistent only; DynamoDB would refuse the request. */
export function checkConsistent(schema: ModelSchema, index: IndexSchema | undefined): void {
  if (index?.type === 'global') throw queryError.consistentOnGlobalIndex(schema.className, index.name);
}

/** A whole number in [1, max], or the `query.invalid<Method>` error. */
export function checkCount(schema: ModelSchema, method: string, n: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) {
    throw queryError.badCount(schema.className, method, n, max === Number.MAX_SAFE_INTEGER ? undefined : max);
  }
  return n;
}

/** `"pk" (S), "sk" (S)`: key attribute names and types, to compare two models' keys. */
function keyText(keys: KeyAttributes | undefined): string {
  if (keys === undefined) return 'no such index';
  return [keys.partitionKey, keys.sortKey].filter((a) => a !== undefined).map((a) => `"${a!.name}" (${a!.scalarType})`).join(', ');
}

/** An index's keys and projection (what its items hold decides whether entities are complete). */
function indexText(index: IndexSchema | undefined): string {
  if (index === undefined) return 'no such index';
  const { type, nonKeyAttributes } = index.projection;
  return `${keyText(index)}, ${type}${nonKeyAttributes ? ` [${nonKeyAttributes.join(', ')}]` : ''}`;
}

/**
 * The models of a read of several entity types must be readable as one: one table, the same key
 * attributes (and index, when one is read), and entity types in the same attribute, all different.
 */
export function checkEntityModels(operation: string, schemas: readonly ModelSchema[], index: string | undefined): void {
  const names = schemas.map((s) => s.className).join(', ');
  const [first] = schemas;
  const types = new Map<string, string>();
  for (const s of schemas) {
    const entity = s.table.entity;
    if (entity === undefined) throw queryError.modelWithoutEntity(names, s.className, operation);
    const apart = (detail: string) => queryError.modelsApart(names, detail, operation);
    if (s.table.name !== first.table.name) throw apart(`${first.className} is in table "${first.table.name}" and ${s.className} in "${s.table.name}"`);
    if (keyText(s.key) !== keyText(first.key)) throw apart(`their table keys differ (${first.className}: ${keyText(first.key)}; ${s.className}: ${keyText(s.key)})`);
    if (index !== undefined && indexText(s.indexByName.get(index)) !== indexText(first.indexByName.get(index))) {
      throw apart(`index "${index}" differs (${first.className}: ${indexText(first.indexByName.get(index))}; ${s.className}: ${indexText(s.indexByName.get(index))})`);
    }
    if (entity.attribute !== first.table.entity!.attribute) {
      throw apart(`${first.className} keeps its entity type in "${first.table.entity!.attribute}" and ${s.className} in "${entity.attribute}"`);
    }
    const same = types.get(entity.value);
    if (same !== undefined) {
      throw apart(same === s.className
        ? `${s.className} is listed twice: list each model once`
        : `${same} and ${s.className} have the same entity type "${entity.value}": give each its own (@Table({ entity: '...' }))`);
    }
    types.set(entity.value, s.className);
  }
}
