/**
 * The diff: the table as declared (a CreateTable input) against the table as described
 * (DescribeTable, DescribeTimeToLive) → a plan of the steps sync may take. Pure: no client.
 *
 * Sync only adds: a missing table, a missing global index, TTL. Anything else that differs
 * either cannot be changed in place (key schema, attribute types, local indexes, an index's key
 * — all of them a SyncError listing every difference) or is not sync's to change (extra indexes,
 * billing, stream, ... — a note in the plan). Nothing is ever deleted.
 */
import type {
  AttributeDefinition,
  CreateGlobalSecondaryIndexAction,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  GlobalSecondaryIndexDescription,
  LocalSecondaryIndex,
  LocalSecondaryIndexDescription,
  Projection,
  TableDescription,
  TimeToLiveDescription,
} from '@aws-sdk/client-dynamodb';
import { syncError } from '../errors/sync';
import { formatKeySchema, formatProjection, sameKeySchema, sameProjection } from './format';
import type { CreateGlobalIndexStep, EnableTtlStep, PlanStep, TablePlan } from './types';

/** DynamoDB's per-table limits (see /shared/reference: 20 global indexes, 100 projected attributes across all indexes). */
const MAX_GLOBAL_INDEXES = 20;
const MAX_PROJECTED = 100;

type AnyIndex = GlobalSecondaryIndex | LocalSecondaryIndex | GlobalSecondaryIndexDescription | LocalSecondaryIndexDescription;

/**
 * Plans one table. `actual` undefined: the table does not exist. `actualTtl` undefined: unknown
 * (table absent, or the engine cannot describe TTL) — then TTL is enabled if declared.
 * Throws SyncError `sync.incompatible` listing every difference sync cannot apply.
 * `entityAttribute`: the attribute the table's entity models keep their type in, if any.
 */
export function planTable(
  declared: CreateTableCommandInput,
  ttlAttribute: string | undefined,
  actual: TableDescription | undefined,
  actualTtl: TimeToLiveDescription | undefined,
  entityAttribute?: string,
): TablePlan {
  const table = declared.TableName ?? '';
  const ttlStep: EnableTtlStep[] = ttlAttribute !== undefined ? [{ kind: 'enableTtl', table, attribute: ttlAttribute }] : [];
  if (!actual) {
    return { table, steps: [{ kind: 'createTable', table, input: declared }, ...ttlStep], notes: [], unchanged: false };
  }
  if (actual.TableStatus === 'DELETING') throw syncError.tableDeleting(table);

  const differences: string[] = [];
  const notes: string[] = [];
  compareTableKey(declared, actual, differences);
  compareAttributeTypes(declared, actual, differences);
  compareLocalIndexes(declared, actual, differences, notes);
  const limits: string[] = [];
  const steps: PlanStep[] = planGlobalIndexes(declared, actual, differences, notes, limits, entityAttribute);
  const ttl = planTtl(table, ttlAttribute, actualTtl, differences, notes);
  if (ttl) steps.push(ttl);
  noteOptions(declared, actual, notes);
  if (differences.length) throw syncError.incompatible(table, differences);
  if (limits.length) throw syncError.tableLimit(table, limits);
  return { table, steps, notes, unchanged: steps.length === 0 };
}

function describeIndex(index: AnyIndex, definitions: readonly AttributeDefinition[] | undefined): string {
  return `${formatKeySchema(index.KeySchema, definitions)}, ${formatProjection(index.Projection)}`;
}

function compareTableKey(declared: CreateTableCommandInput, actual: TableDescription, differences: string[]): void {
  if (sameKeySchema(declared.KeySchema, actual.KeySchema)) return;
  differences.push(
    `table key schema: declared ${formatKeySchema(declared.KeySchema, declared.AttributeDefinitions)}; ` +
      `actual ${formatKeySchema(actual.KeySchema, actual.AttributeDefinitions)}`,
  );
}

/** Where each declared attribute definition is used, for messages: `table key`, `index "byGenre"`. */
function usesOf(declared: CreateTableCommandInput): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  const add = (name: string | undefined, use: string) => {
    if (name !== undefined) uses.set(name, [...(uses.get(name) ?? []), use]);
  };
  for (const k of declared.KeySchema ?? []) add(k.AttributeName, 'table key');
  for (const i of [...(declared.GlobalSecondaryIndexes ?? []), ...(declared.LocalSecondaryIndexes ?? [])]) {
    for (const k of i.KeySchema ?? []) add(k.AttributeName, `key of index "${i.IndexName}"`);
  }
  return uses;
}

