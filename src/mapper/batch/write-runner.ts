/**
 * Runs prepared writes: duplicates resolved (last wins), chunks of 25 sent with bounded
 * concurrency, each chunk drained with the retry policy. Entities get their version and
 * timestamps only once DynamoDB confirmed their write. Anything not written ends in the error's
 * `unprocessed`, in the caller's own terms.
 */
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import type { MapperContext } from '../context';
import { attributeNames, remember, writeEnded, writeStarted } from '../snapshots';
import { adoptNestedDefaults, hasNestedDefaults } from '../../codec';
import { chunk, WRITE_CHUNK } from './chunk';
import { lastWins } from './dedupe';
import type { ResolvedBatchOptions } from './options';
import { runChunks } from './run-chunks';
import { progressReporter } from './progress';
import { buildBatchWriteInput, unprocessedWrites } from './write-input';
import type { PreparedBatchWrite } from './write-requests';

async function sendChunk(ctx: MapperContext, pending: readonly PreparedBatchWrite[]): Promise<readonly PreparedBatchWrite[]> {
  const out = await ctx.client.send(new BatchWriteItemCommand(buildBatchWriteInput(pending)));
  return unprocessedWrites(pending, out.UnprocessedItems);
}

/** A put's attribute names: all of its model's (it replaces the whole item). */
const allNames = (r: PreparedBatchWrite) => () => attributeNames(r.schema);

function applyWritten(done: readonly PreparedBatchWrite[], ended: Set<PreparedBatchWrite>): void {
  for (const r of done) {
    if (!r.put || ended.has(r)) continue;
    ended.add(r);
    try {
      Object.assign(r.put.entity, r.put.assign);
      if (hasNestedDefaults(r.schema)) adoptNestedDefaults(r.schema, r.put.entity, r.put.item);
      remember(r.put.entity, r.put.item);
    } catch (error) {
      writeEnded(r.put.entity, 'failed', allNames(r));
      throw error;
    }
    writeEnded(r.put.entity, 'applied', allNames(r));
  }
}

export async function runBatchWrite(
  ctx: MapperContext, operation: string, prepared: readonly PreparedBatchWrite[], options: ResolvedBatchOptions,
): Promise<void> {
  const { kept } = lastWins(prepared);
  // Each put counts as a write of its entity until it is confirmed, or the batch stops (see
  // snapshots.ts): a put still unprocessed then may or may not have been applied.
  const ended = new Set<PreparedBatchWrite>();
  for (const r of kept) if (r.put) writeStarted(r.put.entity);
  try {
    await runChunks<PreparedBatchWrite>({
      operation,
      chunks: chunk(kept, WRITE_CHUNK),
      total: kept.length,
      options,
      progress: progressReporter(kept.length, options.onProgress),
      send: (pending) => sendChunk(ctx, pending),
      onDone: (done) => applyWritten(done, ended),
    });
  } finally {
    for (const r of kept) {
      if (r.put && !ended.has(r)) writeEnded(r.put.entity, 'failed', allNames(r));
    }
  }
}
