/**
 * Bad input to the public methods is a ValidationError naming the method, never a bare TypeError,
 * and nothing is sent (the client here fails the test if anything reaches it).
 */
import 'reflect-metadata';
import {
  Attribute, Mapper, ModelError, PartitionKey, SortKey, Table, ValidationError, Version, attribute, compileCondition, compileKeyCondition, compileUpdate, contains, ifNotExists, increment, defineModel, describeSyncResult, fromItem, getDocumentSchema, toItem,
} from 'dynamap';
import { contextOf } from '../../../src/mapper/mapper';

@Table({ name: 'Things' })
class Thing { @PartitionKey() id!: string; }

const client = { send: () => { throw new Error('a request was sent'); } } as never;
const mapper = new Mapper({ client });
const thing = Object.assign(new Thing(), { id: 'a' });
const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;
const throwing = { get boom(): never { throw new Error('a getter that throws'); } };

const calls: [string, () => unknown][] = [
  ['get(M, null)', () => mapper.get(Thing, null as never)],
  ['get(M, key, null) means no options: it is sent', () => mapper.get(Thing, { id: 'a' }, null as never)],
  ['put(null)', () => mapper.put(null as never)],
  ['put(entity, 5)', () => mapper.put(thing, 5 as never)],
  ['update(M, key, null)', () => mapper.update(Thing, { id: 'a' }, null as never)],
  ['update(M, key, {}, null) with no changes', () => mapper.update(Thing, { id: 'a' }, {}, null as never)],
  ['delete(M, undefined)', () => mapper.delete(Thing, undefined as never)],
  ['delete(null)', () => mapper.delete(null as never)],
  ['query(M, undefined)', () => mapper.query(Thing, undefined as never)],
  ['query(M, [])', () => mapper.query(Thing, [] as never)],
  ['scan(M, 5)', () => mapper.scan(Thing, 5 as never)],
  ['batchPut(null)', () => mapper.batchPut(null as never)],
  ['batchPut([], null) is fine', () => mapper.batchPut([], null as never)],
  ['batchGet(M, null)', () => mapper.batchGet(Thing, null as never)],
  ['batchDelete(M, {})', () => mapper.batchDelete(Thing, {} as never)],
  ['transaction(null)', () => mapper.transaction(null as never)],
  ['transaction(tx => tx.delete(null))', () => mapper.transaction((tx) => { tx.delete(null as never); })],
  ['transaction(tx => tx.update(M, key, null))', () => mapper.transaction((tx) => { tx.update(Thing, { id: 'a' }, null as never); })],
  ['transactGet(null)', () => mapper.transactGet(null as never)],
  ['sync([M], 5)', () => mapper.sync([Thing], 5 as never)],
  ['new Mapper(null) is fine', () => new Mapper(null as never)],
  ['new Mapper({ client: 5 })', () => new Mapper({ client: 5 as never })],
  ['new Mapper({ retry: 5 })', () => new Mapper({ client, retry: 5 as never })],
];

