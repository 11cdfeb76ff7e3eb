/**
 * Regression tests for save() bugs found in review: each is named after what broke.
 */
import 'reflect-metadata';
import { Exclude } from 'class-transformer';
import { Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  Attribute, ConditionError, CreatedAt, GlobalIndex, Mapper, PartitionKey, Table, UpdatedAt, Version, eq,
} from 'dynamap';
import { engineName, testClient, uniquePrefix } from '../support/engine';

@Table({ name: 'SaveFilms' })
@GlobalIndex('byGenre', { partitionKey: 'genre', projection: 'KEYS_ONLY' })
class Film {
  @PartitionKey() id!: string;
  @Attribute() genre?: string;
  @Attribute() plot?: string;
  @Attribute() rating?: number;
  @Attribute({ default: 'draft' }) status?: string;
  @Attribute({ type: 'date' }) released?: Date;
  @UpdatedAt() updatedAt?: Date;
}

@Table({ name: 'SaveUsers' })
class User {
  @PartitionKey() id!: string;
  @Attribute() name?: string;
  @Attribute() @Exclude({ toClassOnly: true }) passwordHash?: string;   // written, never read
  @Attribute() @Exclude({ toPlainOnly: true }) loginCount?: number;     // read, never written
}

@Table({ name: 'SaveCodes' })
class Code {
  @PartitionKey() id!: string;
  @Attribute({ enum: ['in', 'out'] }) state?: string;
  @Attribute({ converter: { toDynamo: (v: unknown) => ({ S: String(v).toLowerCase() }), fromDynamo: (av) => av.S } }) code?: string;
}

let tokens = 0;
class Part {
  @Attribute({ default: () => `token-${++tokens}` }) token?: string;
  @Attribute() label?: string;
}

@Table({ name: 'SaveKits' })
class Kit {
  @PartitionKey() id!: string;
  @Attribute() main?: Part;
  @Attribute({ type: () => [Part] }) parts?: Part[];
  @Version() version?: number;
}

@Table({ name: 'SaveNotes' })
class Note {
  @PartitionKey() id!: string;
  @Attribute() text?: string;
  @CreatedAt() createdAt?: Date;
}

/** A class-validator rule that takes its time (a uniqueness check against another service, say). */
@ValidatorConstraint({ async: true })
class SlowRule implements ValidatorConstraintInterface {
  async validate(): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return true;
  }
}

@Table({ name: 'SaveSlowNotes' })
class SlowNote {
  @PartitionKey() id!: string;
  @Attribute() a?: number;
  @Attribute() @Validate(SlowRule) b?: string;
  @Attribute() secret?: string;
  @Attribute({ default: 0 }) counter?: number;
}

@Table({ name: 'SaveCounters' })
class Counter {
  @PartitionKey() id!: string;
  @Attribute() big?: number;
  @Version() version?: number;
}

const client = testClient();
const prefix = uniquePrefix();
const mapper = new Mapper({ client, tablePrefix: prefix });

async function raw(table: string, key: Record<string, string>) {
  const out = await client.send(new GetItemCommand({ TableName: prefix + table, Key: Object.fromEntries(Object.entries(key).map(([k, v]) => [k, { S: v }])) }));
  return out.Item;
}

/**
 * A test client whose answers pass through `after` once DynamoDB has applied the request: it may
 * hold an answer back or throw instead of it (an answer lost after the write was applied).
 */
function clientWithAnswers(after: () => Promise<void> | void): ReturnType<typeof testClient> {
  const c = testClient();
  c.middlewareStack.add(((next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
    const out = await next(args);
    await after();
    return out;
  }) as never, { step: 'deserialize', name: 'afterApplied' });
  return c;
}

beforeAll(async () => {
  await mapper.sync([Film, User, Counter, Kit, Code, Note, SlowNote]);
});

describe('save() of a partial entity', () => {
  it('does not drop attributes it did not read (get with project)', async () => {
    await mapper.put(Object.assign(new Film(), { id: 'p1', genre: 'noir', plot: 'long plot', rating: 5 }));
    const film = (await mapper.get(Film, { id: 'p1' }, { project: ['id', 'rating'] }))!;
    film.rating = 6;
    await mapper.save(film);
    const stored = (await mapper.get(Film, { id: 'p1' }))!;
    expect(stored).toMatchObject({ id: 'p1', genre: 'noir', plot: 'long plot', rating: 6, status: 'draft' });
  });

  it('does not drop attributes it did not read (query on a KEYS_ONLY index)', async () => {
    await mapper.put(Object.assign(new Film(), { id: 'p2', genre: 'western', plot: 'dust', rating: 5, status: 'final' }));
    const [film] = await mapper.query(Film, { genre: 'western' }, { index: 'byGenre' }).all();
    film.rating = 7;
    await mapper.save(film);
    expect(await mapper.get(Film, { id: 'p2' })).toMatchObject({ genre: 'western', plot: 'dust', rating: 7, status: 'final' });
  });
});