/**
 * An attribute has one type per table: a declared key attribute (table or index) whose existing
 * definition has another type can neither be used as is nor be redefined.
 */
function compareAttributeTypes(declared: CreateTableCommandInput, actual: TableDescription, differences: string[]): void {
  const uses = usesOf(declared);
  for (const d of declared.AttributeDefinitions ?? []) {
    const a = actual.AttributeDefinitions?.find((x) => x.AttributeName === d.AttributeName);
    if (!a || a.AttributeType === d.AttributeType || d.AttributeName === undefined) continue;
    const use = uses.get(d.AttributeName)?.join(', ') ?? 'key';
    differences.push(`attribute "${d.AttributeName}" (${use}): declared type ${d.AttributeType}, actual type ${a.AttributeType}`);
  }
}

function compareLocalIndexes(declared: CreateTableCommandInput, actual: TableDescription, differences: string[], notes: string[]): void {
  const existing = actual.LocalSecondaryIndexes ?? [];
  for (const d of declared.LocalSecondaryIndexes ?? []) {
    const a = existing.find((x) => x.IndexName === d.IndexName);
    const want = describeIndex(d, declared.AttributeDefinitions);
    if (!a) {
      const global = (actual.GlobalSecondaryIndexes ?? []).some((x) => x.IndexName === d.IndexName);
      differences.push(global
        ? `index "${d.IndexName}": declared as a local index; actual: a global index of that name`
        : `local index "${d.IndexName}": declared ${want}; actual: the table has no such index ` +
          `(local indexes can only be created together with the table)`);
    } else if (!sameKeySchema(d.KeySchema, a.KeySchema) || !sameProjection(d.Projection, a.Projection)) {
      differences.push(`local index "${d.IndexName}": declared ${want}; actual ${describeIndex(a, actual.AttributeDefinitions)}`);
    }
  }
  for (const a of existing) {
    if (!(declared.LocalSecondaryIndexes ?? []).some((d) => d.IndexName === a.IndexName)) {
      notes.push(`local index "${a.IndexName}" exists but no model declares it; sync leaves it alone.`);
    }
  }
}

function billingModeOf(actual: TableDescription): string {
  // A table created with provisioned capacity that never switched mode has no BillingModeSummary.
  return actual.BillingModeSummary?.BillingMode ?? 'PROVISIONED';
}

/**
 * The UpdateTable Create action for a declared GSI. Capacity follows the table as it is, not as
 * declared: DynamoDB requires it on a provisioned table and refuses it on an on-demand one.
 */
function createAction(d: GlobalSecondaryIndex, actual: TableDescription): CreateGlobalSecondaryIndexAction {
  const action: CreateGlobalSecondaryIndexAction = { IndexName: d.IndexName, KeySchema: d.KeySchema, Projection: d.Projection };
  if (billingModeOf(actual) !== 'PROVISIONED') return action;
  const table = actual.ProvisionedThroughput;
  const throughput = d.ProvisionedThroughput ?? {
    ReadCapacityUnits: table?.ReadCapacityUnits || 1,
    WriteCapacityUnits: table?.WriteCapacityUnits || 1,
  };
  return { ...action, ProvisionedThroughput: throughput };
}

function definitionsFor(index: GlobalSecondaryIndex, declared: CreateTableCommandInput): AttributeDefinition[] {
  const names = (index.KeySchema ?? []).map((k) => k.AttributeName);
  return (declared.AttributeDefinitions ?? []).filter((d) => names.includes(d.AttributeName));
}

/** True when an index's items hold the attribute (ALL, or INCLUDE naming it). */
function projects(projection: AnyIndex['Projection'], attribute: string): boolean {
  return projection?.ProjectionType === 'ALL' || (projection?.NonKeyAttributes ?? []).includes(attribute);
}

/**
 * True when an index's actual projection holds every attribute its declared one does (key
 * attributes are in every projection): ALL holds everything, KEYS_ONLY is held by anything.
 */
function holdsDeclared(actual: AnyIndex['Projection'], declared: AnyIndex['Projection'], keys: readonly { AttributeName?: string }[]): boolean {
  if (actual?.ProjectionType === 'ALL' || (declared?.ProjectionType ?? 'ALL') === 'KEYS_ONLY') return true;
  if ((declared?.ProjectionType ?? 'ALL') === 'ALL') return false;
  const held = new Set([...(actual?.NonKeyAttributes ?? []), ...keys.map((k) => k.AttributeName)]);
  return (declared?.NonKeyAttributes ?? []).every((name) => held.has(name));
}

