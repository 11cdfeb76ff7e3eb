/**
 * Table definitions: the models of one table (several in single-table design) → one
 * CreateTableCommandInput. Pure: no client, no I/O. The models must agree on everything the table
 * has once (key, options, TTL attribute, each index); every disagreement is reported together as
 * one ModelError, before any request is sent.
 */
import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  KeySchemaElement,
  LocalSecondaryIndex,
  Projection,
  ProvisionedThroughput,
  ScalarAttributeType,
} from '@aws-sdk/client-dynamodb';
import type { ModelProblem } from '../errors/classes';
import { modelError, modelProblem } from '../errors/model';
import { syncError, tableProblem } from '../errors/sync';
import { isValidTableName } from '../metadata/names';
import { tableOwnerOf } from '../metadata/schema';
import type { AttributeSchema, IndexSchema, KeyAttributes, ModelSchema, ProjectionSchema, ResolvedTableOptions } from '../metadata/types';
import { formatKeySchema, formatProjection } from './format';

const MAX_GSI = 20;
const MAX_LSI = 5;
const MAX_PROJECTED = 100;

/** One table as the models declare it: the CreateTable input plus what CreateTable cannot say. */
export interface TableDefinition {
  readonly input: CreateTableCommandInput;
  /** The attribute TTL is enabled on (from @TimeToLive), if any model of the table has one. */
  readonly ttlAttribute?: string;
  /** Class names of the models sharing the table, for messages. */
  readonly models: readonly string[];
  /** The attribute the table's entity models keep their type in (single-table design), if any. */
  readonly entityAttribute?: string;
}

/** Groups schemas by full table name (prefix included), keeping first-seen order; a schema listed twice counts once. */
export function groupByTable(schemas: readonly ModelSchema[], tablePrefix: string): Map<string, ModelSchema[]> {
  const groups = new Map<string, ModelSchema[]>();
  for (const schema of schemas) {
    const name = tablePrefix + schema.table.name;
    const group = groups.get(name) ?? [];
    if (!group.includes(schema)) group.push(schema);
    groups.set(name, group);
  }
  return groups;
}

/** The CreateTableCommandInput of the table the given models share (table name = prefix + @Table name). */
export function createTableInput(schemas: readonly ModelSchema[], tablePrefix = ''): CreateTableCommandInput {
  return tableDefinition(schemas, tablePrefix).input;
}

/** A declared index with the class that declared it first and its definition in SDK form. */
interface MergedIndex {
  readonly owner: ModelSchema;
  readonly schema: IndexSchema;
  /** Everything that makes two declarations the same index, as comparable text. */
  readonly text: string;
  readonly sdk: GlobalSecondaryIndex | LocalSecondaryIndex;
}

