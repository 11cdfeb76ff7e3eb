/**
 * mapper.query / mapper.scan against a real engine (dynalite and DynamoDB Local run this file).
 */
import 'reflect-metadata';
import {
  Attribute, GlobalIndex, LocalIndex, Mapper, PartitionKey, SortKey, Table, ValidationError,
  beginsWith, between, gt, gte, lt, lte, eq,
} from 'dynamap';
import { itOnDynamoDBLocal, testClient, uniquePrefix } from '../support/engine';
import { contextOf } from '../../src/mapper/mapper';

@Table({ name: 'QueryMovies' })
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating', projection: 'ALL' })
@GlobalIndex('byDirector', { partitionKey: 'director', projection: 'KEYS_ONLY' })
@LocalIndex('byRating', { sortKey: 'rating', projection: ['genre'] })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
  @Attribute() director?: string;
  @Attribute() plot?: string;

  label(): string {
    return `${this.title} (${this.year})`;
  }
}

@Table({ name: 'QueryReadings' })
class Reading {
  @PartitionKey() sensor!: string;
  @SortKey() at!: number;
  @Attribute() value?: number;
  @Attribute() status?: string;
}

@Table({ name: 'QueryBlobs' })
class Blob {
  @PartitionKey({ type: 'binary' }) bucket!: Uint8Array;
  @SortKey({ type: 'binary' }) id!: Uint8Array;
  @Attribute() n?: number;
}

const client = testClient();
const mapper = new Mapper({ client, tablePrefix: uniquePrefix() });

const READINGS = 250;
const MOVIES: Array<[number, string, string, number, string]> = [
  [1994, 'Forrest Gump', 'Drama', 8.8, 'Zemeckis'],
  [1994, 'Pulp Fiction', 'Crime', 8.9, 'Tarantino'],
  [1994, 'The Shawshank Redemption', 'Drama', 9.3, 'Darabont'],
  [1994, 'Ed Wood', 'Comedy', 7.8, 'Burton'],
  [1994, 'Speed', 'Action', 7.2, 'de Bont'],
  [1994, 'The Lion King', 'Animation', 8.5, 'Allers'],
  [1994, 'Quiz Show', 'Drama', 7.5, 'Redford'],
  [1995, 'Heat', 'Crime', 8.3, 'Mann'],
  [1995, 'Se7en', 'Crime', 8.6, 'Fincher'],
  [1995, 'Toy Story', 'Animation', 8.3, 'Lasseter'],
];

async function inChunks<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

const bytes = (...b: number[]) => new Uint8Array(b);

beforeAll(async () => {
  await mapper.sync([Movie, Reading, Blob]);
  await inChunks(MOVIES, 10, ([year, title, genre, rating, director]) =>
    mapper.put(Object.assign(new Movie(), { year, title, genre, rating, director, plot: `${title} plot` })));
  const readings = Array.from({ length: READINGS }, (_, i) =>
    Object.assign(new Reading(), { sensor: 's1', at: i * 10 - 500, value: i, status: i >= 240 ? 'late' : 'ok' }));
  readings.push(...Array.from({ length: 5 }, (_, i) => Object.assign(new Reading(), { sensor: 's2', at: i, value: i, status: 'ok' })));
  await inChunks(readings, 25, (r) => mapper.put(r));
  const blobs = Array.from({ length: 30 }, (_, i) => Object.assign(new Blob(), { bucket: bytes(0, 255, 7), id: bytes(i, 0, 255 - i), n: i }));
  await inChunks(blobs, 15, (b) => mapper.put(b));
}, 120_000);

/** Calls of client.send made while `fn` runs. */
async function requests<R>(fn: () => Promise<R>): Promise<{ result: R; inputs: Record<string, unknown>[] }> {
  const spy = jest.spyOn(client, 'send');
  try {
    const result = await fn();
    return { result, inputs: spy.mock.calls.map((c) => (c[0] as unknown as { input: Record<string, unknown> }).input) };
  } finally {
    spy.mockRestore();
  }
}

