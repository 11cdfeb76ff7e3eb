import 'reflect-metadata';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Attribute, Mapper, PartitionKey, SortKey, Table } from '../../../src/index';
import { buildTransactGetInput } from '../../../src/mapper/transaction/get';
import { contextOf } from '../../../src/mapper/mapper';

@Table({ name: 'Movies' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() rating?: number;
}

@Table({ name: 'Notes' })
class Note {
  @PartitionKey() id!: string;
}

const ctx = contextOf(new Mapper({ client: new DynamoDBClient({ region: 'local' }), tablePrefix: 'p-' }));

describe('buildTransactGetInput', () => {
  it('one Get per distinct item; a repeated key answers from the same read', () => {
    const p = buildTransactGetInput(ctx, [[Movie, { year: 1985, title: 'A' }], [Note, { id: 'n' }], [Movie, { title: 'A', year: 1985 }]]);
    expect(p.input).toEqual({
      TransactItems: [
        { Get: { TableName: 'p-Movies', Key: { year: { N: '1985' }, title: { S: 'A' } } } },
        { Get: { TableName: 'p-Notes', Key: { id: { S: 'n' } } } },
      ],
    });
    expect(p.slots).toEqual([0, 1, 0]);
    expect(p.subjects.map((s) => [s.model, s.key])).toEqual([['Movie', { year: 1985, title: 'A' }], ['Note', { id: 'n' }]]);
  });

  it('names the request of a bad key, and refuses more than 100 items', () => {
    expect(() => buildTransactGetInput(ctx, [[Note, { id: 'n' }], [Movie, { year: 1985 }]])).toThrow(/transactGet request 1: .*title/);
    const many = Array.from({ length: 101 }, (_, i) => [Note, { id: String(i) }] as const);
    expect(() => buildTransactGetInput(ctx, many)).toThrow(/101 actions; DynamoDB allows at most 100/);
  });
});
