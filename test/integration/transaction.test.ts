import 'reflect-metadata';
import { IsInt, Max, Min } from 'class-validator';
import {
  Attribute, CreatedAt, type DynamapError, Mapper, PartitionKey, SortKey, Table, TransactionError, UpdatedAt, ValidationError, Version,
  gte, increment, lt, notExists,
} from 'dynamap';
import { describeOnDynamoDBLocal, engineName, testClient, uniquePrefix } from '../support/engine';

@Table({ name: 'TxAccounts' })
class Account {
  @PartitionKey() id!: string;
  @Attribute() @IsInt() @Min(0) balance?: number;
  @Version() version?: number;
  @CreatedAt() createdAt?: Date;
  @UpdatedAt() updatedAt?: Date;
}

@Table({ name: 'TxMovies' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() @IsInt() @Min(0) @Max(10) rating?: number;
}

const client = testClient();
const prefix = uniquePrefix();
const mapper = new Mapper({ client, tablePrefix: prefix, retry: { baseDelayMs: 1, maxDelayMs: 20 } });

function account(id: string, balance: number): Account {
  return Object.assign(new Account(), { id, balance });
}
function movie(year: number, title: string, rating = 5): Movie {
  return Object.assign(new Movie(), { year, title, rating });
}

beforeAll(async () => {
  await mapper.sync([Account, Movie]);
}, 60_000);

if (engineName() === 'dynalite') {
  describe('on dynalite (no transactions)', () => {
    it('transaction() fails at once with a clear message, not a hang', async () => {
      const error = await mapper.transaction((tx) => tx.put(movie(1990, 'Nope'))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransactionError);
      expect((error as TransactionError).code).toBe('transaction.unsupported');
      expect((error as Error).message).toMatch(/does not implement TransactWriteItems.*DynamoDB Local/s);
    });

    it('transactGet() fails at once with a clear message', async () => {
      const error = await mapper.transactGet([[Movie, { year: 1990, title: 'Nope' }]]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransactionError);
      expect((error as Error).message).toMatch(/does not implement TransactGetItems/);
    });
  });
}

describe('checks before sending (both engines)', () => {
  it('two actions on the same item are a ValidationError naming both', async () => {
    const error = await mapper.transaction((tx) => {
      tx.put(movie(1991, 'Same'));
      tx.check(Movie, { year: 1991, title: 'Other' }, { rating: lt(5) });
      tx.update(Movie, { year: 1991, title: 'Same' }, { rating: 3 });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('transaction.sameItem');
    expect((error as Error).message).toMatch(/actions 0 and 2 both target Movie \{ year: 1991, title: "Same" \}/);
  });

  it('more than 100 actions is a ValidationError', async () => {
    const error = await mapper.transaction((tx) => {
      for (let i = 0; i < 101; i++) tx.put(movie(1992, `m${i}`));
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/101 actions.*at most 100/);
  });

  it('a class-validator failure names the action; nothing is sent', async () => {
    const error = await mapper.transaction((tx) => {
      tx.put(movie(1993, 'Fine'));
      tx.put(movie(1993, 'Bad', 42));
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/transaction action 1 \(put\): Movie failed validation/);
    expect((error as ValidationError).issues[0].path).toBe('rating');
  });

  it('a bad key names the action', async () => {
    const error = await mapper.transaction((tx) => {
      tx.delete(Movie, { year: 1993 });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/transaction action 0 \(delete\): .*title/);
  });

  it('a callback that throws sends nothing; tx is closed after the callback', async () => {
    let kept: { put(e: object): unknown } | undefined;
    await expect(mapper.transaction((tx) => {
      kept = tx;
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    expect(() => kept!.put(movie(1994, 'Late'))).toThrow(/after the transaction callback returned/);
  });

  it('an empty transaction sends nothing and returns the callback result', async () => {
    await expect(mapper.transaction(() => 'nothing')).resolves.toBe('nothing');
  });
});

describeOnDynamoDBLocal('transactions on DynamoDB Local', () => {
  it('puts, updates, deletes and checks atomically; entities get versions once committed', async () => {
    const a = account('a1', 100);
    const b = account('b1', 0);
    await mapper.put(movie(2000, 'Gone'));
    const result = await mapper.transaction(async (tx) => {
      tx.put(a).put(b);
      tx.delete(Movie, { year: 2000, title: 'Gone' }, { condition: { rating: lt(9) } });
      return 'done';
    });
    expect(result).toBe('done');
    expect(a.version).toBe(1);
    expect(a.createdAt).toBeInstanceOf(Date);
    expect(await mapper.get(Movie, { year: 2000, title: 'Gone' })).toBeUndefined();

    await mapper.transaction((tx) => {
      tx.update(Account, { id: 'a1' }, { balance: increment(-30) }, { condition: { version: 1 } });
      tx.update(Account, { id: 'b1' }, { balance: increment(30) });
      tx.check(Movie, { year: 2000, title: 'Gone' }, { title: notExists() });
    });
    const [a1, b1] = await mapper.transactGet([[Account, { id: 'a1' }], [Account, { id: 'b1' }]]);
    expect(a1).toMatchObject({ balance: 70, version: 2 });
    expect(b1).toMatchObject({ balance: 30, version: 2 });
    expect(a1).toBeInstanceOf(Account);
  });

  it('a cancellation gives one reason per action, in order, with the old item when asked', async () => {
    await mapper.batchPut([account('c1', 10), account('c2', 10)]);
    const error = await mapper.transaction((tx) => {
      tx.update(Account, { id: 'c1' }, { balance: increment(-5) });
      tx.update(Account, { id: 'c2' }, { balance: increment(-50) }, { condition: { balance: gte(50) }, returnOldOnFailure: true });
      tx.check(Movie, { year: 1, title: 'x' }, { title: notExists() });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionError);
    const reasons = (error as TransactionError).reasons;
    expect(reasons.map((r) => [r.index, r.action, r.model, r.code])).toEqual([
      [0, 'update', 'Account', 'None'],
      [1, 'update', 'Account', 'ConditionalCheckFailed'],
      [2, 'check', 'Movie', 'None'],
    ]);
    expect(reasons[1].key).toEqual({ id: 'c2' });
    expect(reasons[1].oldItem).toMatchObject({ id: { S: 'c2' }, balance: { N: '10' } });
    expect((error as Error).message).toMatch(/action 1 \(update of Account \{ id: "c2" \}\): ConditionalCheckFailed/);
    expect((await mapper.get(Account, { id: 'c1' }))!.balance).toBe(10); // nothing applied
  });

  it('a stale versioned entity cancels the transaction (ConditionalCheckFailed); the entity is left as it was', async () => {
    await mapper.put(account('v1', 5));
    const stale = (await mapper.get(Account, { id: 'v1' }))!;
    const fresh = (await mapper.get(Account, { id: 'v1' }))!;
    fresh.balance = 6;
    await mapper.put(fresh);
    stale.balance = 7;
    const error = await mapper.transaction((tx) => {
      tx.put(stale);
    }).catch((e: unknown) => e);
    expect((error as TransactionError).reasons[0].code).toBe('ConditionalCheckFailed');
    expect(stale.version).toBe(1);
    const delError = await mapper.transaction((tx) => {
      tx.delete(stale);
    }).catch((e: unknown) => e);
    expect((delError as TransactionError).reasons[0]).toMatchObject({ action: 'delete', code: 'ConditionalCheckFailed' });
    expect((await mapper.get(Account, { id: 'v1' }))!.balance).toBe(6);
  });

  it('a versioned entity deleted in a transaction is put again as a new item, its version continuing', async () => {
    await mapper.put(account('d1', 5));
    const read = (await mapper.get(Account, { id: 'd1' }))!;
    await mapper.transaction((tx) => {
      tx.delete(read);
    });
    await mapper.transaction((tx) => {
      tx.put(read);
    });
    expect(read.version).toBe(2);
    expect((await mapper.get(Account, { id: 'd1' }))).toMatchObject({ version: 2, balance: 5 });
  });

  it('a new versioned entity must not exist yet', async () => {
    await mapper.put(account('n1', 1));
    const error = await mapper.transaction((tx) => {
      tx.put(account('n1', 2));
    }).catch((e: unknown) => e);
    expect((error as TransactionError).reasons[0].code).toBe('ConditionalCheckFailed');
  });

  it('returnOldOnFailure on the transaction asks for every action', async () => {
    await mapper.put(movie(2010, 'Old', 2));
    const error = await mapper.transaction((tx) => {
      tx.check(Movie, { year: 2010, title: 'Old' }, { rating: 9 });
    }, { returnOldOnFailure: true }).catch((e: unknown) => e);
    expect((error as TransactionError).reasons[0].oldItem).toMatchObject({ rating: { N: '2' } });
  });

  it('clientRequestToken makes a resent transaction apply once', async () => {
    await mapper.put(account('idem', 0));
    const token = `tok-${prefix}`;
    const once = () => mapper.transaction((tx) => {
      tx.update(Account, { id: 'idem' }, { balance: increment(1) });
    }, { clientRequestToken: token });
    await once();
    await once();
    expect((await mapper.get(Account, { id: 'idem' }))!.balance).toBe(1);
    // The same token for different work is refused, not silently ignored.
    const error = await mapper.transaction((tx) => {
      tx.update(Account, { id: 'idem' }, { balance: increment(5) });
    }, { clientRequestToken: token }).catch((e: unknown) => e);
    expect((error as TransactionError).code).toBe('transaction.idempotencyMismatch');
  });

  it('a server error after the transaction was applied: without a token it is not resent and says it may have been applied; with one it is resent once', async () => {
    // A real DynamoDB Local client whose answer to the next TransactWriteItems is replaced by a 500, after DynamoDB applied it.
    const faulty = testClient();
    let failNext = false;
    faulty.middlewareStack.add((next) => async (args) => {
      const out = await next(args);
      if (failNext) {
        failNext = false;
        throw Object.assign(new Error('We encountered an internal error.'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
      }
      return out;
    }, { step: 'initialize', name: 'applyThenFail' });
    const m = new Mapper({ client: faulty, tablePrefix: prefix, retry: { baseDelayMs: 1, maxDelayMs: 20 } });
    await m.put(account('5xx', 100));
    failNext = true;
    const error = await m.transaction((tx) => { tx.update(Account, { id: '5xx' }, { balance: increment(-10) }); }).catch((e: unknown) => e);
    expect((error as DynamapError).code).toBe('operation.outcomeUnknown');
    expect((error as Error).message).toMatch(/^transaction of Account failed with a server error \(InternalServerError: .*\)\. DynamoDB may or may not have applied it, so it was not sent again/);
    expect((error as Error).message).toMatch(/Give the transaction a clientRequestToken/);
    expect((error as Error).message).not.toMatch(/retry later/);
    expect((await m.get(Account, { id: '5xx' }))!.balance).toBe(90);   // applied once, not resent
    failNext = true;
    await m.transaction((tx) => { tx.update(Account, { id: '5xx' }, { balance: increment(-10) }); }, { clientRequestToken: `5xx-${prefix}` });
    expect((await m.get(Account, { id: '5xx' }))!.balance).toBe(80);   // resent under its token: applied once
  });

  it('a token whose transaction was cancelled does not pin the timestamps of the next attempt (regression: @UpdatedAt went back)', async () => {
    await mapper.put(account('tok2', 1));
    const stale = (await mapper.get(Account, { id: 'tok2' }))!;
    await mapper.put(Object.assign((await mapper.get(Account, { id: 'tok2' }))!, { balance: 2 }));
    const token = `tok2-${prefix}`;
    const cancelled = await mapper.transaction((tx) => { tx.put(Object.assign(stale, { balance: 3 })); }, { clientRequestToken: token })
      .catch((e: unknown) => e);
    expect((cancelled as TransactionError).reasons[0].code).toBe('ConditionalCheckFailed');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const other = (await mapper.get(Account, { id: 'tok2' }))!;   // someone writes after the cancelled attempt
    await mapper.put(Object.assign(other, { balance: 4 }));
    const again = (await mapper.get(Account, { id: 'tok2' }))!;
    const theirs = again.updatedAt!.getTime();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await mapper.transaction((tx) => { tx.put(Object.assign(again, { balance: 5 })); }, { clientRequestToken: token });
    expect(again.updatedAt!.getTime()).toBeGreaterThan(theirs);
  });

  it('tx.save writes only what changed of a read entity, puts a new one, and gives both their version once committed', async () => {
    await mapper.put(account('sv1', 10));
    const read = (await mapper.get(Account, { id: 'sv1' }))!;
    const createdAt = read.createdAt!.getTime();
    read.balance = 15;
    const fresh = account('sv2', 1);
    await mapper.transaction((tx) => {
      tx.save(read);
      tx.save(fresh);
    });
    expect(read.version).toBe(2);
    expect(fresh.version).toBe(1);
    const stored = (await mapper.get(Account, { id: 'sv1' }))!;
    expect(stored).toMatchObject({ balance: 15, version: 2 });
    expect(stored.createdAt!.getTime()).toBe(createdAt);
    expect((await mapper.get(Account, { id: 'sv2' }))!.version).toBe(1);
    // The entity's snapshot moved on: a second save after another change writes that change only.
    read.balance = 16;
    await mapper.save(read);
    expect((await mapper.get(Account, { id: 'sv1' }))).toMatchObject({ balance: 16, version: 3 });
  });

  it('tx.save of a stale entity cancels the transaction with a save reason; nothing is written', async () => {
    await mapper.put(account('sv3', 10));
    const stale = (await mapper.get(Account, { id: 'sv3' }))!;
    await mapper.update(Account, { id: 'sv3' }, { balance: 11 });
    stale.balance = 99;
    const error = await mapper.transaction((tx) => {
      tx.save(stale);
      tx.put(account('sv4', 1));
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionError);
    expect((error as TransactionError).reasons[0]).toMatchObject({ action: 'save', model: 'Account', key: { id: 'sv3' }, code: 'ConditionalCheckFailed' });
    expect(stale.version).toBe(1);
    expect((await mapper.get(Account, { id: 'sv3' }))!.balance).toBe(11);
    expect(await mapper.get(Account, { id: 'sv4' })).toBeUndefined();
  });

  it('tx.save of an unchanged entity checks that the item is still as read', async () => {
    await mapper.put(account('sv5', 10));
    const unchanged = (await mapper.get(Account, { id: 'sv5' }))!;
    await mapper.transaction((tx) => {
      tx.save(unchanged);
      tx.put(account('sv6', 1));
    });
    expect((await mapper.get(Account, { id: 'sv6' }))!.balance).toBe(1);
    await mapper.update(Account, { id: 'sv5' }, { balance: 12 });
    const error = await mapper.transaction((tx) => {
      tx.save(unchanged);
      tx.put(account('sv7', 1));
    }).catch((e: unknown) => e);
    expect((error as TransactionError).reasons[0]).toMatchObject({ action: 'save', code: 'ConditionalCheckFailed' });
    expect(await mapper.get(Account, { id: 'sv7' })).toBeUndefined();
  });

  it('transactGet returns a tuple of entities or undefined, a repeated key read once', async () => {
    await mapper.put(movie(2011, 'Here'));
    const [m, missing, again, acc] = await mapper.transactGet([
      [Movie, { year: 2011, title: 'Here' }],
      [Movie, { year: 2011, title: 'Not here' }],
      [Movie, { year: 2011, title: 'Here' }],
      [Account, { id: 'a1' }],
    ]);
    expect(m).toBeInstanceOf(Movie);
    expect(m!.rating).toBe(5);
    expect(missing).toBeUndefined();
    expect(again).toEqual(m);
    expect(acc!.id).toBe('a1');
  });

  it('transactGet with a projection: those paths and the key; save() of the partial entity leaves the rest alone', async () => {
    await mapper.put(Object.assign(new Account(), { id: 'proj', balance: 10 }));
    const [partial, whole] = await mapper.transactGet([[Account, { id: 'proj' }, { project: ['balance', 'version'] }], [Movie, { year: 2011, title: 'Here' }]]);
    expect({ ...partial }).toEqual({ id: 'proj', balance: 10, version: 1 });
    expect(whole!.rating).toBe(5);
    partial!.balance = 11;
    await mapper.save(partial!);
    const after = await mapper.get(Account, { id: 'proj' });
    expect(after).toMatchObject({ balance: 11, version: 2 });
    expect(after!.createdAt).toBeInstanceOf(Date);
  });
});

describe('transactGet projections: checked before sending (both engines)', () => {
  it('a bad path, or one item read with two projections, is a ValidationError and nothing is sent', async () => {
    const sent = jest.spyOn(client, 'send');
    try {
      const bad = await mapper.transactGet([[Account, { id: 'x' }, { project: ['nope' as 'balance'] }]]).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(ValidationError);
      expect((bad as Error).message).toMatch(/transactGet[\s\S]*nope/);
      const twice = await mapper.transactGet([[Account, { id: 'x' }, { project: ['balance'] }], [Account, { id: 'x' }]]).catch((e: unknown) => e);
      expect(twice).toBeInstanceOf(ValidationError);
      expect((twice as Error).message).toMatch(/requests\[1\].*the projection of requests\[0\], which reads the same item/);
      expect(sent).not.toHaveBeenCalled();
    } finally {
      sent.mockRestore();
    }
  });
});
