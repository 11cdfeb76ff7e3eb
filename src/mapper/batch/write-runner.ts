/**
 * Runs prepared writes: duplicates resolved (last wins), chunks of 25 sent with bounded
 * concurrency, each chunk drained with the retry policy. Entities get their version and
 * timestamps only once DynamoDB confirmed their write. Anything not written ends in the error's
 * `unprocessed`, in the caller's own terms.
 */
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { batchError } from '../../errors/batch';
import type { MapperContext } from '../context';
import { remember } from '../snapshots';
import { chunk, WRITE_CHUNK } from './chunk';
import { lastWins } from './dedupe';
import { drain } from './drain';
import type { ResolvedBatchOptions } from './options';
import { runPool } from './pool';
import { progressReporter } from './progress';
import { buildBatchWriteInput, unprocessedWrites } from './write-input';
import type { PreparedBatchWrite } from './write-requests';

async function sendChunk(ctx: MapperContext, pending: readonly PreparedBatchWrite[]): Promise<readonly PreparedBatchWrite[]> {
  const out = await ctx.client.send(new BatchWriteItemCommand(buildBatchWriteInput(pending)));
  return unprocessedWrites(pending, out.UnprocessedItems);
}

function applyWritten(done: readonly PreparedBatchWrite[]): void {
  for (const r of done) {
    if (!r.put) continue;
    Object.assign(r.put.entity, r.put.assign);
    remember(r.put.entity, r.put.item);
  }
}

export async function runBatchWrite(
  ctx: MapperContext, operation: string, prepared: readonly PreparedBatchWrite[], options: ResolvedBatchOptions,
): Promise<void> {
  const { kept } = lastWins(prepared);
  const chunks = chunk(kept, WRITE_CHUNK);
  const progress = progressReporter(kept.length, options.onProgress);
  const left: PreparedBatchWrite[] = [];
  let throttle: { cause?: unknown } | undefined;
  let failure: { cause: unknown } | undefined;

  const started = await runPool(chunks, options.concurrency, async (requests) => {
    const outcome = await drain(options.retry, requests, (pending) => sendChunk(ctx, pending), (done) => {
      applyWritten(done);
      progress.add(done.length);
    });
    if (outcome.status === 'done') return;
    left.push(...outcome.left);
    if (outcome.status === 'failed') failure ??= { cause: outcome.cause };
    else throttle ??= outcome.cause === undefined ? {} : { cause: outcome.cause };
  }, () => !!(throttle || failure || progress.error));

  for (const c of chunks.slice(started)) left.push(...c);
  const unprocessed = left.map((r) => r.source);
  if (failure) throw batchError.failed(operation, kept.length, unprocessed, failure.cause);
  if (progress.error) throw batchError.failed(operation, kept.length, unprocessed, progress.error.cause);
  if (throttle) throw batchError.throttled(operation, kept.length, unprocessed, options.retry.attempts, throttle.cause);
}
