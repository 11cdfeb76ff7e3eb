/**
 * `mapper.sync()`: make the tables exist as the models declare them, by adding only. Every table
 * is described and planned before any is changed, so a model error or an incompatible table
 * stops the run before the first write. Then, table by table: CreateTable and wait; one
 * UpdateTable per missing global index, each waited for; UpdateTimeToLive. A change request is
 * never resent blindly: after no answer, or a refusal the table can explain (busy, already
 * done), the table is described and planned again (see apply).
 */
import {
  CreateTableCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type UpdateTableCommandOutput,
  type TimeToLiveDescription,
} from '@aws-sdk/client-dynamodb';
import { SyncError } from '../errors/classes';
import { isServerError, outcomeUnknown } from '../errors/operation';
import { sendOnce } from '../errors/resend-guard';
import { stoppedFailure } from '../errors/resend-stopped';
import { syncError, syncNote } from '../errors/sync';
import { getModelSchema } from '../metadata/schema';
import type { Constructor } from '../metadata/types';
import { groupByTable, tableDefinition, type TableDefinition } from './definition';
import { modelsOfTable, tableModels } from './table-models';
import { describeTable, describeTtl, errorName } from './describe';
import { planTable } from './diff';
import { describeSyncResult } from './sync-report';
import type { CreateGlobalIndexStep, EnableTtlStep, PlanStep, SyncOptions, SyncResult, TablePlan } from './types';
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
  for (const [i, planned] of plans.entries()) {
    const { plan } = planned;
    const progress: Progress = { steps: [], notes: [...plan.notes] };
    try {
      const done = options.dryRun ? { outcome: outcomeOf(plan), plan } : await apply(ctx.client, definitions[i], planned, wait, progress);
      result[done.outcome].push(plan.table);
      result.plan.push(done.plan);
    } catch (error) {
      throw withDone(error, result, { ...plan, steps: progress.steps, notes: progress.notes, unchanged: false });
    }
  }
  return result;
}

/** What apply() has done on its table so far: the steps taken and the notes (kept when it throws). */
interface Progress {
  readonly steps: PlanStep[];
  readonly notes: string[];
}

/**
 * A sync that failed: its SyncError with what it had done before (earlier tables, the failed
 * table's steps and notes), since those changes stay.
 */
