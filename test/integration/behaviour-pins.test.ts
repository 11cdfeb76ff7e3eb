/**
 * Rules that the code kept but no test held (found by a mutation probe: each change of the rule
 * left the suite green). Each test states what a user sees when the rule holds.
 */
import 'reflect-metadata';
import { BatchWriteItemCommand, GetItemCommand, ProvisionedThroughputExceededException, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { Attribute, Mapper, PartitionKey, SortKey, Table, UpdatedAt, between, gte, lte } from 'dynamap';
import { describeOnDynamoDBLocal, testClient, uniquePrefix } from '../support/engine';

@Table({ name: 'PinReadings' })
class Reading {
  @PartitionKey() sensor!: string;
  @SortKey() at!: number;
  @Attribute() status?: string;
}

@Table({ name: 'PinDocs' })
class Doc {
  @PartitionKey() id!: string;
  @Attribute() a?: string;
  @Attribute() b?: string;
  @Attribute({ default: 'draft' }) stage?: string | null;
  @UpdatedAt() updatedAt?: Date;
}

const client = testClient();
const prefix = uniquePrefix();
const mapper = new Mapper({ client, tablePrefix: prefix });

async function raw(table: string, key: Record<string, { S: string } | { N: string }>) {
  return (await client.send(new GetItemCommand({ TableName: prefix + table, Key: key, ConsistentRead: true }))).Item;
}

beforeAll(async () => {
  await mapper.sync([Reading, Doc]);
  await mapper.batchPut(Array.from({ length: 10 }, (_, i) => Object.assign(new Reading(), { sensor: 'x', at: i + 1, status: i % 2 ? 'even' : 'odd' })));
});

describe('save() of an entity whose key was changed', () => {
  it('is refused before sending, naming the property, and the item at the new key is left alone (partition and sort key)', async () => {
    await mapper.put(Object.assign(new Doc(), { id: 'k1', a: 'one' }));
    await mapper.put(Object.assign(new Doc(), { id: 'k2', a: 'two' }));
    const doc = (await mapper.get(Doc, { id: 'k1' }))!;
    doc.id = 'k2';
    doc.a = 'hijacked';
    await expect(mapper.save(doc)).rejects.toMatchObject({
      code: 'save.keyChanged',
      message: expect.stringMatching(/^save of Doc: key property id changed since the entity was read\. .*use put\(\)/) as unknown,
    });
    expect((await raw('PinDocs', { id: { S: 'k2' } }))?.a).toEqual({ S: 'two' });

    const reading = (await mapper.get(Reading, { sensor: 'x', at: 1 }))!;
    reading.at = 2;
    reading.status = 'moved';
    await expect(mapper.save(reading)).rejects.toMatchObject({ code: 'save.keyChanged', message: expect.stringContaining('key property at changed') as unknown });
    expect((await raw('PinReadings', { sensor: { S: 'x' }, at: { N: '2' } }))?.status).toEqual({ S: 'even' });
  });
});

describe('a cursor on the bound of a key condition', () => {
  it.each([
    ['between, at its low end', () => mapper.query(Reading, { sensor: 'x', at: between(1, 10) }), 1, [2, 3, 4, 5, 6, 7, 8, 9, 10]],
    ['between, at its high end (reversed)', () => mapper.query(Reading, { sensor: 'x', at: between(1, 10) }).reverse(), 10, [9, 8, 7, 6, 5, 4, 3, 2, 1]],
    ['>=, at its bound', () => mapper.query(Reading, { sensor: 'x', at: gte(1) }), 1, [2, 3, 4, 5, 6, 7, 8, 9, 10]],
    ['<=, at its bound (reversed)', () => mapper.query(Reading, { sensor: 'x', at: lte(10) }).reverse(), 10, [9, 8, 7, 6, 5, 4, 3, 2, 1]],
  ])('%s: the traversal continues from it', async (_, query, bound, rest) => {
    const first = await query().limit(1).page();
    expect(first.items.map((r) => r.at)).toEqual([bound]);
    expect((await query().startAfter(first.cursor!).all()).map((r) => r.at)).toEqual(rest);
  });
});

describe('count() with a filter and a limit', () => {
  it('counts at most the limit, on a query, a scan and a parallel scan', async () => {
    expect(await mapper.query(Reading, { sensor: 'x' }).filter({ status: 'odd' }).count()).toBe(5);
    expect(await mapper.query(Reading, { sensor: 'x' }).filter({ status: 'odd' }).limit(2).count()).toBe(2);
    expect(await mapper.scan(Reading).filter({ status: 'odd' }).limit(3).count()).toBe(3);
    expect(await mapper.scan(Reading).segments(3).filter({ status: 'odd' }).limit(4).count()).toBe(4);
  });
});

describe('@UpdatedAt', () => {
  it('is set by save() of an entity read with a projection, in the item and on the entity', async () => {
    await mapper.put(Object.assign(new Doc(), { id: 'partial', a: 'x', b: 'y' }));
    const before = (await mapper.get(Doc, { id: 'partial' }))!.updatedAt!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const part = (await mapper.get(Doc, { id: 'partial' }, { project: ['a'] }))!;
    part.a = 'changed';
    await mapper.save(part);
    const after = (await mapper.get(Doc, { id: 'partial' }))!;
    expect(after).toMatchObject({ a: 'changed', b: 'y' });
    expect(after.updatedAt!.getTime()).toBeGreaterThan(before.getTime());
    expect(part.updatedAt).toEqual(after.updatedAt);
  });
});

describe('a default value', () => {
  it('replaces undefined only: an explicit null is stored as NULL and read back as null', async () => {
    await mapper.put(Object.assign(new Doc(), { id: 'null', stage: null }));
    expect((await raw('PinDocs', { id: { S: 'null' } }))?.stage).toEqual({ NULL: true });
    expect((await mapper.get(Doc, { id: 'null' }))!.stage).toBeNull();
    await mapper.put(Object.assign(new Doc(), { id: 'undefined' }));
    expect((await mapper.get(Doc, { id: 'undefined' }))!.stage).toBe('draft');
  });
});

describe('a batch that makes progress between throttled calls', () => {
  it('is not given up: only calls without progress in a row count against the retry policy', async () => {
    // Every odd BatchWriteItem is throttled; every even one writes the first request only (the rest come back unprocessed).
    const slow = testClient();
    let calls = 0;
    slow.middlewareStack.add(((next: (args: unknown) => Promise<unknown>) => async (args: { input?: { RequestItems?: Record<string, WriteRequest[]> } }) => {
      const requests = args.input?.RequestItems;
      if (!requests) return next(args);
      if (++calls % 2 === 1) throw new ProvisionedThroughputExceededException({ message: 'slow table (test)', $metadata: {} });
      const [[table, list], ...others] = Object.entries(requests);
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table!]: [list![0]!] } }));
      const unprocessed: Record<string, WriteRequest[]> = Object.fromEntries(others);
      if (list!.length > 1) unprocessed[table!] = list!.slice(1);
      return { output: { ...out, UnprocessedItems: unprocessed }, response: {} };
    }) as never, { step: 'initialize', name: 'slowBatch' });
    const m = new Mapper({ client: slow, tablePrefix: prefix, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    await m.batchPut(Array.from({ length: 6 }, (_, i) => Object.assign(new Reading(), { sensor: 'slow', at: i })));
    expect(await mapper.query(Reading, { sensor: 'slow' }).count()).toBe(6);
    expect(calls).toBe(12);   // six throttled, six that wrote one item each
  });
});

describeOnDynamoDBLocal('transactGet', () => {
  it('reads exactly 100 items (DynamoDB\'s limit) in one call', async () => {
    await mapper.batchPut(Array.from({ length: 100 }, (_, i) => Object.assign(new Reading(), { sensor: 'tx', at: i })));
    const read = await mapper.transactGet(Array.from({ length: 100 }, (_, i) => [Reading, { sensor: 'tx', at: i }] as const));
    expect(read.map((r) => r?.at)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
