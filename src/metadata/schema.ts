/**
 * The schema builder: turns the raw facts of a class and its parents into one frozen schema,
 * once, lazily, reporting every definition problem of the class together as one ModelError.
 */
import type { ModelProblem } from '../errors/classes';
import { modelError, modelProblem } from '../errors/model';
import { resolveAttribute } from './attribute';
import { buildIndexes } from './indexes';
import { rawModelOf, recordedClasses, registeredTables } from './registry';
import { resolveTableOptions } from './table-options';
import type {
  AttributeSchema,
  Constructor,
  DocumentSchema,
  ModelSchema,
  RawIndex,
  RawProperty,
  TableOptions,
} from './types';

const documentCache = new WeakMap<Constructor, DocumentSchema>();
const modelCache = new WeakMap<Constructor, ModelSchema>();

/** Raw facts of the class chain, root first; a child's fact for a property replaces its parent's. */
interface Collected {
  properties: RawProperty[][];
  indexes: RawIndex[];
  table?: TableOptions;
  /** The class that carries the @Table in effect (the nearest in the chain): its name is the default table name. */
  tableOwner?: Constructor;
  /** A class of the chain that carries @Table more than once. */
  tableTwice?: { readonly owner: Constructor; readonly count: number };
}

function collect(target: Constructor): Collected {
  const chain: Constructor[] = [];
  for (let c: unknown = target; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    chain.unshift(c as Constructor);
  }
  const byProperty = new Map<string, RawProperty[]>();
  const indexes = new Map<string, RawIndex[]>();
  let table: TableOptions | undefined;
  let tableOwner: Constructor | undefined;
  let tableTwice: Collected['tableTwice'];
  for (const cls of chain) {
    const raw = rawModelOf(cls);
    if (!raw) continue;
    if ((raw.tableDecorators ?? 0) > 1) tableTwice = { owner: cls, count: raw.tableDecorators! };
    const own = new Map<string, RawProperty[]>();
    for (const fact of raw.properties) {
      const list = own.get(fact.property) ?? [];
      list.push(fact);
      own.set(fact.property, list);
    }
    for (const [prop, facts] of own) {
      byProperty.delete(prop); // re-insert so the child's declaration order wins for overridden properties
      byProperty.set(prop, facts);
    }
    const ownIndexes = new Map<string, RawIndex[]>();
    for (const index of raw.indexes) ownIndexes.set(index.name, [...(ownIndexes.get(index.name) ?? []), index]);
    for (const [name, list] of ownIndexes) indexes.set(name, list);
    if (raw.table !== undefined) {
      table = raw.table;
      tableOwner = cls;
    }
  }
  return { properties: [...byProperty.values()], indexes: [...indexes.values()].flat(), table, tableOwner, tableTwice };
}

function buildAttributes(target: Constructor, className: string, facts: RawProperty[][], problems: ModelProblem[]): AttributeSchema[] {
  const attributes: AttributeSchema[] = [];
  for (const list of facts) {
    if (list.length > 1) {
      problems.push(modelProblem.twoDecorators(className, list[0].property, list.map((f) => f.source)));
      continue;
    }
    const attr = resolveAttribute(target, list[0], className, problems);
    if (attr) attributes.push(attr);
  }
  const byName = new Map<string, string[]>();
  for (const a of attributes) byName.set(a.name, [...(byName.get(a.name) ?? []), a.property]);
  for (const [name, props] of byName) {
    if (props.length > 1) problems.push(modelProblem.duplicateAttributeName(className, name, props));
  }
  return attributes;
}

function documentOf(target: Constructor, attributes: AttributeSchema[]): DocumentSchema {
  return {
    target,
    className: target.name,
    attributes: Object.freeze(attributes),
    byProperty: new Map(attributes.map((a) => [a.property, a])),
    byName: new Map(attributes.map((a) => [a.name, a])),
  };
}