function withDone(error: unknown, before: SyncResult, failed: TablePlan): unknown {
  if (!(error instanceof SyncError)) return error;
  const plans = [...before.plan, ...(failed.steps.length || failed.notes.length ? [failed] : [])];
  const done = describeSyncResult({ ...before, plan: plans });
  const changes = describeSyncResult({ ...before, plan: plans.map((p) => ({ ...p, notes: [], unchanged: false })) });
  return syncError.withDone(error, done, changes);
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

/**
 * How many times one table is described and planned again after a step that met a change it
 * did not make or whose outcome it could not know; past that the step's error is thrown.
 */
const MAX_REPLANS = 3;

/** The step a plan still has that does what `step` does (its index, for an index), if any. */
function stillPlanned(plan: TablePlan, step: PlanStep): boolean {
  const id = stepId(step);
  return plan.steps.some((s) => stepId(s) === id);
}

/** Which change a step makes: its kind, and its index for an index. */
function stepId(step: PlanStep): string {
  return step.kind === 'createGlobalIndex' ? `${step.kind}:${step.index.IndexName ?? ''}` : step.kind;
}

/** The request a step sends, for messages and notes. */
function requestOf(step: PlanStep): string {
  if (step.kind === 'createTable') return 'CreateTable';
  if (step.kind === 'createGlobalIndex') return `UpdateTable (create global index "${step.index.IndexName ?? ''}")`;
  return `UpdateTimeToLive (enable on "${step.attribute}")`;
}

/**
 * Applies one table's plan, step by step. A step that fails in a way the table itself can settle
 * — no answer or a server error (the request may have been applied: it is never resent blindly),
 * the table or index being changed by someone else, a change someone else already made — is
 * followed by describing the table and planning again: what was applied is not sent again, what
 * was not is. Any other failure is thrown as it is.
 */
async function apply(
  client: DynamoDBClient, definition: TableDefinition, first: Planned, wait: WaitOptions, progress: Progress,
): Promise<{ outcome: Outcome; plan: TablePlan }> {
  let { plan, building } = first;
  let created = false;
  let changed = false;
  // The steps taken, for the result (one the engine does not implement is not: a note says so).
  const { steps: done, notes } = progress;
  // Steps whose request got no answer at some point, and how often each step's request failed (by stepId).
  const unanswered = new Set<string>();
  const failures = new Map<string, number>();
  for (let replans = 0; ; replans++) {
    // True once a step has waited for ACTIVE; UpdateTimeToLive needs an ACTIVE table too, and the
    // table may have been CREATING or UPDATING (someone else's change) when it was described.
    let active = false;
    let failed: { step: PlanStep; error: unknown } | undefined;
    for (const step of plan.steps) {
      try {
        // A step counts as taken once DynamoDB accepted its request: the table or index exists
        // from then on, even if waiting for it to become ACTIVE then times out.
        if (step.kind === 'createTable') {
          await sendOnce(client, new CreateTableCommand(step.input));
          done.push(step);
          created = true;
          await waitUntilActive(client, step.table, wait);
          active = true;
        } else if (step.kind === 'createGlobalIndex') {
          await requestGlobalIndex(client, step, wait);
          done.push(step);
          changed = true;
          await waitUntilActive(client, step.table, wait, step.index.IndexName ?? '');
          active = true;
        } else {
          if (!active) await waitUntilActive(client, step.table, wait);
          if (await enableTtl(client, step)) {
            done.push(step);
            changed = true;
          } else {
            notes.push(`The engine does not implement UpdateTimeToLive, so TTL on "${step.attribute}" was not enabled (DynamoDB and DynamoDB Local do).`);
          }
        }
      } catch (error) {
        if (!settledByReplanning(error)) throw stepError(step, error);
        failed = { step, error };
        break;
      }
    }
    if (!failed) {
      // A table or index still being built (an earlier sync that timed out during a long backfill,
      // or a request of this one that got no answer): sync returns once it can be used.
      if (building && !active) await waitUntilActive(client, plan.table, wait);
      break;
    }
    const { step, error } = failed;
    const sent = (failures.get(stepId(step)) ?? 0) + 1;
    failures.set(stepId(step), sent);
    if (replans === MAX_REPLANS) throw stepError(step, error, sent > 1 ? ` (sent ${sent} times, the table described in between)` : '');
    // Someone else's CreateTable, or a table being changed: let it finish before planning again.
    if (busy(error)) await waitUntilActive(client, step.table, wait);
    ({ plan, building } = await planFor(client, definition));
    const applied = !stillPlanned(plan, step);
    const unknown = outcomeUnknown(error);
    if (!applied && !unknown && !busy(error)) throw stepError(step, error);
    // A request that got no answer and, sent again, met the change it makes: most likely its own
    // first attempt (one that arrived late, or that DescribeTable, eventually consistent, did not show yet).
    const ours = unknown || unanswered.has(stepId(step));
    if (unknown) unanswered.add(stepId(step));
    notes.push(replanNote(step, error, ours, applied));
    // The new plan's own notes after the one that says why it was made ("index ... still CREATING" follows from it).
    for (const note of plan.notes) if (!notes.includes(note)) notes.push(note);
    if (applied && ours) {
      done.push(step);
      if (step.kind === 'createTable') created = true;
      else changed = true;
    }
  }
  const outcome: Outcome = created ? 'created' : changed ? 'updated' : 'unchanged';
  return { outcome, plan: { ...plan, steps: done, notes, unchanged: done.length === 0 } };
}

/** The table or index was being changed (ResourceInUseException): worth planning again and retrying. */
function busy(error: unknown): boolean {
  return errorName(error) === 'ResourceInUseException';
}

/**
 * Failures the table's own state can settle: no answer or a server error, the table or index busy
 * (someone else's change, or the SDK's resend meeting this request's own), or DynamoDB refusing a
 * change because it was already made ("TimeToLive is already enabled" after such a resend).
 */
function settledByReplanning(error: unknown): boolean {
  return outcomeUnknown(error) || busy(error) || errorName(error) === 'ValidationException';
}

/** What happened to a step that was followed by planning again; `ours`: it may have applied the change itself. */
function replanNote(step: PlanStep, error: unknown, ours: boolean, applied: boolean): string {
  const cause = stoppedFailure(error);
  if (step.kind === 'createTable' && !ours && applied) return syncNote.createdConcurrently();
  if (!ours) return syncNote.refused(requestOf(step), cause, applied);
  return syncNote.unanswered(requestOf(step), cause, outcomeUnknown(error) ? (isServerError(cause) ? 'serverError' : 'noAnswer') : 'resentRefused', applied);
}

/** A failed step as the user sees it: the AWS error as `cause`. */
function stepError(step: PlanStep, error: unknown, tries = ''): unknown {
  if (error instanceof SyncError) return error;
  return syncError.request(step.table, requestOf(step) + tries, stoppedFailure(error));
}

/** UpdateTable creating a global index (never resent blindly: see apply), once the table can take it. */
async function requestGlobalIndex(client: DynamoDBClient, step: CreateGlobalIndexStep, wait: WaitOptions): Promise<void> {
  const name = step.index.IndexName ?? '';
  // DynamoDB refuses UpdateTable while the table or another index is still being built.
  await waitUntilActive(client, step.table, wait);
  const out = await sendOnce<UpdateTableCommandOutput>(client, new UpdateTableCommand({
    TableName: step.table,
    AttributeDefinitions: step.attributeDefinitions,
    GlobalSecondaryIndexUpdates: [{ Create: step.index }],
  }));
  const listed = (out.TableDescription?.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === name);
  // DynamoDB answers with the index in CREATING; an engine that omits it ignored the request
  // (dynalite does), and waiting for it would only end in a timeout.
  if (!listed) throw syncError.indexNotCreated(step.table, name);
}

/** UpdateTimeToLive; false when the engine does not implement it (dynalite). */
async function enableTtl(client: DynamoDBClient, step: EnableTtlStep): Promise<boolean> {
  try {
    await sendOnce(client, new UpdateTimeToLiveCommand({
      TableName: step.table,
      TimeToLiveSpecification: { AttributeName: step.attribute, Enabled: true },
    }));
    return true;
  } catch (error) {
    if (errorName(error) === 'UnknownOperationException') return false;
    throw error;
  }
}
