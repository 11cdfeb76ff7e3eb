import 'reflect-metadata';
import { IsInt, Max, Min } from 'class-validator';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  Attribute, BatchError, CreatedAt, Mapper, PartitionKey, SortKey, Table, ThrottledError, UpdatedAt, ValidationError, Version,
} from 'dynamap';
import { testClient, uniquePrefix } from '../support/engine';

@Table({ name: 'BatchMovies' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() @IsInt() @Min(0) @Max(10) rating?: number;
  @Attribute() genre?: string;
  @Version() version?: number;
  @CreatedAt() createdAt?: Date;
  @UpdatedAt() updatedAt?: Date;
}

@Table({ name: 'BatchNotes' })
class Note {
  @PartitionKey() id!: string;
  @Attribute() text?: string;
}

@Table({ name: 'BatchEvents' })
class Event {
  @PartitionKey() stream!: string;
  @SortKey() seq!: number;
  @Attribute() payload?: string;
}

const client = testClient();
const prefix = uniquePrefix();
const mapper = new Mapper({ client, tablePrefix: prefix, retry: { baseDelayMs: 1, maxDelayMs: 20 } });

beforeAll(async () => {
  await mapper.sync([Movie, Note, Event]);
}, 60_000);

function movie(year: number, title: string, rating = 5): Movie {
  return Object.assign(new Movie(), { year, title, rating });
}
function note(id: string, text = `text of ${id}`): Note {
  return Object.assign(new Note(), { id, text });
}
function event(stream: string, seq: number): Event {
  return Object.assign(new Event(), { stream, seq, payload: `${stream}#${seq}` });
}

/** Every item of a table, read with the raw SDK (all pages, consistent). */
async function scanAll(table: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: prefix + table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('batchPut', () => {
  it('writes 10,000 items, reporting progress up to the total', async () => {
    const events = Array.from({ length: 10_000 }, (_, i) => event('big', i));
    const seen: { done: number; total: number }[] = [];
    const written = await mapper.batchPut(events, { concurrency: 8, onProgress: (p) => seen.push(p) });
    expect(written).toHaveLength(10_000);
    const stored = (await scanAll('BatchEvents')).filter((i) => i.stream.S === 'big');
    expect(stored).toHaveLength(10_000);
    expect(new Set(stored.map((i) => i.seq.N)).size).toBe(10_000);
    expect(stored.every((i) => i.payload.S === `big#${i.seq.N}`)).toBe(true);
    expect(seen.at(-1)).toEqual({ done: 10_000, total: 10_000 });
    expect(seen.every((p, i) => i === 0 || p.done > seen[i - 1].done)).toBe(true);
  }, 120_000);

  it('gives new versioned entities version 1 and timestamps, once written', async () => {
    const movies = [movie(2001, 'A'), movie(2001, 'B')];
    await mapper.batchPut(movies);
    expect(movies.map((m) => m.version)).toEqual([1, 1]);
    expect(movies[0].createdAt).toBeInstanceOf(Date);
    const got = await mapper.get(Movie, { year: 2001, title: 'A' });
    expect(got!.version).toBe(1);
    expect(got!.createdAt).toEqual(movies[0].createdAt);
  });

  it('refuses an entity read with @Version (no version check possible), pointing to transaction()', async () => {
    await mapper.put(movie(2002, 'Read'));
    const read = (await mapper.get(Movie, { year: 2002, title: 'Read' }))!;
    read.rating = 9;
    const error = await mapper.batchPut([movie(2002, 'Other'), read]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('batch.versionedEntity');
    expect((error as Error).message).toMatch(/item 1.*transaction\(\)/s);
    expect(await mapper.get(Movie, { year: 2002, title: 'Other' })).toBeUndefined();
  });

  it('overwriteVersions: true writes a read entity with version + 1, unchecked', async () => {
    const read = (await mapper.get(Movie, { year: 2002, title: 'Read' }))!;
    read.rating = 8;
    await mapper.batchPut([read], { overwriteVersions: true });
    expect(read.version).toBe(2);
    expect((await mapper.get(Movie, { year: 2002, title: 'Read' }))!).toMatchObject({ version: 2, rating: 8 });
  });

  it('for a repeated key the last entity wins, without a duplicate-key error', async () => {
    await mapper.batchPut([note('dup', 'first'), note('other'), note('dup', 'second'), note('dup', 'last')]);
    expect((await mapper.get(Note, { id: 'dup' }))!.text).toBe('last');
  });

  it('a class-validator failure names the item index and property; nothing is written', async () => {
    const movies = Array.from({ length: 60 }, (_, i) => movie(2003, `t${i}`));
    movies[42].rating = 11;
    const error = await mapper.batchPut(movies).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/item 42/);
    expect((error as ValidationError).issues[0].path).toBe('rating');
    expect((await scanAll('BatchMovies')).filter((i) => i.year.N === '2003')).toHaveLength(0);
  });

  it('a codec failure names the item index and property; nothing is written', async () => {
    const notes = [note('c1'), note('c2'), Object.assign(new Note(), { id: 'c3', text: 42 as unknown as string })];
    const error = await mapper.batchPut(notes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/batchPut item 2: .*text/);
    expect(await mapper.get(Note, { id: 'c1' })).toBeUndefined();
  });

  it('refuses a plain object, naming its index', async () => {
    const error = await mapper.batchPut([note('p1'), { id: 'p2' } as Note]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/item 1/);
  });
});

describe('batchDelete and batchWrite', () => {
  it('deletes by key, a repeated key once', async () => {
    await mapper.batchPut(Array.from({ length: 30 }, (_, i) => event('del', i)));
    await mapper.batchDelete(Event, [...Array.from({ length: 20 }, (_, i) => ({ stream: 'del', seq: i })), { stream: 'del', seq: 3 }]);
    const left = (await scanAll('BatchEvents')).filter((i) => i.stream.S === 'del').map((i) => Number(i.seq.N)).sort((a, b) => a - b);
    expect(left).toEqual(Array.from({ length: 10 }, (_, i) => 20 + i));
  });

  it('mixes puts and deletes of several models and tables', async () => {
    await mapper.batchPut([note('w1'), note('w2')]);
    await mapper.batchWrite([
      { put: movie(2004, 'Mixed') },
      { delete: Note, key: { id: 'w1' } },
      { put: note('w3') },
      { put: event('mixed', 1) },
    ]);
    expect(await mapper.get(Movie, { year: 2004, title: 'Mixed' })).toBeDefined();
    expect(await mapper.get(Note, { id: 'w1' })).toBeUndefined();
    expect(await mapper.get(Note, { id: 'w2' })).toBeDefined();
    expect(await mapper.get(Note, { id: 'w3' })).toBeDefined();
    expect(await mapper.get(Event, { stream: 'mixed', seq: 1 })).toBeDefined();
  });

  it('for one key the last request wins: put then delete deletes, delete then put puts', async () => {
    await mapper.batchWrite([{ put: note('pd') }, { delete: Note, key: { id: 'pd' } }, { delete: Note, key: { id: 'dp' } }, { put: note('dp') }]);
    expect(await mapper.get(Note, { id: 'pd' })).toBeUndefined();
    expect(await mapper.get(Note, { id: 'dp' })).toBeDefined();
  });

  it('a bad key names its index; nothing is written', async () => {
    const error = await mapper.batchWrite([{ put: note('bk') }, { delete: Note, key: { idd: 'x' } as never }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/batchWrite item 1/);
    expect(await mapper.get(Note, { id: 'bk' })).toBeUndefined();
  });

  it('a missing table stops the batch with BatchError listing what was not written', async () => {
    const other = new Mapper({ client, tablePrefix: `${prefix}missing-`, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const notes = [note('m1'), note('m2')];
    const error = await other.batchPut(notes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchError);
    expect((error as BatchError).unprocessed).toEqual(notes);
    expect(notes[0]).not.toHaveProperty('version');
  });
});

describe('batchGet', () => {
  beforeAll(async () => {
    await mapper.batchPut(Array.from({ length: 250 }, (_, i) => event('get', i)));
  });

  it('returns found items as instances, in the order of the keys, over several chunks', async () => {
    const keys = Array.from({ length: 250 }, (_, i) => ({ stream: 'get', seq: 249 - i }));
    const got = await mapper.batchGet(Event, keys);
    expect(got).toHaveLength(250);
    expect(got[0]).toBeInstanceOf(Event);
    expect(got.map((e) => e.seq)).toEqual(keys.map((k) => k.seq));
  });

  it('leaves out missing keys and returns a repeated key once', async () => {
    const got = await mapper.batchGet(Event, [
      { stream: 'get', seq: 5 }, { stream: 'get', seq: 9999 }, { stream: 'get', seq: 1 }, { stream: 'get', seq: 5 },
    ], { consistent: true });
    expect(got.map((e) => e.seq)).toEqual([5, 1]);
  });

  it('reads several models and tables in one call, as a typed tuple', async () => {
    await mapper.batchPut([note('g1'), note('g2'), movie(2005, 'Got')]);
    const [events, notes, movies] = await mapper.batchGet([
      [Event, [{ stream: 'get', seq: 7 }]],
      [Note, [{ id: 'g2' }, { id: 'nope' }, { id: 'g1' }]],
      [Movie, [{ year: 2005, title: 'Got' }]],
    ]);
    expect(events.map((e) => e.payload)).toEqual(['get#7']);
    expect(notes.map((n) => n.id)).toEqual(['g2', 'g1']);
    expect(movies[0]).toBeInstanceOf(Movie);
    expect(movies[0].version).toBe(1);
  });

  it('project: only the chosen attributes plus the key; save() of such an entity leaves the rest alone', async () => {
    await mapper.batchPut([movie(2006, 'Projected A', 4), movie(2006, 'Projected B', 6)].map((m) => Object.assign(m, { genre: 'drama' })));
    const got = await mapper.batchGet(Movie, [{ year: 2006, title: 'Projected B' }, { year: 2006, title: 'Projected A' }], { project: ['rating'] });
    expect(got.map((m) => Object.keys(m).sort())).toEqual([['rating', 'title', 'year'], ['rating', 'title', 'year']]);
    expect(got.map((m) => [m.title, m.rating])).toEqual([['Projected B', 6], ['Projected A', 4]]);
    got[0].rating = 7;
    // Versioned: save() needs the version read; without it, it says so instead of a false conflict.
    const unversioned = await mapper.save(got[0]).catch((e: unknown) => e);
    expect(unversioned).toBeInstanceOf(ValidationError);
    expect((unversioned as Error).message).toMatch(/left out its @Version property version.*Include 'version' in the projection/);
    const [withVersion] = await mapper.batchGet(Movie, [{ year: 2006, title: 'Projected B' }], { project: ['rating', 'version'] });
    withVersion.rating = 7;
    await mapper.save(withVersion);
    const whole = await mapper.get(Movie, { year: 2006, title: 'Projected B' });
    expect(whole).toMatchObject({ rating: 7, genre: 'drama', version: 2 });
    expect(whole!.createdAt).toBeInstanceOf(Date);
  });

  it('project: a bad path, or a projection with several models, is refused before sending', async () => {
    const sent = jest.spyOn(client, 'send');
    try {
      const bad = await mapper.batchGet(Movie, [{ year: 2006, title: 'Projected A' }], { project: ['nope' as 'rating'] }).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(ValidationError);
      expect((bad as Error).message).toMatch(/batchGet[\s\S]*nope/);
      const many = await mapper.batchGet([[Movie, [{ year: 2006, title: 'Projected A' }]]], { project: ['rating'] } as object)
        .catch((e: unknown) => e);
      expect(many).toBeInstanceOf(ValidationError);
      expect((many as Error).message).toMatch(/project.*one model per call/);
      expect(sent).not.toHaveBeenCalled();
    } finally {
      sent.mockRestore();
    }
  });

  it('an empty list sends nothing and returns nothing', async () => {
    expect(await mapper.batchGet(Event, [])).toEqual([]);
    await expect(mapper.batchPut([])).resolves.toEqual([]);
  });
});

describe('options', () => {
  it('refuses a bad concurrency before sending', async () => {
    await expect(mapper.batchPut([note('o1')], { concurrency: 0 })).rejects.toThrow(/concurrency.*at least 1/);
  });

  it('a throwing onProgress stops the batch with BatchError listing exactly what was not written', async () => {
    const events = Array.from({ length: 100 }, (_, i) => event('progress', i));
    const error = await mapper.batchPut(events, {
      concurrency: 1,
      onProgress: () => {
        throw new Error('bar broke');
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchError);
    const unprocessed = (error as BatchError).unprocessed as Event[];
    const stored = (await scanAll('BatchEvents')).filter((i) => i.stream.S === 'progress');
    expect(stored.length + unprocessed.length).toBe(100);
    expect(unprocessed.every((e) => !stored.some((s) => Number(s.seq.N) === e.seq))).toBe(true);
  });
});

export { ThrottledError };
