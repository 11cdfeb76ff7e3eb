/**
 * Paging, limits, counts and parallel scans against a fake client (fake-table.ts), where the
 * requests made can be asserted exactly and failures and delays injected.
 */
import 'reflect-metadata';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { Attribute, DynamoError, Mapper, PartitionKey, SortKey, Table } from 'dynamap';
import { fakeClient } from './fake-table';

@Table({ name: 'Readings' })
class Reading {
  @PartitionKey() sensor!: string;
  @SortKey() at!: number;
  @Attribute() status?: string;
}

const N = 50;
const items: Record<string, AttributeValue>[] = Array.from({ length: N }, (_, i) => ({
  sensor: { S: 's1' }, at: { N: String(i) }, status: { S: i >= 45 ? 'late' : 'ok' },
}));
const keyNames = ['sensor', 'at'];
const late = (item: Record<string, AttributeValue>) => item.status.S === 'late';
const noRetry = { attempts: 1 };

function setup(options: Partial<Parameters<typeof fakeClient>[1]> = {}) {
  const fake = fakeClient(items, { keyNames, filter: late, ...options });
  return { ...fake, mapper: new Mapper({ client: fake.client, retry: noRetry }) };
}

const ats = (rs: Reading[]) => rs.map((r) => r.at);

describe('sequential paging', () => {
  it('follows LastEvaluatedKey through pages the filter emptied', async () => {
    const { mapper, inputs } = setup();
    const rs = await mapper.query(Reading, { sensor: 's1' }).filter({ status: 'late' }).pageSize(10).all();
    expect(ats(rs)).toEqual([45, 46, 47, 48, 49]);
    expect(inputs.map((i) => i.ExclusiveStartKey && (i.ExclusiveStartKey as Record<string, AttributeValue>).at.N)).toEqual([
      undefined, '9', '19', '29', '39',
    ]);
  });

  it('a page cut by limit() continues after its last item, not after what DynamoDB read', async () => {
    const { mapper } = setup({ filter: (item) => item.status.S === 'ok' });
    const q = mapper.query(Reading, { sensor: 's1' }).filter({ status: 'ok' }).limit(3);
    const first = await q.page();
    expect(ats(first.items)).toEqual([0, 1, 2]);
    const second = await q.page(first.cursor);
    expect(ats(second.items)).toEqual([3, 4, 5]);
  });

  it('without a filter, Limit asks for no more than the items still wanted', async () => {
    const { mapper, inputs } = setup();
    await mapper.query(Reading, { sensor: 's1' }).pageSize(20).limit(45).all();
    expect(inputs.map((i) => i.Limit)).toEqual([20, 20, 5]);
  });

  it('pages() ends with an undefined cursor, and equals page() called with each cursor', async () => {
    const { mapper } = setup();
    const q = mapper.query(Reading, { sensor: 's1' }).pageSize(20);
    const viaPages = [];
    for await (const p of q.pages()) viaPages.push(p);
    const viaPage = [];
    let cursor: string | undefined;
    do {
      const p = await q.page(cursor);
      viaPage.push(p);
      cursor = p.cursor;
    } while (cursor);
    expect(viaPages.map((p) => ats(p.items))).toEqual(viaPage.map((p) => ats(p.items)));
    expect(viaPages.map((p) => p.cursor === undefined)).toEqual([false, false, true]);
  });

  it('breaking out of for await sends no further request', async () => {
    const { mapper, inputs } = setup();
    for await (const r of mapper.query(Reading, { sensor: 's1' }).pageSize(10)) if (r.at === 3) break;
    expect(inputs).toHaveLength(1);
  });

  it('count() sums Count across pages, Select COUNT, and stops at limit()', async () => {
    const { mapper, inputs } = setup();
    expect(await mapper.query(Reading, { sensor: 's1' }).pageSize(15).count()).toBe(N);
    expect(inputs.map((i) => [i.Select, i.Limit])).toEqual([['COUNT', 15], ['COUNT', 15], ['COUNT', 15], ['COUNT', 15]]);
    expect(await mapper.query(Reading, { sensor: 's1' }).filter({ status: 'late' }).pageSize(15).count()).toBe(5);
    expect(await mapper.query(Reading, { sensor: 's1' }).pageSize(15).limit(20).count()).toBe(20);
  });

  it('an AWS error is a DynamoError with the AWS error as cause', async () => {
    const { mapper } = setup({
      before: () => { throw Object.assign(new Error('boom'), { name: 'ResourceNotFoundException' }); },
    });
    const err = await mapper.query(Reading, { sensor: 's1' }).all().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DynamoError);
    expect((err as DynamoError).message).toMatch(/query of Reading failed: ResourceNotFoundException: boom/);
  });

  it('hydrated entities are instances whose snapshot lets save() write only changes', async () => {
    const { mapper } = setup();
    const [first] = await mapper.query(Reading, { sensor: 's1' }).limit(1).all();
    expect(first).toBeInstanceOf(Reading);
    const { snapshotOf } = await import('../../../src/mapper/snapshots');
    expect(snapshotOf(first)).toEqual({ item: items[0], partial: false });
    const [projected] = await mapper.query(Reading, { sensor: 's1' }).project('status').limit(1).all();
    expect({ ...projected }).toEqual({ sensor: 's1', at: 0, status: 'ok' });
    expect(snapshotOf(projected)).toEqual({ item: { sensor: { S: 's1' }, at: { N: '0' }, status: { S: 'ok' } }, partial: true });
  });
});

