/**
 * mapper.sync() when a CreateTable, UpdateTable or UpdateTimeToLive gets no answer, or a server
 * error (network-fault probe). The AWS SDK resent such a request on its own, and the resend met
 * the first one's work: "TimeToLive is already enabled" failed a sync whose work was done, a
 * resent UpdateTable met its own index CREATING and failed, a resent CreateTable was reported as
 * "created concurrently by someone else". What must hold, with the SDK's default client and with
 * `maxAttempts: 1`: a change request is not resent blindly; sync describes the table, sends only
 * what is still missing, resolves with the table as declared and says what happened in a note.
 */
import 'reflect-metadata';
import { CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GlobalIndex, Mapper, PartitionKey, SyncError, Table, TimeToLive, Attribute } from 'dynamap';
import { itOnDynamoDBLocal, uniquePrefix } from '../support/engine';
import { lossyClient, type LossyClient } from '../support/lossy-client';

const fast = { pollMs: 20, timeoutMs: 30_000 };

@Table({ name: 'SyncLostPlain' })
class Plain {
  @PartitionKey() id!: string;
}

@Table({ name: 'SyncLostServer' })
class ServerErrorTable {
  @PartitionKey() id!: string;
}

@Table({ name: 'SyncLostNever' })
class NeverTable {
  @PartitionKey() id!: string;
}

@Table({ name: 'SyncLostDescribed' })
class Described {
  @PartitionKey() id!: string;
}

@Table({ name: 'SyncLostReads' })
class Unreadable {
  @PartitionKey() id!: string;
}

@Table({ name: 'SyncLostIndexed' })
@GlobalIndex('byCategory', { partitionKey: 'category' })
class Indexed {
  @PartitionKey() id!: string;
  @Attribute() category?: string;
}

@Table({ name: 'SyncLostLate' })
@GlobalIndex('byCategory', { partitionKey: 'category' })
class LateIndexed {
  @PartitionKey() id!: string;
  @Attribute() category?: string;
}

@Table({ name: 'SyncLostFirst' })
class FirstTable {
  @PartitionKey() id!: string;
}

@Table({ name: 'SyncLostSecond' })
@GlobalIndex('byCategory', { partitionKey: 'category' })
class SecondTable {
  @PartitionKey() id!: string;
  @Attribute() category?: string;
}

@Table({ name: 'SyncLostTtl' })
class Expiring {
  @PartitionKey() id!: string;
  @TimeToLive() expires?: Date;
}

function changes(lossy: LossyClient): string[] {
  return lossy.reached.filter((operation) => !operation.startsWith('Describe'));
}

