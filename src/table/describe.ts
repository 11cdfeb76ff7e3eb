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
import { syncError } from '../errors/sync';

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/** The table as DynamoDB describes it, or undefined when there is no such table. */
export async function describeTable(client: DynamoDBClient, table: string): Promise<TableDescription | undefined> {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: table }));
    return out.Table;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw syncError.request(table, 'DescribeTable', error);
  }
}

/** The TTL setting of an existing table, or 'unsupported' when the engine does not implement DescribeTimeToLive. */
export async function describeTtl(client: DynamoDBClient, table: string): Promise<TimeToLiveDescription | 'unsupported'> {
  try {
    const out = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
    return out.TimeToLiveDescription ?? {};
  } catch (error) {
    if (errorName(error) === 'UnknownOperationException') return 'unsupported';
    throw syncError.request(table, 'DescribeTimeToLive', error);
  }
}