/** Checks the nested document classes an attribute list refers to (each once, cycles allowed). */
function checkNested(attributes: readonly AttributeSchema[], problems: ModelProblem[], seen: Set<Constructor>): void {
  for (const a of attributes) {
    if (!a.documentClass || seen.has(a.documentClass) || documentCache.has(a.documentClass)) continue;
    seen.add(a.documentClass);
    const nested = buildDocumentUnchecked(a.documentClass, problems);
    checkNested(nested.attributes, problems, seen);
  }
}

function buildDocumentUnchecked(target: Constructor, problems: ModelProblem[]): DocumentSchema {
  const { properties, table } = collect(target);
  const attributes = buildAttributes(target, target.name, properties, problems);
  // Keys, versions, timestamps and TTL belong to items: declared on a nested document class (not a
  // table model) they would do nothing, silently. Inherited from a base class the models share,
  // they are left alone (the base serves both).
  if (!table) {
    const declaredHere = new Set((rawModelOf(target)?.properties ?? []).filter((f) => f.role !== 'attribute').map((f) => f.property));
    for (const a of attributes) {
      if (a.role !== 'attribute' && declaredHere.has(a.property)) problems.push(modelProblem.roleInDocument(target.name, a.property, ROLE_DECORATORS[a.role]));
    }
  }
  return documentOf(target, attributes);
}

const ROLE_DECORATORS: Record<AttributeSchema['role'], string> = {
  attribute: '@Attribute', partitionKey: '@PartitionKey', sortKey: '@SortKey', version: '@Version',
  createdAt: '@CreatedAt', updatedAt: '@UpdatedAt', ttl: '@TimeToLive',
};

/** The schema of a nested document class (a class whose fields carry @Attribute). */
export function getDocumentSchema(target: Constructor): DocumentSchema {
  if (typeof target !== 'function') throw modelError.of([modelProblem.notAClass(target)]);
  const cached = documentCache.get(target);
  if (cached) return cached;
  const problems: ModelProblem[] = [];
  const doc = buildDocumentUnchecked(target, problems);
  checkNested(doc.attributes, problems, new Set([target]));
  if (problems.length) throw modelError.of(problems);
  const frozen = Object.freeze(doc);
  documentCache.set(target, frozen);
  return frozen;
}

function single(attributes: AttributeSchema[], role: AttributeSchema['role']): AttributeSchema[] {
  return attributes.filter((a) => a.role === role);
}

