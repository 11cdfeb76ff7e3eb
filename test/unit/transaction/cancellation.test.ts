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
        '  - action 1 (check of Note { id: "n" }): ConditionalCheckFailed: its condition was false for the stored item',
    );
  });

  it('a failed condition says what the action\'s condition held (regression: every reason blamed a @Version, even without one)', async () => {
    const { buildTransactWriteInput } = await import('../../../src/mapper/transaction/write-input');
    const { createContext } = await import('../../../src/mapper/create-context');
    const { Attribute, PartitionKey, Table, Version } = await import('../../../src/decorators');
    const { eq } = await import('../../../src/expressions');
    @Table({ name: 'HintShop', entity: 'Order' }) class Order { @PartitionKey({ type: 'string' }) pk!: string; @Attribute({ type: 'number' }) total?: number; }
    @Table({ name: 'HintAccounts' }) class Account { @PartitionKey({ type: 'string' }) id!: string; @Version() version?: number; }
    const ctx = createContext({ client: {} as never });
    const prepared = buildTransactWriteInput(ctx, [
      { action: 'check', Model: Order, key: { pk: 'o' }, condition: { total: eq(5) }, options: {} },
      { action: 'put', entity: Object.assign(new Account(), { id: 'a' }), options: {} },
    ] as never, {}, new Date());
    const actionSubjects = prepared.actions.map((a) => ({ action: a.action, model: a.schema.className, key: a.key, conditionHint: a.conditionHint }));
    const e = transactionFailure('transaction', 'TransactWriteItems', actionSubjects, cancelled(['ConditionalCheckFailed', 'ConditionalCheckFailed']), 1);
    expect(e.message).toBe(
      'transaction was cancelled and nothing was written:\n' +
        '  - action 0 (check of Order { pk: "o" }): ConditionalCheckFailed: the condition was false for the stored item, or the key holds ' +
        'another entity\'s item (its "_entity" is not "Order": use the model of that item; an item written before the model had an ' +
        'entity type has no "_entity" at all: add it to such items, see docs/models.md)\n' +
        '  - action 1 (put of Account { id: "a" }): ConditionalCheckFailed: an item is already stored at this key: the entity is written ' +
        'as a new item (it has no @Version yet, or this mapper deleted it or its key changed since it was read), which requires that none ' +
        'is there. Read the stored item to decide: update it, or delete it first',
    );
  });

  it('two actions on one item through two models of its table name each action\'s model', async () => {
    const { buildTransactWriteInput } = await import('../../../src/mapper/transaction/write-input');
    const { createContext } = await import('../../../src/mapper/create-context');
    const { Attribute, PartitionKey, Table } = await import('../../../src/decorators');
    @Table({ name: 'TwoShop', entity: 'Order' }) class Order { @PartitionKey({ type: 'string' }) pk!: string; @Attribute({ type: 'number' }) total?: number; }
    @Table({ name: 'TwoShop', entity: 'Customer' }) class Customer { @PartitionKey({ type: 'string' }) pk!: string; }
    const ctx = createContext({ client: {} as never });
    expect(() => buildTransactWriteInput(ctx, [
      { action: 'check', Model: Order, key: { pk: 'x' }, condition: { total: 5 }, options: {} },
      { action: 'put', entity: Object.assign(new Customer(), { pk: 'x' }), options: {} },
    ] as never, {}, new Date())).toThrow(/^transaction: actions 0 and 1 \(of Order and of Customer, models of one table\) both target the item \{ pk: "x" \}; DynamoDB refuses/);
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
