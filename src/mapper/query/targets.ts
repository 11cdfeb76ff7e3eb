/**
 * What a query or scan reads — the table or one index — and the checks that depend on it, made
 * when the builder is created so a mistake points at the call that made it: an unknown index, a
 * key condition on properties that are not that target's keys (with the keys it could use, and the
 * indexes where the property is a key), a strongly consistent read of a global index.
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