/** The schema of a table model (a class with @Table itself or on a parent). Built once, then cached. */
export function getModelSchema(target: Constructor): ModelSchema {
  const cached = modelCache.get(target);
  if (cached) return cached;
  if (typeof target !== 'function') throw modelError.of([modelProblem.notAClass(target)]);
  const className = target.name || 'AnonymousClass';
  const problems: ModelProblem[] = [];
  const { properties, indexes: rawIndexes, table, tableOwner, tableTwice } = collect(target);
  if (table === undefined) throw modelError.of([modelProblem.noTable(className)]);
  if (tableTwice) problems.push(modelProblem.tableTwice(tableTwice.owner.name, tableTwice.count));

  const attributes = buildAttributes(target, className, properties, problems);
  const pks = single(attributes, 'partitionKey');
  const sks = single(attributes, 'sortKey');
  // A partition key refused for its own reason (its type unknown, say) is not also "missing".
  if (pks.length === 0 && !properties.some((facts) => facts.some((raw) => raw.role === 'partitionKey'))) problems.push(modelProblem.noPartitionKey(className));
  if (pks.length > 1) problems.push(modelProblem.twoPartitionKeys(className, pks.map((a) => a.property)));
  if (sks.length > 1) problems.push(modelProblem.twoSortKeys(className, sks.map((a) => a.property)));
  const roles = [['version', '@Version'], ['createdAt', '@CreatedAt'], ['updatedAt', '@UpdatedAt'], ['ttl', '@TimeToLive']] as const;
  for (const [role, decorator] of roles) {
    const found = single(attributes, role);
    if (found.length > 1) problems.push(modelProblem.twoOfRole(className, decorator, found.map((a) => a.property)));
  }

  // A subclass without @Table of its own lives in its parent's table: `@Table()` names it after the class that carries it.
  const ttl = single(attributes, 'ttl')[0];
  if (ttl && Buffer.byteLength(ttl.name, 'utf8') > 255) {
    problems.push(modelProblem.badAttributeName(className, ttl.property, ttl.name, 'the TTL attribute\'s name is 1 to 255 bytes (UpdateTimeToLive refuses a longer one)'));
  }
  const tableOptions = resolveTableOptions(className, table, problems, tableOwner?.name || className);
  const entityAttribute = tableOptions?.entity?.attribute;
  for (const attr of attributes) {
    if (attr.name === entityAttribute) problems.push(modelProblem.entityAttributeTaken(className, attr.property, attr.name));
  }
  const doc = documentOf(target, attributes);
  const key = pks[0] ? { partitionKey: pks[0], ...(sks[0] ? { sortKey: sks[0] } : {}) } : undefined;
  const indexes = key ? buildIndexes(className, rawIndexes, doc, key, tableOptions, problems) : [];
  checkNested(attributes, problems, new Set([target]));
  if (problems.length || !key || !tableOptions) throw modelError.of(problems);

  const optional = (role: AttributeSchema['role']) => {
    const a = single(attributes, role)[0];
    return a ? { [role === 'ttl' ? 'ttl' : role]: a } : {};
  };
  const schema: ModelSchema = Object.freeze({
    ...doc,
    table: tableOptions,
    key: Object.freeze(key),
    indexes: Object.freeze(indexes),
    indexByName: new Map(indexes.map((i) => [i.name, i])),
    ...optional('version'),
    ...optional('createdAt'),
    ...optional('updatedAt'),
    ...optional('ttl'),
  });
  modelCache.set(target, schema);
  return schema;
}

/**
 * The table name a class's @Table declares (or inherits), without building its schema: to find
 * the models of one table without tripping over an unrelated model's definition errors.
 */
export function declaredTableName(target: Constructor): string | undefined {
  const { table, tableOwner } = collect(target);
  if (table === undefined) return undefined;
  return table !== null && typeof table === 'object' && typeof table.name === 'string' ? table.name : (tableOwner ?? target).name;
}

/**
 * Whether a class that inherits its @Table changes the table: it declares a key, an index or a
 * @TimeToLive of its own. Then it is a model of the table in its own right (sync must see its sort key and
 * indexes). One that only adds attributes — or extends a model to be used as a nested document —
 * is its parent's model (entity type included), not a second model of the table.
 */
function definesTable(target: Constructor): boolean {
  const raw = rawModelOf(target);
  return raw !== undefined && (raw.indexes.length > 0 || raw.properties.some((p) => p.role === 'partitionKey' || p.role === 'sortKey' || p.role === 'ttl'));
}

/**
 * The registered table models: every @Table class, and every class that inherits its @Table and
 * adds a key, an index or a TTL (see definesTable). Some may be templates of others (an abstract base
 * holding the partition key): the table layer leaves those out (table/table-models.ts).
 */
export function registeredModels(): Constructor[] {
  const tables = new Set(registeredTables());
  // In the order the classes were defined; a @Table class a registry of an older copy did not record comes last.
  const models = recordedClasses().filter((c) => tables.has(c) || (definesTable(c) && isTableModel(c)));
  return [...new Set([...models, ...tables])];
}

/** The class whose @Table a model's table options come from: itself, or the parent it inherits them from. */
export function tableOwnerOf(target: Constructor): Constructor {
  return collect(target).tableOwner ?? target;
}

/** True if the class or a parent carries @Table (it is a table model, not only a document class). */
export function isTableModel(target: Constructor): boolean {
  return collect(target).table !== undefined;
}

/** True if a schema for the class was already built (further definitions would be ignored). */
export function isSchemaBuilt(target: Constructor): boolean {
  return modelCache.has(target) || documentCache.has(target);
}
