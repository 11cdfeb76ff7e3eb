/**
 * Writes whose answer is lost on the way back (network-fault probe): the AWS SDK resends a
 * request after a reset connection or a timeout, which for some writes is not safe. What must
 * hold, with the SDK's default client (4 attempts in all for DynamoDB) and with `maxAttempts: 1`:
 *  - a write a resend could apply twice or fail against its own first application (an update, a
 *    versioned or conditional write) is not resent: it fails with `operation.outcomeUnknown`
 *    ("may or may not have applied, read the item"), never as success after applying twice, and
 *    never as a ConditionError blaming another writer for its own write;
 *  - throttling (nothing applied) before such a write is still resent;
 *  - reads and idempotent writes are resent and succeed, by the SDK or by dynamap's own retry.
 */
import 'reflect-metadata';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { Attribute, BatchError, ConditionError, DynamoError, Mapper, PartitionKey, Table, Version, increment } from 'dynamap';
import { describeOnDynamoDBLocal, uniquePrefix } from '../support/engine';
import { lossyClient } from '../support/lossy-client';

@Table({ name: 'LostCounters' })
class Counter {
  @PartitionKey() id!: string;
  @Attribute() title?: string;
  @Attribute() views?: number;
}

@Table({ name: 'LostDocs' })
class Doc {
  @PartitionKey() id!: string;
  @Attribute() title?: string;
  @Version() version?: number;
}