describe.each([
  ['the SDK default client (it resends on its own)', {}, 'sdk'],
  ['a client with maxAttempts: 1', { maxAttempts: 1 }, 'one'],
])('sync through %s', (_, overrides, name) => {
  let lossy: LossyClient;
  let mapper: Mapper;
  let prefix: string;
  beforeEach(() => {
    lossy = lossyClient(overrides);
    prefix = `${uniquePrefix()}${name}-`;
    mapper = new Mapper({ client: lossy.client, tablePrefix: prefix });
  });
  afterEach(() => {
    // A fault a test set up and never met means the test did not exercise what it says.
    expect(lossy.pending()).toBe(0);
  });

  it('CreateTable that got no answer: the table is found created, reported created, not sent again (regression: "created concurrently by someone else")', async () => {
    lossy.fail('CreateTable', 'loseAnswer');
    const result = await mapper.sync([Plain], fast);
    const table = `${prefix}SyncLostPlain`;
    expect(result).toMatchObject({ created: [table], updated: [], unchanged: [] });
    expect(result.plan[0]!.steps.map((s) => s.kind)).toEqual(['createTable']);
    expect(result.plan[0]!.notes).toEqual([expect.stringMatching(/^CreateTable got no answer from DynamoDB \(Error: socket hang up .*\); described again, the table shows it applied, so it was not sent again\.$/)]);
    expect(changes(lossy)).toEqual(['CreateTable']);
    expect((await lossy.client.send(new DescribeTableCommand({ TableName: table }))).Table?.TableStatus).toBe('ACTIVE');
    expect(await mapper.sync([Plain], fast)).toMatchObject({ unchanged: [table] });
  });

  it('CreateTable that got a server error before reaching the table: described again, found missing, sent again once', async () => {
    lossy.fail('CreateTable', 'serverError');
    const result = await mapper.sync([ServerErrorTable], fast);
    expect(result).toMatchObject({ created: [`${prefix}SyncLostServer`] });
    expect(result.plan[0]!.notes).toEqual([
      'CreateTable failed with a server error (InternalServerError: Internal server error (lossy-client)); described again, the table shows it not applied, so sync sent it again.',
    ]);
    // The first request never reached the engine: one CreateTable in all, not the SDK's 3.
    expect(changes(lossy)).toEqual(['CreateTable']);
  });

  it('a server error every time: SyncError naming the request and what to do, the AWS error as cause, no table', async () => {
    lossy.fail('CreateTable', 'serverError', 4);
    const error = await mapper.sync([NeverTable], fast).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ code: 'sync.requestFailed', cause: { name: 'InternalServerError' } });
    expect((error as Error).message).toBe(
      `CreateTable (sent 4 times, the table described in between) for table "${prefix}SyncLostNever" failed: InternalServerError: Internal server error (lossy-client). ` +
        'DynamoDB may or may not have applied it: run sync again, which describes the table and sends only what is still missing.',
    );
    expect(changes(lossy)).toEqual([]);
    // Nothing was changed before the failure: only the notes of its attempts.
    expect((error as SyncError).done).toEqual(Array(3).fill(
      'note: CreateTable failed with a server error (InternalServerError: Internal server error (lossy-client)); described again, the table shows it not applied, so sync sent it again.',
    ));
  });

  it('a DescribeTable that got no answer is sent again (a read): sync resolves with the table created (regression: failed with maxAttempts: 1)', async () => {
    lossy.fail('DescribeTable', 'loseAnswer');
    const result = await mapper.sync([Described], fast);
    expect(result).toMatchObject({ created: [`${prefix}SyncLostDescribed`] });
  });

  // dynalite neither adds an index to an existing table nor implements UpdateTimeToLive.
  itOnDynamoDBLocal('UpdateTable adding an index that got no answer: waits for the index it made, reports updated (regression: resent, it met its own index CREATING and failed)', async () => {
    // The table as an earlier version of the model made it, without the index.
    const table = `${prefix}SyncLostIndexed`;
    await lossy.client.send(new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }));
    lossy.fail('UpdateTable', 'loseAnswer');
    const result = await mapper.sync([Indexed], fast);
    expect(result).toMatchObject({ created: [], updated: [table], unchanged: [] });
    expect(result.plan[0]!.steps.map((s) => s.kind)).toEqual(['createGlobalIndex']);
    expect(result.plan[0]!.notes).toContainEqual(expect.stringMatching(/^UpdateTable \(create global index "byCategory"\) got no answer from DynamoDB .*it applied, so it was not sent again\.$/));
    expect(changes(lossy)).toEqual(['CreateTable', 'UpdateTable']);
    const described = (await lossy.client.send(new DescribeTableCommand({ TableName: table }))).Table;
    expect(described?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus])).toEqual([['byCategory', 'ACTIVE']]);
  });

  itOnDynamoDBLocal('UpdateTable that timed out and arrived late, after sync sent it again: its own index, reported updated, not "made concurrently"', async () => {
    const table = `${prefix}SyncLostLate`;
    await lossy.client.send(new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }));
    lossy.fail('UpdateTable', 'late');
    const result = await mapper.sync([LateIndexed], fast);
    expect(result).toMatchObject({ created: [], updated: [table], unchanged: [] });
    expect(result.plan[0]!.steps.map((s) => s.kind)).toEqual(['createGlobalIndex']);
    expect(result.plan[0]!.notes.filter((n) => n.startsWith('UpdateTable'))).toEqual([
      expect.stringMatching(/^UpdateTable \(create global index "byCategory"\) got no answer from DynamoDB \(TimeoutError: .*\); described again, the table shows it not applied, so sync sent it again\.$/),
      expect.stringMatching(/^UpdateTable \(create global index "byCategory"\), sent again after it got no answer, was refused \(ResourceInUseException: .*\); described again, the table shows it applied, so it was not sent again\.$/),
    ]);
    const described = (await lossy.client.send(new DescribeTableCommand({ TableName: table }))).Table;
    expect(described?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus])).toEqual([['byCategory', 'ACTIVE']]);
  });

  itOnDynamoDBLocal('UpdateTimeToLive that got no answer: TTL found enabled, sync resolves (regression: "TimeToLive is already enabled" failed it)', async () => {
    lossy.fail('UpdateTimeToLive', 'loseAnswer');
    const result = await mapper.sync([Expiring], fast);
    const table = `${prefix}SyncLostTtl`;
    expect(result).toMatchObject({ created: [table] });
    expect(result.plan[0]!.steps.map((s) => s.kind)).toEqual(['createTable', 'enableTtl']);
    expect(result.plan[0]!.notes).toEqual([expect.stringMatching(/^UpdateTimeToLive \(enable on "expires"\) got no answer from DynamoDB .*it applied, so it was not sent again\.$/)]);
    expect(changes(lossy)).toEqual(['CreateTable', 'UpdateTimeToLive']);
    const ttl = (await lossy.client.send(new DescribeTimeToLiveCommand({ TableName: table }))).TimeToLiveDescription;
    expect(ttl).toMatchObject({ AttributeName: 'expires', TimeToLiveStatus: 'ENABLED' });
  });
});

