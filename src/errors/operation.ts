/**
 * Messages for operations, and the one place AWS errors are turned into dynamap errors (the AWS
 * error always kept as `cause`).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ConditionError, DynamapError, DynamoError, ItemTooLargeError, ThrottledError, ValidationError } from './classes';
import { ResendStopped, stoppedFailure } from './resend-stopped';
import { missingParentPath } from './expression';
import { asSentence, shown } from './shown';

/** Throttling proper: the table's (or the account's) capacity. */
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);
/** Server-side failures DynamoDB documents as transient (also retried). */
const SERVER_ERRORS = new Set(['InternalServerError', 'ServiceUnavailable']);
/** A single write rejected because a transaction holds the item: nothing was applied, safe to resend. */
const TRANSACTION_CONFLICT = 'TransactionConflictException';

interface AwsErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  Item?: Record<string, AttributeValue>;
}

/** Node's codes for a connection that failed on the way (the request may have reached DynamoDB). */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ERR_HTTP2_STREAM_ERROR']);
/** Node's codes for a request that never left: nothing can have been applied. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** The AWS SDK's names for a request that got no answer in time. */
const TIMEOUTS = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

/** The SDK's error for a request it got no HTTP answer to (a reset, a timeout, a refused connection). */
function isTransportFailure(e: unknown): boolean {
  const err = e as AwsErrorLike;
  if (!err || err.$metadata?.httpStatusCode !== undefined || e instanceof DynamapError) return false;
  return TIMEOUTS.has(err.name ?? '') || CONNECTION_LOST.has(err.code ?? '') || NEVER_SENT.has(err.code ?? '');
}

/** A request that never reached DynamoDB (a refused connection, an unknown host): nothing applied. */
function neverSent(e: unknown): boolean {
  return isTransportFailure(e) && NEVER_SENT.has((e as AwsErrorLike).code ?? '');
}

/** Throttling proper (capacity), as opposed to a server error: what a ThrottledError's advice is about. */
export function isCapacityThrottle(e: unknown): boolean {
  return THROTTLING.has((e as AwsErrorLike)?.name ?? '');
}

/** A server error (5xx): retried like throttling, but not reported as one. */
export function isServerError(e: unknown): boolean {
  const err = e as AwsErrorLike;
  return !!err && (SERVER_ERRORS.has(err.name ?? '') || (err.$metadata?.httpStatusCode ?? 0) >= 500);
}

/**
 * A failure after which DynamoDB may or may not have applied the request: a server error (5xx),
 * or an answer lost on the way (a reset connection, a timeout). Resent, such a write could apply
 * twice (an increment) or fail against its own first application (a version, a condition).
 */
export function outcomeUnknown(e: unknown): boolean {
  return e instanceof ResendStopped || isServerError(e) || (isTransportFailure(e) && !neverSent(e));
}

/** Worth retrying (when the operation allows it): throttling, a server error, which DynamoDB documents as transient, or a request that got no answer. */
export function isTransient(e: unknown): boolean {
  return isCapacityThrottle(e) || isServerError(e) || isTransportFailure(e);
}

/**
 * Worth resending for this operation: throttling, a transaction conflict and a request that never
 * left always (nothing was applied); a server error or a lost answer only when resending cannot
 * apply the write twice or fail on its own first application (not a conditional write or an
 * update: `writeOnce`).
 */
export function isRetryable(e: unknown, op: { readonly writeOnce?: boolean } | undefined): boolean {
  const name = (e as AwsErrorLike)?.name ?? '';
  if (THROTTLING.has(name) || name === TRANSACTION_CONFLICT || neverSent(e)) return true;
  return outcomeUnknown(e) && !(e instanceof ResendStopped) && !op?.writeOnce;
}

export function isConditionalCheckFailed(e: unknown): boolean {
  return (e as AwsErrorLike)?.name === 'ConditionalCheckFailedException';
}