export function tableDefinition(schemas: readonly ModelSchema[], tablePrefix = ''): TableDefinition {
  const first = schemas[0];
  if (!first) throw syncError.noModels();
  const problems: ModelProblem[] = [];
  const table = first.table;
  const fullName = tablePrefix + table.name;

  for (const other of schemas.slice(1)) {
    if (other.table.name !== table.name) {
      problems.push(tableProblem.differentTables(first.className, table.name, other.className, other.table.name));
      continue;
    }
    checkSameKey(first, other, problems);
    checkSameOptions(first, other, problems);
  }
  const ttlAttribute = mergeTtl(schemas, problems);
  const entityAttribute = checkEntities(schemas, problems);
  const indexes = mergeIndexes(schemas, entityAttribute, problems);
  const definitions = attributeDefinitions(first, indexes, problems);
  checkKeyAttributeTypes(schemas, first, indexes, problems);
  if (entityAttribute !== undefined) checkEntityAttributeFree(schemas, entityAttribute, problems);

  const gsis = indexes.filter((i) => i.schema.type === 'global');
  const lsis = indexes.filter((i) => i.schema.type === 'local');
  if (gsis.length > MAX_GSI) problems.push(tableProblem.tooManyIndexes(first.className, table.name, 'global', gsis.length, MAX_GSI));
  if (lsis.length > MAX_LSI) problems.push(tableProblem.tooManyIndexes(first.className, table.name, 'local', lsis.length, MAX_LSI));
  // DynamoDB counts an attribute projected into two indexes twice.
  const projected = indexes.reduce((n, i) => n + (i.schema.projection.nonKeyAttributes?.length ?? 0), 0);
  if (projected > MAX_PROJECTED) problems.push(tableProblem.tooManyProjected(first.className, table.name, projected));
  if (isValidTableName(table.name) && !isValidTableName(fullName)) {
    problems.push(tableProblem.badPrefixedName(first.className, tablePrefix, table.name));
  }
  if (problems.length) throw modelError.of(problems);

  const input: CreateTableCommandInput = {
    TableName: fullName,
    AttributeDefinitions: definitions,
    KeySchema: keySchemaOf(first.key),
    ...billingOf(table.billing),
    ...(gsis.length ? { GlobalSecondaryIndexes: gsis.map((i) => i.sdk as GlobalSecondaryIndex) } : {}),
    ...(lsis.length ? { LocalSecondaryIndexes: lsis.map((i) => i.sdk as LocalSecondaryIndex) } : {}),
    ...(table.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } } : {}),
    ...(table.tableClass ? { TableClass: table.tableClass } : {}),
    ...(table.tags ? { Tags: Object.entries(table.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
    ...(table.deletionProtection !== undefined ? { DeletionProtectionEnabled: table.deletionProtection } : {}),
  };
  return {
    input,
    ...(ttlAttribute !== undefined ? { ttlAttribute } : {}),
    ...(entityAttribute !== undefined ? { entityAttribute } : {}),
    models: schemas.map((s) => s.className),
  };
}

function keySchemaOf(key: KeyAttributes): KeySchemaElement[] {
  return [
    { AttributeName: key.partitionKey.name, KeyType: 'HASH' },
    ...(key.sortKey ? [{ AttributeName: key.sortKey.name, KeyType: 'RANGE' as const }] : []),
  ];
}

function keyDefinitionsOf(key: KeyAttributes): AttributeDefinition[] {
  return [key.partitionKey, ...(key.sortKey ? [key.sortKey] : [])].map((a) => ({
    AttributeName: a.name,
    AttributeType: (a.scalarType ?? '?') as ScalarAttributeType,
  }));
}

/** `HASH "pk" (S), RANGE "sk" (S)` for a model's table key or an index key. */
export function keyText(key: KeyAttributes): string {
  return formatKeySchema(keySchemaOf(key), keyDefinitionsOf(key));
}

function throughputOf(capacity: { read: number; write: number }): ProvisionedThroughput {
  return { ReadCapacityUnits: capacity.read, WriteCapacityUnits: capacity.write };
}

function billingOf(billing: ResolvedTableOptions['billing']): Pick<CreateTableCommandInput, 'BillingMode' | 'ProvisionedThroughput'> {
  if (billing === 'PAY_PER_REQUEST') return { BillingMode: 'PAY_PER_REQUEST' };
  return { BillingMode: 'PROVISIONED', ProvisionedThroughput: throughputOf(billing) };
}

function projectionOf(projection: ProjectionSchema): Projection {
  if (projection.type !== 'INCLUDE') return { ProjectionType: projection.type };
  return { ProjectionType: 'INCLUDE', NonKeyAttributes: [...(projection.nonKeyAttributes ?? [])] };
}

function checkSameKey(first: ModelSchema, other: ModelSchema, problems: ModelProblem[]): void {
  const a = keyText(first.key);
  const b = keyText(other.key);
  if (a !== b) {
    problems.push(modelProblem.tableMismatch(first.table.name, first.className, other.className,
      `declare different table keys (${first.className}: ${a}; ${other.className}: ${b})`));
  }
}

/** The options a table has once, as comparable JSON (tags sorted so their order does not matter). */
function optionValues(t: ResolvedTableOptions): Record<string, string> {
  const tags = t.tags ? Object.fromEntries(Object.entries(t.tags).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : undefined;
  const values: Record<string, unknown> = {
    billing: t.billing,
    stream: t.stream,
    tableClass: t.tableClass,
    tags,
    deletionProtection: t.deletionProtection,
  };
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === undefined ? 'not set' : JSON.stringify(v)]));
}

function checkSameOptions(first: ModelSchema, other: ModelSchema, problems: ModelProblem[]): void {
  const a = optionValues(first.table);
  const b = optionValues(other.table);
  const differing = Object.keys(a).filter((k) => a[k] !== b[k]);
  if (differing.length === 0) return;
  const detail = differing.map((k) => `${k}: ${a[k]} in ${first.className}, ${b[k]} in ${other.className}`).join('; ');
  problems.push(modelProblem.tableMismatch(first.table.name, first.className, other.className,
    `declare different @Table options (${detail})`));
}

function mergeTtl(schemas: readonly ModelSchema[], problems: ModelProblem[]): string | undefined {
  let found: { name: string; owner: string } | undefined;
  for (const s of schemas) {
    if (!s.ttl) continue;
    if (!found) found = { name: s.ttl.name, owner: s.className };
    else if (found.name !== s.ttl.name) {
      problems.push(modelProblem.tableMismatch(s.table.name, found.owner, s.className,
        `have different @TimeToLive attributes ("${found.name}" in ${found.owner}, "${s.ttl.name}" in ${s.className}): a table has one TTL attribute`));
    }
  }
  return found?.name;
}

