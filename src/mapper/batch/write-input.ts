/** Pure builders of one BatchWriteItem call and of the reading of its answer. */
import type { BatchWriteItemCommandInput, WriteRequest } from '@aws-sdk/client-dynamodb';
import { itemIdentity, keyOfItem } from './keys';
import type { PreparedBatchWrite } from './write-requests';

/** The requests of one chunk (at most 25, distinct keys), grouped by table in first-seen order. */
export function buildBatchWriteInput(requests: readonly PreparedBatchWrite[]): BatchWriteItemCommandInput {
  const byTable: Record<string, WriteRequest[]> = {};
  for (const r of requests) (byTable[r.table] ??= []).push(r.request);
  return { RequestItems: byTable };
}

/**
 * The requests DynamoDB left unprocessed, as the prepared requests they came from. The answer's
 * requests are new objects, so they are matched by item identity (table + encoded key). Should
 * one not match (an engine rewriting keys), every pending request is sent again: batch writes
 * carry no condition, so sending one twice is harmless, while counting it as written could lose it.
 */
export function unprocessedWrites(
  pending: readonly PreparedBatchWrite[], unprocessed: Record<string, WriteRequest[]> | undefined,
): PreparedBatchWrite[] {
  if (!unprocessed) return [];
  const byId = new Map(pending.map((r) => [r.id, r]));
  const schemaOf = new Map(pending.map((r) => [r.table, r.schema]));
  const left: PreparedBatchWrite[] = [];
  for (const [table, requests] of Object.entries(unprocessed)) {
    const schema = schemaOf.get(table);
    if (!schema) return [...pending];
    for (const w of requests ?? []) {
      const key = w.PutRequest?.Item ? keyOfItem(schema, w.PutRequest.Item) : w.DeleteRequest?.Key;
      const match = key ? byId.get(itemIdentity(table, key, schema)) : undefined;
      if (!match) return [...pending];
      left.push(match);
    }
  }
  return left;
}