describe('save() and defaults', () => {
  it('clearing an attribute that has a default writes the default, as put would', async () => {
    await mapper.put(Object.assign(new Film(), { id: 'd1', status: 'closed' }));
    const film = (await mapper.get(Film, { id: 'd1' }))!;
    film.status = undefined;
    await mapper.save(film);
    expect(film.status).toBe('draft');
    expect((await mapper.get(Film, { id: 'd1' }))!.status).toBe('draft');
  });
});

describe('save() and class-transformer one-way @Exclude', () => {
  it('keeps a write-only and a read-only attribute it must not touch', async () => {
    await client.send(new PutItemCommand({
      TableName: `${prefix}SaveUsers`,
      Item: { id: { S: 'u1' }, name: { S: 'a' }, passwordHash: { S: 'h' }, loginCount: { N: '5' } },
    }));
    const user = (await mapper.get(User, { id: 'u1' }))!;
    expect(user.passwordHash).toBeUndefined();
    user.name = 'b';
    await mapper.save(user);
    expect(await raw('SaveUsers', { id: 'u1' })).toEqual({ id: { S: 'u1' }, name: { S: 'b' }, passwordHash: { S: 'h' }, loginCount: { N: '5' } });
  });
});

describe('save() with nothing changed', () => {
  it('sends nothing for a number DynamoDB returns in another notation (1e21)', async () => {
    await mapper.put(Object.assign(new Counter(), { id: 'c1', big: 1e21 }));
    const counter = (await mapper.get(Counter, { id: 'c1' }))!;
    await mapper.save(counter);
    expect(counter.version).toBe(1);
    expect((await mapper.get(Counter, { id: 'c1' }))!.version).toBe(1);
  });

  it('leaves alone a date other code stored in another form (no milliseconds, an offset, microseconds)', async () => {
    const forms = ['2020-01-01T00:00:00Z', '2020-01-01T02:00:00.000+02:00', '2020-01-01T00:00:00.123456Z'];
    for (const [i, text] of forms.entries()) {
      const id = `d${i}`;
      await client.send(new PutItemCommand({
        TableName: `${prefix}SaveFilms`, Item: { id: { S: id }, status: { S: 'out' }, released: { S: text } },
      }));
      const film = (await mapper.get(Film, { id }))!;
      film.plot = 'changed';
      await mapper.save(film);
      const stored = await raw('SaveFilms', { id });
      expect(stored?.plot).toEqual({ S: 'changed' });
      expect(stored?.released).toEqual({ S: text });
    }
  });
});

describe('delete(entity) that fails', () => {
  it('keeps the snapshot, so a later save() still writes only the changes', async () => {
    await mapper.put(Object.assign(new Film(), { id: 'x1', genre: 'drama', rating: 3 }));
    const mine = (await mapper.get(Film, { id: 'x1' }))!;
    await expect(mapper.delete(mine, { condition: { rating: eq(4) } })).rejects.toBeInstanceOf(ConditionError);
    await mapper.update(Film, { id: 'x1' }, { plot: 'written by someone else' });
    mine.rating = 9;
    await mapper.save(mine);
    expect(await mapper.get(Film, { id: 'x1' })).toMatchObject({ rating: 9, plot: 'written by someone else' });
  });
});

