/**
 * The one error family of dynamap. Every error a user can see extends DynamapError and carries a
 * namespaced `code` (`model.twoPartitionKeys`, `operation.conditionFailed`, ...). AWS errors are
 * never thrown bare: they are wrapped and kept as `cause`.
 *
 * Messages are written by the factory functions next to this file (one file per module), so that
 * wording — which class, which property, what to do — lives in one place.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export class DynamapError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.name = new.target.name;
  }
}

/** One problem in a model definition; a ModelError reports all the problems of a class at once. */
export interface ModelProblem {
  readonly code: string;
  readonly className: string;
  readonly property?: string;
  readonly message: string;
}

/** A model definition that cannot work (thrown when the model is first used). */
export class ModelError extends DynamapError {
  readonly problems: readonly ModelProblem[];
  constructor(problems: readonly ModelProblem[]) {
    const first = problems[0];
    const message =
      problems.length === 1
        ? first.message
        : `${problems.length} problems in model definitions:\n` + problems.map((p) => `  - ${p.message}`).join('\n');
    super(first.code, message);
    this.problems = problems;
  }
}

/** One reason a value, key, name, cursor or option was refused. */
export interface ValidationIssue {
  readonly code: string;
  /** Property path on the model (`info.rating`), when the issue is about one. */
  readonly path?: string;
  readonly message: string;
}

/**
 * Input refused before any request was sent: a bad key, a value DynamoDB would refuse, a failed
 * class-validator check, a malformed cursor. `validationErrors` holds class-validator's own
 * ValidationError objects when it was class-validator that refused.
 */
export class ValidationError extends DynamapError {
  readonly issues: readonly ValidationIssue[];
  readonly validationErrors: readonly unknown[];
  constructor(
    code: string,
    message: string,
    details: { issues?: readonly ValidationIssue[]; validationErrors?: readonly unknown[]; cause?: unknown } = {},
  ) {
    super(code, message, details.cause !== undefined ? { cause: details.cause } : undefined);
    this.issues = details.issues ?? [{ code, message }];
    this.validationErrors = details.validationErrors ?? [];
  }
}

/** An item larger than DynamoDB's 400 KB item limit, refused before sending. */
export class ItemTooLargeError extends DynamapError {
  /** The item's size in bytes; NaN when DynamoDB found it too large (an update's result, which dynamap cannot know before). */
  readonly size: number;
  constructor(message: string, size: number, options?: { cause?: unknown }) {
    super('value.itemTooLarge', message, options);
    this.size = size;
  }
}

/** A conditional write whose condition did not hold (ConditionalCheckFailedException). */
export class ConditionError extends DynamapError {
  /** The item as it was stored, when the operation asked for it (raw AttributeValue map). */
  readonly oldItem?: Record<string, AttributeValue>;
  constructor(message: string, details: { cause?: unknown; oldItem?: Record<string, AttributeValue> } = {}) {
    super('operation.conditionFailed', message, details.cause !== undefined ? { cause: details.cause } : undefined);
    if (details.oldItem) this.oldItem = details.oldItem;
  }
}

/** Why one action of a cancelled transaction failed (one entry per action, in order). */
export interface TransactionReason {
  readonly index: number;
  readonly action: 'put' | 'update' | 'delete' | 'check' | 'save' | 'get';
  readonly model: string;
  readonly key: Record<string, unknown>;
  readonly code: string;
  readonly message?: string;
  /** The item as it was stored, when the action asked for it (raw AttributeValue map). */
  readonly oldItem?: Record<string, AttributeValue>;
}

export class TransactionError extends DynamapError {
  readonly reasons: readonly TransactionReason[];
  constructor(code: string, message: string, reasons: readonly TransactionReason[], cause?: unknown) {
    super(code, message, cause !== undefined ? { cause } : undefined);
    this.reasons = reasons;
  }
}

/** A table change sync cannot make (key schema, LSI, attribute type), or a table that never became ACTIVE. */
export class SyncError extends DynamapError {
  readonly table: string;
  readonly differences: readonly string[];
  /**
   * What this sync had already done when it failed, in the lines `describeSyncResult` prints: the
   * tables it created or changed (each index and TTL), tables found as declared, and the notes of
   * its attempts (a request sent again, and why). Empty when it had neither.
   */
  readonly done: readonly string[];
  constructor(code: string, message: string, table: string, differences: readonly string[] = [], cause?: unknown, done: readonly string[] = []) {
    super(code, message, cause !== undefined ? { cause } : undefined);
    this.table = table;
    this.differences = differences;
    this.done = done;
  }
}

/** Requests still throttled or unprocessed after the retry policy ran out. */
export class ThrottledError extends DynamapError {
  /** What was not done, so the caller can retry exactly that. */
  readonly unprocessed: readonly unknown[];
  constructor(message: string, unprocessed: readonly unknown[] = [], cause?: unknown) {
    super('operation.throttled', message, cause !== undefined ? { cause } : undefined);
    this.unprocessed = unprocessed;
  }
}

/**
 * A batch stopped by an error that retrying cannot fix (a missing table, an access error, a
 * callback that threw). Requests sent before it may have been written; `unprocessed` lists what
 * was not, in the caller's own terms.
 */
export class BatchError extends DynamapError {
  readonly unprocessed: readonly unknown[];
  constructor(message: string, unprocessed: readonly unknown[], cause: unknown) {
    super('batch.failed', message, { cause });
    this.unprocessed = unprocessed;
  }
}

/** Any other error from DynamoDB, wrapped so callers catch one family; the AWS error is `cause`. */
export class DynamoError extends DynamapError {
  /**
   * `operation.dynamodb`, or `operation.outcomeUnknown` for a write that got a server error or no
   * answer and was not resent: DynamoDB may or may not have applied it (read the item to know).
   */
  constructor(message: string, cause: unknown, code: 'operation.dynamodb' | 'operation.outcomeUnknown' = 'operation.dynamodb') {
    super(code, message, { cause });
  }
}
