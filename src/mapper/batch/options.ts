/** Checking batch options, and merging a call's retry policy over the mapper's. */
import { batchError } from '../../errors/batch';
import type { RetryPolicy } from '../context';
import type { BatchOptions } from './types';
import { retryOf } from '../arguments';

export const DEFAULT_CONCURRENCY = 4;

export interface ResolvedBatchOptions {
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  readonly onProgress?: BatchOptions['onProgress'] | undefined;
}

export function resolveBatchOptions(operation: string, base: RetryPolicy, options: BatchOptions): ResolvedBatchOptions {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw batchError.badOption(operation, 'concurrency', options.concurrency, 'a whole number of at least 1');
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw batchError.badOption(operation, 'onProgress', options.onProgress, 'a function ({ done, total }) => void');
  }
  const r = retryOf(options.retry, operation);
  return { concurrency, retry: { ...base, ...r }, ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
}
