/**
 * What an adversarial probe of the read and batch side found (and a few write-side leftovers),
 * each pinned on a real engine: results that were wrong, requests DynamoDB refused that dynamap
 * now refuses before sending, and misuse that was silently accepted.
 */
import 'reflect-metadata';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  Attribute, ConditionError, Version, increment, Mapper, PartitionKey, SortKey, Table, TimeToLive, ValidationError, and, between, compileCondition, fromItem, gt, gte,
  not, or,
} from 'dynamap';
import { engineName, testClient, uniquePrefix } from '../support/engine';
import { contextOf } from '../../src/mapper/mapper';

@Table({ name: 'ProbeNums' })
class Num {
  @PartitionKey() pk!: string;
  @SortKey() sk!: number;
  @Attribute({ type: 'any' }) anything?: unknown;
  @Attribute() n?: number;
}

@Table({ name: 'ProbeEvents' })
class Happening {
  @PartitionKey() pk!: string;
  @SortKey({ type: 'date' }) at!: Date;
  @Attribute() note?: string;
}

@Table({ name: 'ProbeTtl' })
class Expiring {
  @PartitionKey() id!: string;
  @TimeToLive() expiresAt?: Date;
}

@Table({ name: 'ProbeVersions' })
class Versioned {
  @PartitionKey() id!: string;
  @Version() version?: number;
  @Attribute() note?: string;
}

const client = testClient();
const prefix = uniquePrefix();
const mapper = new Mapper({ client, tablePrefix: prefix });
const num = (sk: number) => Object.assign(new Num(), { pk: 'p', sk });

beforeAll(async () => {
  await mapper.sync([Num, Happening]);
  await mapper.batchPut([1e-7, 1e21, 0.5, 1, 2, 3].map(num));
}, 60_000);

/** Runs `fn`, expecting a ValidationError before any request; returns its code. */
async function refusedBeforeSending(fn: () => unknown): Promise<string> {
  const send = jest.spyOn(client, 'send');
  try {
    const error = await Promise.resolve().then(fn).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(send).not.toHaveBeenCalled();
    return (error as ValidationError).code;
  } finally {
    send.mockRestore();
  }
}