/**
 * Single-table design: the models of a table that have an entity type must keep it in the same
 * attribute, and no two may use the same type (their reads could not tell their items apart).
 */
function checkEntities(schemas: readonly ModelSchema[], problems: ModelProblem[]): string | undefined {
  const byValue = new Map<string, ModelSchema>();
  let first: ModelSchema | undefined;
  for (const s of schemas) {
    const entity = s.table.entity;
    if (!entity) continue;
    if (!first) first = s;
    else if (first.table.entity!.attribute !== entity.attribute) {
      problems.push(modelProblem.tableMismatch(s.table.name, first.className, s.className,
        `keep their entity types in different attributes ("${first.table.entity!.attribute}" in ${first.className}, ` +
        `"${entity.attribute}" in ${s.className}): give them the same @Table({ entityAttribute })`));
    }
    const same = byValue.get(entity.value);
    // Two classes under one @Table (a subclass that inherits it and adds an index) are one entity
    // type refined, not two owners of the type; a subclass's own @Table naming the type again is.
    if (same && tableOwnerOf(same.target) !== tableOwnerOf(s.target)) {
      problems.push(modelProblem.sameEntity(s.table.name, same.className, s.className, entity.value));
    } else byValue.set(entity.value, s);
  }
  return first?.table.entity!.attribute;
}

/**
 * An index as a model without an entity type declares it, in a table whose entity models project
 * their entity attribute into every index (see metadata/indexes.ts): with that attribute too, so
 * that both declare the same index.
 */
function withEntityAttribute(index: IndexSchema, attribute: string): IndexSchema {
  const { type, nonKeyAttributes = [] } = index.projection;
  if (type === 'ALL' || nonKeyAttributes.includes(attribute)) return index;
  return { ...index, projection: { type: 'INCLUDE', nonKeyAttributes: [...nonKeyAttributes, attribute] } };
}

/** The SDK form of one declared index, or undefined (with a problem) when it cannot be built. */
function indexOf(owner: ModelSchema, index: IndexSchema, problems: ModelProblem[]): GlobalSecondaryIndex | LocalSecondaryIndex | undefined {
  const base = { IndexName: index.name, KeySchema: keySchemaOf(index), Projection: projectionOf(index.projection) };
  if (index.type === 'local') return base;
  const billing = owner.table.billing;
  if (billing === 'PAY_PER_REQUEST') {
    if (index.throughput) {
      problems.push(tableProblem.indexThroughputOnDemand(owner.className, owner.table.name, index.name));
      return undefined;
    }
    return base;
  }
  // Under provisioned billing every GSI needs capacity: its own, else the table's.
  return { ...base, ProvisionedThroughput: throughputOf(index.throughput ?? billing) };
}

function indexText(index: IndexSchema, sdk: GlobalSecondaryIndex | LocalSecondaryIndex): string {
  const capacity = 'ProvisionedThroughput' in sdk && sdk.ProvisionedThroughput
    ? `, capacity ${sdk.ProvisionedThroughput.ReadCapacityUnits}/${sdk.ProvisionedThroughput.WriteCapacityUnits}`
    : '';
  return `${index.type} ${keyText(index)}, ${formatProjection(sdk.Projection)}${capacity}`;
}

/** All indexes of the table by name, in first-declared order; one name declared two ways is a problem. */
function mergeIndexes(schemas: readonly ModelSchema[], entityAttribute: string | undefined, problems: ModelProblem[]): MergedIndex[] {
  const merged = new Map<string, MergedIndex>();
  for (const owner of schemas) {
    for (const declared of owner.indexes) {
      const schema = entityAttribute !== undefined && !owner.table.entity ? withEntityAttribute(declared, entityAttribute) : declared;
      const sdk = indexOf(owner, schema, problems);
      if (!sdk) continue;
      const text = indexText(schema, sdk);
      const seen = merged.get(schema.name);
      if (!seen) merged.set(schema.name, { owner, schema, text, sdk });
      else if (seen.text !== text) {
        problems.push(modelProblem.tableMismatch(owner.table.name, seen.owner.className, owner.className,
          `declare index "${schema.name}" differently (${seen.owner.className}: ${seen.text}; ${owner.className}: ${text})`));
      }
    }
  }
  return [...merged.values()];
}

/** Where an attribute name is a key of the table: the model that declares it, what key it is, its type. */
interface KeyUse {
  readonly owner: ModelSchema;
  readonly role: string;
  readonly type: string;
}

