/**
 * Reading a failed transaction: DynamoDB's CancellationReasons (one per action, in order) tied
 * back to the actions, and every AWS error of a transaction mapped to a dynamap error.
 */
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import type { DynamapError, TransactionReason } from '../../errors/classes';
import { isTransient, operationError, outcomeUnknown } from '../../errors/operation';
import { transactionError } from '../../errors/transaction';

/** What a reason needs to know about its action. */
export interface ReasonSubject {
  readonly action: TransactionReason['action'];
  readonly model: string;
  readonly key: Record<string, unknown>;
  /** Why its condition may have failed (a write's version, the caller's condition, the entity type). */
  readonly conditionHint?: string;
}

interface AwsError {
  name?: string;
  CancellationReasons?: CancellationReason[];
}

/** Reason codes a transaction may be retried for as it is: nothing was applied, and waiting helps. */
const TRANSIENT = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'None']);

export function reasonsOf(subjects: readonly ReasonSubject[], cause: unknown): TransactionReason[] {
  const raw = (cause as AwsError)?.CancellationReasons ?? [];
  return subjects.map((s, index) => {
    const r = raw[index] ?? {};
    return {
      index, action: s.action, model: s.model, key: s.key, code: r.Code ?? 'None',
      ...(r.Message ? { message: r.Message } : {}),
      ...(r.Item ? { oldItem: r.Item } : {}),
    };
  });
}

/** True when retrying the same transaction may succeed: throttled, or cancelled only by conflicts/throttling. */
export function isTransientTransactionError(e: unknown): boolean {
  if (isTransient(e)) return true;
  const err = e as AwsError;
  if (err?.name !== 'TransactionCanceledException') return false;
  const codes = (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  return codes.length > 0 && codes.some((c) => c !== 'None') && codes.every((c) => TRANSIENT.has(c));
}

/**
 * `operation` is 'transaction' or 'transactGet'; `command` the DynamoDB API it called.
 * `resent`: false when a server error was not resent because it may have been applied (a
 * transaction without a clientRequestToken): the message must not say "retry later".
 */
export function transactionFailure(
  operation: string, command: string, subjects: readonly ReasonSubject[], e: unknown, attempts: number, resent = true,
): DynamapError {
  const name = (e as AwsError)?.name;
  switch (name) {
    case 'TransactionCanceledException':
      return transactionError.cancelled(operation, reasonsOf(subjects, e), e, subjects.map((s) => s.conditionHint));
    case 'UnknownOperationException':
      return transactionError.unsupported(operation, command, e);
    case 'IdempotentParameterMismatchException':
      return transactionError.failed(operation, 'idempotencyMismatch',
        'This clientRequestToken was used in the last 10 minutes for a different transaction: give new work a new token.', e);
    case 'TransactionInProgressException':
      return transactionError.failed(operation, 'inProgress',
        'A transaction with this clientRequestToken is still running: wait, then resend it with the same token.', e);
  }
  const op = { operation, model: [...new Set(subjects.map((s) => s.model))].join(', ') || '(no model)', writeOnce: !resent };
  if (!resent && outcomeUnknown(e)) return operationError.wrap(op, e);
  if (isTransient(e)) return operationError.exhausted(op, attempts, e);
  return operationError.wrap(op, e);
}