describe('frozen entities (regression: the write succeeded, then a TypeError)', () => {
  it('put, batchPut and save of a frozen entity that the write would change are refused before anything is sent', async () => {
    const frozen = Object.freeze(Object.assign(new Counter(), { id: 'frozen-1', big: 1 }));
    for (const write of [() => mapper.put(frozen), () => mapper.batchPut([frozen]), () => mapper.save(frozen)]) {
      await expect(write()).rejects.toMatchObject({
        code: 'entity.notAssignable',
        message: expect.stringContaining('put(Counter): the entity is frozen or sealed, and the write sets version on it'),
      });
    }
    expect(await raw('SaveCounters', { id: 'frozen-1' })).toBeUndefined();
    // A read entity changed, then frozen: save() would set its version after the update.
    await mapper.put(Object.assign(new Counter(), { id: 'frozen-2', big: 1 }));
    const read = (await mapper.get(Counter, { id: 'frozen-2' }))!;
    read.big = 2;
    Object.freeze(read);
    await expect(mapper.save(read)).rejects.toMatchObject({ code: 'entity.notAssignable', message: expect.stringMatching(/^save\(Counter\)/) });
    expect(await raw('SaveCounters', { id: 'frozen-2' })).toMatchObject({ big: { N: '1' }, version: { N: '1' } });
  });

  it('a frozen entity whose version is an accessor is refused too (its setter would fail after the write)', async () => {
    class Stamped extends Counter {}
    Object.defineProperty(Stamped.prototype, 'version', {
      get(this: { _v?: number }) { return this._v; },
      set(this: { _v?: number }, v: number) { this._v = v; },
      configurable: true,
    });
    const frozen = Object.freeze(Object.assign(new Stamped(), { id: 'frozen-3', big: 1 }));
    await expect(mapper.put(frozen)).rejects.toMatchObject({ code: 'entity.notAssignable' });
    expect(await raw('SaveCounters', { id: 'frozen-3' })).toBeUndefined();
  });

  it('a frozen entity that the write does not change is written', async () => {
    const note = Object.freeze(Object.assign(new User(), { id: 'frozen-user', name: 'Ann' }));
    await expect(mapper.put(note)).resolves.toBe(note);
    expect(await raw('SaveUsers', { id: 'frozen-user' })).toMatchObject({ name: { S: 'Ann' } });
  });
});

class Details {
  @Attribute() rating?: number;
  @Attribute() note?: string;
  @Attribute() actors?: string[];
  // A default: a nested attribute read in part and left alone must not count as changed because of it.
  @Attribute({ default: 'n/a' }) label?: string;
}

@Table({ name: 'SaveDocs' })
class Doc {
  @PartitionKey() id!: string;
  @Attribute() details?: Details;
  @Attribute() list?: number[];
  @Attribute() bytes?: Uint8Array;
  @Attribute({ type: 'binarySet' }) keys?: Set<Uint8Array>;
  @Attribute({ type: 'any' }) blob?: unknown;
  @Attribute() title?: string;
  @Version() version?: number;
}

describe('found by the write-side probe', () => {
  beforeAll(async () => {
    await mapper.sync([Doc]);
  });
  const doc = (id: string) => Object.assign(new Doc(), {
    id, title: 't', list: [1, 2, 3, 4], bytes: new Uint8Array([1, 2, 3]), keys: new Set([new Uint8Array([7])]), blob: { b: new Uint8Array([5]) },
    details: Object.assign(new Details(), { rating: 1, note: 'n', actors: ['x', 'y'] }),
  });

  it('save() refuses to write whole an attribute read in part, instead of deleting what was not read', async () => {
    await mapper.put(doc('part'));
    const read = (await mapper.get(Doc, { id: 'part' }, { project: ['details.rating', 'list[2]', 'title', 'version'] }))!;
    expect(read.details).toEqual(Object.assign(new Details(), { rating: 1 }));
    read.details!.rating = 5;
    await expect(mapper.save(read)).rejects.toMatchObject({ code: 'save.partlyRead', message: expect.stringMatching(/details was read in part/) });
    read.details!.rating = 1;
    read.list![0] = 9;
    await expect(mapper.save(read)).rejects.toMatchObject({ code: 'save.partlyRead', message: expect.stringMatching(/list was read in part/) });
    read.list![0] = 3;
    // Unchanged attributes read in part are left alone; a top-level one read whole is written.
    read.title = 'new';
    await mapper.save(read);
    const stored = (await mapper.get(Doc, { id: 'part' }))!;
    expect(stored).toMatchObject({ title: 'new', list: [1, 2, 3, 4], version: 2 });
    expect(stored.details).toEqual(Object.assign(new Details(), { rating: 1, note: 'n', actors: ['x', 'y'], label: 'n/a' }));
  });

  it('save() writes bytes changed in place, after a read and after a put', async () => {
    const put = await mapper.put(doc('bytes'));
    put.bytes![0] = 42;
    await mapper.save(put);
    expect((await mapper.get(Doc, { id: 'bytes' }))!.bytes).toEqual(new Uint8Array([42, 2, 3]));
    const read = (await mapper.get(Doc, { id: 'bytes' }))!;
    read.bytes![1] = 43;
    [...read.keys!][0][0] = 44;
    (read.blob as { b: Uint8Array }).b[0] = 45;
    await mapper.save(read);
    const stored = (await mapper.get(Doc, { id: 'bytes' }))!;
    expect(stored.bytes).toEqual(new Uint8Array([42, 43, 3]));
    expect([...stored.keys!]).toEqual([new Uint8Array([44])]);
    expect((stored.blob as { b: Uint8Array }).b).toEqual(new Uint8Array([45]));
  });

  it('delete(entity) checks the version: refused when a projection left it out, required absent when the item had none', async () => {
    await mapper.put(doc('del'));
    const partial = (await mapper.get(Doc, { id: 'del' }, { project: ['title'] }))!;
    await mapper.update(Doc, { id: 'del' }, { title: 'changed by someone else' });
    await expect(mapper.delete(partial)).rejects.toMatchObject({ code: 'delete.versionNotRead' });
    expect(await raw('SaveDocs', { id: 'del' })).toBeDefined();
    // An item written without a version (by other code): the entity read from it has none, and
    // deleting it requires that it still has none.
    await client.send(new PutItemCommand({ TableName: `${prefix}SaveDocs`, Item: { id: { S: 'unversioned' }, title: { S: 'a' } } }));
    const unversioned = (await mapper.get(Doc, { id: 'unversioned' }))!;
    await mapper.update(Doc, { id: 'unversioned' }, { title: 'b' });   // the update gives it version 1
    await expect(mapper.delete(unversioned)).rejects.toBeInstanceOf(ConditionError);
    expect(await raw('SaveDocs', { id: 'unversioned' })).toBeDefined();
  });
});