function planGlobalIndexes(
  declared: CreateTableCommandInput, actual: TableDescription, differences: string[], notes: string[], limits: string[], entityAttribute?: string,
): CreateGlobalIndexStep[] {
  const table = declared.TableName ?? '';
  const existing = actual.GlobalSecondaryIndexes ?? [];
  const steps: CreateGlobalIndexStep[] = [];
  for (const d of declared.GlobalSecondaryIndexes ?? []) {
    const a = existing.find((x) => x.IndexName === d.IndexName);
    if (!a) {
      if ((actual.LocalSecondaryIndexes ?? []).some((x) => x.IndexName === d.IndexName)) {
        differences.push(`index "${d.IndexName}": declared as a global index; actual: a local index of that name`);
        continue;
      }
      steps.push({ kind: 'createGlobalIndex', table, index: createAction(d, actual), attributeDefinitions: definitionsFor(d, declared) });
    } else if (a.IndexStatus === 'DELETING') {
      notes.push(`global index "${d.IndexName}" is being deleted; run sync again when that has finished to create it as declared.`);
    } else if (!sameKeySchema(d.KeySchema, a.KeySchema)) {
      differences.push(
        `global index "${d.IndexName}" key schema: declared ${formatKeySchema(d.KeySchema, declared.AttributeDefinitions)}; ` +
          `actual ${formatKeySchema(a.KeySchema, actual.AttributeDefinitions)}`,
      );
    } else if (entityAttribute !== undefined && !projects(a.Projection, entityAttribute)) {
      // Not a note: the entity models' reads of this index filter on an attribute it does not hold,
      // so they would find nothing at all.
      differences.push(
        `global index "${d.IndexName}" projection: declared ${formatProjection(d.Projection)}, actual ` +
          `${formatProjection(a.Projection)}, without "${entityAttribute}", the attribute the models' entity types are kept in: ` +
          `their reads of the index would find nothing. Declare the index under a new name (sync creates it), or recreate it`,
      );
    } else if (!holdsDeclared(a.Projection, d.Projection, [...(actual.KeySchema ?? []), ...(a.KeySchema ?? [])])) {
      // Not a note either: the mapper reads the index as declared, so an entity read from it would
      // be taken as whole while it lacks attributes (a put of it would erase them from the item).
      differences.push(
        `global index "${d.IndexName}" projection: declared ${formatProjection(d.Projection)}, actual ` +
          `${formatProjection(a.Projection)}, which lacks attributes the declaration promises: entities read from the index would ` +
          `miss them (and a put of one would erase them). Declare the projection the index has, or declare the index under a ` +
          `new name (sync creates it)`,
      );
    } else if (!sameProjection(d.Projection, a.Projection)) {
      notes.push(
        `global index "${d.IndexName}" projection: declared ${formatProjection(d.Projection)}, actual ` +
          `${formatProjection(a.Projection)}; sync does not change projections (declare the index under a new name instead).`,
      );
    }
  }
  for (const a of existing) {
    const status = a.IndexStatus;
    if ((status === 'CREATING' || status === 'UPDATING') && (declared.GlobalSecondaryIndexes ?? []).some((d) => d.IndexName === a.IndexName)) {
      // Created by an earlier sync that timed out (a long backfill), or by someone else: not usable yet.
      notes.push(`global index "${a.IndexName}" exists but is still ${status}; sync waits until it is ACTIVE (a dry run does not wait).`);
    }
  }
  const undeclared = existing.filter((a) => !(declared.GlobalSecondaryIndexes ?? []).some((d) => d.IndexName === a.IndexName));
  for (const a of undeclared) notes.push(`global index "${a.IndexName}" exists but no model declares it; sync leaves it alone.`);
  checkTableLimits(actual, steps, undeclared.length, limits);
  return steps;
}

/**
 * The table's limits over the indexes it will have (the existing ones, those no model declares
 * included, and the new ones): found here, the plan fails before anything is changed, instead of
 * DynamoDB refusing a later index after earlier ones were added.
 */
