/**
 * The read side of sync: DescribeTable and DescribeTimeToLive, with "absent" and "not
 * implemented by this engine" turned into values, and every other failure into a SyncError that
 * keeps the AWS error as `cause`.
 */
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
  type TimeToLiveDescription,
} from '@aws-sdk/client-dynamodb';
import { isTransient } from '../errors/operation';
import { syncError } from '../errors/sync';

/** Tries of one Describe* call: a read, so resending it after no answer or a server error is safe. */
const READ_TRIES = 4;
const READ_RETRY_MS = 50;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends a Describe* command, sending it again after throttling, a server error or no answer (on
 * a client with maxAttempts: 1 the SDK would not): one lost answer must not fail a sync.
 */
async function read<O>(send: () => Promise<O>): Promise<O> {
  for (let tried = 1; ; tried++) {
    try {
      return await send();
    } catch (error) {
      if (tried >= READ_TRIES || !isTransient(error)) throw error;
      await sleep(READ_RETRY_MS * 2 ** (tried - 1));
    }
  }
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/** The table as DynamoDB describes it, or undefined when there is no such table. */
export async function describeTable(client: DynamoDBClient, table: string): Promise<TableDescription | undefined> {
  try {
    const out = await read(() => client.send(new DescribeTableCommand({ TableName: table })));
    return out.Table;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw syncError.request(table, 'DescribeTable', error);
  }
}

/** The TTL setting of an existing table, or 'unsupported' when the engine does not implement DescribeTimeToLive. */
export async function describeTtl(client: DynamoDBClient, table: string): Promise<TimeToLiveDescription | 'unsupported'> {
  try {
    const out = await read(() => client.send(new DescribeTimeToLiveCommand({ TableName: table })));
    return out.TimeToLiveDescription ?? {};
  } catch (error) {
    if (errorName(error) === 'UnknownOperationException') return 'unsupported';
    throw syncError.request(table, 'DescribeTimeToLive', error);
  }
}