/** What the operation was, for messages: "put of Movie { year: 1985, title: 'After Hours' }". */
export interface OperationDescription {
  readonly operation: string;
  readonly model: string;
  readonly key?: Record<string, unknown>;
  /** True when the condition included a @Version requirement. */
  readonly versioned?: boolean;
  /** True when the caller's own condition took part (beyond the @Version requirement). */
  readonly userCondition?: boolean;
  /** The @Version requirement was that no item exists (a new entity, or one deleted or given another key since it was read). */
  readonly newItem?: boolean;
  /**
   * Not resent after a server error: a conditional write or an update, which the failed attempt
   * may have applied (resent, an increment would apply twice, a versioned write fail on its own version).
   */
  readonly writeOnce?: boolean;
  /** The @Version property an update increments (for the message when the stored one is not a number). */
  readonly incrementsVersion?: string;
  /** Nested paths an update sets (for the missing-parent message). */
  readonly nestedPaths?: readonly string[];
  /** Single-table design: the model's entity type, which the write's condition also required. */
  readonly entity?: { readonly attribute: string; readonly value: string };
}

/**
 * One key value in a message: strings quoted (control characters escaped, so a key cannot write
 * to the terminal that shows the message), binaries by their size, Dates in ISO-8601.
 */
function keyValueText(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Uint8Array) return `<${v.byteLength} bytes>`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return shown(v);
}

export function describeKey(key: Record<string, unknown> | undefined): string {
  if (!key) return '';
  const parts = Object.entries(key).map(([k, v]) => `${k}: ${keyValueText(v)}`);
  return ` { ${parts.join(', ')} }`;
}

/** Why a write's condition may have failed, from what the condition held (version, the caller's, the entity type). */
export function conditionFailureHint(op: OperationDescription): string {
  // An entity read through one mapper and written through another (another table prefix), or an
  // item deleted since it was read, fails the same checks: say so, or "read it again and retry"
  // would be followed forever.
  const gone = 'or it no longer exists (deleted since it was read, or the entity was read through another table or table prefix';
  const hint = !op.versioned
    ? op.operation === 'save' && !op.userCondition
      ? `the item no longer exists (deleted since it was read, or the entity was read through another table or table prefix: put() writes it as a new item)`
      : 'the condition was false for the stored item'
    : op.newItem
      ? `an item is already stored at this key${op.userCondition ? ', or your condition was false for it' : ''}: the entity is written as a new item ` +
        '(it has no @Version yet, or this mapper deleted it or its key changed since it was read), which requires that none is there. ' +
        'Read the stored item to decide: update it, or delete it first'
      : op.userCondition
        ? 'the item was changed by another writer since it was read (its @Version no longer matches), or your condition was false ' +
          `for the stored item, ${gone}); read it again to see which (returnOldOnFailure: true gives the stored item with this error)`
        : 'the stored item\'s @Version is not the entity\'s: the item was changed by another writer since it was read (read it again and retry), ' +
          'or no item is there (deleted since it was read, or read through another table or table prefix), or the entity is a copy of one ' +
          `read at another key and carries its @Version${op.operation === 'delete' ? '' : '; to write it as a new item, clear its @Version'}`;
  const entity = op.entity
    ? `, or the key holds another entity's item (its "${op.entity.attribute}" is not ${JSON.stringify(op.entity.value)}: use the model of that item; ` +
      `an item written before the model had an entity type has no "${op.entity.attribute}" at all: add it to such items, see docs/models.md)`
    : '';
  return `${hint}${entity}`;
}

/**
 * How many times a request was tried: dynamap's tries, and the AWS client's own sends of the
 * last one when it resent it (the SDK records them on the error it gives up with).
 */
function tries(attempts: number, cause: unknown): string {
  const sdk = (cause as AwsErrorLike)?.$metadata?.attempts ?? 1;
  return `${attempts} time(s)` + (sdk > 1 ? ` (the AWS client itself sent the last of them ${sdk} times)` : '');
}