describe('save() of an item written before the model had @CreatedAt (regression: it never got one)', () => {
  it('gives it one with the first change, as put and update do; a save without changes writes nothing', async () => {
    for (const id of ['old-1', 'old-2']) {
      await client.send(new PutItemCommand({ TableName: `${prefix}SaveNotes`, Item: { id: { S: id }, text: { S: 'legacy' } } }));
    }
    const note = (await mapper.get(Note, { id: 'old-1' }))!;
    await mapper.save(note);
    expect((await raw('SaveNotes', { id: 'old-1' }))!.createdAt).toBeUndefined();
    const before = Date.now();
    note.text = 'edited';
    await mapper.save(note);
    const stored = (await raw('SaveNotes', { id: 'old-1' }))!;
    expect(stored.text).toEqual({ S: 'edited' });
    expect(Date.parse(stored.createdAt!.S!)).toBeGreaterThanOrEqual(before - 1000);
    expect(note.createdAt?.toISOString()).toBe(stored.createdAt!.S);
    // A later save keeps it.
    note.text = 'again';
    await mapper.save(note);
    expect((await raw('SaveNotes', { id: 'old-1' }))!.createdAt).toEqual(stored.createdAt);
    if (engineName() === 'dynamodb-local') {
      const other = (await mapper.get(Note, { id: 'old-2' }))!;
      other.text = 'edited in a transaction';
      await mapper.transaction((tx) => tx.save(other));
      expect((await raw('SaveNotes', { id: 'old-2' }))!.createdAt).toEqual({ S: other.createdAt!.toISOString() });
    }
  });
});

