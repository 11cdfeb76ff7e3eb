/**
 * The one retry policy: exponential backoff with full jitter (AWS's recommendation), used for
 * throttled single calls and for unprocessed batch items. It runs on top of the SDK's own retries.
 */
import { isTransient } from '../errors/operation';
import type { RetryPolicy } from './context';

export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return policy.jitter === 'full' ? Math.floor(random() * bound) : bound;
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * Runs `fn`, retrying throttling errors (or what `retryable` accepts) per the policy; the last
 * error is rethrown as is. `done` (< policy.attempts) attempts already failed with throttling
 * (the caller made them): the next waits first.
 */
export async function withThrottleRetry<T>(
  policy: RetryPolicy, fn: () => Promise<T>, done = 0, retryable: (e: unknown) => boolean = isTransient,
): Promise<T> {
  for (let attempt = done; ; attempt++) {
    if (attempt > 0) await sleep(backoffDelay(policy, attempt - 1));
    try {
      return await fn();
    } catch (e) {
      if (!retryable(e) || attempt + 1 >= policy.attempts) throw e;
    }
  }
}