/** Misspelt or mistyped options: refused, not ignored (`overwrite: 'false'` used to overwrite). */
const options: [string, () => unknown, string][] = [
  ['put overwrite as a string', () => mapper.put(thing, { overwrite: 'false' as never }), 'put(): option overwrite is "false"; expected true or false.'],
  ['put misspelt', () => mapper.put(thing, { overwirte: false } as never),
    'put(): there is no option "overwirte"; the options are condition, returnOldOnFailure, overwrite.'],
  ['get consistent as a number', () => mapper.get(Thing, { id: 'a' }, { consistent: 1 as never }), 'get(): option consistent is 1; expected true or false.'],
  ['update returnValues', () => mapper.update(Thing, { id: 'a' }, {}, { returnValues: 'UPDATED_NEW' as never }),
    'update(): option returnValues is "UPDATED_NEW"; expected \'ALL_NEW\', \'ALL_OLD\' or \'NONE\'.'],
  ['scan misspelt filter', () => mapper.scan(Thing, { filtr: { id: 'a' } } as never), 'scan(): there is no option "filtr"'],
  // segments is let through to query() for its own message (a scan option), not offered as a query option.
  ['query misspelt index', () => mapper.query(Thing, { id: 'a' }, { indx: 'x' } as never), 'query(): there is no option "indx"; the options are index.'],
  ['new Mapper misspelt validate', () => new Mapper({ client, valdiate: false } as never), 'new Mapper(): there is no option "valdiate"'],
  ['new Mapper validate as a string', () => new Mapper({ client, validate: 'no' as never }), 'new Mapper(): option validate is "no"'],
  ['batchPut misspelt', () => mapper.batchPut([thing], { concurency: 2 } as never), 'batchPut(): there is no option "concurency"'],
  // One "batchPut" in front, not two (regression: "batchPut item 1: batchPut: expected...").
  ['batchPut of a plain object', () => mapper.batchPut([thing, { id: 'b' }] as never), 'batchPut item 1: expected an instance of a @Table class, got a plain object.'],
  ['transaction misspelt', () => mapper.transaction(() => undefined, { token: 'x' } as never), 'transaction(): there is no option "token"'],
  ['sync misspelt', () => mapper.sync([Thing], { dryrun: true } as never), 'sync(): there is no option "dryrun"'],
  ['transaction token too long', () => mapper.transaction(() => undefined, { clientRequestToken: 'x'.repeat(37) }),
    'transaction(): option clientRequestToken is "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; expected a string of 1 to 36 characters'],
  ['tx.put overwrite as a string', () => mapper.transaction((tx) => { tx.put(thing, { overwrite: 'false' as never }); }),
    'tx.put(): option overwrite is "false"; expected true or false.'],
  ['tx.update misspelt', () => mapper.transaction((tx) => { tx.update(Thing, { id: 'a' }, {}, { conditon: {} } as never); }),
    'tx.update(): there is no option "conditon"'],
  ['sync timeoutMs as a bigint (before DescribeTable is sent)', () => mapper.sync([Thing], { timeoutMs: 1n as never }),
    'sync(): option timeoutMs is 1n; expected a number of milliseconds above 0.'],
  ['sync pollMs of 0', () => mapper.sync([Thing], { pollMs: 0 }), 'sync(): option pollMs is 0; expected a number of milliseconds above 0.'],
  // A key forgotten (delete(Movie) where delete(entity) or delete(Movie, key) was meant): an argument, not an option.
  ['delete(M) with the key forgotten', () => mapper.delete(Thing as never), 'delete(Thing): the key is undefined; expected a key object { id }.'],
  ['get(M, "a")', () => mapper.get(Thing, 'a' as never), 'get(Thing): the key is "a"; expected a key object { id }.'],
  ['query index as an object', () => mapper.query(Thing, { id: 'a' }, { index: { name: 'x' } as never }), 'Thing: there is no index {"name":"x"};'],
  ['get project as a string', () => mapper.get(Thing, { id: 'a' }, { project: 'id' as never }),
    'Thing: option project is "id"; expected an array of property paths'],
  // Values JSON.stringify cannot show (it throws on a bigint or a cycle): the message still says what was given.
  ['get consistent as a bigint', () => mapper.get(Thing, { id: 'a' }, { consistent: 1n as never }), 'get(): option consistent is 1n; expected true or false.'],
  ['get consistent as a cyclic object', () => mapper.get(Thing, { id: 'a' }, { consistent: cyclic as never }),
    'get(): option consistent is {"a":1,"self":[circular]}; expected true or false.'],
  ['batchPut concurrency as a bigint', () => mapper.batchPut([thing], { concurrency: 2n as never }), 'batchPut(): option concurrency is 2n; expected a whole number of at least 1.'],
  ['batchWrite operation with a bigint', () => mapper.batchWrite([{ remove: 1n } as never]), 'got {"remove":1n}; nothing was written.'],
  ['batchWrite operation with a cycle', () => mapper.batchWrite([cyclic as never]), 'got {"a":1,"self":[circular]}; nothing was written.'],
  ['an option whose getter throws', () => mapper.get(Thing, { id: 'a' }, { consistent: throwing as never }),
    'get(): option consistent is (an object that cannot be shown); expected true or false.'],
  ['transaction(null) names the value, not its typeof', () => mapper.transaction(null as never),
    'transaction(): the callback (tx) => { ... } is null; expected a function.'],
  ['batchWrite put and delete together (the class is shown)', () => mapper.batchWrite([{ put: thing, delete: Thing } as never]),
    'got {"put":Thing {"id":"a"},"delete":class Thing}; nothing was written.'],
];