describe('reads', () => {
  it('batchGet finds items whose number keys DynamoDB writes in another form (1e-7 comes back as 0.0000001)', async () => {
    const found = await mapper.batchGet(Num, [{ pk: 'p', sk: 1e-7 }, { pk: 'p', sk: 1e21 }, { pk: 'p', sk: 0.5 }]);
    expect(found.map((n) => n.sk)).toEqual([1e-7, 1e21, 0.5]);
  });

  it('a limit beyond what one request takes (2^31 - 1) is a total, and the reads succeed', async () => {
    const all = await mapper.query(Num, { pk: 'p' }).limit(2 ** 31).all();
    expect(all).toHaveLength(6);
    expect(await mapper.scan(Num).limit(Number.MAX_SAFE_INTEGER).count()).toBe(6);
  });

  it('a cursor given before .reverse() is refused by the reversed query, as one given after it', async () => {
    const query = mapper.query(Num, { pk: 'p' }).pageSize(2);
    const first = await query.page();
    expect(await refusedBeforeSending(() => query.reverse().startAfter(first.cursor).all())).toBe('cursor.otherTarget');
    expect(await refusedBeforeSending(() => query.startAfter(first.cursor).reverse().all())).toBe('cursor.otherTarget');
    // A reversed query's cursor, given before .reverse(), continues the reversed query.
    const reversed = query.reverse();
    const back = await reversed.page();
    const rest = await query.startAfter(back.cursor).reverse().all();
    expect(rest.map((n) => n.sk)).toEqual((await reversed.all()).slice(2).map((n) => n.sk));
  });

  it('null in a key condition is refused before sending', async () => {
    expect(await refusedBeforeSending(() => mapper.query(Num, { pk: null as unknown as string }).all())).toBe('key.type');
    expect(await refusedBeforeSending(() => mapper.query(Num, { pk: 'p', sk: null as unknown as number }).all())).toBe('key.type');
  });

  it('ordering comparisons need values DynamoDB orders (S, N, B), and between bounds of one type', async () => {
    // The types refuse these already (gt takes strings, numbers, Dates, binaries); JavaScript callers get the same answer at run time.
    for (const filter of [{ anything: gt(true as never) }, { anything: gt({ x: 1 } as never) }, { anything: between('a', 1) }, { n: gte(null as never) }]) {
      expect(await refusedBeforeSending(() => mapper.scan(Num).filter(filter).all())).toBe('expression.badOperand');
    }
    // Strings, numbers, Dates and binaries at an untyped path still compare.
    expect(await mapper.scan(Num).filter({ anything: gt('a') }).all()).toEqual([]);
  });

  it('an epoch-seconds value beyond what a Date holds (a TTL written in microseconds) is refused, not an Invalid Date', () => {
    expect(() => fromItem(Expiring, { id: { S: 'a' }, expiresAt: { N: '1e20' } })).toThrow(expect.objectContaining({ code: 'value.invalidDate' }));
    expect(fromItem(Expiring, { id: { S: 'a' }, expiresAt: { N: '1700000000' } }).expiresAt).toEqual(new Date(1_700_000_000_000));
  });

  it('an item the model refuses (written by other code) is named by its key in a query (a scan alike), a batchGet, a get and a transactGet', async () => {
    await client.send(new PutItemCommand({ TableName: `${prefix}ProbeNums`, Item: { pk: { S: 'bad' }, sk: { N: '77' }, n: { S: 'seven' } } }));
    const named = { message: expect.stringMatching(/^Num\.n: is stored as S.*\(the item with key \{ pk: "bad", sk: 77 \}\)$/s) };
    await expect(mapper.query(Num, { pk: 'bad' }).all()).rejects.toMatchObject(named);
    await expect(mapper.batchGet(Num, [{ pk: 'bad', sk: 77 }])).rejects.toMatchObject(named);
    // get and transactGet said which property, not which item (regression).
    await expect(mapper.get(Num, { pk: 'bad', sk: 77 })).rejects.toMatchObject({ code: 'value.storedType', ...named });
    if (engineName() === 'dynamodb-local') {
      await expect(mapper.transactGet([[Num, { pk: 'p', sk: 1 }], [Num, { pk: 'bad', sk: 77 }]])).rejects.toMatchObject(named);
    }
  });

  it('a date sort key stored in another ISO form is refused when read (regression: get missed it, put made a second item)', async () => {
    await client.send(new PutItemCommand({ TableName: `${prefix}ProbeEvents`, Item: { pk: { S: 'e' }, at: { S: '2020-01-01T00:00:00Z' }, note: { S: 'other program' } } }));
    const refused = await mapper.query(Happening, { pk: 'e' }).all().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused).toMatchObject({ code: 'value.keyForm', message: expect.stringContaining('(the item with key { pk: "e", at: "2020-01-01T00:00:00Z" })') });
    // Written by dynamap, the same instant reads and round-trips; both items stay apart.
    await mapper.put(Object.assign(new Happening(), { pk: 'f', at: new Date('2020-01-01T00:00:00Z'), note: 'dynamap' }));
    const read = (await mapper.query(Happening, { pk: 'f' }).all())[0];
    expect(await mapper.get(Happening, { pk: 'f', at: read.at })).toMatchObject({ note: 'dynamap' });
  });

  it('an empty projection is refused everywhere, not read as "everything"', async () => {
    expect(await refusedBeforeSending(() => mapper.get(Num, { pk: 'p', sk: 1 }, { project: [] }))).toBe('expression.emptyProjection');
    expect(await refusedBeforeSending(() => mapper.batchGet(Num, [{ pk: 'p', sk: 1 }], { project: [] }))).toBe('expression.emptyProjection');
  });
});