describe('parallel scan', () => {
  const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

  it('reads every segment concurrently and merges every item once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { mapper, inputs } = setup({
      before: async () => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await delay(5);
        inFlight--;
      },
    });
    const rs = await mapper.scan(Reading).segments(4).pageSize(4).all();
    expect(ats(rs).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i));
    expect(maxInFlight).toBe(4);
    expect(new Set(inputs.map((i) => i.Segment))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('count() sums every segment (regression: `total += await` lost the sums of other segments)', async () => {
    const { mapper } = setup({ before: (input) => delay(input.Segment === 0 ? 20 : 1) });
    expect(await mapper.scan(Reading).segments(5).pageSize(3).count()).toBe(N);
    expect(await mapper.scan(Reading).segments(5).filter({ status: 'late' }).count()).toBe(5);
  });

  it('a failing segment fails the scan, and no request is left running', async () => {
    let running = 0;
    const { mapper } = setup({
      before: async (input, call) => {
        running++;
        try {
          await delay(5);
          if (input.Segment === 2 && call > 4) throw Object.assign(new Error('nope'), { name: 'ValidationException' });
        } finally {
          running--;
        }
      },
    });
    await expect(mapper.scan(Reading).segments(3).pageSize(2).all()).rejects.toBeInstanceOf(DynamoError);
    expect(running).toBe(0);
  });

  it('limit() stops every segment', async () => {
    const { mapper, inputs } = setup();
    const rs = await mapper.scan(Reading).segments(2).pageSize(5).limit(7).all();
    expect(rs).toHaveLength(7);
    // The first page of each segment (read at once, in parallel) holds 10 items: enough, so no
    // worker reads a second page, however fast the pages arrive.
    expect(inputs.length).toBe(2);
  });

  it('page(cursor) walks the segments one request at a time, the cursor holding them all', async () => {
    const { mapper, inputs } = setup();
    const q = mapper.scan(Reading).segments(3).pageSize(10);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await q.page(cursor);
      seen.push(...ats(page.items));
      cursor = page.cursor;
    } while (cursor);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i));
    expect(inputs.map((i) => i.Segment)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('a cursor from pages() resumes after exactly what was returned, with read-ahead pages not lost', async () => {
    const { mapper } = setup({ before: (input) => delay(input.Segment === 1 ? 1 : 8) });
    const q = mapper.scan(Reading).segments(3).pageSize(4);
    const seen = new Set<number>();
    let cursor: string | undefined;
    let n = 0;
    for await (const page of q.pages()) {
      for (const r of page.items) seen.add(r.at);
      cursor = page.cursor;
      if (++n === 4) break;
    }
    for await (const r of q.startAfter(cursor)) {
      expect(seen.has(r.at)).toBe(false);
      seen.add(r.at);
    }
    expect(seen.size).toBe(N);
  });

  it('startAfter() and segments() may come in either order; a cursor of another segment count is refused when run', async () => {
    const { mapper } = setup();
    const first = await mapper.scan(Reading).segments(2).pageSize(10).page();
    const a = await mapper.scan(Reading).startAfter(first.cursor).segments(2).pageSize(10).page();
    const b = await mapper.scan(Reading).segments(2).startAfter(first.cursor).pageSize(10).page();
    expect(ats(a.items)).toEqual(ats(b.items));
    expect(ats(a.items)).not.toEqual(ats(first.items));
    await expect(mapper.scan(Reading).startAfter(first.cursor).all()).rejects.toMatchObject({ code: 'cursor.otherSegments' });
    await expect(mapper.scan(Reading).segments(3).startAfter(first.cursor).count()).rejects.toMatchObject({ code: 'cursor.otherSegments' });
    expect(() => mapper.scan(Reading).segments(3).startAfter(first.cursor).toInput()).toThrow(/scan with 2 segments, this scan has 3 segments/);
  });
});
