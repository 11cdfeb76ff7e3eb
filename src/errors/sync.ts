/**
 * Messages for table definitions and `mapper.sync()`. Each says which table, what differs
 * (declared vs actual) and what the user can do about it.
 */
import { SyncError, type ModelProblem } from './classes';
import { outcomeUnknown } from './operation';
import { asSentence } from './shown';

const NAME_RULE = '3 to 255 characters of [a-zA-Z0-9_.-]';

function problem(code: string, className: string, message: string): ModelProblem {
  return { code: `model.${code}`, className, message };
}

/** The AWS error's name and message, for embedding in ours (the error itself stays the `cause`). */
function describeCause(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  return String(cause);
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** What a user can do about a failed control-plane request (`operation`: DescribeTable, CreateTable, ...), by AWS error name. */
function hintFor(operation: string, cause: unknown): string {
  const name = cause instanceof Error ? cause.name : '';
  switch (name) {
    case 'AccessDeniedException':
    case 'UnrecognizedClientException':
      return ' Check the credentials: sync needs dynamodb:DescribeTable, CreateTable, UpdateTable, DescribeTimeToLive and UpdateTimeToLive.';
    case 'LimitExceededException':
      return ' A DynamoDB limit (see its message): either too many table or index operations are running in this account ' +
        '(wait for them to finish and run sync again), or a per-table limit such as 20 global indexes.';
    case 'ResourceInUseException':
      return ' The table is being changed by someone else: wait until it is ACTIVE and run sync again.';
    case 'ValidationException':
      // dynalite refuses to add an index to an existing table this way (it asks for a throughput
      // an on-demand table's index has none of): real DynamoDB does not.
      if (operation.startsWith('UpdateTable (create global index') && /provisionedThroughput/i.test(cause instanceof Error ? cause.message : '')) {
        return ' If the engine is dynalite: it cannot add a global index to an existing table (DynamoDB and DynamoDB Local can); ' +
          'create the table afresh with all its indexes, or use DynamoDB Local.';
      }
      return ' DynamoDB refused the request; inspect it with mapper.createTableInput(Model).';
    default:
      if (outcomeUnknown(cause)) {
        return operation.startsWith('Describe')
          ? ' A read, which changed nothing, got no answer after several tries: check the network and the client\'s endpoint, then run sync again (it carries on from what the table has).'
          : ' DynamoDB may or may not have applied it: run sync again, which describes the table and sends only what is still missing.';
      }
      // The SDK's own refusal before sending: a plain Error.
      if (cause instanceof Error && /region is missing/i.test(cause.message)) {
        return ' Give the DynamoDBClient a region (new DynamoDBClient({ region })) or set AWS_REGION; the dynamap command takes --region.';
      }
      return '';
  }
}

/**
 * Problems found while merging the models of one table into one CreateTable input. They are
 * thrown as one ModelError, like the schema builder's problems.
 */
export const tableProblem = {
  badPrefixedName: (className: string, prefix: string, name: string) =>
    problem('badPrefixedTableName', className,
      `${className}: table name ${JSON.stringify(prefix + name)} (tablePrefix ${JSON.stringify(prefix)} + ${JSON.stringify(name)}) ` +
      `is not allowed: the tablePrefix makes it invalid (DynamoDB table names are ${NAME_RULE}). Use a prefix of ` +
      `those characters only, short enough that prefix and table name together stay within 255 characters.`),
  differentTables: (c1: string, t1: string, c2: string, t2: string) =>
    problem('differentTables', c2,
      `${c1} (table "${t1}") and ${c2} (table "${t2}") are on different tables: build one table input per table ` +
      `(groupByTable sorts models by table).`),
  indexThroughputOnDemand: (className: string, table: string, index: string) =>
    problem('indexThroughputOnDemand', className,
      `${className}: global index "${index}" has a throughput, but table "${table}" bills PAY_PER_REQUEST, where ` +
      `indexes have no provisioned capacity. Remove the index's throughput, or give @Table billing: { read, write }.`),
  tooManyIndexes: (className: string, table: string, type: string, count: number, max: number) =>
    problem('tooManyIndexes', className,
      `The models of table "${table}" declare ${count} ${type} indexes together; DynamoDB allows ${max} per table.`),
  tooManyProjected: (className: string, table: string, count: number) =>
    problem('tooManyProjected', className,
      `The indexes of table "${table}" project ${count} non-key attributes in all; DynamoDB allows 100 per table.`),
};

export const syncError = {
  /** Differences sync cannot apply; `differences` has one line per difference. */
  /** The plan would take the table over a per-table limit (its existing indexes counted); nothing was changed. */
  tableLimit: (table: string, problems: readonly string[]) =>
    new SyncError(
      'sync.tableLimit',
      `Table "${table}" cannot take what its models add: DynamoDB's per-table limits would be exceeded (its existing ` +
        `indexes counted, those no model declares included), so sync changed nothing:\n` +
        problems.map((d) => `  - ${d}.`).join('\n'),
      table,
      problems,
    ),
  incompatible: (table: string, differences: readonly string[]) =>
    new SyncError(
      'sync.incompatible',
      `Table "${table}" differs from its models in ${differences.length === 1 ? 'a way' : 'ways'} sync cannot change ` +
        `(sync never deletes or recreates a table or an index):\n` +
        differences.map((d) => `  - ${d}`).join('\n') +
        `\nMake the models match the table, or move the data to a new table (e.g. another @Table name) or a new ` +
        `index name and sync that.`,
      table,
      differences,
    ),
  /** `index` undefined: the table itself did not become ACTIVE. */
  timeout: (table: string, index: string | undefined, timeoutMs: number, lastStatus: string) =>
    new SyncError(
      'sync.timeout',
      `${index === undefined ? `Table "${table}" and its global indexes` : `Global index "${index}" of table "${table}"`} did not ${index === undefined ? 'all ' : ''}become ` +
        `ACTIVE within ${formatMs(timeoutMs)} (last status: ${lastStatus}). DynamoDB may still be working ` +
        `on it (building an index on a large table can take long): run sync again later, or give it longer (sync's ` +
        `timeoutMs option; the dynamap command's --timeout).`,
      table,
    ),
  tableDeleting: (table: string) =>
    new SyncError(
      'sync.tableDeleting',
      `Table "${table}" is being deleted, so sync cannot create or change it. Wait until the deletion has finished ` +
        `and run sync again.`,
      table,
    ),
  indexNotCreated: (table: string, index: string) =>
    new SyncError(
      'sync.indexNotCreated',
      `UpdateTable was accepted but table "${table}" does not list the new global index "${index}": the engine did ` +
        `not create it. Some DynamoDB emulators (dynalite) do not implement adding an index to an existing table; ` +
        `DynamoDB and DynamoDB Local do. Create the table afresh with the index, or use DynamoDB Local.`,
      table,
      [`global index "${index}": declared, missing after UpdateTable`],
    ),
  request: (table: string, operation: string, cause: unknown) =>
    new SyncError(
      'sync.requestFailed',
      `${operation} for table "${table}" failed: ${asSentence(describeCause(cause))}${hintFor(operation, cause)}`,
      table,
      [],
      cause,
    ),
  noModels: () =>
    new SyncError('sync.noModels', 'createTableInput needs at least one model schema.', ''),
  /**
   * `error` with what the failed sync had done before it (`done`: describeSyncResult's lines;
   * `changes`: those of them that changed a table, named in the message too).
   */
  withDone: (error: SyncError, done: readonly string[], changes: readonly string[]) =>
    new SyncError(
      error.code,
      changes.length === 0 ? error.message
        : `${error.message}\nBefore this failure, this sync had already made these changes, which stay (error.done lists them with its notes):\n` +
          // describeSyncResult's indented lines (an index of a created table) stay under their table.
          changes.map((line) => (line.startsWith(' ') ? `    ${line.trimStart()}` : `  - ${line}`)).join('\n'),
      error.table,
      error.differences,
      error.cause,
      done,
    ),
};

/** Notes of a sync that planned a table again after a step failed (see table/sync.ts apply). */
export const syncNote = {
  createdConcurrently: () => 'The table was created concurrently by someone else; sync planned again against it.',
  /** Someone else's change: the table busy with it (`applied` false), or already having it. */
  refused: (request: string, cause: unknown, applied: boolean) =>
    applied
      ? `${request} was refused (${describeCause(cause)}): the table already has that change (made concurrently); sync planned again against it.`
      : `${request} was refused (${describeCause(cause)}): the table was being changed; sync waited and sent it again.`,
  /** This sync's own request, of unknown outcome (or refused when sent again after that). */
  unanswered: (request: string, cause: unknown, how: 'serverError' | 'noAnswer' | 'resentRefused', applied: boolean) => {
    const what = how === 'resentRefused'
      ? `${request}, sent again after it got no answer, was refused (${describeCause(cause)})`
      : `${request} ${how === 'serverError' ? 'failed with a server error' : 'got no answer from DynamoDB'} (${describeCause(cause)})`;
    return applied
      ? `${what}; described again, the table shows it applied, so it was not sent again.`
      : `${what}; described again, the table shows it not applied, so sync sent it again.`;
  },
};