describe('arguments', () => {
  it('sparse arrays (holes) are refused before sending, not a TypeError after it', async () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(await refusedBeforeSending(() => mapper.batchGet(Num, [, { pk: 'p', sk: 1 }] as { pk: string; sk: number }[]))).toBe('argument.invalid');
    // eslint-disable-next-line no-sparse-arrays
    expect(await refusedBeforeSending(() => mapper.batchPut([, num(9)] as Num[]))).toBe('argument.invalid');
  });

  it('retry settings are checked like options: misspelt, or not an object', async () => {
    expect(() => new Mapper({ client: new DynamoDBClient({ region: 'local' }), retry: { attempt: 5 } as never })).toThrow(expect.objectContaining({ code: 'option.unknown' }));
    expect(await refusedBeforeSending(() => mapper.batchGet(Num, [{ pk: 'p', sk: 1 }], { retry: { bogus: 1 } as never }))).toBe('option.unknown');
    expect(await refusedBeforeSending(() => mapper.batchGet(Num, [{ pk: 'p', sk: 1 }], { retry: 'x' as never }))).toBe('option.invalid');
    // null means "no retry settings", as undefined does.
    expect(contextOf(new Mapper({ client: new DynamoDBClient({ region: 'local' }), retry: null as never })).retry.attempts).toBeGreaterThan(0);
    expect(await refusedBeforeSending(() => mapper.batchGet(Num, [{ pk: 'p', sk: 1 }], { concurrency: Infinity })))
      .toBe('option.invalid');
    await expect(mapper.batchGet(Num, [{ pk: 'p', sk: 1 }], { concurrency: Infinity })).rejects.toThrow(/concurrency is Infinity/);
  });

  it('an empty and() / or() / {} is its operator\'s identity inside the same operator, and refused elsewhere', () => {
    // and(base, extra ?? {}) composes; an empty or() inside or() adds no alternative.
    for (const condition of [and({ n: 1 }, and()), and({ n: 1 }, {}), or({ n: 1 }, or())]) {
      expect(compileCondition(Num, condition)).toEqual(compileCondition(Num, { n: 1 }));
    }
    // {} inside or() would be "or true": refused, as and(), or() and {} on their own.
    for (const condition of [or({ n: 1 }, {}), and(), {}]) {
      expect(() => compileCondition(Num, condition)).toThrow(expect.objectContaining({ code: 'expression.emptyLogical' }));
    }
  });
});

describe('expressions', () => {
  // Each {n: i} is one '=', each OR between them one more: or() of k of them is 2k - 1 operators.
  const equalities = (k: number) => Array.from({ length: k }, (_, i) => ({ n: i + 100 }));

  it('a condition of at most 300 operators is sent, and DynamoDB takes it', async () => {
    // 150 '=' + 149 OR + NOT = 300: DynamoDB evaluates it (true: n is none of 100..249).
    const updated = await mapper.update(Num, { pk: 'p', sk: 1 }, { n: 1 }, { condition: not(or(...equalities(150))) });
    expect(updated.n).toBe(1);
    const failed = await mapper.update(Num, { pk: 'p', sk: 1 }, { n: 2 }, { condition: or(...equalities(150)) }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ConditionError);
  });

  it('a condition or filter of more than 300 operators is refused before sending', async () => {
    // 151 '=' + 150 OR = 301 (DynamoDB: "The expression contains too many operators; operator count: 301").
    expect(await refusedBeforeSending(() => mapper.update(Num, { pk: 'p', sk: 1 }, { n: 3 }, { condition: or(...equalities(151)) })))
      .toBe('expression.tooManyOperators');
    expect(await refusedBeforeSending(() => mapper.scan(Num).filter(and(not(or(...equalities(150))), { n: 1 })).all()))
      .toBe('expression.tooManyOperators');
  });
});


describe('a partial entity', () => {
  it('is not put (batchPut, tx.put): the item would lose every attribute it did not read; save() and a new instance are the ways', async () => {
    await mapper.put(Object.assign(num(42), { n: 7, anything: { kept: true } }));
    const partial = (await mapper.get(Num, { pk: 'p', sk: 42 }, { project: ['n'] }))!;
    partial.n = 8;
    expect(await refusedBeforeSending(() => mapper.put(partial))).toBe('put.partialEntity');
    expect(await refusedBeforeSending(() => mapper.batchPut([partial]))).toBe('put.partialEntity');
    expect(await refusedBeforeSending(() => mapper.transaction((tx) => { tx.put(partial); }))).toBe('put.partialEntity');
    const fromQuery = (await mapper.query(Num, { pk: 'p', sk: 42 }).project('n').all())[0];
    expect(await refusedBeforeSending(() => mapper.put(fromQuery))).toBe('put.partialEntity');
    expect((await mapper.get(Num, { pk: 'p', sk: 42 }))!.anything).toEqual({ kept: true });
    // save() writes only the change; a new instance replaces the item on purpose.
    await mapper.save(partial);
    expect(await mapper.get(Num, { pk: 'p', sk: 42 })).toMatchObject({ n: 8, anything: { kept: true } });
    await mapper.put(Object.assign(new Num(), partial));
    expect((await mapper.get(Num, { pk: 'p', sk: 42 }))!.anything).toBeUndefined();
  });
});