function checkTableLimits(actual: TableDescription, steps: readonly CreateGlobalIndexStep[], undeclared: number, limits: string[]): void {
  const existing = actual.GlobalSecondaryIndexes ?? [];
  if (steps.length > 0 && existing.length + steps.length > MAX_GLOBAL_INDEXES) {
    limits.push(
      `global indexes: the table has ${existing.length}${undeclared ? ` (${undeclared} of them declared by no model)` : ''} and sync would add ` +
        `${steps.length}: DynamoDB allows ${MAX_GLOBAL_INDEXES} per table. Delete indexes no longer used (sync never deletes), or declare fewer`,
    );
  }
  const included = (p: Projection | undefined) => (p?.ProjectionType === 'INCLUDE' ? p.NonKeyAttributes?.length ?? 0 : 0);
  const before = [...existing, ...(actual.LocalSecondaryIndexes ?? [])].reduce((n, i) => n + included(i.Projection), 0);
  const added = steps.reduce((n, s) => n + included(s.index.Projection), 0);
  if (added > 0 && before + added > MAX_PROJECTED) {
    limits.push(
      `projected attributes: the table's indexes project ${before} non-key attributes (INCLUDE) and the new global indexes ` +
        `${added}: DynamoDB allows ${MAX_PROJECTED} across all of a table's indexes (an attribute in two indexes counts twice)`,
    );
  }
}

function planTtl(
  table: string,
  ttlAttribute: string | undefined,
  actualTtl: TimeToLiveDescription | undefined,
  differences: string[],
  notes: string[],
): EnableTtlStep | undefined {
  const status = actualTtl?.TimeToLiveStatus;
  const on = status === 'ENABLED' || status === 'ENABLING';
  if (ttlAttribute === undefined) {
    if (on) notes.push(`TTL is ${status} on "${actualTtl?.AttributeName}" but no model declares @TimeToLive; sync leaves it as it is.`);
    return undefined;
  }
  if (on) {
    if (actualTtl?.AttributeName === ttlAttribute) return undefined;
    differences.push(
      `TTL attribute: declared "${ttlAttribute}"; actual "${actualTtl?.AttributeName}" (${status}) — ` +
        `a table has one TTL attribute: disable TTL on the table first (UpdateTimeToLive), then sync`,
    );
    return undefined;
  }
  if (status === 'DISABLING') {
    notes.push(`TTL is being disabled on "${actualTtl?.AttributeName}"; DynamoDB lets it be enabled again only when that has finished: run sync later.`);
    return undefined;
  }
  return { kind: 'enableTtl', table, attribute: ttlAttribute };
}

/** Options sync does not change; a difference is worth telling, not failing over. */
function noteOptions(declared: CreateTableCommandInput, actual: TableDescription, notes: string[]): void {
  const declaredBilling = declared.BillingMode ?? 'PROVISIONED';
  const actualBilling = billingModeOf(actual);
  if (declaredBilling !== actualBilling) {
    notes.push(`billing: declared ${declaredBilling}, actual ${actualBilling}; sync does not change billing.`);
  } else if (declaredBilling === 'PROVISIONED') {
    const d = declared.ProvisionedThroughput;
    const a = actual.ProvisionedThroughput;
    if (d && a && (d.ReadCapacityUnits !== a.ReadCapacityUnits || d.WriteCapacityUnits !== a.WriteCapacityUnits)) {
      notes.push(
        `capacity: declared ${d.ReadCapacityUnits}/${d.WriteCapacityUnits}, actual ${a.ReadCapacityUnits}/${a.WriteCapacityUnits} ` +
          `(read/write); sync does not change capacity.`,
      );
    }
  }
  if (declared.StreamSpecification) {
    const want = declared.StreamSpecification.StreamEnabled ? declared.StreamSpecification.StreamViewType : 'none';
    const have = actual.StreamSpecification?.StreamEnabled ? actual.StreamSpecification.StreamViewType : 'none';
    if (want !== have) notes.push(`stream: declared ${want}, actual ${have}; sync does not change streams.`);
  }
  if (declared.DeletionProtectionEnabled !== undefined && actual.DeletionProtectionEnabled !== undefined &&
      declared.DeletionProtectionEnabled !== actual.DeletionProtectionEnabled) {
    notes.push(`deletion protection: declared ${declared.DeletionProtectionEnabled}, actual ${actual.DeletionProtectionEnabled}; sync does not change it.`);
  }
  // Only when the engine reports a class: DynamoDB Local accepts TableClass but never describes it.
  const actualClass = actual.TableClassSummary?.TableClass;
  if (declared.TableClass !== undefined && actualClass !== undefined && declared.TableClass !== actualClass) {
    notes.push(`table class: declared ${declared.TableClass}, actual ${actualClass}; sync does not change it.`);
  }
}
