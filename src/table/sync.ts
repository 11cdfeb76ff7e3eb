/**
 * `mapper.sync()`: make the tables exist as the models declare them, by adding only. Every table
 * is described and planned before any is changed, so a model error or an incompatible table
 * stops the run before the first write. Then, table by table: CreateTable and wait; one
 * UpdateTable per missing global index, each waited for; UpdateTimeToLive.
 */
import {
  CreateTableCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type TimeToLiveDescription,
} from '@aws-sdk/client-dynamodb';
import { syncError } from '../errors/sync';
import { getModelSchema } from '../metadata/schema';
import type { Constructor } from '../metadata/types';
import { groupByTable, tableDefinition, type TableDefinition } from './definition';
import { modelsOfTable, tableModels } from './table-models';
import { describeTable, describeTtl, errorName } from './describe';
import { planTable } from './diff';
import type { CreateGlobalIndexStep, CreateTableStep, EnableTtlStep, SyncOptions, SyncResult, TablePlan } from './types';
import { waitUntilActive, type WaitOptions } from './wait';

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_POLL_MS = 500;

type Outcome = 'created' | 'updated' | 'unchanged';

/** Where sync works: a client and the table prefix (the mapper's context fits). */
export interface SyncTarget {
  readonly client: DynamoDBClient;
  readonly tablePrefix: string;
}

export async function syncModels(
  ctx: SyncTarget,
  models: readonly Constructor[] | undefined,
  options: SyncOptions = {},
): Promise<SyncResult> {
  // A table is defined by every registered model that names it (as createTableInput builds it), not
  // only by those listed: syncing one model of a shared table must not create it without the others' indexes.
  const schemas = models === undefined ? tableModels().map((model) => getModelSchema(model)) : models.flatMap((model) => modelsOfTable(getModelSchema(model)));
  const definitions = [...groupByTable(schemas, ctx.tablePrefix).values()].map((group) => tableDefinition(group, ctx.tablePrefix));
  const wait: WaitOptions = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, pollMs: options.pollMs ?? DEFAULT_POLL_MS };

  const plans: Planned[] = [];
  for (const definition of definitions) plans.push(await planFor(ctx.client, definition));

  const result: SyncResult = { created: [], updated: [], unchanged: [], plan: [] };
  for (const [i, { plan, building }] of plans.entries()) {
    const done = options.dryRun ? { outcome: outcomeOf(plan), plan } : await apply(ctx.client, definitions[i], plan, wait, false, building);
    result[done.outcome].push(plan.table);
    result.plan.push(done.plan);
  }
  return result;
}

/** What a plan would do, judged by its steps (for dryRun). */
function outcomeOf(plan: TablePlan): Outcome {
  if (plan.steps.some((s) => s.kind === 'createTable')) return 'created';
  return plan.steps.length ? 'updated' : 'unchanged';
}

function withNotes(plan: TablePlan, notes: readonly string[]): TablePlan {
  return notes.length ? { ...plan, notes: [...plan.notes, ...notes] } : plan;
}

/** A plan, and whether the table or an index of it was still being built when described. */
interface Planned {
  readonly plan: TablePlan;
  readonly building: boolean;
}