describe('a @Version property holding what dynamap could not have written', () => {
  const bad: [string, unknown][] = [
    ['a symbol', Symbol('v')], ['a bigint', 10n], ['a string', 'x'], ['an object', {}], ['2^53 (2^53 + 1 is 2^53)', 2 ** 53],
    ['a fraction', 1.5], ['a negative number', -1], ['NaN', NaN],
  ];
  it.each(bad)('%s: put, batchPut, tx.put and save refuse it before sending, naming the property; nothing is written', async (_name, value) => {
    await mapper.sync([Versioned]);
    const fresh = () => Object.assign(new Versioned(), { id: `v-${String(_name).length}`, version: value as number });
    for (const call of [
      () => mapper.put(fresh()), () => mapper.batchPut([fresh()], { overwriteVersions: true }),
      ...(engineName() === 'dynamodb-local' ? [() => mapper.transaction((tx) => { tx.put(fresh()); })] : []),
    ]) {
      expect(await refusedBeforeSending(call)).toBe('version.invalid');
    }
    // an entity read, its version then overwritten by the application
    const read = await mapper.put(Object.assign(new Versioned(), { id: 'v-read' })).then(() => mapper.get(Versioned, { id: 'v-read' }));
    read!.version = value as number;
    read!.note = 'changed';
    const send = jest.spyOn(client, 'send');
    try {
      await expect(mapper.save(read!)).rejects.toMatchObject({ code: 'version.invalid', message: expect.stringMatching(/^Versioned\.version: the @Version property holds /) });
      expect(send).not.toHaveBeenCalled();
    } finally {
      send.mockRestore();
    }
    expect((await mapper.get(Versioned, { id: 'v-read' }))!.note).toBeUndefined();
    await mapper.delete(Versioned, { id: 'v-read' });
  });
});

describe('a table that does not exist', () => {
  it('a read or write of it says to sync the model and check the prefix, region and endpoint', async () => {
    @Table({ name: 'ProbeNeverSynced' })
    class NeverSynced { @PartitionKey() id!: string; }
    for (const call of [() => mapper.get(NeverSynced, { id: 'a' }), () => mapper.put(Object.assign(new NeverSynced(), { id: 'a' }))]) {
      await expect(call()).rejects.toMatchObject({
        name: 'DynamoError',
        message: expect.stringMatching(/ResourceNotFoundException.*create it with mapper\.sync\(\[NeverSynced\]\).*tablePrefix and the client's region and endpoint/),
      });
    }
  });
});

describe('a fraction DynamoDB computed in decimal (real-data probe)', () => {
  @Table({ name: 'ProbeRatings' })
  class Rated {
    @PartitionKey() id!: string;
    @Attribute() rating?: number;
    @Attribute() note?: string;
  }

  it('increment(1/3) of 7.3 stores 7.6333333333333333: the update resolves, the item stays readable, and save() does not rewrite it', async () => {
    await mapper.sync([Rated]);
    await mapper.put(Object.assign(new Rated(), { id: 'r', rating: 7.3 }));
    const updated = await mapper.update(Rated, { id: 'r' }, { rating: increment(1 / 3) });
    expect(updated.rating).toBe(7.633333333333333);
    const TableName = mapper.createTableInput(Rated).TableName;
    const stored = async () => (await client.send(new GetItemCommand({ TableName, Key: { id: { S: 'r' } } }))).Item!;
    expect((await stored()).rating).toEqual({ N: '7.6333333333333333' });   // DynamoDB's exact decimal sum
    const read = await mapper.get(Rated, { id: 'r' });
    expect(read!.rating).toBe(7.633333333333333);
    expect((await mapper.query(Rated, { id: 'r' }).all()).map((r) => r.rating)).toEqual([7.633333333333333]);
    read!.note = 'seen';
    await mapper.save(read!);
    expect(await stored()).toEqual({ id: { S: 'r' }, rating: { N: '7.6333333333333333' }, note: { S: 'seen' } });
  });
});
