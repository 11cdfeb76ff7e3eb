/**
 * mapper.sync() against real engines (dynalite and DynamoDB Local), through syncModels with a
 * context built here. What an engine cannot do is asserted as what it does, never mocked:
 *  - dynalite has no UpdateTimeToLive, and does not create a GSI on an existing table;
 *  - DynamoDB Local does both (it is the reference).
 */
import 'reflect-metadata';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  UpdateTableCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { Attribute, GlobalIndex, LocalIndex, PartitionKey, SortKey, Table, TimeToLive } from '../../src/decorators';
import { SyncError } from '../../src/errors/classes';
import type { MapperContext } from '../../src/mapper/context';
import { createContext } from '../../src/mapper/create-context';
import { getModelSchema } from '../../src/metadata/schema';
import { createTableInput, describeSyncResult, syncModels } from '../../src/table';
import { deploy } from '../support/deploy';
import { engineName, itOnDynamoDBLocal, testClient, uniquePrefix } from '../support/engine';

const prefix = uniquePrefix();
const fast = { pollMs: 20, timeoutMs: 30_000 };
const onDynalite = engineName() === 'dynalite';
/** `it` registered on dynalite only: asserts what dynalite does where it differs from DynamoDB. */
const itOnDynalite: (name: string, fn: () => Promise<void>) => void = onDynalite ? it : () => undefined;

/** A context like the Mapper's, with a client that records the name of every command it sends (responses untouched). */
function context(tablePrefix = prefix): { ctx: MapperContext; client: DynamoDBClient; sent: string[] } {
  const client = testClient();
  const sent: string[] = [];
  const send = client.send.bind(client) as (command: object, ...rest: unknown[]) => Promise<unknown>;
  client.send = ((command: object, ...rest: unknown[]) => {
    sent.push(command.constructor.name.replace(/Command$/, ''));
    return send(command, ...rest);
  }) as unknown as DynamoDBClient['send'];
  const ctx: MapperContext = createContext({ client, tablePrefix });
  return { ctx, client, sent };
}

async function describeTableOf(client: DynamoDBClient, table: string): Promise<TableDescription | undefined> {
  return client.send(new DescribeTableCommand({ TableName: table })).then(
    (out) => out.Table,
    (error: Error) => {
      if (error.name === 'ResourceNotFoundException') return undefined;
      throw error;
    },
  );
}

@Table({ name: 'Movies' })
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating', projection: 'ALL' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
  @TimeToLive() expiresAt?: Date;
}

