/**
 * The waiter's timing and timeout, which no real engine can be made to show on demand (both
 * create tables instantly). The client is a scripted stand-in answering DescribeTable only.
 */
import { DescribeTableCommand, type DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import { SyncError } from '../../../src/errors/classes';
import { waitUntilActive } from '../../../src/table/wait';

/** A client whose DescribeTable answers come from `answers` in turn (the last one repeats). */
function scripted(answers: (TableDescription | 'not found')[]): { client: DynamoDBClient; calls: () => number } {
  let calls = 0;
  const send = async (command: unknown) => {
    if (!(command instanceof DescribeTableCommand)) throw new Error('only DescribeTable expected');
    const answer = answers[Math.min(calls++, answers.length - 1)];
    if (answer === 'not found') throw Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });
    return { Table: answer };
  };
  return { client: { send } as unknown as DynamoDBClient, calls: () => calls };
}

const index = (IndexStatus: 'CREATING' | 'ACTIVE') => ({ IndexName: 'byGenre', IndexStatus });

describe('waitUntilActive', () => {
  it('polls through "not found yet" and CREATING until the table and its indexes are ACTIVE', async () => {
    const active: TableDescription = { TableName: 't', TableStatus: 'ACTIVE', GlobalSecondaryIndexes: [index('ACTIVE')] };
    const { client, calls } = scripted([
      'not found',
      { TableName: 't', TableStatus: 'CREATING' },
      { TableName: 't', TableStatus: 'ACTIVE', GlobalSecondaryIndexes: [index('CREATING')] },
      active,
    ]);
    await expect(waitUntilActive(client, 't', { timeoutMs: 5000, pollMs: 1 })).resolves.toBe(active);
    expect(calls()).toBe(4);
  });

  it('waits for a named index to be listed', async () => {
    const { client, calls } = scripted([
      { TableName: 't', TableStatus: 'ACTIVE' },
      { TableName: 't', TableStatus: 'ACTIVE', GlobalSecondaryIndexes: [index('ACTIVE')] },
    ]);
    await waitUntilActive(client, 't', { timeoutMs: 5000, pollMs: 1 }, 'byGenre');
    expect(calls()).toBe(2);
  });

  it('gives up after timeoutMs with a SyncError naming what it waited for and its last status', async () => {
    const { client } = scripted([{ TableName: 't', TableStatus: 'ACTIVE', GlobalSecondaryIndexes: [index('CREATING')] }]);
    const error = await waitUntilActive(client, 't', { timeoutMs: 30, pollMs: 5 }, 'byGenre').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({
      code: 'sync.timeout',
      table: 't',
      message:
        'Global index "byGenre" of table "t" did not become ACTIVE within 30 ms (last status: index "byGenre" CREATING). ' +
        'DynamoDB may still be working on it (building an index on a large table can take long): run sync again later, ' +
        'or give it longer (sync\'s timeoutMs option; the dynamap command\'s --timeout).',
    });
  });

  it('a client without a region: the message says where to give one', async () => {
    const saved = { ...process.env };
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    process.env.AWS_CONFIG_FILE = '/nonexistent/dynamap-test-config';
    process.env.AWS_PROFILE = 'dynamap-test-none';
    try {
      const { DynamoDBClient: Client } = await import('@aws-sdk/client-dynamodb');
      const client = new Client({ endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
      const error = await waitUntilActive(client, 't', { timeoutMs: 30, pollMs: 5 }).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(
        /^DescribeTable for table "t" failed: Error: Region is missing\. Give the DynamoDBClient a region \(new DynamoDBClient\(\{ region \}\)\) or set AWS_REGION; the dynamap command takes --region\.$/);
      client.destroy();
    } finally {
      process.env = saved;
    }
  });

  it('wraps a failed DescribeTable in a SyncError that keeps the AWS error', async () => {
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException' });
    const client = { send: async () => { throw denied; } } as unknown as DynamoDBClient;
    const error = await waitUntilActive(client, 't', { timeoutMs: 30, pollMs: 5 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'sync.requestFailed',
      cause: denied,
      message:
        'DescribeTable for table "t" failed: AccessDeniedException: no. Check the credentials: sync needs ' +
        'dynamodb:DescribeTable, CreateTable, UpdateTable, DescribeTimeToLive and UpdateTimeToLive.',
    });
  });
});