describe('two writes of one entity answered out of order (regression: the next save() found no change and wrote nothing)', () => {
  /** A client whose next answer, once armed, is held back 300 ms after DynamoDB applied the request. */
  function slowClient(): { client: ReturnType<typeof testClient>; arm: () => Promise<void> } {
    let armed: (() => void) | undefined;
    const slow = clientWithAnswers(async () => {
      const applied = armed;
      armed = undefined;
      if (applied) {
        applied();
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    });
    return { client: slow, arm: () => new Promise<void>((resolve) => { armed = resolve; }) };
  }

  it.each(['save', 'put'] as const)('%s, then a save() back to the value the late answer wrote, writes it', async (write) => {
    const { client: slow, arm } = slowClient();
    const m = new Mapper({ client: slow, tablePrefix: prefix });
    const id = `race-${write}`;
    await client.send(new PutItemCommand({ TableName: `${prefix}SaveNotes`, Item: { id: { S: id }, text: { S: 'orig' }, createdAt: { S: '2020-01-01T00:00:00.000Z' } } }));
    const note = (await m.get(Note, { id }))!;
    note.text = 'A';
    const applied = arm();
    const first = m[write](note);          // applied first, answered last
    await applied;
    note.text = 'B';
    await m.save(note);                    // applied and answered while the first answer is held back
    await first;                           // its answer arrives last: the entity's snapshot says A, the item holds B
    expect((await raw('SaveNotes', { id }))!.text).toEqual({ S: 'B' });
    note.text = 'A';
    await m.save(note);
    expect((await raw('SaveNotes', { id }))!.text).toEqual({ S: 'A' });
    // Alone and applied, the save made the snapshot certain again: an unchanged entity writes nothing.
    const before = await raw('SaveNotes', { id });
    await m.save(note);
    expect(await raw('SaveNotes', { id })).toEqual(before);
  });
});

describe('a delete(entity) answered before an earlier save() of the entity (regression: the late save brought the snapshot back, the next save wrote nothing)', () => {
  it('the entity stays forgotten: the next save() puts it, as when the answers come in order', async () => {
    let hold: (() => void) | undefined;
    const slow = clientWithAnswers(async () => {
      const applied = hold;
      hold = undefined;
      if (applied) {
        applied();
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    });
    const m = new Mapper({ client: slow, tablePrefix: prefix });
    await client.send(new PutItemCommand({ TableName: `${prefix}SaveNotes`, Item: { id: { S: 'resurrect' }, text: { S: 'orig' }, createdAt: { S: '2020-01-01T00:00:00.000Z' } } }));
    const note = (await m.get(Note, { id: 'resurrect' }))!;
    note.text = 'published';
    const applied = new Promise<void>((resolve) => { hold = resolve; });
    const saving = m.save(note);            // applied first, answered last
    await applied;
    await m.delete(note);                   // applied after it, answered first
    await saving;
    expect(await raw('SaveNotes', { id: 'resurrect' })).toBeUndefined();
    await m.save(note);
    expect((await raw('SaveNotes', { id: 'resurrect' }))?.text).toEqual({ S: 'published' });
  });
});

describe('found by the second review of the write tracking', () => {
  it('a delete(entity) whose answer is lost leaves every attribute in doubt: the next save() fails loudly, not silently', async () => {
    let lose = false;
    const lossy = clientWithAnswers(() => {
      if (lose) throw Object.assign(new Error('the connection closed before the answer'), { name: 'NetworkingError' });
    });
    const m = new Mapper({ client: lossy, tablePrefix: prefix, retry: { attempts: 1 } });
    await client.send(new PutItemCommand({ TableName: `${prefix}SaveNotes`, Item: { id: { S: 'lost-delete' }, text: { S: 'x' }, createdAt: { S: '2020-01-01T00:00:00.000Z' } } }));
    const note = (await m.get(Note, { id: 'lost-delete' }))!;
    lose = true;
    await expect(m.delete(note)).rejects.toThrow();
    lose = false;
    expect(await raw('SaveNotes', { id: 'lost-delete' })).toBeUndefined();   // applied all the same
    await expect(m.save(note)).rejects.toThrow(ConditionError);              // it used to resolve, sending nothing
  });

  it('a committed transaction whose entity update throws afterwards still forgets the entity it deleted', async () => {
    if (engineName() !== 'dynamodb-local') return;   // transactions: DynamoDB Local only
    for (const id of ['gone', 'trap']) {
      await client.send(new PutItemCommand({ TableName: `${prefix}SaveFilms`, Item: { id: { S: id }, plot: { S: 'p' }, status: { S: 'draft' } } }));
    }
    const gone = (await mapper.get(Film, { id: 'gone' }))!;
    const trap = (await mapper.get(Film, { id: 'trap' }))!;
    // A property the entity refuses to take (an accessor of the application's): only found after the commit.
    Object.defineProperty(trap, 'updatedAt', { get: () => undefined, set: () => { throw new Error('read-only here'); }, configurable: true });
    trap.plot = 'changed';
    await expect(mapper.transaction((tx) => { tx.save(trap); tx.delete(gone); })).rejects.toThrow('read-only here');
    expect(await raw('SaveFilms', { id: 'gone' })).toBeUndefined();
    await mapper.save(gone);                                                  // forgotten: a put
    expect((await raw('SaveFilms', { id: 'gone' }))?.plot).toEqual({ S: 'p' });
  });
});

describe('a write whose answer is lost after DynamoDB applied it (regression: a save() back to the value read wrote nothing)', () => {
  it('the next save() writes what the entity holds', async () => {
    let lose = false;
    const lossy = clientWithAnswers(() => {
      if (lose) throw Object.assign(new Error('the connection closed before the answer'), { name: 'NetworkingError' });
    });
    const m = new Mapper({ client: lossy, tablePrefix: prefix, retry: { attempts: 1 } });
    await client.send(new PutItemCommand({ TableName: `${prefix}SaveNotes`, Item: { id: { S: 'lost' }, text: { S: 'orig' }, createdAt: { S: '2020-01-01T00:00:00.000Z' } } }));
    const note = (await m.get(Note, { id: 'lost' }))!;
    note.text = 'changed';
    lose = true;
    await expect(m.save(note)).rejects.toThrow();
    lose = false;
    expect((await raw('SaveNotes', { id: 'lost' }))!.text).toEqual({ S: 'changed' });   // applied all the same
    note.text = 'orig';
    await m.save(note);
    expect((await raw('SaveNotes', { id: 'lost' }))!.text).toEqual({ S: 'orig' });
  });
});

describe('found by the review of the overlapping-writes fix', () => {
  it('a write that ends while save() validates counts as overlapping it (the save had read its snapshot already)', async () => {
    await client.send(new PutItemCommand({ TableName: `${prefix}SaveSlowNotes`, Item: { id: { S: 'v' }, a: { N: '1' }, b: { S: 'x' }, counter: { N: '0' } } }));
    const fast = new Mapper({ client, tablePrefix: prefix, validate: false });
    const note = (await mapper.get(SlowNote, { id: 'v' }))!;
    note.b = 'y';
    const slowSave = mapper.save(note);     // reads the snapshot (a: 1), then validates for 300 ms
    note.a = 2;
    await fast.put(note);                   // applied and answered meanwhile: a = 2
    await slowSave;                         // writes b, and remembers a: 1 from the snapshot it read
    note.a = 1;
    await mapper.save(note);
    expect((await raw('SaveSlowNotes', { id: 'v' }))!.a).toEqual({ N: '1' });
  });

  it('a conditional put whose answer was lost may have been applied: not resent (outcomeUnknown), and the next save() writes what it changed', async () => {
    let loseOnce = false;
    const lossy = clientWithAnswers(() => {
      if (!loseOnce) return;
      loseOnce = false;
      throw Object.assign(new Error('the answer was lost'), { name: 'TimeoutError', $retryable: {}, $metadata: {} });
    });
    const m = new Mapper({ client: lossy, tablePrefix: prefix, validate: false });
    await client.send(new PutItemCommand({ TableName: `${prefix}SaveSlowNotes`, Item: { id: { S: 'resent' }, a: { N: '1' }, counter: { N: '0' } } }));
    const note = (await m.get(SlowNote, { id: 'resent' }))!;
    note.a = 7;
    loseOnce = true;
    const refused = await m.put(note, { condition: { a: 1 } }).catch((e: unknown) => e);
    // Once resent by the SDK, it failed its condition against its own first attempt: a
    // ConditionError that blamed another writer. The resend guard stops the SDK from resending.
    expect(refused).not.toBeInstanceOf(ConditionError);
    expect(refused).toMatchObject({ code: 'operation.outcomeUnknown' });
    expect((await raw('SaveSlowNotes', { id: 'resent' }))!.a).toEqual({ N: '7' });   // the first attempt was applied
    note.a = 1;
    await m.save(note);
    expect((await raw('SaveSlowNotes', { id: 'resent' }))!.a).toEqual({ N: '1' });
  });

  it('a tx.save of an entity read in part that fails after sending leaves the attributes it never read alone', async () => {
    if (engineName() !== 'dynamodb-local') return;   // transactions: DynamoDB Local only
    let lose = false;
    const lossy = clientWithAnswers(() => {
      if (lose) throw Object.assign(new Error('the connection closed before the answer'), { name: 'NetworkingError' });
    });
    const m = new Mapper({ client: lossy, tablePrefix: prefix, validate: false, retry: { attempts: 1 } });
    await client.send(new PutItemCommand({ TableName: `${prefix}SaveSlowNotes`, Item: { id: { S: 'partial' }, a: { N: '1' }, secret: { S: 'keep me' }, counter: { N: '42' } } }));
    const note = (await m.get(SlowNote, { id: 'partial' }, { project: ['a'] }))!;
    note.a = 2;
    lose = true;
    await expect(m.transaction((tx) => tx.save(note))).rejects.toThrow();
    lose = false;
    note.a = 3;
    await m.save(note);
    expect(await raw('SaveSlowNotes', { id: 'partial' })).toEqual({ id: { S: 'partial' }, a: { N: '3' }, secret: { S: 'keep me' }, counter: { N: '42' } });
  });
});

describe('save() through a mapper of another table prefix (regression: its message said "read it again and retry", forever)', () => {
  it('says the item does not exist there and how to write it', async () => {
    const other = new Mapper({ client, tablePrefix: `${prefix}copy-` });
    await other.sync([Note]);
    await client.send(new PutItemCommand({ TableName: `${prefix}SaveNotes`, Item: { id: { S: 'copied' }, text: { S: 'x' }, createdAt: { S: '2020-01-01T00:00:00.000Z' } } }));
    const note = (await mapper.get(Note, { id: 'copied' }))!;
    note.text = 'changed';
    await expect(other.save(note)).rejects.toThrow(
      'save of Note { id: "copied" } failed its condition: the item no longer exists (deleted since it was read, or the entity was read ' +
      'through another table or table prefix: put() writes it as a new item).');
    await other.put(note);
    expect((await other.get(Note, { id: 'copied' }))!.text).toBe('changed');
  });
});

describe('save() of a value changed from one stored by other code', () => {
  it('writes it, even when the old value breaks a write rule or a converter maps both to one form', async () => {
    await client.send(new PutItemCommand({ TableName: `${prefix}SaveCodes`, Item: { id: { S: 'c' }, state: { S: 'legacy' }, code: { S: 'ABC' } } }));
    const code = (await mapper.get(Code, { id: 'c' }))!;
    code.state = 'out';
    code.code = 'abc';
    await mapper.save(code);
    expect(await raw('SaveCodes', { id: 'c' })).toMatchObject({ state: { S: 'out' }, code: { S: 'abc' } });
  });
});

describe('save() of an entity holding an enum value since removed', () => {
  it('saves a change to another attribute and leaves that value alone; a new value outside the enum is still refused', async () => {
    await client.send(new PutItemCommand({ TableName: `${prefix}SaveCodes`, Item: { id: { S: 'e' }, state: { S: 'legacy' }, code: { S: 'abc' } } }));
    const code = (await mapper.get(Code, { id: 'e' }))!;
    code.code = 'xyz';
    await mapper.save(code);
    expect(await raw('SaveCodes', { id: 'e' })).toEqual({ id: { S: 'e' }, state: { S: 'legacy' }, code: { S: 'xyz' } });
    code.state = 'gone';
    await expect(mapper.save(code)).rejects.toMatchObject({ code: 'value.enum', message: expect.stringMatching(/^Code\.state: .*gone.* is not one of the allowed values/) });
    expect((await raw('SaveCodes', { id: 'e' }))?.state).toEqual({ S: 'legacy' });
  });
});

describe('enum values since removed, in keys and nested documents', () => {
  class Tag { @Attribute({ enum: ['red', 'green'] }) color?: string; @Attribute() n?: number; }
  @Table({ name: 'SaveEnums' })
  class Painted {
    @PartitionKey({ enum: ['a', 'b'] }) id!: string;
    @Attribute() tag?: Tag;
    @Attribute({ type: () => [Tag] }) tags?: Tag[];
    @Attribute() other?: number;
  }
  beforeAll(async () => {
    await mapper.sync([Painted]);
  });

  it('an item whose key holds one is reached by key (get, update, save, delete); put of a new one is refused', async () => {
    const stored = { id: { S: 'z' }, tag: { M: { color: { S: 'blue' }, n: { N: '1' } } }, tags: { L: [{ M: { color: { S: 'blue' } } }] } };
    await client.send(new PutItemCommand({ TableName: `${prefix}SaveEnums`, Item: stored }));
    const read = (await mapper.get(Painted, { id: 'z' }))!;
    expect(read.tag).toEqual(Object.assign(new Tag(), { color: 'blue', n: 1 }));
    // A nested document's old value is left alone when another of its fields (or another attribute) changes.
    read.other = 1;
    read.tag!.n = 2;
    read.tags!.push(Object.assign(new Tag(), { color: 'green' }));
    await mapper.save(read);
    expect(await raw('SaveEnums', { id: 'z' })).toEqual({
      id: { S: 'z' }, other: { N: '1' }, tag: { M: { color: { S: 'blue' }, n: { N: '2' } } },
      tags: { L: [{ M: { color: { S: 'blue' } } }, { M: { color: { S: 'green' } } }] },
    });
    // A new value outside the enum is refused, at any depth.
    read.tag!.color = 'purple';
    await expect(mapper.save(read)).rejects.toMatchObject({ code: 'value.enum', message: expect.stringMatching(/^Painted\.tag\.color: .*purple/) });
    read.tag!.color = 'blue';
    await mapper.update(Painted, { id: 'z' }, { other: 3 });
    expect((await raw('SaveEnums', { id: 'z' }))?.other).toEqual({ N: '3' });
    await expect(mapper.put(Object.assign(new Painted(), { id: 'y' }))).rejects.toMatchObject({ code: 'value.enum' });
    await mapper.delete(read);
    expect(await raw('SaveEnums', { id: 'z' })).toBeUndefined();
  });
});

describe('defaults inside nested documents', () => {
  it('put sets them on the nested instances, so save() writes nothing and never calls a default again', async () => {
    const kit = Object.assign(new Kit(), { id: 'k1', main: new Part(), parts: [new Part(), Object.assign(new Part(), { token: 'mine' })] });
    await mapper.put(kit);
    expect(kit.main!.token).toMatch(/^token-\d+$/);
    expect(kit.parts!.map((p) => p.token)).toEqual([expect.stringMatching(/^token-\d+$/), 'mine']);
    const stored = await raw('SaveKits', { id: 'k1' });
    expect(stored?.main?.M?.token).toEqual({ S: kit.main!.token });
    const calls = tokens;
    await mapper.save(kit);
    await mapper.save(kit);
    expect(kit.version).toBe(1);
    expect(tokens).toBe(calls);
    expect((await raw('SaveKits', { id: 'k1' }))?.main).toEqual(stored?.main);
    // A new nested document given to save() of a read entity: its defaults too are written once and kept.
    const read = (await mapper.get(Kit, { id: 'k1' }))!;
    read.main = new Part();
    await mapper.save(read);
    const token = read.main.token;
    expect(token).toMatch(/^token-\d+$/);
    expect((await raw('SaveKits', { id: 'k1' }))?.main?.M?.token).toEqual({ S: token });
    const version = read.version;
    await mapper.save(read);
    expect(read.version).toBe(version);
    expect(read.main.token).toBe(token);
    // batchPut alike.
    const other = Object.assign(new Kit(), { id: 'k2', main: new Part() });
    await mapper.batchPut([other], { overwriteVersions: true });
    expect(other.main!.token).toMatch(/^token-\d+$/);
  });
});

describe('save() of a nested document read with keys its class does not declare', () => {
  it('keeps them, changed or not (regression: they were deleted)', async () => {
    await client.send(new PutItemCommand({
      TableName: `${prefix}SaveKits`,
      Item: {
        id: { S: 'x1' }, version: { N: '1' },
        main: { M: { label: { S: 'm' }, token: { S: 't0' }, locale: { S: 'nb-NO' } } },
        parts: { L: [{ M: { token: { S: 't1' }, giftWrap: { BOOL: true } } }, { M: { token: { S: 't2' }, note: { S: 'fragile' } } }] },
      },
    }));
    const kit = (await mapper.get(Kit, { id: 'x1' }))!;
    kit.parts![1].label = 'second';
    await mapper.save(kit);
    let stored = await raw('SaveKits', { id: 'x1' });
    expect(stored?.parts).toEqual({ L: [
      { M: { token: { S: 't1' }, giftWrap: { BOOL: true } } },
      { M: { token: { S: 't2' }, note: { S: 'fragile' }, label: { S: 'second' } } },
    ] });
    expect(stored?.main).toEqual({ M: { label: { S: 'm' }, token: { S: 't0' }, locale: { S: 'nb-NO' } } });
    kit.main!.label = 'changed';
    await mapper.save(kit);
    stored = await raw('SaveKits', { id: 'x1' });
    expect(stored?.main).toEqual({ M: { label: { S: 'changed' }, token: { S: 't0' }, locale: { S: 'nb-NO' } } });
    expect(stored?.version).toEqual({ N: '3' });
  });
});