describe('query on the table', () => {
  it('returns instances of the model in sort key order', async () => {
    const movies = await mapper.query(Movie, { year: 1994 }).all();
    expect(movies.map((m) => m.title)).toEqual([
      'Ed Wood', 'Forrest Gump', 'Pulp Fiction', 'Quiz Show', 'Speed', 'The Lion King', 'The Shawshank Redemption',
    ]);
    expect(movies[0]).toBeInstanceOf(Movie);
    expect(movies[0].label()).toBe('Ed Wood (1994)');
    expect(movies[0].plot).toBe('Ed Wood plot');
  });

  it.each([
    ['beginsWith', { title: beginsWith('The') }, ['The Lion King', 'The Shawshank Redemption']],
    ['between', { title: between('F', 'Q') }, ['Forrest Gump', 'Pulp Fiction']],
    ['gt', { title: gt('Speed') }, ['The Lion King', 'The Shawshank Redemption']],
    ['lte', { title: lte('Ed Wood') }, ['Ed Wood']],
    ['lt', { title: lt('Ed Wood') }, []],
    ['gte', { title: gte('The Shawshank Redemption') }, ['The Shawshank Redemption']],
    ['eq', { title: eq('Speed') }, ['Speed']],
    ['a value', { title: 'Speed' }, ['Speed']],
  ])('sort key operator %s', async (_name, sort, titles) => {
    const movies = await mapper.query(Movie, { year: 1994, ...sort }).all();
    expect(movies.map((m) => m.title)).toEqual(titles);
  });

  it('reverse() reads in descending sort key order', async () => {
    const movies = await mapper.query(Movie, { year: 1995 }).reverse().all();
    expect(movies.map((m) => m.title)).toEqual(['Toy Story', 'Se7en', 'Heat']);
  });

  it('for await iterates every item', async () => {
    const seen: number[] = [];
    for await (const r of mapper.query(Reading, { sensor: 's1' }).pageSize(40)) seen.push(r.value!);
    expect(seen).toEqual(Array.from({ length: READINGS }, (_, i) => i));
  });

  it('a number sort key condition', async () => {
    const rs = await mapper.query(Reading, { sensor: 's1', at: between(-500, -460) }).all();
    expect(rs.map((r) => r.at)).toEqual([-500, -490, -480, -470, -460]);
  });
});

