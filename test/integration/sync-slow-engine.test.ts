/**
 * sync() against an engine that takes its time to make a table ACTIVE (dynalite started with a
 * creation delay, in this process): a wait that times out after CreateTable was accepted still
 * reports the table as created, since it exists from then on and the next sync will not create it.
 */
import 'reflect-metadata';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AddressInfo, Server } from 'node:net';
import { GlobalIndex, Mapper, PartitionKey, SyncError, Table, Attribute } from '../../src';

// dynalite ships no types; it is a dev dependency.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: { createTableMs?: number }) => Server;

@Table({ name: 'SlowReviews' })
@GlobalIndex('byMovie', { partitionKey: 'movie' })
class Review {
  @PartitionKey() id!: string;
  @Attribute() movie?: string;
}

let server: Server;
let client: DynamoDBClient;

beforeAll(async () => {
  server = dynalite({ createTableMs: 1500 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('a table that is not ACTIVE in time was still created by this sync: the timeout error says so, and the next sync finds it (regression: never reported created)', async () => {
  const mapper = new Mapper({ client });
  const error = await mapper.sync([Review], { timeoutMs: 200, pollMs: 20 }).then(() => undefined, (e: unknown) => e) as SyncError;
  expect(error).toBeInstanceOf(SyncError);
  expect(error.code).toBe('sync.timeout');
  expect(error.message).toMatch(/^Table "SlowReviews" and its global indexes did not all become ACTIVE within 200 ms \(last status: table CREATING, index "byMovie" CREATING\)\./);
  expect(error.message).toContain("give it longer (sync's timeoutMs option; the dynamap command's --timeout)");
  expect(error.message).toMatch(/\nBefore this failure, this sync had already made these changes, which stay \(error\.done lists them with its notes\):\n  - created table SlowReviews: key id \(S, HASH\), billing PAY_PER_REQUEST\n    global index byMovie: key movie \(S, HASH\), projection ALL$/);
  expect(error.done).toEqual([
    'created table SlowReviews: key id (S, HASH), billing PAY_PER_REQUEST',
    '  global index byMovie: key movie (S, HASH), projection ALL',
  ]);
  expect((await client.send(new DescribeTableCommand({ TableName: 'SlowReviews' }))).Table?.TableName).toBe('SlowReviews');
  // The next sync waits for it and creates nothing.
  const again = await mapper.sync([Review], { timeoutMs: 10_000, pollMs: 50 });
  expect(again).toMatchObject({ created: [], updated: [], unchanged: ['SlowReviews'] });
}, 30_000);
