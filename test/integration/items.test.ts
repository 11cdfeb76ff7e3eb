import 'reflect-metadata';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  Attribute, ConditionError, CreatedAt, ItemTooLargeError, Mapper, PartitionKey, SortKey, Table, UpdatedAt, ValidationError, Version,
  exists, lt, notExists, remove,
} from 'dynamap';
import { testClient, uniquePrefix } from '../support/engine';

class MovieInfo {
  @Attribute() directors?: string[];
  @Attribute({ name: 'release_date' }) releaseDate?: Date;
  @Attribute() rating?: number;
  @Attribute() plot?: string;
}

@Table({ name: 'ItemsMovies' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() @IsOptional() @IsInt() @Min(0) @Max(10) rating?: number;
  @Attribute() info?: MovieInfo;
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Version() version?: number;
  @CreatedAt() createdAt?: Date;
  @UpdatedAt() updatedAt?: Date;

  constructor(year: number, title: string) {
    this.year = year;
    this.title = title;
  }

  label(): string {
    return `${this.title} (${this.year})`;
  }
}

@Table({ name: 'ItemsNotes' })
class Note {
  @PartitionKey() id!: string;
  @Attribute() text?: string;
  @Attribute() status?: string;
}

const client = testClient();
const prefix = uniquePrefix();
const mapper = new Mapper({ client, tablePrefix: prefix });

beforeAll(async () => {
  await mapper.sync([Movie, Note]);
});

function afterHours(): Movie {
  const m = new Movie(1985, 'After Hours');
  m.genre = 'Comedy';
  m.rating = 7;
  m.tags = new Set(['night', 'new-york']);
  m.info = Object.assign(new MovieInfo(), { directors: ['Martin Scorsese'], releaseDate: new Date('1985-09-13T00:00:00Z'), rating: 7.1 });
  return m;
}

describe('put and get', () => {
  it('writes an entity and reads it back as a real instance, nested classes included', async () => {
    await mapper.put(afterHours());
    const got = await mapper.get(Movie, { year: 1985, title: 'After Hours' });
    expect(got).toBeInstanceOf(Movie);
    expect(got!.label()).toBe('After Hours (1985)');
    expect(got!.info).toBeInstanceOf(MovieInfo);
    expect(got!.info!.releaseDate).toEqual(new Date('1985-09-13T00:00:00Z'));
    expect(got!.tags).toEqual(new Set(['night', 'new-york']));
    expect(got!.version).toBe(1);
    expect(got!.createdAt).toBeInstanceOf(Date);
  });

  it('stores attributes under their DynamoDB names', async () => {
    const raw = await client.send(new GetItemCommand({ TableName: `${prefix}ItemsMovies`, Key: { year: { N: '1985' }, title: { S: 'After Hours' } } }));
    expect(raw.Item!.info.M!.release_date).toEqual({ S: '1985-09-13T00:00:00.000Z' });
  });

  it('returns undefined for a missing item', async () => {
    expect(await mapper.get(Movie, { year: 1900, title: 'Nothing' })).toBeUndefined();
  });

  it('projects the asked properties, and the key so that the partial entity knows its item', async () => {
    const got = await mapper.get(Movie, { year: 1985, title: 'After Hours' }, { project: ['genre'] });
    expect(got).toBeInstanceOf(Movie);
    expect({ ...got }).toEqual({ year: 1985, title: 'After Hours', genre: 'Comedy' });
  });

  it('projects list elements packed, in order, as DynamoDB returns them (not at their stored positions)', async () => {
    const m = new Movie(1973, 'Listed');
    m.info = Object.assign(new MovieInfo(), { directors: ['a', 'b', 'c', 'd'] });
    await mapper.put(m);
    const got = await mapper.get(Movie, { year: 1973, title: 'Listed' }, { project: ['info.directors[1]', 'info.directors[3]'] });
    expect(got!.info!.directors).toEqual(['b', 'd']);
  });

  it('reads consistently when asked', async () => {
    expect((await mapper.get(Movie, { year: 1985, title: 'After Hours' }, { consistent: true }))!.genre).toBe('Comedy');
  });

  it('overwrite: false refuses to replace an existing item', async () => {
    await mapper.put(Object.assign(new Note(), { id: 'n1', text: 'first' }));
    await expect(mapper.put(Object.assign(new Note(), { id: 'n1', text: 'second' }), { overwrite: false })).rejects.toBeInstanceOf(ConditionError);
    expect((await mapper.get(Note, { id: 'n1' }))!.text).toBe('first');
  });

  it('a put condition that fails is a ConditionError with the AWS error as cause, and the old item when asked', async () => {
    const note = Object.assign(new Note(), { id: 'n2', text: 'kept', status: 'open' });
    await mapper.put(note);
    const err = await mapper.put(Object.assign(new Note(), { id: 'n2', text: 'lost' }), { condition: { status: 'closed' }, returnOldOnFailure: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConditionError);
    expect((err as ConditionError).code).toBe('operation.conditionFailed');
    expect((err as ConditionError).cause).toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect((await mapper.get(Note, { id: 'n2' }))!.text).toBe('kept');
  });

  it('a put condition with notExists on a reserved-word attribute works', async () => {
    await mapper.put(Object.assign(new Note(), { id: 'n3', text: 'x' }), { condition: { status: notExists() } });
    expect((await mapper.get(Note, { id: 'n3' }))!.text).toBe('x');
  });
});

describe('keys are checked before sending', () => {
  it.each([
    [{ year: 1985 }, /title/],
    [{ year: 1985, title: 'After Hours', genre: 'Comedy' }, /genre/],
    [{ year: '1985', title: 'After Hours' }, /year/],
  ])('refuses %j', async (key, message) => {
    const err = await mapper.get(Movie, key as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(message);
  });
});

describe('@Version', () => {
  it('adds 1 on every write and refuses a stale write without overwriting', async () => {
    const m = new Movie(1999, 'The Matrix');
    await mapper.put(m);
    expect(m.version).toBe(1);
    const a = (await mapper.get(Movie, { year: 1999, title: 'The Matrix' }))!;
    const b = (await mapper.get(Movie, { year: 1999, title: 'The Matrix' }))!;
    a.genre = 'Sci-Fi';
    await mapper.put(a);
    expect(a.version).toBe(2);
    b.genre = 'Drama';
    await expect(mapper.put(b)).rejects.toThrow(ConditionError);
    await expect(mapper.put(b)).rejects.toThrow(/@Version/);
    const stored = (await mapper.get(Movie, { year: 1999, title: 'The Matrix' }))!;
    expect(stored.genre).toBe('Sci-Fi');
    expect(stored.version).toBe(2);
    expect(b.version).toBe(1);
  });

  it('a new entity is written with 1 and attribute_not_exists (a second new one fails)', async () => {
    await mapper.put(new Movie(2000, 'Gladiator'));
    await expect(mapper.put(new Movie(2000, 'Gladiator'))).rejects.toBeInstanceOf(ConditionError);
  });

  it('delete(entity) requires the version it read', async () => {
    await mapper.put(new Movie(2001, 'Amelie'));
    const stale = (await mapper.get(Movie, { year: 2001, title: 'Amelie' }))!;
    const fresh = (await mapper.get(Movie, { year: 2001, title: 'Amelie' }))!;
    fresh.rating = 8;
    await mapper.put(fresh);
    await expect(mapper.delete(stale)).rejects.toBeInstanceOf(ConditionError);
    await mapper.delete(fresh);
    expect(await mapper.get(Movie, { year: 2001, title: 'Amelie' })).toBeUndefined();
  });

  it('a deleted entity can be put again as a new item, its version continuing; a copy read before the delete cannot overwrite it', async () => {
    await mapper.put(new Movie(1971, 'Put Again'));
    const stale = (await mapper.get(Movie, { year: 1971, title: 'Put Again' }))!;
    const fresh = (await mapper.get(Movie, { year: 1971, title: 'Put Again' }))!;
    fresh.rating = 8;
    await mapper.put(fresh);
    await expect(mapper.delete(stale)).rejects.toBeInstanceOf(ConditionError);
    await mapper.delete(fresh);
    expect(fresh.version).toBe(2);
    // A new item again (it used to fail its check against the deleted version 2), written as version 3.
    await mapper.put(fresh);
    expect(fresh.version).toBe(3);
    const stored = (await mapper.get(Movie, { year: 1971, title: 'Put Again' }))!;
    expect([stored.version, stored.rating]).toEqual([3, 8]);
    // Versions do not start over at 1, so the copy read at version 1, before the delete, is still stale.
    stale.rating = 1;
    await expect(mapper.put(stale)).rejects.toBeInstanceOf(ConditionError);
    // As a new item, it must not exist: deleted, then recreated by someone else, its put fails.
    await mapper.delete(fresh);
    await mapper.put(new Movie(1971, 'Put Again'));
    await expect(mapper.put(fresh)).rejects.toBeInstanceOf(ConditionError);
    expect((await mapper.get(Movie, { year: 1971, title: 'Put Again' }))!.version).toBe(1);
    // save() of a deleted entity is a put too (it has nothing to diff against).
    await mapper.delete(Movie, { year: 1971, title: 'Put Again' });
    fresh.genre = 'Drama';
    await mapper.save(fresh);
    expect(await mapper.get(Movie, { year: 1971, title: 'Put Again' })).toMatchObject({ version: 4, genre: 'Drama', rating: 8 });
  });

  it('a read entity given another key is put as a new item there (the one read stays); a copy carrying a version says to clear it', async () => {
    await mapper.put(new Movie(1972, 'Moved'));
    const read = (await mapper.get(Movie, { year: 1972, title: 'Moved' }))!;
    read.title = 'Moved Again';
    await mapper.put(read);   // it used to require version 1 at the new key, where no item was
    expect(read.version).toBe(2);
    expect(await mapper.get(Movie, { year: 1972, title: 'Moved Again' })).toMatchObject({ version: 2 });
    expect(await mapper.get(Movie, { year: 1972, title: 'Moved' })).toMatchObject({ version: 1 });
    // Now remembered at its new key: the next put requires its version there.
    read.rating = 3;
    await mapper.put(read);
    expect(await mapper.get(Movie, { year: 1972, title: 'Moved Again' })).toMatchObject({ version: 3, rating: 3 });
    // Moved onto a key that holds an item: a new item must not overwrite it.
    read.title = 'Moved';
    const taken = await mapper.put(read).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(ConditionError);
    expect((taken as Error).message).toMatch(/^put of Movie \{ year: 1972, title: "Moved" \} failed its condition: an item is already stored at this key: the entity is written as a new item \(it has no @Version yet, or this mapper deleted it or its key changed since it was read\)/);
    expect(await mapper.get(Movie, { year: 1972, title: 'Moved' })).toMatchObject({ version: 1 });
    // A copy (no snapshot of its own) carries the version of the item it was copied from.
    const copy = Object.assign(new Movie(1972, 'x'), read, { title: 'Copied' });
    const error = await mapper.put(copy).catch((e: unknown) => e);
    expect((error as Error).message).toContain('or the entity is a copy of one read at another key and carries its @Version; to write it as a new item, clear its @Version.');
    copy.version = undefined;
    await mapper.put(copy);
    expect(await mapper.get(Movie, { year: 1972, title: 'Copied' })).toMatchObject({ version: 1 });
  });

  it('update() adds 1 without a requirement, or with { condition: { version } }', async () => {
    await mapper.put(new Movie(2002, 'Spirited Away'));
    const updated = await mapper.update(Movie, { year: 2002, title: 'Spirited Away' }, { genre: 'Animation' });
    expect(updated!.version).toBe(2);
    await expect(mapper.update(Movie, { year: 2002, title: 'Spirited Away' }, { genre: 'Fantasy' }, { condition: { version: 1 } }))
      .rejects.toBeInstanceOf(ConditionError);
    const again = await mapper.update(Movie, { year: 2002, title: 'Spirited Away' }, { genre: 'Fantasy' }, { condition: { version: 2 } });
    expect(again!.version).toBe(3);
    expect(again!.genre).toBe('Fantasy');
  });
});

describe('timestamps', () => {
  it('@CreatedAt is set once, @UpdatedAt on every write', async () => {
    const m = new Movie(2003, 'Oldboy');
    await mapper.put(m);
    const created = m.createdAt!;
    expect(m.updatedAt!.getTime()).toBe(created.getTime());
    await new Promise((r) => setTimeout(r, 5));
    m.rating = 8;
    await mapper.put(m);
    expect(m.createdAt).toEqual(created);
    expect(m.updatedAt!.getTime()).toBeGreaterThan(created.getTime());
    const stored = (await mapper.get(Movie, { year: 2003, title: 'Oldboy' }))!;
    expect(stored.createdAt).toEqual(created);
    expect(stored.updatedAt).toEqual(m.updatedAt);
  });
});

describe('update', () => {
  it('sets plain values, nested paths and removes attributes', async () => {
    await mapper.put(Object.assign(afterHours(), { year: 2010 }));
    const out = await mapper.update(Movie, { year: 2010, title: 'After Hours' }, { rating: 9, 'info.rating': 8.5, genre: remove() });
    expect(out).toBeInstanceOf(Movie);
    expect(out!.rating).toBe(9);
    expect(out!.genre).toBeUndefined();
    expect(out!.info!.rating).toBe(8.5);
    expect(out!.info!.directors).toEqual(['Martin Scorsese']); // siblings of a nested path are untouched
  });

  it('creates a missing item, unless a condition on the partition key requires it to exist', async () => {
    const key = { year: 2011, title: 'Never Put' };
    await expect(mapper.update(Movie, key, { rating: 5 }, { condition: { year: exists() } })).rejects.toBeInstanceOf(ConditionError);
    expect(await mapper.get(Movie, key)).toBeUndefined();
    const created = await mapper.update(Movie, key, { rating: 5 });
    expect({ rating: created!.rating, version: created!.version }).toEqual({ rating: 5, version: 1 });
  });

  it('an update that would make the item over 400 KB is an ItemTooLargeError (DynamoDB measures it; nothing is written)', async () => {
    await mapper.put(Object.assign(new Note(), { id: 'big', text: 'x'.repeat(300 * 1024) }));
    const error = await mapper.update(Note, { id: 'big' }, { status: 'y'.repeat(150 * 1024) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemTooLargeError);
    expect((error as Error).message).toMatch(/^update of Note \{ id: "big" \}: the item would be over DynamoDB's 400 KB limit .*nothing was written/);
    expect((await mapper.get(Note, { id: 'big' }))!.status).toBeUndefined();
  });

  it('version: undefined in the changes still increments the version, so a stale save fails (regression: it switched the hook off)', async () => {
    const key = { year: 2012, title: 'Spread DTO' };
    await mapper.put(new Movie(key.year, key.title));
    const a = (await mapper.get(Movie, key))!;
    const dto: Partial<Movie> = { genre: 'from B', version: undefined };
    const b = await mapper.update(Movie, key, dto);
    expect(b!.version).toBe(2);
    a.genre = 'from A';
    await expect(mapper.save(a)).rejects.toBeInstanceOf(ConditionError);
    expect((await mapper.get(Movie, key))!.genre).toBe('from B');
  });
});

describe('save', () => {
  it('writes only what changed (SET and REMOVE) and keeps changes made by others to other fields', async () => {
    await mapper.put(Object.assign(new Note(), { id: 's1', text: 'hello', status: 'open' }));
    const mine = (await mapper.get(Note, { id: 's1' }))!;
    await mapper.update(Note, { id: 's1' }, { text: 'changed by someone else' });
    mine.status = undefined;
    await mapper.save(mine);
    const stored = (await mapper.get(Note, { id: 's1' }))!;
    expect(stored.status).toBeUndefined();
    expect(stored.text).toBe('changed by someone else');
  });

  it('a new entity is a put', async () => {
    const n = Object.assign(new Note(), { id: 's2', text: 'new' });
    await mapper.save(n);
    expect((await mapper.get(Note, { id: 's2' }))!.text).toBe('new');
  });

  it('with @Version, a stale save fails', async () => {
    await mapper.put(new Movie(2004, 'Primer'));
    const a = (await mapper.get(Movie, { year: 2004, title: 'Primer' }))!;
    const b = (await mapper.get(Movie, { year: 2004, title: 'Primer' }))!;
    a.rating = 7;
    await mapper.save(a);
    expect(a.version).toBe(2);
    b.rating = 3;
    await expect(mapper.save(b)).rejects.toBeInstanceOf(ConditionError);
    expect((await mapper.get(Movie, { year: 2004, title: 'Primer' }))!.rating).toBe(7);
  });
});

describe('delete', () => {
  it('by key with a condition', async () => {
    await mapper.put(Object.assign(new Movie(2005, 'Brick'), { rating: 7 }));
    await expect(mapper.delete(Movie, { year: 2005, title: 'Brick' }, { condition: { rating: lt(5) } })).rejects.toBeInstanceOf(ConditionError);
    expect(await mapper.get(Movie, { year: 2005, title: 'Brick' })).toBeDefined();
    await mapper.delete(Movie, { year: 2005, title: 'Brick' }, { condition: { rating: lt(8) } });
    expect(await mapper.get(Movie, { year: 2005, title: 'Brick' })).toBeUndefined();
  });
});

describe('validation', () => {
  it('class-validator failures are a ValidationError and nothing is written', async () => {
    const m = Object.assign(new Movie(2006, 'Bad Rating'), { rating: 11 });
    const err = await mapper.put(m).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toMatch(/Movie\.rating/);
    expect((err as ValidationError).validationErrors.length).toBe(1);
    expect(await mapper.get(Movie, { year: 2006, title: 'Bad Rating' })).toBeUndefined();
  });

  it('validate: false skips class-validator', async () => {
    const loose = new Mapper({ client, tablePrefix: prefix, validate: false });
    await loose.put(Object.assign(new Movie(2007, 'Loose'), { rating: 11 }));
    expect((await loose.get(Movie, { year: 2007, title: 'Loose' }))!.rating).toBe(11);
  });

  it('a value DynamoDB would refuse is refused before sending, naming the property', async () => {
    const err = await mapper.put(Object.assign(new Movie(2008, 'NaN'), { info: Object.assign(new MovieInfo(), { rating: NaN }) }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/info\.rating/);
    expect(await mapper.get(Movie, { year: 2008, title: 'NaN' })).toBeUndefined();
  });
});
