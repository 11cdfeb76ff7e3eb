import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ThrottledError, TransactionError } from '../../../src/errors';
import { isTransientTransactionError, reasonsOf, transactionFailure } from '../../../src/mapper/transaction/cancellation';

const subjects = [
  { action: 'put' as const, model: 'Movie', key: { year: 1985, title: 'A' } },
  { action: 'check' as const, model: 'Note', key: { id: 'n' } },
];

function cancelled(codes: string[], item?: Record<string, unknown>) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code, i) => ({ Code, ...(i === 1 && item ? { Item: item as never, Message: 'The conditional request failed' } : {}) })),
  });
}

describe('reasonsOf', () => {
  it('ties each reason to its action, in order, with the old item', () => {
    expect(reasonsOf(subjects, cancelled(['None', 'ConditionalCheckFailed'], { id: { S: 'n' } }))).toEqual([
      { index: 0, action: 'put', model: 'Movie', key: { year: 1985, title: 'A' }, code: 'None' },
      { index: 1, action: 'check', model: 'Note', key: { id: 'n' }, code: 'ConditionalCheckFailed',
        message: 'The conditional request failed', oldItem: { id: { S: 'n' } } },
    ]);
  });

  it('still gives one reason per action when DynamoDB gave none', () => {
    expect(reasonsOf(subjects, new Error('x')).map((r) => r.code)).toEqual(['None', 'None']);
  });
});

describe('isTransientTransactionError', () => {
  it.each([
    [['None', 'TransactionConflict'], true],
    [['ThrottlingError', 'None'], true],
    [['None', 'ConditionalCheckFailed'], false],
    [['TransactionConflict', 'ConditionalCheckFailed'], false],
    [['None', 'None'], false],
  ])('cancelled with %j: %s', (codes, transient) => {
    expect(isTransientTransactionError(cancelled(codes))).toBe(transient);
  });

  it('a thrown throttling error is transient', () => {
    expect(isTransientTransactionError(new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} }))).toBe(true);
  });
});

describe('transactionFailure', () => {
  it('a cancellation is a TransactionError naming the failing action', () => {
    const e = transactionFailure('transaction', 'TransactWriteItems', subjects, cancelled(['None', 'ConditionalCheckFailed']), 1);
    expect(e).toBeInstanceOf(TransactionError);
    expect(e.code).toBe('transaction.cancelled');
    expect(e.message).toBe(
      'transaction was cancelled and nothing was written:\n' +
        '  - action 1 (check of Note { id: "n" }): ConditionalCheckFailed: its condition was false (for an entity with @Version: it was changed or created since it was read)',
    );
  });

  it('an engine without transactions says so', () => {
    const unknown = Object.assign(new Error('UnknownOperationException'), { name: 'UnknownOperationException' });
    const e = transactionFailure('transactGet', 'TransactGetItems', subjects, unknown, 1);
    expect(e.code).toBe('transaction.unsupported');
    expect(e.message).toMatch(/does not implement TransactGetItems.*dynalite has no transactions/s);
  });

  it('throttling after the retries is a ThrottledError', () => {
    const e = transactionFailure('transaction', 'TransactWriteItems', subjects, new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} }), 10);
    expect(e).toBeInstanceOf(ThrottledError);
    expect(e.message).toMatch(/after 10 attempts/);
  });
});
