/**
 * One chunk, sent until every request in it is done: what DynamoDB returns unprocessed (or
 * refuses with a throttling error) is sent again after a backoff with full jitter. A chunk gives
 * up after `policy.attempts` calls in a row that made no progress — a call that wrote (or read)
 * some of its requests resets that count, since the table is keeping up, only slowly.
 */
import { isCapacityThrottle, isTransient } from '../../errors/operation';
import type { RetryPolicy } from '../context';
import { backoffDelay, sleep } from '../retry';

export type DrainOutcome<R> =
  | { readonly status: 'done' }
  /** Retries ran out: `left` was never confirmed; `cause` is the last throttling error, if any. */
  | { readonly status: 'throttled'; readonly left: readonly R[]; readonly cause?: unknown }
  /** An error retrying cannot fix; `left` was not done. */
  | { readonly status: 'failed'; readonly left: readonly R[]; readonly cause: unknown };

/**
 * `send(pending)` makes one call and returns the requests still pending (a subset of `pending`);
 * `onDone(requests)` hears about every request confirmed done, as soon as it is.
 */
export async function drain<R>(
  policy: RetryPolicy,
  requests: readonly R[],
  send: (pending: readonly R[]) => Promise<readonly R[]>,
  onDone: (done: readonly R[]) => void,
): Promise<DrainOutcome<R>> {
  let pending = requests;
  let fruitless = 0;
  let lastFailure: unknown;
  for (let retry = 0; pending.length > 0; retry++) {
    if (retry > 0) await sleep(backoffDelay(policy, retry - 1));
    let left: readonly R[];
    let notThrottling = false;
    try {
      left = await send(pending);
    } catch (e) {
      if (!isTransient(e)) return { status: 'failed', left: pending, cause: e };
      lastFailure = e;
      notThrottling = !isCapacityThrottle(e);
      left = pending;
    }
    if (left.length < pending.length) {
      const stillPending = new Set(left);
      onDone(pending.filter((r) => !stillPending.has(r)));
      fruitless = 0;
    } else {
      fruitless++;
    }
    pending = left;
    if (pending.length > 0 && fruitless >= policy.attempts) {
      // The last attempt failed with a server error or got no answer: retried as throttling is, but
      // reported as what it is (not "raise the capacity").
      if (notThrottling) return { status: 'failed', left: pending, cause: lastFailure };
      return lastFailure === undefined ? { status: 'throttled', left: pending } : { status: 'throttled', left: pending, cause: lastFailure };
    }
  }
  return { status: 'done' };
}
