/** The thin executor: send one request with the retry policy, map AWS errors to dynamap errors. */
import { operationError, isRetryable, type OperationDescription } from '../errors/operation';
import type { MapperContext } from './context';
import { withThrottleRetry } from './retry';

/**
 * What the operation is, for error messages: the description itself, or an object whose `op`
 * getter builds it (so the common call that succeeds never builds it).
 */
export type OperationRef = OperationDescription | { readonly op: OperationDescription };

function described(ref: OperationRef): OperationDescription {
  return 'op' in ref ? ref.op : ref;
}

/**
 * Runs `send` (one SDK call, e.g. `() => ctx.client.send(new GetItemCommand(input))`), retrying
 * throttling per the mapper's policy; every failure leaves as a DynamapError with `cause`.
 * The call that succeeds at once, the common case, costs one `then` and no async frame; the
 * retries and the error mapping run only after a failure.
 */
export function execute<O>(ctx: MapperContext, send: () => Promise<O>, op: OperationRef): Promise<O> {
  let first: Promise<O>;
  try {
    first = send();
  } catch (e) {
    return recover(ctx, send, op, e);
  }
  return first.then(undefined, (e: unknown) => recover(ctx, send, op, e));
}

/**
 * execute() followed by `done` on the answer, as one promise on the success path (no extra
 * `then`). A throw in `done` (e.g. an item the codec refuses) rejects the promise; it is not
 * retried and not wrapped as an AWS error.
 */
export function executeThen<O, R>(
  ctx: MapperContext, send: () => Promise<O>, op: OperationRef, done: (out: O) => R, failed?: (error: unknown) => void,
): Promise<R> {
  // `failed` runs when the request finally fails (after the retries), before the promise rejects.
  const fail = failed === undefined ? undefined : (e: unknown): never => {
    failed(e);
    throw e;
  };
  let first: Promise<O>;
  try {
    first = send();
  } catch (e) {
    return recover(ctx, send, op, e).then(done, fail);
  }
  return first.then(done, (e: unknown) => recover(ctx, send, op, e).then(done, fail));
}

async function recover<O>(ctx: MapperContext, send: () => Promise<O>, ref: OperationRef, failure: unknown): Promise<O> {
  const op = described(ref);
  const retryable = (e: unknown) => isRetryable(e, op);
  try {
    if (!retryable(failure) || ctx.retry.attempts <= 1) throw failure;
    return await withThrottleRetry(ctx.retry, send, 1, retryable);
  } catch (e) {
    if (retryable(e)) throw operationError.exhausted(op, ctx.retry.attempts, e);
    throw operationError.wrap(op, e);
  }
}