describe('query on indexes', () => {
  it('a global index with its own keys', async () => {
    const movies = await mapper.query(Movie, { genre: 'Drama', rating: gte(8) }, { index: 'byGenre' }).all();
    expect(movies.map((m) => m.title)).toEqual(['Forrest Gump', 'The Shawshank Redemption']);
    expect(movies[0]).toBeInstanceOf(Movie);
    expect(movies[0].plot).toBe('Forrest Gump plot');
  });

  it('a local index with an INCLUDE projection yields partial entities', async () => {
    const movies = await mapper.query(Movie, { year: 1994, rating: gt(8.7) }, { index: 'byRating' }).all();
    expect(movies.map((m) => m.title)).toEqual(['Forrest Gump', 'Pulp Fiction', 'The Shawshank Redemption']);
    expect({ ...movies[0] }).toEqual({ year: 1994, title: 'Forrest Gump', rating: 8.8, genre: 'Drama' });
  });

  // dynalite does not fetch from the table for a local index (it answers with what the index holds).
  itOnDynamoDBLocal('a local index fetches from the table what a projection asks for beyond its own projection', async () => {
    const movies = await mapper.query(Movie, { year: 1994, rating: gt(8.7) }, { index: 'byRating' }).project('plot').all();
    expect(movies.map((m) => m.plot)).toEqual(['Forrest Gump plot', 'Pulp Fiction plot', 'The Shawshank Redemption plot']);
  });

  itOnDynamoDBLocal('a scan of a local index may filter on what the index does not project', async () => {
    const movies = await mapper.scan(Movie, { index: 'byRating' }).filter({ plot: 'Pulp Fiction plot' }).all();
    expect(movies.map((m) => m.title)).toEqual(['Pulp Fiction']);
  });

  it('a KEYS_ONLY global index yields the keys only', async () => {
    const movies = await mapper.query(Movie, { director: 'Fincher' }, { index: 'byDirector' }).all();
    expect(movies.map((m) => ({ ...m }))).toEqual([{ year: 1995, title: 'Se7en', director: 'Fincher' }]);
  });

  it('a key condition on a property that is not a key of the target lists the keys it could use', () => {
    const err = (() => {
      try {
        mapper.query(Movie, { genre: 'Drama' });
      } catch (e) {
        return e;
      }
    })() as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.code).toBe('query.notAKey');
    expect(err.message).toMatch(/year \(partition\) and title \(sort\)/);
    expect(err.message).toMatch(/index: "byGenre"/);
    expect(() => mapper.query(Movie, { year: 1994, plot: 'x' })).toThrow(/plot is not a key of the table.*\.filter/s);
    expect(() => mapper.query(Movie, { genre: 'Drama', title: 'x' }, { index: 'byGenre' })).toThrow(/keys of index "byGenre" are genre \(partition\) and rating \(sort\)/);
    expect(() => mapper.query(Movie, { year: 1994 }, { index: 'byNothing' })).toThrow(expect.objectContaining({ code: 'query.unknownIndex' }));
  });

  it('consistent() is refused on a global index, allowed on the table and a local index', async () => {
    expect(() => mapper.query(Movie, { genre: 'Drama' }, { index: 'byGenre' }).consistent())
      .toThrow(expect.objectContaining({ code: 'query.consistentOnGlobalIndex' }));
    expect(() => mapper.scan(Movie, { index: 'byGenre' }).consistent()).toThrow(ValidationError);
    expect(await mapper.query(Movie, { year: 1995 }).consistent().count()).toBe(3);
    expect(await mapper.query(Movie, { year: 1995 }, { index: 'byRating' }).consistent().count()).toBe(3);
  });
});