describe(`sync (${engineName()})`, () => {
  const movies = `${prefix}Movies`;

  it('creates a missing table with its keys, GSIs, billing and TTL', async () => {
    const { ctx, client } = context();
    const result = await syncModels(ctx, [Movie], fast);
    expect(result).toMatchObject({ created: [movies], updated: [], unchanged: [] });
    // dynalite has no UpdateTimeToLive: that step is not taken there (a note says so, below).
    expect(result.plan[0].steps.map((s) => s.kind)).toEqual(onDynalite ? ['createTable'] : ['createTable', 'enableTtl']);

    const table = await describeTableOf(client, movies);
    expect(table).toMatchObject({
      TableName: movies,
      TableStatus: 'ACTIVE',
      KeySchema: [
        { AttributeName: 'year', KeyType: 'HASH' },
        { AttributeName: 'title', KeyType: 'RANGE' },
      ],
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      GlobalSecondaryIndexes: [
        expect.objectContaining({
          IndexName: 'byGenre',
          IndexStatus: 'ACTIVE',
          KeySchema: [
            { AttributeName: 'genre', KeyType: 'HASH' },
            { AttributeName: 'rating', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        }),
      ],
    });
    expect([...(table?.AttributeDefinitions ?? [])].sort((a, b) => a.AttributeName!.localeCompare(b.AttributeName!))).toEqual([
      { AttributeName: 'genre', AttributeType: 'S' },
      { AttributeName: 'rating', AttributeType: 'N' },
      { AttributeName: 'title', AttributeType: 'S' },
      { AttributeName: 'year', AttributeType: 'N' },
    ]);

    const ttl = (await client.send(new DescribeTimeToLiveCommand({ TableName: movies }))).TimeToLiveDescription;
    if (onDynalite) {
      // dynalite answers DescribeTimeToLive (always DISABLED) but has no UpdateTimeToLive.
      expect(ttl).toEqual({ TimeToLiveStatus: 'DISABLED' });
      expect(result.plan[0].notes).toEqual([
        'The engine does not implement UpdateTimeToLive, so TTL on "expiresAt" was not enabled (DynamoDB and DynamoDB Local do).',
      ]);
    } else {
      expect(ttl).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
      expect(result.plan[0].notes).toEqual([]);
    }
  });

  it('is idempotent: a second run reports the table unchanged and writes nothing', async () => {
    const { ctx, sent } = context();
    const result = await syncModels(ctx, [Movie], fast);
    expect(result).toMatchObject({ created: [], updated: [], unchanged: [movies] });
    if (onDynalite) {
      // TTL still reads DISABLED there, so sync tries again and the engine refuses again.
      expect(sent).toEqual(['DescribeTable', 'DescribeTimeToLive', 'DescribeTable', 'UpdateTimeToLive']);
      // The step was not taken (the engine refused it): the result agrees with itself (regression: unchanged, yet a step listed).
      expect(result.plan).toEqual([{
        table: movies, steps: [], unchanged: true,
        notes: ['The engine does not implement UpdateTimeToLive, so TTL on "expiresAt" was not enabled (DynamoDB and DynamoDB Local do).'],
      }]);
      expect(describeSyncResult(result)).toEqual([
        `${movies}: nothing changed (see the notes)`,
        'note: The engine does not implement UpdateTimeToLive, so TTL on "expiresAt" was not enabled (DynamoDB and DynamoDB Local do).',
      ]);
    } else {
      expect(sent).toEqual(['DescribeTable', 'DescribeTimeToLive']);
      expect(result.plan).toEqual([{ table: movies, steps: [], notes: [], unchanged: true }]);
    }
  });

  it('dryRun sends no write: it describes and plans only', async () => {
    @Table({ name: 'Drafts' })
    class Draft {
      @PartitionKey() id!: string;
    }
    const { ctx, client, sent } = context();
    const result = await syncModels(ctx, [Draft, Movie], { ...fast, dryRun: true });
    expect(sent.filter((name) => !name.startsWith('Describe'))).toEqual([]);
    expect(result.created).toEqual([`${prefix}Drafts`]);
    expect(result.plan[0].steps).toEqual([
      { kind: 'createTable', table: `${prefix}Drafts`, input: createTableInput([getModelSchema(Draft)], prefix) },
    ]);
    expect(await describeTableOf(client, `${prefix}Drafts`)).toBeUndefined();
  });

  it('merges the GSIs of two models sharing a table', async () => {
    @Table({ name: 'Single' })
    @GlobalIndex('byEmail', { partitionKey: 'email' })
    class User {
      @PartitionKey({ name: 'pk' }) id!: string;
      @SortKey({ name: 'sk' }) kind!: string;
      @Attribute() email?: string;
    }
    @Table({ name: 'Single' })
    @GlobalIndex('byStatus', { partitionKey: 'status', projection: 'KEYS_ONLY' })
    class Order {
      @PartitionKey({ name: 'pk' }) owner!: string;
      @SortKey({ name: 'sk' }) id!: string;
      @Attribute() status?: string;
    }
    const { ctx, client } = context();
    const result = await syncModels(ctx, [User, Order], fast);
    expect(result.created).toEqual([`${prefix}Single`]);
    const table = await describeTableOf(client, `${prefix}Single`);
    expect(table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.Projection?.ProjectionType]).sort()).toEqual([
      ['byEmail', 'ALL'],
      ['byStatus', 'KEYS_ONLY'],
    ]);
  });

  it("syncing one model of a shared table creates the table with every registered model's indexes (as createTableInput builds it)", async () => {
    @Table({ name: 'ShopOne', entity: 'C' })
    class ShopCustomer { @PartitionKey() pk!: string; @SortKey() sk!: string; }
    @Table({ name: 'ShopOne', entity: 'O' })
    @LocalIndex('byTotal', { sortKey: 'total' })
    @GlobalIndex('byStatus', { partitionKey: 'status' })
    class ShopOrder { @PartitionKey() pk!: string; @SortKey() sk!: string; @Attribute() total?: number; @Attribute() status?: string; }
    void ShopOrder;
    const { ctx, client } = context();
    const dry = await syncModels(ctx, [ShopCustomer], { ...fast, dryRun: true });
    expect(dry.plan[0].steps[0]).toMatchObject({ kind: 'createTable' });
    await syncModels(ctx, [ShopCustomer], fast);
    const table = await describeTableOf(client, `${prefix}ShopOne`);
    expect(table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byStatus']);
    expect(table?.LocalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byTotal']);
  });

  describe('adding a GSI declared later', () => {
    @Table({ name: 'Catalog' })
    class CatalogV1 {
      @PartitionKey() id!: string;
      @Attribute() category?: string;
      @Attribute() price?: number;
    }
    @Table({ name: 'Catalog' })
    @GlobalIndex('byCategory', { partitionKey: 'category', sortKey: 'price' })
    class CatalogV2 {
      @PartitionKey() id!: string;
      @Attribute() category?: string;
      @Attribute() price?: number;
    }
    const catalog = `${prefix}Catalog`;
    const item = { id: { S: 'b1' }, category: { S: 'books' }, price: { N: '12' } };

    async function createWithAnItem(client: DynamoDBClient): Promise<void> {
      const { ctx } = context();
      deploy(CatalogV1);
      expect((await syncModels(ctx, [CatalogV1], fast)).created).toEqual([catalog]);
      await client.send(new PutItemCommand({ TableName: catalog, Item: item }));
    }

    itOnDynamoDBLocal('creates exactly that index and keeps the items', async () => {
      const { ctx, client, sent } = context();
      await createWithAnItem(client);
      sent.length = 0;
      deploy(CatalogV2);
      const result = await syncModels(ctx, [CatalogV2], fast);
      expect(result).toMatchObject({ created: [], updated: [catalog], unchanged: [] });
      expect(result.plan[0].steps).toEqual([
        {
          kind: 'createGlobalIndex',
          table: catalog,
          index: {
            IndexName: 'byCategory',
            KeySchema: [
              { AttributeName: 'category', KeyType: 'HASH' },
              { AttributeName: 'price', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
          attributeDefinitions: [
            { AttributeName: 'category', AttributeType: 'S' },
            { AttributeName: 'price', AttributeType: 'N' },
          ],
        },
      ]);
      expect(sent.filter((name) => !name.startsWith('Describe'))).toEqual(['UpdateTable']);
      const table = await describeTableOf(client, catalog);
      expect(table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus])).toEqual([['byCategory', 'ACTIVE']]);
      expect((await client.send(new GetItemCommand({ TableName: catalog, Key: { id: item.id }, ConsistentRead: true }))).Item).toEqual(item);
      const found = await client.send(new QueryCommand({
        TableName: catalog,
        IndexName: 'byCategory',
        KeyConditionExpression: '#c = :c',
        ExpressionAttributeNames: { '#c': 'category' },
        ExpressionAttributeValues: { ':c': { S: 'books' } },
      }));
      expect(found.Items).toEqual([item]);
      expect((await syncModels(ctx, [CatalogV1, CatalogV2], fast)).unchanged).toEqual([catalog]);
    });

    itOnDynamoDBLocal('adds several missing GSIs one UpdateTable at a time', async () => {
      @Table({ name: 'Catalog' })
      @GlobalIndex('byCategory', { partitionKey: 'category', sortKey: 'price' })
      @GlobalIndex('byPrice', { partitionKey: 'price', projection: 'KEYS_ONLY' })
      @GlobalIndex('byName', { partitionKey: 'name', projection: ['price'] })
      class CatalogV3 {
        @PartitionKey() id!: string;
        @Attribute() category?: string;
        @Attribute() price?: number;
        @Attribute() name?: string;
      }
      const { ctx, client, sent } = context();
      deploy(CatalogV3);
      const result = await syncModels(ctx, [CatalogV3], fast);
      expect(result.updated).toEqual([catalog]);
      expect(result.plan[0].steps.map((s) => s.kind === 'createGlobalIndex' && s.index.IndexName)).toEqual(['byName', 'byPrice']);
      expect(sent.filter((name) => !name.startsWith('Describe'))).toEqual(['UpdateTable', 'UpdateTable']);
      const table = await describeTableOf(client, catalog);
      expect(table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus]).sort()).toEqual([
        ['byCategory', 'ACTIVE'],
        ['byName', 'ACTIVE'],
        ['byPrice', 'ACTIVE'],
      ]);
    });

    itOnDynalite('fails with a SyncError keeping dynalite\'s refusal, and keeps the items', async () => {
      const { ctx, client } = context();
      await createWithAnItem(client);
      deploy(CatalogV2);
      const error = await syncModels(ctx, [CatalogV2], fast).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SyncError);
      // dynalite wants ProvisionedThroughput on an index of an on-demand table (DynamoDB refuses
      // it there), and even then ignores index creation on an existing table.
      expect(error).toMatchObject({ code: 'sync.requestFailed', table: catalog, cause: { name: 'ValidationException' } });
      expect((error as Error).message).toMatch(/^UpdateTable \(create global index "byCategory"\) for table ".*Catalog" failed: ValidationException/);
      // What to do says so (not "inspect it with mapper.createTableInput(Model)", which would not help).
      expect((error as Error).message).toMatch(/ If the engine is dynalite: it cannot add a global index to an existing table \(DynamoDB and DynamoDB Local can\); create the table afresh with all its indexes, or use DynamoDB Local\.$/);
      expect((await client.send(new GetItemCommand({ TableName: catalog, Key: { id: item.id } }))).Item).toEqual(item);
    });
  });

  it('adds a GSI to a provisioned table with capacity (DynamoDB Local); dynalite ignores the request', async () => {
    @Table({ name: 'Metered', billing: { read: 2, write: 2 } })
    class MeteredV1 {
      @PartitionKey() id!: string;
      @Attribute() owner?: string;
    }
    @Table({ name: 'Metered', billing: { read: 2, write: 2 } })
    @GlobalIndex('byOwner', { partitionKey: 'owner', throughput: { read: 3, write: 1 } })
    class MeteredV2 {
      @PartitionKey() id!: string;
      @Attribute() owner?: string;
    }
    const { ctx, client } = context();
    deploy(MeteredV1);
    await syncModels(ctx, [MeteredV1], fast);
    deploy(MeteredV2);
    const run = syncModels(ctx, [MeteredV2], fast);
    if (onDynalite) {
      // dynalite validates the request, answers without the index and never builds it.
      await expect(run).rejects.toMatchObject({ code: 'sync.indexNotCreated', table: `${prefix}Metered` });
      return;
    }
    expect((await run).updated).toEqual([`${prefix}Metered`]);
    const table = await describeTableOf(client, `${prefix}Metered`);
    expect(table?.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({ IndexName: 'byOwner', IndexStatus: 'ACTIVE', ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 1 } }),
    ]);
  });

  it('creates a table with stream, tags, table class and deletion protection; reports what the engine shows', async () => {
    @Table({ name: 'Options', stream: 'NEW_IMAGE', tags: { team: 'core' }, tableClass: 'STANDARD_INFREQUENT_ACCESS', deletionProtection: true })
    class WithOptions {
      @PartitionKey() id!: string;
    }
    const { ctx, client } = context();
    expect((await syncModels(ctx, [WithOptions], fast)).created).toEqual([`${prefix}Options`]);
    const table = await describeTableOf(client, `${prefix}Options`);
    const second = await syncModels(ctx, [WithOptions], fast);
    expect(second.unchanged).toEqual([`${prefix}Options`]);
    // Neither engine describes the table class or lists tags (DynamoDB Local: "Tagging is not
    // currently supported"); both accept them in CreateTable.
    if (onDynalite) {
      // dynalite accepts the options and describes none of them: sync says so, and changes nothing.
      expect(table?.StreamSpecification).toBeUndefined();
      expect(table?.DeletionProtectionEnabled).toBeUndefined();
      expect(second.plan[0].notes).toEqual(['stream: declared NEW_IMAGE, actual none; sync does not change streams.']);
    } else {
      expect(table).toMatchObject({ StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' }, DeletionProtectionEnabled: true });
      expect(second.plan[0].notes).toEqual([]);
    }
  });

  it('when another process creates the table first, plans again against it instead of failing', async () => {
    @Table({ name: 'Raced' })
    class Raced {
      @PartitionKey() id!: string;
    }
    const { ctx, client, sent } = context();
    // A real race, not a mocked answer: just before sync's CreateTable goes out, the same table
    // is created through another client, so the engine answers sync with ResourceInUseException.
    const rival = testClient();
    const send = client.send.bind(client) as (command: object) => Promise<unknown>;
    client.send = (async (command: object) => {
      if (command instanceof CreateTableCommand) await rival.send(new CreateTableCommand(command.input));
      return send(command);
    }) as unknown as DynamoDBClient['send'];
    const result = await syncModels(ctx, [Raced], fast);
    expect(result).toMatchObject({ created: [], updated: [], unchanged: [`${prefix}Raced`] });
    expect(result.plan[0].notes).toEqual(['The table was created concurrently by someone else; sync planned again against it.']);
    expect(sent.filter((name) => !name.startsWith('Describe'))).toEqual(['CreateTable']);
  });

  itOnDynamoDBLocal('when another process adds the same index first, waits for it instead of failing', async () => {
    @Table({ name: 'RacedIndex' })
    @GlobalIndex('byOwner', { partitionKey: 'owner' })
    class RacedIndex {
      @PartitionKey() id!: string;
      @Attribute() owner?: string;
    }
    const table = `${prefix}RacedIndex`;
    const { ctx, client, sent } = context();
    await client.send(new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }));
    sent.length = 0;
    // A real race: just before sync's UpdateTable goes out, a rival sends the same one.
    const rival = testClient();
    const send = client.send.bind(client) as (command: object, ...rest: unknown[]) => Promise<unknown>;
    client.send = (async (command: object, ...rest: unknown[]) => {
      if (command instanceof UpdateTableCommand) await rival.send(new UpdateTableCommand(command.input));
      return send(command, ...rest);
    }) as unknown as DynamoDBClient['send'];
    const result = await syncModels(ctx, [RacedIndex], fast);
    expect(result).toMatchObject({ created: [], updated: [], unchanged: [table] });
    expect(result.plan[0].notes).toContainEqual(expect.stringMatching(
      /^UpdateTable \(create global index "byOwner"\) was refused \(\w+: .*\): the table already has that change \(made concurrently\); sync planned again against it\.$/));
    expect(sent.filter((name) => !name.startsWith('Describe'))).toEqual(['UpdateTable']);
    expect((await describeTableOf(client, table))?.GlobalSecondaryIndexes?.map((i) => i.IndexStatus)).toEqual(['ACTIVE']);
  });

  it('refuses an incompatible key schema with a SyncError showing declared and actual, before any write', async () => {
    @Table({ name: 'Ledger' })
    class LedgerV1 {
      @PartitionKey() id!: string;
    }
    @Table({ name: 'Ledger' })
    class LedgerV2 {
      @PartitionKey() id!: number;
      @SortKey() at!: string;
    }
    @Table({ name: 'Unrelated' })
    class Unrelated {
      @PartitionKey() id!: string;
    }
    const { ctx, client, sent } = context();
    deploy(LedgerV1);
    await syncModels(ctx, [LedgerV1], fast);
    sent.length = 0;
    deploy(LedgerV2);
    const error = await syncModels(ctx, [Unrelated, LedgerV2], fast).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({
      code: 'sync.incompatible',
      table: `${prefix}Ledger`,
      differences: [
        'table key schema: declared HASH "id" (N), RANGE "at" (S); actual HASH "id" (S)',
        'attribute "id" (table key): declared type N, actual type S',
      ],
    });
    expect((error as Error).message).toContain('declared HASH "id" (N), RANGE "at" (S); actual HASH "id" (S)');
    // Every table is planned before any is changed: Unrelated was not created.
    expect(sent).toEqual(['DescribeTable', 'DescribeTable']);
    expect(await describeTableOf(client, `${prefix}Unrelated`)).toBeUndefined();
  });

  it('applies the tablePrefix to every table name (and only to table names)', async () => {
    @Table({ name: 'Prefixed' })
    @GlobalIndex('byOwner', { partitionKey: 'owner' })
    class Prefixed {
      @PartitionKey() id!: string;
      @Attribute() owner?: string;
    }
    const other = `${prefix}other-`;
    const { ctx, client } = context(other);
    const result = await syncModels(ctx, [Prefixed], fast);
    expect(result.created).toEqual([`${other}Prefixed`]);
    const names = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
    expect(names).toContain(`${other}Prefixed`);
    expect(names).not.toContain('Prefixed');
    expect((await describeTableOf(client, `${other}Prefixed`))?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byOwner']);
  });
});