it('a DescribeTable that never gets an answer: SyncError saying it was a read that changed nothing, after 4 tries', async () => {
  const lossy = lossyClient({ maxAttempts: 1 });
  const mapper = new Mapper({ client: lossy.client, tablePrefix: `${uniquePrefix()}reads-` });
  lossy.fail('DescribeTable', 'loseAnswer', 4);
  const error = await mapper.sync([Unreadable], fast).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SyncError);
  expect((error as Error).message).toMatch(/^DescribeTable for table ".*SyncLostReads" failed: Error: socket hang up .*\. A read, which changed nothing, got no answer after several tries: check the network and the client's endpoint, then run sync again \(it carries on from what the table has\)\.$/);
  expect(lossy.pending()).toBe(0);
  expect(lossy.reached).toEqual(['DescribeTable', 'DescribeTable', 'DescribeTable', 'DescribeTable']);
});

it('a sync that fails after changing a table says so: the SyncError lists the changes that stay (message and error.done, with the notes of its attempts)', async () => {
  const lossy = lossyClient();
  const prefix = `${uniquePrefix()}partial-`;
  const mapper = new Mapper({ client: lossy.client, tablePrefix: prefix });
  const second = `${prefix}SyncLostSecond`;
  // The second table as an earlier version of its model made it, without the index.
  await lossy.client.send(new CreateTableCommand({
    TableName: second,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  lossy.fail('UpdateTable', 'serverError', 4);
  const error = await mapper.sync([FirstTable, SecondTable], fast).then(() => undefined, (e: unknown) => e) as SyncError;
  expect(error).toBeInstanceOf(SyncError);
  expect(error).toMatchObject({ code: 'sync.requestFailed', table: second, cause: { name: 'InternalServerError' } });
  expect(error.message).toBe(
    `UpdateTable (create global index "byCategory") (sent 4 times, the table described in between) for table "${second}" failed: ` +
      'InternalServerError: Internal server error (lossy-client). DynamoDB may or may not have applied it: run sync again, which describes ' +
      'the table and sends only what is still missing.\n' +
      'Before this failure, this sync had already made these changes, which stay (error.done lists them with its notes):\n' +
      `  - created table ${prefix}SyncLostFirst: key id (S, HASH), billing PAY_PER_REQUEST`,
  );
  const retried = 'UpdateTable (create global index "byCategory") failed with a server error (InternalServerError: Internal server error (lossy-client)); ' +
    'described again, the table shows it not applied, so sync sent it again.';
  expect(error.done).toEqual([`created table ${prefix}SyncLostFirst: key id (S, HASH), billing PAY_PER_REQUEST`, ...Array(3).fill(`note: ${retried}`)]);
  expect(lossy.pending()).toBe(0);
  // What it says is what the tables hold: the first created, the second still without its index.
  expect((await lossy.client.send(new DescribeTableCommand({ TableName: `${prefix}SyncLostFirst` }))).Table?.TableStatus).toBe('ACTIVE');
  expect((await lossy.client.send(new DescribeTableCommand({ TableName: second }))).Table?.GlobalSecondaryIndexes).toBeUndefined();
});