describe('limit, pageSize and pages', () => {
  it('limit() caps the items across pages, reading no more than needed without a filter', async () => {
    const { result, inputs } = await requests(() => mapper.query(Reading, { sensor: 's1' }).pageSize(10).limit(25).all());
    expect(result.map((r) => r.value)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(inputs.map((i) => i.Limit)).toEqual([10, 10, 5]);
  });

  it('pageSize() is DynamoDB Limit per request: page() returns that many and a cursor', async () => {
    const page = await mapper.query(Reading, { sensor: 's1' }).pageSize(7).page();
    expect(page.items).toHaveLength(7);
    expect(typeof page.cursor).toBe('string');
    expect(page.cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('page(cursor) round-trips to the end with number keys; the last cursor is undefined', async () => {
    const q = mapper.query(Reading, { sensor: 's1' }).pageSize(60);
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await q.page(cursor);
      seen.push(...page.items.map((r) => r.at));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(seen).toEqual(Array.from({ length: READINGS }, (_, i) => i * 10 - 500));
  });

  it('page(cursor) round-trips binary keys byte for byte', async () => {
    const q = mapper.query(Blob, { bucket: bytes(0, 255, 7) }).pageSize(4);
    const ns: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await q.page(cursor);
      ns.push(...page.items.map((b) => b.n!));
      cursor = page.cursor;
    } while (cursor);
    expect(ns).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('startAfter(cursor) continues where a page stopped; a limit-cut page continues after its last item', async () => {
    const first = await mapper.query(Reading, { sensor: 's1' }).filter({ status: 'ok' }).pageSize(50).limit(12).page();
    expect(first.items.map((r) => r.value)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const rest = await mapper.query(Reading, { sensor: 's1' }).filter({ status: 'ok' }).startAfter(first.cursor).limit(3).all();
    expect(rest.map((r) => r.value)).toEqual([12, 13, 14]);
  });

  it('pages() yields what page() would, with limit across them', async () => {
    const pages = [];
    for await (const page of mapper.query(Reading, { sensor: 's1' }).pageSize(100).limit(230).pages()) pages.push(page);
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 30]);
    expect(pages[2].cursor).toBeDefined();
    const next = await mapper.query(Reading, { sensor: 's1' }).pageSize(100).page(pages[2].cursor);
    expect(next.items.map((r) => r.value)).toEqual(Array.from({ length: 20 }, (_, i) => 230 + i));
    expect(next.cursor).toBeUndefined();
  });

  it('a tampered, malformed or foreign cursor is a ValidationError', async () => {
    const q = mapper.query(Reading, { sensor: 's1' }).pageSize(5);
    const { cursor } = await q.page();
    const [payload, mac] = cursor!.split('.');
    const edited = Buffer.from(payload, 'base64url').toString().replace('"N', '"N1');
    await expect(q.page(`${Buffer.from(edited).toString('base64url')}.${mac}`)).rejects.toMatchObject({ code: 'cursor.tampered' });
    await expect(q.page('not a cursor')).rejects.toMatchObject({ code: 'cursor.invalid' });
    await expect(q.page(`${payload}.${mac}x`)).rejects.toBeInstanceOf(ValidationError);
    expect(() => q.startAfter('x.y')).toThrow(ValidationError);
    const movieCursor = (await mapper.query(Movie, { year: 1994 }).pageSize(2).page()).cursor!;
    await expect(q.page(movieCursor)).rejects.toMatchObject({ code: 'cursor.otherTarget' });
    const indexCursor = (await mapper.query(Movie, { year: 1994 }, { index: 'byRating' }).pageSize(2).page()).cursor!;
    await expect(mapper.query(Movie, { year: 1994 }).page(indexCursor)).rejects.toMatchObject({ code: 'cursor.otherTarget' });
    await expect(mapper.query(Reading, { sensor: 's2' }).page(cursor)).rejects.toMatchObject({ code: 'cursor.otherPartition' });
  });

  it('a cursor of the other direction, or stopped outside the sort key condition, is refused (regression: it repeated items, or reached DynamoDB)', async () => {
    const reversed = (await mapper.query(Reading, { sensor: 's1' }).reverse().pageSize(3).page()).cursor!;
    await expect(mapper.query(Reading, { sensor: 's1' }).page(reversed)).rejects.toMatchObject({ code: 'cursor.otherTarget' });
    await expect(mapper.query(Reading, { sensor: 's1' }).reverse().page(reversed)).resolves.toMatchObject({ items: expect.any(Array) });
    const high = (await mapper.query(Reading, { sensor: 's1', at: gt(10) }).pageSize(3).page()).cursor!;
    await expect(mapper.query(Reading, { sensor: 's1', at: lt(10) }).page(high)).rejects.toMatchObject({ code: 'cursor.otherSortRange' });
    await expect(mapper.query(Reading, { sensor: 's1', at: between(5, 100) }).page(high)).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it('with cursorSecret, a cursor made with another key is refused; one made with the same key works', async () => {
    const signed = new Mapper({ client, tablePrefix: contextOf(mapper).tablePrefix, cursorSecret: 'a private key of ours' });
    const q = signed.query(Reading, { sensor: 's1' }).pageSize(5);
    const { cursor } = await q.page();
    expect((await q.page(cursor)).items.map((r) => r.value)).toEqual([5, 6, 7, 8, 9]);
    const unsigned = (await mapper.query(Reading, { sensor: 's1' }).pageSize(5).page()).cursor!;
    await expect(q.page(unsigned)).rejects.toMatchObject({ code: 'cursor.tampered' });
    await expect(mapper.query(Reading, { sensor: 's1' }).page(cursor)).rejects.toMatchObject({ code: 'cursor.tampered' });
    expect(() => new Mapper({ client, cursorSecret: 'short' })).toThrow(ValidationError);
  });
});

describe('filter, project, count, first', () => {
  it('follows LastEvaluatedKey through pages the filter emptied', async () => {
    const q = mapper.query(Reading, { sensor: 's1' }).filter({ status: 'late' }).pageSize(20);
    const first = await q.page();
    expect(first.items).toEqual([]);
    expect(first.cursor).toBeDefined();
    const { result, inputs } = await requests(() => q.all());
    expect(result.map((r) => r.value)).toEqual([240, 241, 242, 243, 244, 245, 246, 247, 248, 249]);
    expect(inputs.length).toBeGreaterThanOrEqual(13);
  });

  it('several filters are ANDed', async () => {
    const rs = await mapper.query(Reading, { sensor: 's1' }).filter({ status: 'late' }).filter({ value: lt(243) }).all();
    expect(rs.map((r) => r.value)).toEqual([240, 241, 242]);
  });

  it('project() returns entities carrying those fields and the table key', async () => {
    const movies = await mapper.query(Movie, { year: 1995 }).project('rating').all();
    expect(movies.map((m) => ({ ...m }))).toEqual([
      { year: 1995, title: 'Heat', rating: 8.3 }, { year: 1995, title: 'Se7en', rating: 8.6 }, { year: 1995, title: 'Toy Story', rating: 8.3 },
    ]);
    expect(movies[0]).toBeInstanceOf(Movie);
  });

  it('a projected entity knows its item: save() writes its change and leaves the rest alone', async () => {
    const [reading] = await mapper.query(Reading, { sensor: 's1' }).project('value').limit(1).all();
    const value = reading.value!;
    reading.value = value + 1000;
    await mapper.save(reading);
    const stored = await mapper.get(Reading, { sensor: 's1', at: reading.at });
    expect(stored).toMatchObject({ value: value + 1000, status: 'ok' });
    await mapper.update(Reading, { sensor: 's1', at: reading.at }, { value });
  });

  it('project() with limit() still continues correctly after a cut page', async () => {
    const page = await mapper.query(Reading, { sensor: 's1' }).filter({ status: 'ok' }).project('value').limit(2).page();
    expect(page.items.map((r) => ({ ...r }))).toEqual([{ sensor: 's1', at: -500, value: 0 }, { sensor: 's1', at: -490, value: 1 }]);
    const next = await mapper.query(Reading, { sensor: 's1' }).filter({ status: 'ok' }).project('value').limit(2).page(page.cursor);
    expect(next.items.map((r) => r.value)).toEqual([2, 3]);
  });

  it('count() counts across pages with Select COUNT', async () => {
    const { result, inputs } = await requests(() => mapper.query(Reading, { sensor: 's1' }).pageSize(100).count());
    expect(result).toBe(READINGS);
    expect(inputs).toHaveLength(3);
    expect(inputs.every((i) => i.Select === 'COUNT')).toBe(true);
    expect(await mapper.query(Reading, { sensor: 's1' }).filter({ status: 'late' }).pageSize(30).count()).toBe(10);
    expect(await mapper.query(Reading, { sensor: 's1' }).limit(42).count()).toBe(42);
  });

  it('first() returns the first item or undefined, with one request without a filter', async () => {
    const { result, inputs } = await requests(() => mapper.query(Movie, { year: 1994 }).reverse().first());
    expect(result?.title).toBe('The Shawshank Redemption');
    expect(inputs).toHaveLength(1);
    expect(await mapper.query(Movie, { year: 1900 }).first()).toBeUndefined();
    expect((await mapper.query(Reading, { sensor: 's1' }).filter({ status: 'late' }).first())?.value).toBe(240);
  });

  it('builders are immutable: each call returns a new builder', async () => {
    const base = mapper.query(Reading, { sensor: 's1' });
    const limited = base.limit(3);
    const reversed = base.reverse();
    expect(limited).not.toBe(base);
    expect(base.toInput().Limit).toBeUndefined();
    expect(base.toInput().ScanIndexForward).toBeUndefined();
    expect((await limited.all()).map((r) => r.value)).toEqual([0, 1, 2]);
    expect((await reversed.limit(1).all()).map((r) => r.value)).toEqual([249]);
    expect(await base.count()).toBe(READINGS);
    expect(Object.isFrozen(base)).toBe(true);
  });
});

describe('scan', () => {
  it('scans the whole table, with a filter option', async () => {
    expect(await mapper.scan(Reading).count()).toBe(READINGS + 5);
    const late = await mapper.scan(Reading, { filter: { status: 'late' } }).all();
    expect(late.map((r) => r.value).sort((a, b) => a! - b!)).toEqual([240, 241, 242, 243, 244, 245, 246, 247, 248, 249]);
    expect(late[0]).toBeInstanceOf(Reading);
  });

  it('scans an index', async () => {
    const movies = await mapper.scan(Movie, { index: 'byDirector' }).all();
    expect(movies).toHaveLength(MOVIES.length);
    expect(Object.keys(movies[0]).sort()).toEqual(['director', 'title', 'year']);
  });

  it('segments(n) runs a parallel scan and merges every item exactly once', async () => {
    const { result, inputs } = await requests(() => mapper.scan(Reading).segments(4).pageSize(20).all());
    expect(result).toHaveLength(READINGS + 5);
    expect(new Set(result.map((r) => `${r.sensor}/${r.at}`)).size).toBe(READINGS + 5);
    expect(new Set(inputs.map((i) => i.Segment))).toEqual(new Set([0, 1, 2, 3]));
    expect(inputs.every((i) => i.TotalSegments === 4)).toBe(true);
    expect(await mapper.scan(Reading, { segments: 3 }).count()).toBe(READINGS + 5);
    expect(await mapper.scan(Reading).segments(5).filter({ status: 'late' }).count()).toBe(10);
  });

  it('segments with limit, and page(cursor) through a parallel scan', async () => {
    expect(await mapper.scan(Reading).segments(4).limit(33).all()).toHaveLength(33);
    const q = mapper.scan(Reading).segments(3).pageSize(40);
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await q.page(cursor);
      keys.push(...page.items.map((r) => `${r.sensor}/${r.at}`));
      cursor = page.cursor;
    } while (cursor);
    expect(keys).toHaveLength(READINGS + 5);
    expect(new Set(keys).size).toBe(READINGS + 5);
  });

  it('pages() of a parallel scan gives cursors that resume exactly', async () => {
    const seen = new Set<string>();
    let resumeFrom: string | undefined;
    let n = 0;
    for await (const page of mapper.scan(Reading).segments(4).pageSize(25).pages()) {
      for (const r of page.items) seen.add(`${r.sensor}/${r.at}`);
      resumeFrom = page.cursor;
      if (++n === 3) break;
    }
    for await (const r of mapper.scan(Reading).segments(4).pageSize(25).startAfter(resumeFrom)) {
      const key = `${r.sensor}/${r.at}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    expect(seen.size).toBe(READINGS + 5);
    await expect(mapper.scan(Reading).segments(3).page(resumeFrom)).rejects.toMatchObject({ code: 'cursor.otherSegments' });
  });

  it.each([0, -1, 1.5, 1_000_001, Number.NaN])('segments(%p) is a ValidationError', (n) => {
    expect(() => mapper.scan(Reading).segments(n)).toThrow(expect.objectContaining({ code: 'query.invalidSegments' }));
  });
});
