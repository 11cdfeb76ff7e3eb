/**
 * The instant a transaction is built at, kept per clientRequestToken. DynamoDB applies a token
 * once within 10 minutes, but only if the resent request is identical — and @UpdatedAt/@CreatedAt
 * would otherwise put a new timestamp in every resend, turning a safe resend into an
 * IdempotentParameterMismatch. So a resend through the same Mapper reuses the first instant, until
 * an attempt is cancelled or invalid: that applied nothing, and the next attempt
 * is new work (read again, changed), whose timestamps must not go back to the refused one's.
 */
import type { MapperContext } from '../context';

/** DynamoDB's idempotency window. */
const WINDOW_MS = 10 * 60 * 1000;

const clocks = new WeakMap<MapperContext, Map<string, number>>();

export function transactionInstant(ctx: MapperContext, token: string | undefined, nowMs: number = Date.now()): Date {
  if (token === undefined) return new Date(nowMs);
  let clock = clocks.get(ctx);
  if (!clock) clocks.set(ctx, (clock = new Map()));
  // Tokens are kept in the order they were first seen, so the expired ones come first: stop at the
  // first one still in the window (a loop over all of them cost each transaction ~1 ms at 40,000).
  for (const [t, at] of clock) {
    if (nowMs - at <= WINDOW_MS) break;
    clock.delete(t);
  }
  const first = clock.get(token);
  if (first !== undefined) return new Date(first);
  clock.set(token, nowMs);
  return new Date(nowMs);
}

/** The attempt under `token` was refused (cancelled, invalid): it applied nothing, its instant is not to be reused. */
export function forgetTransactionInstant(ctx: MapperContext, token: string | undefined): void {
  if (token !== undefined) clocks.get(ctx)?.delete(token);
}
