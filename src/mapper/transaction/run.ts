/**
 * mapper.transaction(): collect the actions → build and check them (pure) → validate → send one
 * TransactWriteItems, retried per the mapper's policy while it is only throttled or in conflict
 * (nothing is applied then) → on success, give put entities their new version and timestamps.
 */
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import type { MapperContext } from '../context';
import { getModelSchema } from '../../metadata/schema';
import { attributeNames, deleteEnded, failureOutcome, remember, shapeOf, writeEnded, writeStarted, type WriteOutcome } from '../snapshots';
import { adoptNestedDefaults, hasNestedDefaults } from '../../codec';
import { backoffDelay, sleep } from '../retry';
import { isTransientTransactionError, transactionFailure } from './cancellation';
import { forgetTransactionInstant, transactionInstant } from './token-clock';
import type { TransactionOptions } from './types';
import { validateActions } from './validate';
import { buildTransactWriteInput, type PreparedTransaction } from './write-input';
import { closeWriter, TransactionWriter } from './writer';
import { optionError, outcomeUnknown } from '../../errors/operation';

export async function runTransaction<R>(
  ctx: MapperContext, fn: (tx: TransactionWriter) => R | Promise<R>, options: TransactionOptions,
): Promise<Awaited<R>> {
  const token = options.clientRequestToken;
  if (token !== undefined && (typeof token !== 'string' || token.length < 1 || token.length > 36)) {
    throw optionError.invalid('transaction()', 'clientRequestToken', token, 'a string of 1 to 36 characters (DynamoDB\'s limit), e.g. a UUID');
  }
  const writer = new TransactionWriter();
  let result: Awaited<R>;
  try {
    result = await fn(writer);
  } finally {
    closeWriter(writer);
  }
  let sent = false;
  const collected = closeWriter(writer);
  // Entities written (put, save) count as being written from the moment their snapshots are read
  // (building the actions) until the answer, as save() does: see snapshots.ts.
  const entities = collected.flatMap((a) => ((a.action === 'put' || a.action === 'save') && isObject(a.entity) ? [a.entity] : []));
  const deleted = collected.flatMap((a) => (a.action === 'delete' && isObject(a.entity) ? [{ entity: a.entity, Model: a.Model }] : []));
  for (const entity of [...entities, ...deleted.map((d) => d.entity)]) writeStarted(entity);
  let ended = false;
  const end = (outcome: WriteOutcome, touchedOf: (entity: object) => readonly string[], deleteOutcome: WriteOutcome = outcome) => {
    if (ended) return;
    ended = true;
    for (const entity of entities) writeEnded(entity, outcome, () => touchedOf(entity));
    for (const d of deleted) deleteEnded(d.entity, deleteOutcome, () => attributeNames(getModelSchema(d.Model)));
  };
  try {
    const prepared = buildTransactWriteInput(ctx, collected, options, transactionInstant(ctx, token));
    // The names each entity's actions write (an entity may appear in several actions).
    const touchedOf = (entity: object) => prepared.actions.flatMap((a) => (a.put?.entity === entity ? a.put.touched : []));
    if (prepared.actions.length === 0) {
      end('refused', touchedOf);
      return result;
    }
    if (ctx.validate) await validateActions(prepared.actions);
    sent = true;
    try {
      await sendTransaction(ctx, prepared);
    } catch (error) {
      end(failureOutcome(error), touchedOf);
      throw error;
    }
    try {
      applyCommitted(prepared);
    } catch (error) {
      end('failed', touchedOf, 'applied');   // committed: the deletes certainly went through
      throw error;
    }
    end('applied', touchedOf);
  } catch (error) {
    end('refused', () => []);   // only if refused before sending: a send that failed ended its writes already
    // Refused before sending, cancelled, or invalid: nothing was applied, so the next attempt
    // under this token is new work and gets its own instant (a resend after a server error keeps it).
    const name = (error as { cause?: { name?: string } }).cause?.name;
    if (!sent || name === 'TransactionCanceledException' || name === 'ValidationException') forgetTransactionInstant(ctx, token);
    throw error;
  }
  return result;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Once committed: the written entities take their versions, timestamps and defaults, and are remembered. */
function applyCommitted(prepared: PreparedTransaction): void {
  for (const a of prepared.actions) {
    if (a.put) {
      Object.assign(a.put.entity, a.put.assign);
      if (hasNestedDefaults(a.schema)) adoptNestedDefaults(a.schema, a.put.entity, a.put.item);
      remember(a.put.entity, a.put.item, a.put.snapshot ? shapeOf(a.put.snapshot) : false);
    }
  }
}

/**
 * A server error (500/503) or a lost answer (a reset connection, a timeout) may come after the
 * transaction committed. Resending it is safe only
 * with a ClientRequestToken of the caller's (DynamoDB then applies it at most once); the SDK's own
 * token is new for every send. Throttling and cancellations applied nothing and are always safe.
 */
function safeToResend(e: unknown, prepared: PreparedTransaction): boolean {
  return !outcomeUnknown(e) || prepared.input.ClientRequestToken !== undefined;
}

async function sendTransaction(ctx: MapperContext, prepared: PreparedTransaction): Promise<void> {
  const command = new TransactWriteItemsCommand(prepared.input);
  for (let attempt = 0; ; attempt++) {
    try {
      await ctx.client.send(command);
      return;
    } catch (e) {
      const resendable = safeToResend(e, prepared);
      if (!isTransientTransactionError(e) || !resendable || attempt + 1 >= ctx.retry.attempts) {
        const subjects = prepared.actions.map((a) => ({ action: a.action, model: a.schema.className, key: a.key, conditionHint: a.conditionHint }));
        throw transactionFailure('transaction', 'TransactWriteItems', subjects, e, attempt + 1, resendable);
      }
      await sleep(backoffDelay(ctx.retry, attempt));
    }
  }
}
