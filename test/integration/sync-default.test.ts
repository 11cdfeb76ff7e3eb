/** mapper.sync() with no model list syncs every @Table class registered (in this file: two). */
import 'reflect-metadata';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PartitionKey, SortKey, Table } from '../../src/decorators';
import type { MapperContext } from '../../src/mapper/context';
import { createContext } from '../../src/mapper/create-context';
import { syncModels } from '../../src/table';
import { engineName, testClient, uniquePrefix } from '../support/engine';

@Table({ name: 'Authors' })
class Author {
  @PartitionKey() id!: string;
}

@Table({ name: 'Books' })
class Book {
  @PartitionKey() authorId!: string;
  @SortKey() isbn!: string;
}

describe(`sync with the default model list (${engineName()})`, () => {
  it('creates the table of every registered @Table class', async () => {
    const prefix = uniquePrefix();
    const client = testClient();
    const ctx: MapperContext = createContext({ client, tablePrefix: prefix });
    const result = await syncModels(ctx, undefined, { pollMs: 20 });
    expect(result.created).toEqual([`${prefix}Authors`, `${prefix}Books`]);
    for (const name of result.created) {
      expect((await client.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus).toBe('ACTIVE');
    }
    expect((await syncModels(ctx, [Author, Book])).unchanged).toEqual(result.created);
  });
});
