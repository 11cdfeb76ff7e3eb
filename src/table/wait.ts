/**
 * Waiting for ACTIVE by polling DescribeTable, bounded in time. DynamoDB allows one index
 * creation at a time per table and refuses UpdateTable while the table is not ACTIVE, so sync
 * waits until the table and all its global indexes are ACTIVE after each change.
 */
import type { DynamoDBClient, TableDescription } from '@aws-sdk/client-dynamodb';
import { syncError } from '../errors/sync';
import { describeTable, sleep } from './describe';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly pollMs: number;
}


/** Why the table is not ready yet (`table CREATING`, `index "byGenre" CREATING`), or undefined when it is. */
function pending(description: TableDescription | undefined, index: string | undefined): string | undefined {
  // DescribeTable is eventually consistent: right after CreateTable the table may not be found yet.
  if (!description) return 'table not found yet';
  const waiting: string[] = [];
  if (description.TableStatus !== 'ACTIVE') waiting.push(`table ${description.TableStatus ?? 'status unknown'}`);
  const indexes = description.GlobalSecondaryIndexes ?? [];
  if (index !== undefined && !indexes.some((i) => i.IndexName === index)) waiting.push(`index "${index}" not listed yet`);
  for (const i of indexes) {
    if (i.IndexStatus !== 'ACTIVE') waiting.push(`index "${i.IndexName}" ${i.IndexStatus ?? 'status unknown'}`);
  }
  return waiting.length ? waiting.join(', ') : undefined;
}

/**
 * Resolves with the description once the table and all its global indexes (and `index`, which
 * must then be listed) are ACTIVE; throws SyncError `sync.timeout` after `timeoutMs`.
 */
export async function waitUntilActive(
  client: DynamoDBClient,
  table: string,
  options: WaitOptions,
  index?: string,
): Promise<TableDescription> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const description = await describeTable(client, table);
    const reason = pending(description, index);
    if (description && reason === undefined) return description;
    const left = deadline - Date.now();
    if (left <= 0) throw syncError.timeout(table, index, options.timeoutMs, reason ?? 'unknown');
    await sleep(Math.min(options.pollMs, left));
  }
}
