/**
 * The onProgress callback, called as items are confirmed. A callback that throws stops the batch
 * from starting new chunks (the error is reported with what was not written) instead of tearing
 * through the runner mid-request.
 */
import type { BatchProgress } from './types';

export interface ProgressReporter {
  add(count: number): void;
  readonly error: { readonly cause: unknown } | undefined;
}

export function progressReporter(total: number, onProgress?: (progress: BatchProgress) => void): ProgressReporter {
  let done = 0;
  let error: { cause: unknown } | undefined;
  return {
    add(count: number) {
      done += count;
      if (!onProgress || error || count === 0) return;
      try {
        onProgress({ done, total });
      } catch (cause) {
        error = { cause };
      }
    },
    get error() {
      return error;
    },
  };
}