/** Where to pick up after a read that failed for good: a traversal from its last cursor, a count from the start. */
function resumeHint(op: OperationDescription): string {
  if (op.operation === 'query' || op.operation === 'scan') return ' (a traversal resumes from the cursor of the last page it returned).';
  if (op.operation === 'count') return ' (count() counts again from the start: it has no cursor).';
  return '.';
}

export const operationError = {
  conditionFailed(op: OperationDescription, cause: unknown): ConditionError {
    const target = `${op.model}${describeKey(op.key)}`;
    const oldItem = (cause as AwsErrorLike)?.Item;
    return new ConditionError(`${op.operation} of ${target} failed its condition: ${conditionFailureHint(op)}.`, {
      cause,
      ...(oldItem ? { oldItem } : {}),
    });
  },
  /** After the retries ran out: throttling is a ThrottledError (raise capacity); a server error stays a DynamoError. */
  exhausted(op: OperationDescription, attempts: number, cause: unknown): DynamapError {
    if (isCapacityThrottle(cause)) return operationError.throttled(op, attempts, cause);
    const err = cause as AwsErrorLike;
    if (err?.name === TRANSACTION_CONFLICT) {
      return new DynamoError(
        `${op.operation} of ${op.model}${describeKey(op.key)} was refused ${attempts} time(s) because a transaction was writing the item ` +
          `(TransactionConflictException); nothing was applied: retry it later.`,
        cause,
      );
    }
    if (isTransportFailure(cause)) {
      return new DynamoError(
        `${op.operation} of ${op.model}${describeKey(op.key)} got no answer from DynamoDB ${tries(attempts, cause)}: ${err?.name ?? 'Error'}: ` +
          `${asSentence(err?.message ?? String(cause))} Check the network and the client's endpoint, then retry${resumeHint(op)}`,
        cause,
      );
    }
    return new DynamoError(
      `${op.operation} of ${op.model}${describeKey(op.key)} failed ${tries(attempts, cause)} with a server error: ${err?.name ?? 'Error'}: ` +
        `${asSentence(err?.message ?? String(cause))} DynamoDB server errors are usually transient: retry later${resumeHint(op)} ` +
        'One that persists comes from the request itself.',
      cause,
    );
  },
  /**
   * A write that may or may not have been applied (a server error or a lost answer; `writeOnce`),
   * and was not resent: resending could apply an increment twice or fail on its own new version.
   */
  outcomeUnknown(op: OperationDescription, failure: unknown): DynamoError {
    // The resend guard's stand-in carries the failure it stopped; the user gets that as the cause.
    const cause = stoppedFailure(failure);
    const err = cause as AwsErrorLike;
    const what = `${err?.name ?? 'Error'}: ${err?.message ?? String(cause)}`;
    return new DynamoError(
      `${op.operation} of ${op.model}${describeKey(op.key)} ` +
        (isServerError(cause) ? `failed with a server error (${what})` : `got no answer from DynamoDB (${what})`) +
        '. DynamoDB may or may not have applied it, so it was not sent again (a conditional write or an update ' +
        'could fail on its own change or apply twice): ' +
        (op.operation === 'transaction'
          ? 'read the items to see whether it was applied before writing again. Give the transaction a clientRequestToken ' +
            '(mapper.transaction(fn, { clientRequestToken })) and dynamap resends it safely: DynamoDB applies a token\'s transaction at most once.'
          : 'read the item to see whether it was applied before writing again.') +
        // A timed-out request may still be on its way; a 5xx or a reset leaves nothing in flight.
        (TIMEOUTS.has(err?.name ?? '')
          ? ' After a timeout the request may still reach DynamoDB later: make the next write conditional on what you read (a @Version does).'
          : ''),
      cause,
      'operation.outcomeUnknown',
    );
  },
  throttled(op: OperationDescription, attempts: number, cause: unknown, unprocessed: readonly unknown[] = []): ThrottledError {
    return new ThrottledError(
      `${op.operation} of ${op.model}${describeKey(op.key)} was still throttled after ${attempts} attempts: ` +
        'raise the table capacity or the mapper retry policy, then ' +
        (unprocessed.length > 0 ? 'retry what is listed in `unprocessed`.'
          : op.operation === 'query' || op.operation === 'scan' ? 'retry (a traversal resumes from the cursor of the last page it returned).'
          : 'retry the call.'),
      unprocessed,
      cause,
    );
  },
  dynamo(op: OperationDescription, cause: unknown): DynamoError {
    const err = cause as AwsErrorLike;
    return new DynamoError(`${op.operation} of ${op.model}${describeKey(op.key)} failed: ${err?.name ?? 'Error'}: ${err?.message ?? String(cause)}`, cause);
  },
  /** The single mapping from an AWS error to a dynamap error. */
  wrap(op: OperationDescription, cause: unknown): DynamapError {
    if (cause instanceof DynamapError) return cause;
    const err = cause as AwsErrorLike;
    if (isConditionalCheckFailed(cause)) return operationError.conditionFailed(op, cause);
    if (isCapacityThrottle(cause)) return operationError.throttled(op, 1, cause);
    if (op.writeOnce && outcomeUnknown(cause)) return operationError.outcomeUnknown(op, cause);
    if (err?.name === 'ValidationException' && /item size (to update )?has exceeded the maximum allowed size/i.test(err.message ?? '')) {
      return new ItemTooLargeError(
        `${op.operation} of ${op.model}${describeKey(op.key)}: the item would be over DynamoDB's 400 KB limit (${err.message}); nothing was written. ` +
          'Store large values elsewhere (S3) and keep a reference, or split the item.',
        Number.NaN,
        { cause },
      );
    }
    if (err?.name === 'ValidationException' && /document path provided in the update expression is invalid/i.test(err.message ?? '')) {
      const error = missingParentPath(op.model, op.nestedPaths ?? []);
      return new ValidationError(error.code, error.message, { issues: error.issues, cause });
    }
    if (err?.name === 'ValidationException' && /incorrect data type/i.test(err.message ?? '')) {
      return new DynamoError(
        `${op.operation} of ${op.model}${describeKey(op.key)} failed: ${err.name}: ${err.message}. An operand does not fit the type ` +
          `the stored item holds at its path (add() of a number to a string set, append() to a string...): read the item to see which.` +
          (op.incrementsVersion
            ? ` If it is the @Version ${op.incrementsVersion} (other code may store it as NULL): read the entity and save() it ` +
              `(that sets version 1), then update.`
            : ''),
        cause,
      );
    }
    if (err?.name === 'ResourceNotFoundException') {
      return new DynamoError(
        `${op.operation} of ${op.model}${describeKey(op.key)} failed: ${err.name}: ${err.message ?? ''}. The table of ${op.model} ` +
          `(or the index read) does not exist where the client looked: create it with mapper.sync([${op.model}]) (or npx dynamap sync), ` +
          'and check the mapper\'s tablePrefix and the client\'s region and endpoint.',
        cause,
      );
    }
    return operationError.dynamo(op, cause);
  },
};

/** A positional argument of the wrong shape (a key that is not an object, a callback that is not a function). */
export const argumentError = {
  invalid: (where: string, what: string, value: unknown, expected: string) =>
    new ValidationError('argument.invalid', `${where}: ${what} is ${value === undefined ? 'undefined' : shown(value)}; expected ${expected}.`),
};

export const optionError = {
  invalid: (where: string, option: string, value: unknown, expected: string) =>
    new ValidationError('option.invalid', `${where}: option ${option} is ${shown(value)}; expected ${expected}.`),
  noOptions: (where: string, why: string) =>
    new ValidationError('option.unknown', `${where} takes no options (${why}).`),
  unknown: (where: string, option: string, known: readonly string[]) =>
    new ValidationError('option.unknown', `${where}: there is no option ${shown(option)}; the options are ${known.join(', ')}.`),
};

