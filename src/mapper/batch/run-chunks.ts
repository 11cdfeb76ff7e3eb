/**
 * The loop both batch writes and batch gets share: chunks sent with bounded concurrency, each
 * drained with the retry policy; once one chunk gives up (or the progress callback throws) no new
 * chunk starts, and everything not confirmed is listed back in the error's `unprocessed`, in the
 * caller's own terms.
 */
import { batchError } from '../../errors/batch';
import { drain } from './drain';
import type { ResolvedBatchOptions } from './options';
import { runPool } from './pool';
import type { ProgressReporter } from './progress';

export interface ChunkRun<R extends { readonly source: unknown }> {
  readonly operation: string;
  readonly chunks: readonly (readonly R[])[];
  /** Distinct items in all, for messages. */
  readonly total: number;
  readonly options: ResolvedBatchOptions;
  readonly progress: ProgressReporter;
  /** One call: returns the requests still pending. */
  send(pending: readonly R[]): Promise<readonly R[]>;
  /** Hears about requests confirmed done, as soon as they are. */
  onDone?(done: readonly R[]): void;
}

export async function runChunks<R extends { readonly source: unknown }>(run: ChunkRun<R>): Promise<void> {
  const { operation, chunks, total, options, progress } = run;
  const left: R[] = [];
  let throttle: { cause?: unknown } | undefined;
  let failure: { cause: unknown } | undefined;

  const started = await runPool(chunks, options.concurrency, async (requests) => {
    const outcome = await drain(options.retry, requests, (pending) => run.send(pending), (done) => {
      run.onDone?.(done);
      progress.add(done.length);
    });
    if (outcome.status === 'done') return;
    left.push(...outcome.left);
    if (outcome.status === 'failed') failure ??= { cause: outcome.cause };
    else throttle ??= outcome.cause === undefined ? {} : { cause: outcome.cause };
  }, () => !!(throttle || failure || progress.error));

  for (const c of chunks.slice(started)) left.push(...c);
  const unprocessed = left.map((r) => r.source);
  if (failure) throw batchError.failed(operation, total, unprocessed, failure.cause);
  if (progress.error) throw batchError.failed(operation, total, unprocessed, progress.error.cause);
  if (throttle) throw batchError.throttled(operation, total, unprocessed, options.retry.attempts, throttle.cause);
}
