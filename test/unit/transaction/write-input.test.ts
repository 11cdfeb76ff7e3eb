import 'reflect-metadata';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Attribute, Mapper, PartitionKey, SortKey, Table, UpdatedAt, ValidationError, Version, increment, lt, notExists } from '../../../src/index';
import { buildTransactWriteInput } from '../../../src/mapper/transaction/write-input';
import { closeWriter, TransactionWriter } from '../../../src/mapper/transaction/writer';
import { transactionInstant } from '../../../src/mapper/transaction/token-clock';
import { contextOf } from '../../../src/mapper/mapper';

@Table({ name: 'Movies' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() rating?: number;
  @Version() version?: number;
  @UpdatedAt() updatedAt?: Date;
}

@Table({ name: 'Notes' })
class Note {
  @PartitionKey() id!: string;
}

const ctx = contextOf(new Mapper({ client: new DynamoDBClient({ region: 'local' }), tablePrefix: 'p-' }));
const now = new Date('2024-01-02T03:04:05.000Z');
const NOW = { S: '2024-01-02T03:04:05.000Z' };

function movie(title: string, extra: Partial<Movie> = {}): Movie {
  return Object.assign(new Movie(), { year: 1985, title, ...extra });
}

function actions(fn: (tx: TransactionWriter) => void) {
  const tx = new TransactionWriter();
  fn(tx);
  return closeWriter(tx);
}

describe('buildTransactWriteInput', () => {
  it('builds put, update, delete and check exactly like the single writes, versions included', () => {
    const { input, actions: prepared } = buildTransactWriteInput(ctx, actions((tx) => {
      tx.put(movie('A', { rating: 7 }));
      tx.put(movie('B', { rating: 7, version: 3 }), { condition: { rating: lt(9) } });
      tx.update(Movie, { year: 1985, title: 'C' }, { rating: increment(1) }, { condition: { version: 2 } });
      tx.delete(movie('E', { version: 5 }));
      tx.check(Movie, { year: 1985, title: 'D' }, { title: notExists() }, { returnOldOnFailure: true });
    }), { clientRequestToken: 'tok' }, now);

    expect(input).toEqual({
      ClientRequestToken: 'tok',
      TransactItems: [
        { Put: {
          TableName: 'p-Movies',
          Item: { year: { N: '1985' }, title: { S: 'A' }, rating: { N: '7' }, version: { N: '1' }, updatedAt: NOW },
          ConditionExpression: 'attribute_not_exists(#n0)',
          ExpressionAttributeNames: { '#n0': 'year' },
        } },
        { Put: {
          TableName: 'p-Movies',
          Item: { year: { N: '1985' }, title: { S: 'B' }, rating: { N: '7' }, version: { N: '4' }, updatedAt: NOW },
          ConditionExpression: '#n0 < :v0 AND #n1 = :v1',
          ExpressionAttributeNames: { '#n0': 'rating', '#n1': 'version' },
          ExpressionAttributeValues: { ':v0': { N: '9' }, ':v1': { N: '3' } },
        } },
        { Update: {
          TableName: 'p-Movies',
          Key: { year: { N: '1985' }, title: { S: 'C' } },
          UpdateExpression: 'SET #n0 = :v0, #n1 = if_not_exists(#n1, :v1) + :v2 ADD #n2 :v2',
          ConditionExpression: '#n2 = :v3',
          ExpressionAttributeNames: { '#n0': 'updatedAt', '#n1': 'rating', '#n2': 'version' },
          ExpressionAttributeValues: { ':v0': NOW, ':v1': { N: '0' }, ':v2': { N: '1' }, ':v3': { N: '2' } },
        } },
        { Delete: {
          TableName: 'p-Movies',
          Key: { year: { N: '1985' }, title: { S: 'E' } },
          ConditionExpression: '#n0 = :v0',
          ExpressionAttributeNames: { '#n0': 'version' },
          ExpressionAttributeValues: { ':v0': { N: '5' } },
        } },
        { ConditionCheck: {
          TableName: 'p-Movies',
          Key: { year: { N: '1985' }, title: { S: 'D' } },
          ConditionExpression: 'attribute_not_exists(#n0)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          ExpressionAttributeNames: { '#n0': 'title' },
        } },
      ],
    });
    // Assignments wait for the commit; the reasons' keys are in property terms.
    expect(prepared[1].put!.assign).toEqual({ version: 4, updatedAt: now });
    expect(prepared.map((p) => [p.action, p.key])).toEqual([
      ['put', { year: 1985, title: 'A' }], ['put', { year: 1985, title: 'B' }], ['update', { year: 1985, title: 'C' }],
      ['delete', { year: 1985, title: 'E' }], ['check', { year: 1985, title: 'D' }],
    ]);
  });

  it('returnOldOnFailure on the transaction asks it of every action that has a condition', () => {
    const { input } = buildTransactWriteInput(ctx, actions((tx) => {
      tx.put(movie('A'));
      tx.delete(Note, { id: 'n' }, { condition: { id: 'n' } });
    }), { returnOldOnFailure: true }, now);
    expect(input.TransactItems!.map((i) => (i.Put ?? i.Delete)!.ReturnValuesOnConditionCheckFailure)).toEqual(['ALL_OLD', 'ALL_OLD']);
    expect(input).not.toHaveProperty('ClientRequestToken');
  });

  it('refuses two actions on one item, naming both, also across action kinds', () => {
    expect(() => buildTransactWriteInput(ctx, actions((tx) => {
      tx.check(Note, { id: 'x' }, { id: 'x' });
      tx.put(Object.assign(new Note(), { id: 'y' }));
      tx.delete(Note, { id: 'x' });
    }), {}, now)).toThrow(/actions 0 and 2 both target Note \{ id: "x" \}/);
  });

  it('the same key in two tables is two items', () => {
    expect(() => buildTransactWriteInput(ctx, actions((tx) => {
      tx.delete(Note, { id: '1985' });
      tx.delete(Movie, { year: 1985, title: '1985' });
    }), {}, now)).not.toThrow();
  });

  it('refuses more than 100 actions', () => {
    const many = actions((tx) => {
      for (let i = 0; i < 101; i++) tx.delete(Note, { id: String(i) });
    });
    expect(() => buildTransactWriteInput(ctx, many, {}, now)).toThrow(/101 actions; DynamoDB allows at most 100/);
    expect(() => buildTransactWriteInput(ctx, many.slice(0, 100), {}, now)).not.toThrow();
  });

  it('names the action of a bad key or a plain object', () => {
    expect(() => buildTransactWriteInput(ctx, actions((tx) => {
      tx.delete(Note, { id: 'a' });
      tx.update(Movie, { year: 1985 }, { rating: 1 });
    }), {}, now)).toThrow(/transaction action 1 \(update\): .*title/);
    const error = (() => {
      try {
        buildTransactWriteInput(ctx, actions((tx) => tx.put({ id: 'plain' })), {}, now);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/action 0 \(put\).*instance of a @Table class/);
  });

  it('a check needs a condition; the message names the action once (regression: "transaction action 0 (check): transaction action 0 ...")', () => {
    expect(() => buildTransactWriteInput(ctx, actions((tx) => tx.check(Note, { id: 'a' }, undefined as never)), {}, now)).toThrow(
      /^transaction action 0 \(check\): the check of Note has no condition; tx\.check\(Model, key, condition\) needs one, e\.g\. \{ version: 3 \}\.$/);
  });
});

describe('TransactionWriter', () => {
  it('refuses actions once closed', () => {
    const tx = new TransactionWriter();
    closeWriter(tx);
    expect(() => tx.delete(Note, { id: 'a' })).toThrow(/tx.delete\(\) was called after the transaction callback returned/);
  });
});

describe('transactionInstant', () => {
  it('reuses the first instant of a token for 10 minutes, so a resend is identical', () => {
    const c = contextOf(new Mapper({ client: new DynamoDBClient({ region: 'local' }) }));
    expect(transactionInstant(c, 't', 1000).getTime()).toBe(1000);
    expect(transactionInstant(c, 't', 5000).getTime()).toBe(1000);
    expect(transactionInstant(c, 'u', 5000).getTime()).toBe(5000);
    expect(transactionInstant(c, undefined, 7000).getTime()).toBe(7000);
    expect(transactionInstant(c, 't', 1000 + 10 * 60 * 1000 + 1).getTime()).toBe(1000 + 10 * 60 * 1000 + 1);
  });

  it('forgets the expired tokens and keeps the others (expiry stops at the first token still in the window)', () => {
    const c = contextOf(new Mapper({ client: new DynamoDBClient({ region: 'local' }) }));
    const WINDOW = 10 * 60 * 1000;
    for (let i = 0; i < 1000; i++) transactionInstant(c, `old-${i}`, i);
    transactionInstant(c, 'recent', WINDOW);
    const later = WINDOW + 500;
    expect(transactionInstant(c, 'old-999', later).getTime()).toBe(999);   // still inside its window
    expect(transactionInstant(c, 'old-0', later).getTime()).toBe(later);   // expired: a new instant
    expect(transactionInstant(c, 'recent', later).getTime()).toBe(WINDOW);
  });
});