describe('a default function that throws', () => {
  it('fails put with a ValidationError naming the property, before anything is sent', async () => {
    @Table({ name: 'Defaulted' })
    class Defaulted { @PartitionKey() id!: string; @Attribute({ default: () => { throw new Error('nope'); } }) code?: string; }
    await expect(mapper.put(Object.assign(new Defaulted(), { id: 'a' }))).rejects.toMatchObject({
      name: 'ValidationError', code: 'value.default', message: 'Defaulted.code: the default function threw: nope',
    });
  });
});

describe('bad options', () => {
  it.each(options)('%s', async (_name, call, message) => {
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(message);
  });

  it('a model named by a string instead of the class says so (a ModelError)', async () => {
    await expect(mapper.get('Thing' as never, { id: 'a' })).rejects.toMatchObject({
      name: 'ModelError', message: expect.stringContaining('expected a model class (the class itself, e.g. Movie), got the string "Thing"'),
    });
  });

  it('a page size beyond DynamoDB\'s 32-bit Limit is refused', () => {
    expect(() => mapper.query(Thing, { id: 'a' }).pageSize(2 ** 31)).toThrow(ValidationError);
    expect(() => mapper.query(Thing, { id: 'a' }).pageSize(2 ** 31 - 1)).not.toThrow();
  });

  it('an option set to undefined is no option', async () => {
    await expect(mapper.put(thing, { overwrite: undefined, unknownButUndefined: undefined } as never)).rejects.toMatchObject({
      cause: new Error('a request was sent'),
    });
  });
});

describe('bad arguments', () => {
  it.each(calls)('%s', async (name, call) => {
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    if (name.endsWith('is fine')) {
      expect(error).toBeUndefined();
    } else if (name.endsWith('it is sent')) {
      expect((error as Error).cause).toEqual(new Error('a request was sent'));
    } else {
      expect(error).toBeInstanceOf(ValidationError);
      expect(String((error as Error).message)).not.toMatch(/a request was sent/);
    }
  });
});

