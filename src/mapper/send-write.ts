/**
 * How the mapper sends a single-item write: guarded against the SDK's own resends when it is
 * `writeOnce` (a conditional put or delete, an update, a save; see errors/resend-guard.ts), as
 * it is otherwise.
 */
import { sendOnce } from '../errors/resend-guard';
import type { MapperContext } from './context';

export function sendWrite<O>(ctx: MapperContext, command: object, writeOnce: boolean | undefined): Promise<O> {
  if (writeOnce) return sendOnce<O>(ctx.client, command);
  return (ctx.client.send as (command: unknown) => Promise<O>)(command);
}