/**
 * Another model of the table may store, under a name that is a table or index key, a value of
 * another type (a number where an index's partition key is a string) or no scalar at all: DynamoDB
 * refuses every such write ("Type mismatch for Index Key"). Refused here, for the whole table.
 */
function checkKeyAttributeTypes(schemas: readonly ModelSchema[], first: ModelSchema, indexes: readonly MergedIndex[], problems: ModelProblem[]): void {
  const keys = new Map<string, KeyUse>();
  const use = (owner: ModelSchema, attr: AttributeSchema, role: string) => {
    if (attr.scalarType && !keys.has(attr.name)) keys.set(attr.name, { owner, role, type: attr.scalarType });
  };
  use(first, first.key.partitionKey, 'the table\'s partition key');
  if (first.key.sortKey) use(first, first.key.sortKey, 'the table\'s sort key');
  for (const index of indexes) {
    use(index.owner, index.schema.partitionKey, `the partition key of index "${index.schema.name}"`);
    if (index.schema.sortKey) use(index.owner, index.schema.sortKey, `the sort key of index "${index.schema.name}"`);
  }
  for (const s of schemas) {
    // A model's own keys are compared as keys (checkSameKey, attributeDefinitions).
    const ownKeys = new Set([s.key.partitionKey, s.key.sortKey, ...s.indexes.flatMap((i) => [i.partitionKey, i.sortKey])].map((a) => a?.name));
    for (const attr of s.attributes) {
      const key = keys.get(attr.name);
      if (!key || ownKeys.has(attr.name) || attr.scalarType === key.type) continue;
      // A value whose type the model does not fix ('any', a converter without keyType) may be of the key's type.
      if (!attr.scalarType && (attr.kind === 'any' || attr.converter !== undefined)) continue;
      problems.push(modelProblem.tableMismatch(s.table.name, key.owner.className, s.className,
        `store attribute "${attr.name}" differently: it is ${key.role} (${key.type}) in ${key.owner.className}, and ${s.className}.${attr.property} ` +
        `stores a ${attr.kind} (${attr.scalarType ?? 'not a string, number or binary'}) there, a write DynamoDB refuses ("Type mismatch for Index Key")`));
    }
  }
}

/** A model without an entity type must not store a property where the table's entity models keep their types. */
function checkEntityAttributeFree(schemas: readonly ModelSchema[], entityAttribute: string, problems: ModelProblem[]): void {
  const owner = schemas.find((s) => s.table.entity)!;
  for (const s of schemas) {
    if (s.table.entity) continue; // its own properties were checked with the model
    const attr = s.byName.get(entityAttribute);
    if (attr) {
      problems.push(modelProblem.tableMismatch(s.table.name, owner.className, s.className,
        `${s.className}.${attr.property} is stored as "${entityAttribute}", the attribute where ${owner.className} keeps its entity type, ` +
        `so its values would make items read as another entity's: rename the property's attribute (@Attribute({ name }))`));
    }
  }
}

/** Only the attributes of the table key and of index keys, each once (DynamoDB refuses any other). */
function attributeDefinitions(first: ModelSchema, indexes: readonly MergedIndex[], problems: ModelProblem[]): AttributeDefinition[] {
  const seen = new Map<string, { type: string; owner: string }>();
  const result: AttributeDefinition[] = [];
  const add = (owner: ModelSchema, attr: AttributeSchema, role: 'partition key' | 'sort key', where: string) => {
    if (!attr.scalarType) {
      // The schema builder already refuses such keys; kept so a gap there cannot emit a bad input.
      problems.push(modelProblem.keyKind(owner.className, attr.property, role, attr.kind));
      return;
    }
    const known = seen.get(attr.name);
    if (!known) {
      seen.set(attr.name, { type: attr.scalarType, owner: owner.className });
      result.push({ AttributeName: attr.name, AttributeType: attr.scalarType });
    } else if (known.type !== attr.scalarType) {
      problems.push(modelProblem.tableMismatch(owner.table.name, known.owner, owner.className,
        `use attribute "${attr.name}" as a key with different types (${known.type} in ${known.owner}, ${attr.scalarType} in ${owner.className} as ${role} of ${where})`));
    }
  };
  add(first, first.key.partitionKey, 'partition key', 'the table');
  if (first.key.sortKey) add(first, first.key.sortKey, 'sort key', 'the table');
  for (const index of indexes) {
    add(index.owner, index.schema.partitionKey, 'partition key', `index "${index.schema.name}"`);
    if (index.schema.sortKey) add(index.owner, index.schema.sortKey, 'sort key', `index "${index.schema.name}"`);
  }
  return result;
}
