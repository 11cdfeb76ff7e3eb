/** Pure builders of one BatchGetItem call and of the reading of its answer. */
import type { AttributeValue, BatchGetItemCommandInput, KeysAndAttributes } from '@aws-sdk/client-dynamodb';
import type { ModelSchema } from '../../metadata/types';
import type { ProjectionInput } from '../projection';
import { itemIdentity, keyOfItem } from './keys';

/** One distinct key to read. */
export interface PreparedBatchGet {
  readonly id: string;
  readonly table: string;
  readonly schema: ModelSchema;
  readonly key: Record<string, AttributeValue>;
  /** The model's projection (shared by every key of one batchGet model). */
  readonly projection?: ProjectionInput;
}

/** The keys of one chunk (at most 100, distinct), grouped by table in first-seen order. */
export function buildBatchGetInput(requests: readonly PreparedBatchGet[], consistent: boolean): BatchGetItemCommandInput {
  const byTable: Record<string, KeysAndAttributes> = {};
  for (const r of requests) {
    const entry = (byTable[r.table] ??= { Keys: [], ...(consistent ? { ConsistentRead: true } : {}), ...r.projection });
    entry.Keys!.push(r.key);
  }
  return { RequestItems: byTable };
}

/**
 * The items found, by item identity, and the requests DynamoDB left unprocessed. An unprocessed
 * key that matches no request (an engine rewriting keys) puts every pending key not found back
 * in: reading twice is harmless, losing a read is not.
 */
export function readBatchGetOutput(
  pending: readonly PreparedBatchGet[],
  responses: Record<string, Record<string, AttributeValue>[]> | undefined,
  unprocessed: Record<string, KeysAndAttributes> | undefined,
): { found: Map<string, Record<string, AttributeValue>>; left: PreparedBatchGet[] } {
  const schemaOf = new Map(pending.map((r) => [r.table, r.schema]));
  const found = new Map<string, Record<string, AttributeValue>>();
  for (const [table, items] of Object.entries(responses ?? {})) {
    const schema = schemaOf.get(table);
    if (!schema) continue;
    for (const item of items ?? []) found.set(itemIdentity(table, keyOfItem(schema, item), schema), item);
  }
  const byId = new Map(pending.map((r) => [r.id, r]));
  const left: PreparedBatchGet[] = [];
  for (const [table, entry] of Object.entries(unprocessed ?? {})) {
    const schema = schemaOf.get(table);
    for (const key of entry?.Keys ?? []) {
      const match = schema ? byId.get(itemIdentity(table, key, schema)) : undefined;
      if (!match) return { found, left: pending.filter((r) => !found.has(r.id)) };
      left.push(match);
    }
  }
  return { found, left };
}
