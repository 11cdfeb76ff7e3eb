/** Messages of transactions (TransactWriteItems / TransactGetItems). */
import { TransactionError, ValidationError, type TransactionReason } from './classes';
import { describeKey } from './operation';

/** What a reason code means, and what to do about it. */
const HINTS: Record<string, string> = {
  ConditionalCheckFailed: 'its condition was false for the stored item',
  TransactionConflict: 'another transaction or write was working on the item at the same time; retry the transaction',
  ItemCollectionSizeLimitExceeded: 'the item collection of its partition key exceeds 10 GB',
  ThrottlingError: 'the request was throttled; retry later or raise the table capacity',
  ProvisionedThroughputExceeded: 'the table capacity was exceeded; retry later or raise the table capacity',
  ValidationError: 'DynamoDB refused the action',
};

/** `conditionHint`: why this action's condition may have failed, when the action knows (see conditionFailureHint). */
function describeReason(r: TransactionReason, conditionHint?: string): string {
  const hint = (r.code === 'ConditionalCheckFailed' ? conditionHint : undefined) ?? HINTS[r.code] ?? r.code;
  const detail = r.code === 'ValidationError' && r.message ? `: ${r.message}` : '';
  return `  - action ${r.index} (${r.action} of ${r.model}${describeKey(r.key)}): ${r.code}: ${hint}${detail}`;
}

function causeText(cause: unknown): string {
  const e = cause as { name?: string; message?: string } | undefined;
  return e && typeof e === 'object' ? `${e.name ?? 'Error'}: ${e.message ?? ''}` : String(cause);
}

export const transactionError = {
  tooLarge(operation: string, bytes: number): ValidationError {
    return new ValidationError(
      'transaction.tooLarge',
      `${operation} carries ${bytes} bytes of items and values; DynamoDB allows 4 MB (4194304 bytes) in one transaction. ` +
        'Split it into several transactions (each is atomic on its own). Nothing was written.',
    );
  },
  tooMany(operation: string, count: number): ValidationError {
    return new ValidationError(
      'transaction.tooManyActions',
      `${operation} has ${count} actions; DynamoDB allows at most 100 in one transaction. Split it into several ` +
        'transactions (each is atomic on its own), or use the batch operations when atomicity is not needed.',
    );
  },
  /** `models`: each action's model (two models of one table may name the same item). */
  sameItem(operation: string, first: number, second: number, models: readonly [string, string], key: Record<string, unknown>): ValidationError {
    const target = models[0] === models[1]
      ? `both target ${models[0]}${describeKey(key)}`
      : `(of ${models[0]} and of ${models[1]}, models of one table) both target the item${describeKey(key)}`;
    return new ValidationError(
      'transaction.sameItem',
      `${operation}: actions ${first} and ${second} ${target}; DynamoDB refuses two actions on ` +
        'the same item in one transaction. Merge them into one action (e.g. one update with all the changes, or a put ' +
        'with a condition instead of a check); nothing was sent.',
    );
  },
  /** Thrown inside the action's build: atItem adds `transaction action ${index} (check): ` in front. */
  checkWithoutCondition(model: string): ValidationError {
    return new ValidationError(
      'transaction.checkWithoutCondition',
      `the check of ${model} has no condition; tx.check(Model, key, condition) needs one, e.g. { version: 3 }.`,
    );
  },
  closed(method: string): ValidationError {
    return new ValidationError(
      'transaction.closed',
      `tx.${method}() was called after the transaction callback returned (or its promise settled); add every action ` +
        'before the callback returns — await anything it needs inside it.',
    );
  },
  /** TransactionCanceledException: one reason per action, the failing ones named in the message. */
  cancelled(operation: string, reasons: readonly TransactionReason[], cause: unknown, conditionHints: readonly (string | undefined)[] = []): TransactionError {
    const failing = reasons.filter((r) => r.code !== 'None');
    const lines = (failing.length ? failing : reasons).map((r) => describeReason(r, conditionHints[r.index]));
    return new TransactionError(
      'transaction.cancelled',
      `${operation} was cancelled and nothing was written:\n${lines.join('\n')}` +
        (reasons.length ? '' : `\n  (DynamoDB gave no reasons: ${causeText(cause)})`),
      reasons,
      cause,
    );
  },
  /** The engine has no transactions (dynalite answers UnknownOperationException). */
  unsupported(operation: string, command: string, cause: unknown): TransactionError {
    return new TransactionError(
      'transaction.unsupported',
      `${operation}: this DynamoDB endpoint does not implement ${command} (${causeText(cause)}). dynalite has no ` +
        'transactions: run against Amazon DynamoDB or DynamoDB Local.',
      [],
      cause,
    );
  },
  /** Errors of the whole request: idempotency token reuse, a transaction still in progress... */
  failed(operation: string, code: string, hint: string, cause: unknown): TransactionError {
    return new TransactionError(`transaction.${code}`, `${operation} failed: ${causeText(cause)}. ${hint}`, [], cause);
  },
};
