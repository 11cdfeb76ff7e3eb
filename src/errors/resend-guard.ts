/**
 * The AWS SDK resends a request on its own (4 attempts in all by default for DynamoDB) after a server error or an
 * answer lost on the way (a reset connection, a timeout). For a write that may already have been
 * applied, that resend is not safe: an increment applies twice, a versioned or conditional write
 * fails against its own first application and is reported as someone else's change. The guard
 * is a middleware on such a write's own command (the user's client is not touched): inside the
 * SDK's retry loop, it replaces a failure of unknown outcome with a ResendStopped, which the SDK
 * does not retry; operationError.wrap reports it as `operation.outcomeUnknown`, and sync
 * describes the table again to see what was applied. Failures that
 * applied nothing (throttling, a refused connection) pass through and are resent as before.
 *
 * It sits at the top of the deserialize step: below signing (a credentials error is not a lost
 * answer), around the response parser (a 5xx arrives parsed, with its status).
 */
import { outcomeUnknown } from './operation';
import { ResendStopped } from './resend-stopped';

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

/** A client, as far as sending goes (a DynamoDBClient or a DynamoDBDocumentClient). */
interface Sender {
  send(command: never, options?: never): Promise<unknown>;
}

/**
 * Sends a write that must not be resent after a failure of unknown outcome: the SDK still resends
 * it after throttling or a refused connection (nothing applied), never after a server error or a
 * lost answer, which reach the caller as a ResendStopped (`outcomeUnknown` is true of it).
 */
export function sendOnce<O>(client: Sender, command: GuardableCommand): Promise<O> {
  // A command without a middleware stack (a stand-in client's own) is sent as it is.
  command.middlewareStack?.add(guard, PLACE);
  return (client.send as unknown as (command: unknown, options: object) => Promise<O>)(command, SEND_OPTIONS);
}