const prefix = uniquePrefix();
// The SDK's default: it resends on its own after a lost answer.
const sdkRetries = lossyClient();
const mapper = new Mapper({ client: sdkRetries.client, tablePrefix: prefix, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
// What docs/batch.md suggested to stop the SDK's resends: now dynamap's own retry does the safe ones.
const single = lossyClient({ maxAttempts: 1 });
const mapper1 = new Mapper({ client: single.client, tablePrefix: prefix, retry: { baseDelayMs: 1, maxDelayMs: 5 } });

async function stored(table: string, id: string) {
  return (await sdkRetries.client.send(new GetItemCommand({ TableName: prefix + table, Key: { id: { S: id } }, ConsistentRead: true }))).Item;
}

async function failure(promise: Promise<unknown>): Promise<ErrorShape> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (error === undefined) throw new Error('expected the call to fail, it resolved');
  return error as ErrorShape;
}
type ErrorShape = Error & { code?: string; cause?: { code?: string; $metadata?: { attempts?: number } } };

const MAYBE = /got no answer from DynamoDB \(Error: socket hang up.*\)\. DynamoDB may or may not have applied it, so it was not sent again .*read the item to see whether it was applied/;

beforeAll(async () => {
  await mapper.sync([Counter, Doc]);
});

afterEach(() => {
  // A fault a test set up and never met means the test did not exercise what it says.
  expect(sdkRetries.pending()).toBe(0);
  expect(single.pending()).toBe(0);
});

describe.each([
  ['the SDK default client (it resends on its own)', () => ({ m: mapper, lossy: sdkRetries })],
  ['a client with maxAttempts: 1', () => ({ m: mapper1, lossy: single })],
])('a lost answer, through %s', (_, setup) => {
  it('update with increment: refused as outcomeUnknown and applied once (regression: the SDK resent it, it applied twice and resolved)', async () => {
    const { m, lossy } = setup();
    const id = `inc-${lossy === single ? 1 : 3}`;
    await m.put(Object.assign(new Counter(), { id, views: 0 }));
    lossy.fail('UpdateItem', 'loseAnswer');
    const error = await failure(m.update(Counter, { id }, { views: increment(1) }));
    expect(error).toBeInstanceOf(DynamoError);
    expect(error.code).toBe('operation.outcomeUnknown');
    expect(error.message).toMatch(/^update of Counter \{ id: "inc-\d" \} /);
    expect(error.message).toMatch(MAYBE);
    expect(error.cause?.code).toBe('ECONNRESET');
    // How often the AWS client sent it, where the SDK records it (regression: undefined once the guard stopped it).
    expect(error.cause?.$metadata?.attempts).toBe(1);
    expect((await stored('LostCounters', id))?.views).toEqual({ N: '1' });
  });

  it('put of a new versioned entity: outcomeUnknown, not a ConditionError blaming another writer for its own write', async () => {
    const { m, lossy } = setup();
    const id = `new-${lossy === single ? 1 : 3}`;
    lossy.fail('PutItem', 'loseAnswer');
    const error = await failure(m.put(Object.assign(new Doc(), { id, title: 'first' })));
    expect(error).not.toBeInstanceOf(ConditionError);
    expect(error.code).toBe('operation.outcomeUnknown');
    expect(error.message).toMatch(MAYBE);
    expect(await stored('LostDocs', id)).toMatchObject({ title: { S: 'first' }, version: { N: '1' } });
    // What the message says to do works: read it, and the next write of what was read succeeds.
    const read = (await m.get(Doc, { id }))!;
    read.title = 'second';
    await m.save(read);
    expect(await stored('LostDocs', id)).toMatchObject({ title: { S: 'second' }, version: { N: '2' } });
  });

  it('save() of a read versioned entity and delete(entity): outcomeUnknown, and each was applied once', async () => {
    const { m, lossy } = setup();
    const id = `save-${lossy === single ? 1 : 3}`;
    const doc = await m.put(Object.assign(new Doc(), { id, title: 'a' }));
    doc.title = 'b';
    lossy.fail('UpdateItem', 'loseAnswer');
    const saved = await failure(m.save(doc));
    expect(saved.code).toBe('operation.outcomeUnknown');
    expect(await stored('LostDocs', id)).toMatchObject({ title: { S: 'b' }, version: { N: '2' } });
    const fresh = (await m.get(Doc, { id }))!;
    lossy.fail('DeleteItem', 'loseAnswer');
    const deleted = await failure(m.delete(fresh));
    expect(deleted).not.toBeInstanceOf(ConditionError);
    expect(deleted.code).toBe('operation.outcomeUnknown');
    expect(await stored('LostDocs', id)).toBeUndefined();
  });

  it('put with overwrite: false: outcomeUnknown (regression: a ConditionError whose oldItem was its own write)', async () => {
    const { m, lossy } = setup();
    const id = `once-${lossy === single ? 1 : 3}`;
    lossy.fail('PutItem', 'loseAnswer');
    const error = await failure(m.put(Object.assign(new Counter(), { id, title: 'x' }), { overwrite: false }));
    expect(error.code).toBe('operation.outcomeUnknown');
    expect(await stored('LostCounters', id)).toMatchObject({ title: { S: 'x' } });
  });

  it('an unconditioned put and a get are resent and succeed (nothing a resend could change)', async () => {
    const { m, lossy } = setup();
    const id = `plain-${lossy === single ? 1 : 3}`;
    lossy.fail('PutItem', 'loseAnswer');
    await m.put(Object.assign(new Counter(), { id, title: 'kept' }));
    lossy.fail('GetItem', 'loseAnswer');
    expect(await m.get(Counter, { id })).toMatchObject({ title: 'kept' });
    expect(lossy.reached.slice(-4)).toEqual(['PutItem', 'PutItem', 'GetItem', 'GetItem']);
  });

  it('batchPut whose first call lost its answer: resent, every item stored once and the call resolves', async () => {
    const { m, lossy } = setup();
    const items = Array.from({ length: 30 }, (_, i) => Object.assign(new Counter(), { id: `batch-${lossy === single ? 1 : 3}-${i}`, views: i }));
    lossy.fail('BatchWriteItem', 'loseAnswer');
    await m.batchPut(items);
    for (const item of [items[0]!, items[29]!]) expect((await stored('LostCounters', item.id))?.views).toEqual({ N: String(item.views) });
  });

  it('a refused connection (nothing sent) before an update is resent: the update applies once and resolves', async () => {
    const { m, lossy } = setup();
    const id = `refused-${lossy === single ? 1 : 3}`;
    await m.put(Object.assign(new Counter(), { id, views: 10 }));
    lossy.fail('UpdateItem', 'refuse');
    expect(await m.update(Counter, { id }, { views: increment(1) })).toMatchObject({ views: 11 });
    expect((await stored('LostCounters', id))?.views).toEqual({ N: '11' });
  });
});

it('a batch whose retries ran out after a lost answer lists those items, saying they may have been written (regression: "not done")', async () => {
  const once = new Mapper({ client: single.client, tablePrefix: prefix, retry: { attempts: 1 } });
  const items = Array.from({ length: 3 }, (_, i) => Object.assign(new Counter(), { id: `batch-lost-${i}`, views: i }));
  single.fail('BatchWriteItem', 'loseAnswer');
  const error = await failure(once.batchPut(items));
  expect(error).toBeInstanceOf(BatchError);
  expect((error as BatchError).unprocessed).toHaveLength(3);
  expect(error.message).toMatch(/Those of the call that failed may have been written \(it got a server error or no answer\); writing them again is harmless/);
  expect((await stored('LostCounters', 'batch-lost-2'))?.views).toEqual({ N: '2' });   // it was
  await once.batchPut((error as BatchError).unprocessed as Counter[]);
  expect((await stored('LostCounters', 'batch-lost-0'))?.views).toEqual({ N: '0' });
});

it('count() whose requests got no answer every time says it counts again from the start (regression: it pointed to a cursor it does not give), and how often the AWS client sent', async () => {
  const three = lossyClient({ maxAttempts: 3 });
  const twice = new Mapper({ client: three.client, tablePrefix: prefix, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
  three.fail('Scan', 'loseAnswer', 6);   // 2 tries by dynamap, each sent 3 times by the SDK
  const error = await failure(twice.scan(Counter).count());
  expect(three.pending()).toBe(0);
  expect(error).toBeInstanceOf(DynamoError);
  expect(error.message).toMatch(/^count of Counter got no answer from DynamoDB 2 time\(s\) \(the AWS client itself sent the last of them 3 times\): Error: socket hang up/);
  expect(error.message).toMatch(/then retry \(count\(\) counts again from the start: it has no cursor\)\.$/);
  expect(error.message).not.toMatch(/cursor of the last page/);
});

it('a query page that kept failing with a server error says where a traversal resumes', async () => {
  const twice = new Mapper({ client: single.client, tablePrefix: prefix, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
  single.fail('Query', 'serverError', 2);
  const error = await failure(twice.query(Counter, { id: 'none' }).all());
  expect(error.message).toBe('query of Counter failed 2 time(s) with a server error: InternalServerError: Internal server error (lossy-client). ' +
    'DynamoDB server errors are usually transient: retry later (a traversal resumes from the cursor of the last page it returned). ' +
    'One that persists comes from the request itself.');
});

it('the guard holds on a client with cacheMiddleware: true (which otherwise ignores a command\'s own middleware)', async () => {
  const cached = lossyClient({ cacheMiddleware: true });
  const m = new Mapper({ client: cached.client, tablePrefix: prefix });
  await m.put(Object.assign(new Counter(), { id: 'cached', views: 0 }));   // an unguarded PutItem handler is cached now
  cached.fail('PutItem', 'loseAnswer');
  const error = await failure(m.put(Object.assign(new Counter(), { id: 'cached-once' }), { overwrite: false }));
  expect(error.code).toBe('operation.outcomeUnknown');
  expect(await stored('LostCounters', 'cached-once')).toBeDefined();
  expect(cached.pending()).toBe(0);
});

it('throttling, then a lost answer, on an update: outcomeUnknown whose cause says the AWS client sent it twice', async () => {
  await mapper.put(Object.assign(new Counter(), { id: 'throttle-lost', views: 0 }));
  sdkRetries.fail('UpdateItem', 'throttle');
  sdkRetries.fail('UpdateItem', 'loseAnswer');
  const error = await failure(mapper.update(Counter, { id: 'throttle-lost' }, { views: increment(1) }));
  expect(error.code).toBe('operation.outcomeUnknown');
  expect(error.cause?.$metadata?.attempts).toBe(2);
  expect((await stored('LostCounters', 'throttle-lost'))?.views).toEqual({ N: '1' });
});

it('throttling before a versioned put is still resent by the SDK (nothing was applied): the put succeeds once', async () => {
  sdkRetries.fail('PutItem', 'throttle');
  const doc = await mapper.put(Object.assign(new Doc(), { id: 'throttled', title: 't' }));
  expect(doc.version).toBe(1);
  expect(await stored('LostDocs', 'throttled')).toMatchObject({ version: { N: '1' } });
});

describeOnDynamoDBLocal('transactions', () => {
  it('with a clientRequestToken, a lost answer is resent (by the SDK or by dynamap) and applied once', async () => {
    for (const [m, lossy, id] of [[mapper, sdkRetries, 'tx-3'], [mapper1, single, 'tx-1']] as const) {
      await m.put(Object.assign(new Counter(), { id, views: 0 }));
      lossy.fail('TransactWriteItems', 'loseAnswer');
      await m.transaction((tx) => tx.update(Counter, { id }, { views: increment(1) }), { clientRequestToken: `lost-answer-${prefix}${id}` });
      expect((await stored('LostCounters', id))?.views).toEqual({ N: '1' });
    }
  });

  it('without a token, through maxAttempts: 1, it is not resent and says it may have been applied', async () => {
    await mapper1.put(Object.assign(new Counter(), { id: 'tx-none', views: 0 }));
    single.fail('TransactWriteItems', 'loseAnswer');
    const error = await failure(mapper1.transaction((tx) => tx.update(Counter, { id: 'tx-none' }, { views: increment(1) })));
    expect(error.code).toBe('operation.outcomeUnknown');
    expect(error.message).toMatch(/may or may not have applied it.*clientRequestToken/);
    expect((await stored('LostCounters', 'tx-none'))?.views).toEqual({ N: '1' });
  });
});
