/** The thin executor: send one request with the retry policy, map AWS errors to dynamap errors. */
import { operationError, isThrottle, type OperationDescription } from '../errors/operation';
import type { MapperContext } from './context';
import { withThrottleRetry } from './retry';

/**
 * Runs `send` (one SDK call, e.g. `() => ctx.client.send(new GetItemCommand(input))`), retrying
 * throttling per the mapper's policy; every failure leaves as a DynamapError with `cause`.
 */
export async function execute<O>(ctx: MapperContext, send: () => Promise<O>, op: OperationDescription): Promise<O> {
  try {
    return await withThrottleRetry(ctx.retry, send);
  } catch (e) {
    if (isThrottle(e)) throw operationError.throttled(op, ctx.retry.attempts, e);
    throw operationError.wrap(op, e);
  }
}
