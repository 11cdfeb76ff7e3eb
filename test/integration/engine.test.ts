/**
 * Proves both engines are wired: raw SDK calls only, no dynamap code. Runs once per integration
 * project (dynalite, dynamodb-local).
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  TransactGetItemsCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import {
  describeOnDynamoDBLocal,
  engineEndpoint,
  engineName,
  itOnDynamoDBLocal,
  testClient,
  uniquePrefix,
} from '../support/engine';

const client = testClient();
const tableName = `${uniquePrefix()}engine`;

describe(`engine wiring (${engineName()})`, () => {
  it('talks to the engine its jest project names', async () => {
    // Identify the server by behaviour, independently of engineName(): dynalite does not
    // implement transactions, DynamoDB Local does (an empty-table lookup just fails differently).
    const probe = await client
      .send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: `${tableName}-none`, Key: { pk: { S: 'x' } } } }] }))
      .then(
        () => 'answered',
        (error: Error) => error.name,
      );
    const actual = probe === 'UnknownOperationException' ? 'dynalite' : 'dynamodb-local';
    expect(actual).toBe(engineName());
    expect(await client.config.endpoint?.()).toMatchObject({
      port: Number(new URL(engineEndpoint()).port),
    });
  });

  it('creates a table, writes and reads an item, deletes the table', async () => {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await waitUntilTableExists({ client, maxWaitTime: 20, minDelay: 0.1, maxDelay: 0.5 }, { TableName: tableName });
    expect((await client.send(new ListTablesCommand({}))).TableNames).toContain(tableName);

    await client.send(
      new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'a' }, n: { N: '42' } } }),
    );
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'a' } }, ConsistentRead: true }),
    );
    expect(Item).toEqual({ pk: { S: 'a' }, n: { N: '42' } });

    await client.send(new DeleteTableCommand({ TableName: tableName }));
  });

  itOnDynamoDBLocal('is registered only on DynamoDB Local', () => {
    expect(engineName()).toBe('dynamodb-local');
  });

  describeOnDynamoDBLocal('a block registered only on DynamoDB Local', () => {
    it('runs there', () => {
      expect(engineName()).toBe('dynamodb-local');
    });
  });
});
