/**
 * Messages for operations, and the one place AWS errors are turned into dynamap errors (the AWS
 * error always kept as `cause`).
 */
import { ConditionError, DynamapError, DynamoError, ThrottledError, ValidationError } from './classes';
import { missingParentPath } from './expression';
import { shown } from './shown';

/** Throttling proper: the table's (or the account's) capacity. */
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);
/** Server-side failures DynamoDB documents as transient (also retried). */
const SERVER_ERRORS = new Set(['InternalServerError', 'ServiceUnavailable']);

interface AwsErrorLike {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  Item?: Record<string, unknown>;
}

/** Worth retrying: throttling, or a server error (5xx), which DynamoDB documents as transient. */
export function isThrottle(e: unknown): boolean {
  const err = e as AwsErrorLike;
  return !!err && (THROTTLING.has(err.name ?? '') || SERVER_ERRORS.has(err.name ?? '') || (err.$metadata?.httpStatusCode ?? 0) >= 500);
}

/** Throttling proper (capacity), as opposed to a server error: what a ThrottledError's advice is about. */
function isCapacityThrottle(e: unknown): boolean {
  return THROTTLING.has((e as AwsErrorLike)?.name ?? '');
}

/** A server error (5xx): retried like throttling, but not reported as one. */
export function isServerError(e: unknown): boolean {
  return isThrottle(e) && !isCapacityThrottle(e);
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
  /** Nested paths an update sets (for the missing-parent message). */
  readonly nestedPaths?: readonly string[];
  /** Single-table design: the model's entity type, which the write's condition also required. */
  readonly entity?: { readonly attribute: string; readonly value: string };
}

export function describeKey(key: Record<string, unknown> | undefined): string {
  if (!key) return '';
  const parts = Object.entries(key).map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  return ` { ${parts.join(', ')} }`;
}

export const operationError = {
  conditionFailed(op: OperationDescription, cause: unknown): ConditionError {
    const target = `${op.model}${describeKey(op.key)}`;
    const hint = op.versioned
      ? 'the item was changed by another writer since it was read (its @Version no longer matches), or it was already created; read it again and retry'
      : 'the condition was false for the stored item';
    const oldItem = (cause as AwsErrorLike)?.Item;
    const entity = op.entity
      ? `, or the key holds another entity's item (its "${op.entity.attribute}" is not ${JSON.stringify(op.entity.value)}: use the model of that item)`
      : '';
    return new ConditionError(`${op.operation} of ${target} failed its condition: ${hint}${entity}.`, {
      cause,
      ...(oldItem ? { oldItem } : {}),
    });
  },
  /** After the retries ran out: throttling is a ThrottledError (raise capacity); a server error stays a DynamoError. */
  exhausted(op: OperationDescription, attempts: number, cause: unknown): DynamapError {
    if (isCapacityThrottle(cause)) return operationError.throttled(op, attempts, cause);
    const err = cause as AwsErrorLike;
    return new DynamoError(
      `${op.operation} of ${op.model}${describeKey(op.key)} failed ${attempts} time(s) with a server error: ${err?.name ?? 'Error'}: ` +
        `${err?.message ?? String(cause)}. DynamoDB server errors are usually transient: retry later; one that persists comes from the request itself.`,
      cause,
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
    if (err?.name === 'ValidationException' && /document path provided in the update expression is invalid/i.test(err.message ?? '')) {
      const error = missingParentPath(op.model, op.nestedPaths ?? []);
      return new ValidationError(error.code, error.message, { issues: error.issues, cause });
    }
    return operationError.dynamo(op, cause);
  },
};

export const optionError = {
  invalid: (where: string, option: string, value: unknown, expected: string) =>
    new ValidationError('option.invalid', `${where}: option ${option} is ${shown(value)}; expected ${expected}.`),
  unknown: (where: string, option: string, known: readonly string[]) =>
    new ValidationError('option.unknown', `${where}: there is no option ${shown(option)}; the options are ${known.join(', ')}.`),
};

