/**
 * The pure builder of one TransactWriteItems call: every action built, then the limits DynamoDB
 * would enforce checked here, before sending, with a message naming the actions.
 */
import type { TransactWriteItem, TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { itemSize, valueSize } from '../../codec';
import { transactionError } from '../../errors/transaction';
import type { MapperContext } from '../context';
import { buildAction, type PreparedAction } from './actions';
import type { TransactionAction, TransactionOptions } from './types';

export const MAX_TRANSACTION_ACTIONS = 100;
/** DynamoDB's limit on a transaction's payload (4 MB). */
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

/**
 * The part of a transaction's payload that dynamap can measure: the items put, and the keys and
 * expression values of the other actions, by DynamoDB's item-size rules. DynamoDB adds a little
 * per action (about 70 bytes measured on DynamoDB Local), so this is a lower bound: a transaction
 * it refuses is surely over 4 MB, one just under it may still be refused by DynamoDB.
 */
function payloadSize(items: readonly TransactWriteItem[]): number {
  let bytes = 0;
  for (const item of items) {
    const action = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck;
    if (!action) continue;
    if ('Item' in action && action.Item) bytes += itemSize(action.Item);
    if ('Key' in action && action.Key) bytes += itemSize(action.Key);
    for (const value of Object.values(action.ExpressionAttributeValues ?? {})) bytes += valueSize(value);
  }
  return bytes;
}

export interface PreparedTransaction {
  readonly input: TransactWriteItemsCommandInput;
  readonly actions: readonly PreparedAction[];
}

export function buildTransactWriteInput(
  ctx: MapperContext, actions: readonly TransactionAction[], options: TransactionOptions, now: Date,
): PreparedTransaction {
  if (actions.length > MAX_TRANSACTION_ACTIONS) throw transactionError.tooMany('transaction', actions.length);
  const prepared = actions.map((a, i) => buildAction(ctx, i, a, now, !!options.returnOldOnFailure));
  const seen = new Map<string, PreparedAction>();
  for (const p of prepared) {
    const first = seen.get(p.id);
    if (first) throw transactionError.sameItem('transaction', first.index, p.index, [first.schema.className, p.schema.className], p.key);
    seen.set(p.id, p);
  }
  const bytes = payloadSize(prepared.map((p) => p.item));
  if (bytes > MAX_TRANSACTION_BYTES) throw transactionError.tooLarge('transaction', bytes);
  return {
    input: {
      TransactItems: prepared.map((p) => p.item),
      ...(options.clientRequestToken !== undefined ? { ClientRequestToken: options.clientRequestToken } : {}),
    },
    actions: prepared,
  };
}