/** Describes one table (and its TTL when a model declares one) and plans it. */
async function planFor(client: DynamoDBClient, definition: TableDefinition): Promise<Planned> {
  const table = definition.input.TableName ?? '';
  const actual = await describeTable(client, table);
  let ttl: TimeToLiveDescription | undefined;
  const notes: string[] = [];
  if (actual && definition.ttlAttribute !== undefined) {
    const described = await describeTtl(client, table);
    if (described === 'unsupported') notes.push('The engine does not implement DescribeTimeToLive; TTL state unknown.');
    else ttl = described;
  }
  const plan = withNotes(planTable(definition.input, definition.ttlAttribute, actual, ttl, definition.entityAttribute), notes);
  // Waited for: the table being created or updated, or a declared index being built. Not an index
  // no model declares (someone else's backfill is not this sync's to wait for), nor a status that
  // does not end by itself (INACCESSIBLE_ENCRYPTION_CREDENTIALS, ARCHIVED).
  const declared = new Set((definition.input.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  const building = actual !== undefined && (actual.TableStatus === 'CREATING' || actual.TableStatus === 'UPDATING' ||
    (actual.GlobalSecondaryIndexes ?? []).some((i) => declared.has(i.IndexName) && (i.IndexStatus === 'CREATING' || i.IndexStatus === 'UPDATING')));
  return { plan, building };
}

/** Applies the steps of one plan in order; `raced` guards the one re-plan after a concurrent CreateTable. */
async function apply(
  client: DynamoDBClient,
  definition: TableDefinition,
  plan: TablePlan,
  wait: WaitOptions,
  raced = false,
  building = false,
): Promise<{ outcome: Outcome; plan: TablePlan }> {
  let created = false;
  let changed = false;
  // True once a step has waited for ACTIVE; UpdateTimeToLive needs an ACTIVE table too, and the
  // table may have been CREATING or UPDATING (someone else's change) when it was described.
  let active = false;
  const notes: string[] = [];
  for (const step of plan.steps) {
    if (step.kind === 'createTable') {
      if (!(await createTable(client, step, wait, !raced))) {
        // Another process created the table between our DescribeTable and CreateTable: once it
        // is ACTIVE, plan again against what it made and apply the rest.
        await waitUntilActive(client, step.table, wait);
        const replanned = await planFor(client, definition);
        const again = await apply(client, definition, replanned.plan, wait, true, replanned.building);
        return { outcome: again.outcome, plan: withNotes(again.plan, ['The table was created concurrently by someone else; sync planned again against it.']) };
      }
      created = true;
      active = true;
    } else if (step.kind === 'createGlobalIndex') {
      await createGlobalIndex(client, step, wait);
      changed = true;
      active = true;
    } else {
      if (!active) await waitUntilActive(client, step.table, wait);
      if (await enableTtl(client, step)) changed = true;
      else notes.push(`The engine does not implement UpdateTimeToLive, so TTL on "${step.attribute}" was not enabled (DynamoDB and DynamoDB Local do).`);
    }
  }
  // A table or index still being built (an earlier sync that timed out during a long backfill):
  // sync returns once it can be used, as it does after building one itself.
  if (building && !active) await waitUntilActive(client, plan.table, wait);
  const outcome: Outcome = created ? 'created' : changed ? 'updated' : 'unchanged';
  return { outcome, plan: withNotes(plan, notes) };
}

/**
 * CreateTable, then wait until ACTIVE. False when the table already exists (ResourceInUseException)
 * and `mayExist`; without `mayExist` that is an error like any other.
 */
async function createTable(client: DynamoDBClient, step: CreateTableStep, wait: WaitOptions, mayExist: boolean): Promise<boolean> {
  try {
    await client.send(new CreateTableCommand(step.input));
  } catch (error) {
    if (mayExist && errorName(error) === 'ResourceInUseException') return false;
    throw syncError.request(step.table, 'CreateTable', error);
  }
  await waitUntilActive(client, step.table, wait);
  return true;
}

async function createGlobalIndex(client: DynamoDBClient, step: CreateGlobalIndexStep, wait: WaitOptions): Promise<void> {
  const name = step.index.IndexName ?? '';
  // DynamoDB refuses UpdateTable while the table or another index is still being built.
  await waitUntilActive(client, step.table, wait);
  let listed: boolean;
  try {
    const out = await client.send(new UpdateTableCommand({
      TableName: step.table,
      AttributeDefinitions: step.attributeDefinitions,
      GlobalSecondaryIndexUpdates: [{ Create: step.index }],
    }));
    listed = (out.TableDescription?.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === name);
  } catch (error) {
    throw syncError.request(step.table, `UpdateTable (create global index "${name}")`, error);
  }
  // DynamoDB answers with the index in CREATING; an engine that omits it ignored the request
  // (dynalite does), and waiting for it would only end in a timeout.
  if (!listed) throw syncError.indexNotCreated(step.table, name);
  await waitUntilActive(client, step.table, wait, name);
}

/** UpdateTimeToLive; false when the engine does not implement it (dynalite). */
async function enableTtl(client: DynamoDBClient, step: EnableTtlStep): Promise<boolean> {
  try {
    await client.send(new UpdateTimeToLiveCommand({
      TableName: step.table,
      TimeToLiveSpecification: { AttributeName: step.attribute, Enabled: true },
    }));
    return true;
  } catch (error) {
    if (errorName(error) === 'UnknownOperationException') return false;
    throw syncError.request(step.table, `UpdateTimeToLive (enable on "${step.attribute}")`, error);
  }
}