describe('mapper.createTableInput', () => {
  it('builds from the models of that table only: another table\'s broken model is not its problem', () => {
    @Table({ name: 'Broken' })
    class Broken { @Attribute() noKey?: string; }
    void Broken;
    expect(mapper.createTableInput(Thing).TableName).toBe('Things');
    expect(() => mapper.createTableInput(Broken)).toThrow(/Broken has no partition key/);
  });

  it('leaves out a base class the table\'s models extend (an abstract base with the partition key only)', () => {
    @Table({ name: 'Based' })
    abstract class Base { @PartitionKey() pk!: string; }
    @Table({ name: 'Based', entity: 'U' })
    class U extends Base { @SortKey() sk!: string; }
    @Table({ name: 'Based', entity: 'V' })
    class V extends Base { @SortKey() sk!: string; }
    void V;
    expect(mapper.createTableInput(U).KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
  });
});

describe('a method that returns a promise refuses by rejecting it, never by throwing (a .catch() must see it)', () => {
  const promised: [string, () => Promise<unknown>][] = [
    ['put(null)', () => mapper.put(null as never)],
    ['get(M, null)', () => mapper.get(Thing, null as never)],
    ['update(M, key, null)', () => mapper.update(Thing, { id: 'a' }, null as never)],
    ['save(null)', () => mapper.save(null as never)],
    ['delete(null)', () => mapper.delete(null as never)],
    ['batchPut(null)', () => mapper.batchPut(null as never)],
    ['batchPut([e], misspelt option)', () => mapper.batchPut([thing], { concurency: 2 } as never)],
    ['batchPut with a hole', () => mapper.batchPut([thing, , thing] as never)],
    ['batchDelete(M, null)', () => mapper.batchDelete(Thing, null as never)],
    ['batchWrite(undefined)', () => mapper.batchWrite(undefined as never)],
    ['batchGet(M, 5)', () => mapper.batchGet(Thing, 5 as never)],
    ['batchGet(null)', () => mapper.batchGet(null as never)],
    ['transaction(null)', () => mapper.transaction(null as never)],
    ['transaction(fn, 5)', () => mapper.transaction(() => undefined, 5 as never)],
    ['transactGet(null)', () => mapper.transactGet(null as never)],
    ['transactGet(requests, options): it takes none', () => (mapper.transactGet as (...args: unknown[]) => Promise<unknown>).call(mapper, [[Thing, { id: 'a' }]], { consistent: true })],
    ['sync(5)', () => mapper.sync(5 as never)],
  ];
  it.each(promised)('%s', async (_name, call) => {
    let promise: Promise<unknown> | undefined;
    expect(() => { promise = call(); }).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('options and parts of requests that were ignored are refused (nothing is sent)', () => {
  const refused: [string, () => unknown, string][] = [
    ['transactGet request with a misspelt option', () => mapper.transactGet([[Thing, { id: 'a' }, { projet: ['id'] } as never]]),
      'transactGet() requests[0][2]: there is no option "projet"; the options are project.'],
    ['batchGet request with a third element', () => mapper.batchGet([[Thing, [{ id: 'a' }], { project: ['id'] }] as never]),
      'batchGet(): requests[0] is [class Thing,[{"id":"a"}],{"project":["id"]}]; expected [Model, keys[]] (a projection is for one model'],
    ['batchWrite put with a condition (BatchWriteItem has none)', () => mapper.batchWrite([{ put: thing, condition: { id: 'a' } } as never]),
      'batchWrite item 0: "condition" cannot be part of an operation'],
    ['batchWrite delete with options', () => mapper.batchWrite([{ delete: Thing, key: { id: 'a' }, overwrite: true } as never]),
      'batchWrite item 0: "overwrite" cannot be part of an operation'],
    ['compileKeyCondition with a misspelt option', () => compileKeyCondition(Thing, { id: 'a' }, { indx: 'x' } as never),
      'compileKeyCondition(): there is no option "indx"; the options are index.'],
    ['.reverse(false)', () => mapper.query(Thing, { id: 'a' }).reverse(...([false] as unknown as [])),
      'query().reverse(): its argument is false; expected no argument'],
    ['.consistent("no")', () => mapper.query(Thing, { id: 'a' }).consistent(...(['no'] as unknown as [])),
      '.consistent(): its argument is "no"; expected no argument'],
    ['batchPut(null) names the argument, not an option', () => mapper.batchPut(null as never), 'batchPut(): the entities is null; expected an array.'],
  ];
  it.each(refused)('%s', async (_name, call, message) => {
    const error = await Promise.resolve().then(call).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(message);
  });

  it('defineModel with a misspelt part of the definition (globalIndex) or attributes given as an array', () => {
    class Loose { id!: string; }
    expect(() => defineModel(Loose, { table: { name: 'Loose' }, attributes: { id: { role: 'partitionKey', type: 'string' } }, globalIndex: {} } as never))
      .toThrow('defineModel(Loose, ...): the definition has "globalIndex", which is not one of its keys (table, attributes, globalIndexes, localIndexes).');
    expect(() => defineModel(Loose, { attributes: [] } as never)).toThrow(ModelError);
  });
});

describe('odd input to the helpers and to update() is refused clearly', () => {
  it('describeSyncResult and getDocumentSchema given null: a DynamapError, not a TypeError', () => {
    expect(() => describeSyncResult(null as never)).toThrow(ValidationError);
    expect(() => describeSyncResult({} as never)).toThrow("describeSyncResult(): the result is {}; expected what mapper.sync() resolved to ({ plan, ... }).");
    expect(() => getDocumentSchema(null as never)).toThrow(ModelError);
  });

  it('update() with an own "__proto__" key (as JSON.parse makes) refuses it as an unknown path instead of dropping it', async () => {
    const changes = JSON.parse('{"__proto__": 1, "id": "b"}') as never;
    await expect(mapper.update(Thing, { id: 'a' }, changes)).rejects.toMatchObject({ message: expect.stringContaining('__proto__') });
  });

  it('a converter or default that throws something other than an Error is quoted, not "[object Object]"', () => {
    @Table({ name: 'Throwers' })
    class Thrower {
      @PartitionKey() id!: string;
      @Attribute({ type: 'string', converter: { toDynamo: () => { throw { reason: 'nope' }; }, fromDynamo: () => 'x' } }) v?: string;
    }
    expect(() => toItem(Object.assign(new Thrower(), { id: 'a', v: 'x' }))).toThrow('Thrower.v: the converter\'s toDynamo threw: {"reason":"nope"}');
  });
});

describe('messages stay readable whatever the input', () => {
  it('a stray key property with control characters is quoted escaped, not printed raw to the terminal', async () => {
    const error = await mapper.get(Thing, { id: 'a', 'x\u001b[31mred\nline': 1 } as never).then(() => new Error('not refused'), (e: Error) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('"x\\u001b[31mred\\nline" is not part of the key');
    expect(error.message).not.toMatch(/[\u001b\n]/);
  });

  it('ten thousand stray key properties: ten listed, the rest counted', async () => {
    const key: Record<string, unknown> = { id: 'a' };
    for (let i = 0; i < 10_000; i++) key[`p${i}`] = i;
    const error = await mapper.get(Thing, key as never).then(() => new ValidationError('none', 'not refused'), (e: ValidationError) => e);
    expect(error.message.split('\n')).toHaveLength(12);
    expect(error.message).toContain('and 9990 more');
    expect(error.issues).toHaveLength(10_000);
  });

  it('a path of 100,000 characters is cut in the message, with its length', () => {
    const path = 'x'.repeat(100_000);
    let message = '';
    try {
      compileKeyCondition(Thing, { [path]: 'a' } as never);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('(100000 characters)');
    expect(message.length).toBeLessThan(3000);
  });
});

describe('an empty condition', () => {
  @Table({ name: 'VersionedThings' })
  class VersionedThing { @PartitionKey() id!: string; @Version() version?: number; }
  it('is refused the same on a versioned model as on an unversioned one (it was dropped into the version check)', async () => {
    for (const call of [
      () => mapper.put(thing, { condition: {} }),
      () => mapper.put(Object.assign(new VersionedThing(), { id: 'a' }), { condition: {} }),
      () => mapper.put(Object.assign(new VersionedThing(), { id: 'a' }), { condition: {}, overwrite: false }),
      () => mapper.delete(Object.assign(new VersionedThing(), { id: 'a', version: 2 }), { condition: {} }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'expression.emptyLogical' });
    }
  });
});

describe('what stays accepted (the review of the refusals above)', () => {
  /** The call reached the client: nothing refused it before sending. */
  const sent = async (call: () => unknown) => {
    const error = await Promise.resolve().then(call).then(() => undefined, (e: unknown) => e);
    expect(String((error as { cause?: Error })?.cause?.message ?? (error as Error)?.message)).toMatch(/a request was sent/);
  };
  it('an operation of batchWrite carrying a key of the caller\'s own union (kind) is sent', async () => {
    await sent(() => mapper.batchWrite([{ kind: 'put', put: thing } as never, { kind: 'delete', delete: Thing, key: { id: 'b' } } as never]));
  });
  it('undefined where nothing is expected is no argument: .reverse(undefined), .reverse(true), .consistent(undefined), transactGet(r, undefined), [Model, keys, undefined]', async () => {
    const q = mapper.query(Thing, { id: 'a' });
    expect(() => q.reverse(...([undefined] as unknown as [])).reverse(...([true] as unknown as [])).consistent(...([undefined] as unknown as []))).not.toThrow();
    await sent(() => (mapper.transactGet as (...args: unknown[]) => Promise<unknown>).call(mapper, [[Thing, { id: 'a' }]], undefined));
    await sent(() => mapper.batchGet([[Thing, [{ id: 'a' }], undefined]] as never));
  });
  it('defineModel with a definition key set to undefined', () => {
    class Defined { id!: string; }
    expect(() => defineModel(Defined, { table: { name: 'Defined' }, attributes: { id: { role: 'partitionKey', type: 'string' } }, globalIndexes: undefined, extra: undefined } as never)).not.toThrow();
  });
  it('retry settings given as undefined keep their defaults (attempts: undefined retried for ever)', () => {
    const ctx = contextOf(new Mapper({ client, retry: { attempts: undefined, maxDelayMs: undefined, jitter: undefined } as never }));
    expect(ctx.retry).toEqual(contextOf(new Mapper({ client })).retry);
    expect(ctx.retry.attempts).toBeGreaterThan(1);
  });
  it('a condition operand counts its nesting from its own root, for contains() too', () => {
    @Table({ name: 'Deeps' })
    class Deeps { @PartitionKey() id!: string; @Attribute({ type: 'any' }) a?: unknown; @Attribute({ type: 'list' }) l?: unknown[]; }
    const deep = (levels: number): unknown => (levels === 1 ? 'x' : [deep(levels - 1)]);
    expect(() => compileCondition(Deeps, { a: contains(deep(32)) } as never)).not.toThrow();
    expect(() => compileCondition(Deeps, { 'l[0]': deep(32) } as never)).not.toThrow();
    expect(() => compileCondition(Deeps, { a: contains(deep(33)) } as never)).toThrow(/nest deeper/);
  });
});

describe('messages that say what to do (error audit)', () => {
  it('tx.delete(null) names the action and both forms', async () => {
    await expect(mapper.transaction((tx) => { tx.put(thing); tx.delete(null as never); })).rejects.toThrow(
      'tx.delete() (action 1, which takes an entity, or a model and its key: tx.delete(Model, key)): expected an instance of a @Table class, got null.');
  });
  it('a model listed twice in a multi-model query is named as such, and two models sharing an entity type are told to take their own', () => {
    @Table({ name: 'Shared', entity: 'A' }) class A1 { @PartitionKey() pk!: string; }
    @Table({ name: 'Shared', entity: 'A' }) class A2 { @PartitionKey() pk!: string; }
    expect(() => mapper.query([A1, A1], { pk: 'x' })).toThrow('A1 is listed twice: list each model once');
    expect(() => mapper.query([A1, A2], { pk: 'x' })).toThrow(/A1 and A2 have the same entity type "A": give each its own/);
  });
});

describe('copying between number kinds in an update (update-operators probe)', () => {
  @Table({ name: 'Counters' })
  class Counter {
    @PartitionKey() id!: string;
    @Attribute() n?: number;
    @Attribute() n2?: number;
    @Attribute({ type: 'bigint' }) b?: bigint;
    @Attribute({ type: 'epochSeconds' }) at?: Date;
  }
  it('refuses what could not be read back (a bigint into a number, a number into a bigint or a date)', () => {
    for (const changes of [{ n: attribute('b') }, { b: attribute('n') }, { b: increment(attribute('n')) }, { b: ifNotExists(attribute('n')) }, { at: attribute('n') }, { n: increment(attribute('b')) }]) {
      expect(() => compileUpdate(Counter, changes as never)).toThrow(expect.objectContaining({ code: 'expression.copyMismatch' }));
    }
  });
  it('allows the same kind, and seconds added to a date', () => {
    for (const changes of [{ n: attribute('n2') }, { n: increment(attribute('n2')) }, { at: increment(attribute('n')) }, { n: increment(attribute('at')) }]) {
      expect(() => compileUpdate(Counter, changes as never)).not.toThrow();
    }
  });
});

describe('a stored epochSeconds value beyond a Date', () => {
  it('advises type: \'number\' (it is stored as N; type: \'string\' would not read it either)', () => {
    @Table({ name: 'Expiring' })
    class Expiring { @PartitionKey() id!: string; @Attribute({ type: 'epochSeconds' }) at?: Date; }
    expect(() => fromItem(Expiring, { id: { S: 'a' }, at: { N: '10001700000000' } })).toThrow(
      'Expiring.at: the stored date "10001700000000" is not a valid date: fix the stored data, or declare the attribute as type \'number\'');
  });
});
