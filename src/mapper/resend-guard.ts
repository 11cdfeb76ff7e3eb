/**
 * The AWS SDK resends a request on its own (3 attempts by default) after a server error or an
 * answer lost on the way (a reset connection, a timeout). For a write that may already have been
 * applied, that resend is not safe: an increment applies twice, a versioned or conditional write
 * fails against its own first application and is reported as someone else's change. The guard
 * is a middleware on such a write's own command (the user's client is not touched): inside the
 * SDK's retry loop, it replaces a failure of unknown outcome with a ResendStopped, which the SDK
 * does not retry; operationError.wrap reports it as `operation.outcomeUnknown`. Failures that
 * applied nothing (throttling, a refused connection) pass through and are resent as before.
 *
 * It sits at the top of the deserialize step: below signing (a credentials error is not a lost
 * answer), around the response parser (a 5xx arrives parsed, with its status).
 */
import { outcomeUnknown } from '../errors/operation';
import { ResendStopped } from '../errors/resend-stopped';
import type { MapperContext } from './context';

type Next = (args: unknown) => Promise<unknown>;

const guard = (next: Next) => async (args: unknown): Promise<unknown> => {
  try {
    return await next(args);
  } catch (e) {
    throw outcomeUnknown(e) ? new ResendStopped(e) : e;
  }
};

const PLACE = { step: 'deserialize', priority: 'high', name: 'dynamapResendGuard', override: true } as const;

/**
 * Passed to client.send for guarded commands: a client built with `cacheMiddleware: true` reuses
 * the handler it built for the first command of a class and ignores a later command's own
 * middleware, unless options are given (which also empties that cache: correctness first).
 */
const SEND_OPTIONS = {};

interface GuardableCommand {
  readonly middlewareStack?: { add(middleware: unknown, options: typeof PLACE): void };
}

/**
 * Sends a write: guarded when it must not be resent after a failure of unknown outcome
 * (`writeOnce`: a conditional put or delete, an update, a save), as it is otherwise.
 */
export function sendWrite<O>(ctx: MapperContext, command: GuardableCommand, writeOnce: boolean | undefined): Promise<O> {
  if (!writeOnce) return (ctx.client.send as (command: unknown) => Promise<O>)(command);
  // A command without a middleware stack (a stand-in client's own) is sent as it is.
  command.middlewareStack?.add(guard, PLACE);
  return (ctx.client.send as (command: unknown, options: object) => Promise<O>)(command, SEND_OPTIONS);
}
