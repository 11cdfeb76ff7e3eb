/**
 * The pure builder of one TransactWriteItems call: every action built, then the limits DynamoDB
 * would enforce checked here, before sending, with a message naming the actions.
 */
import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { transactionError } from '../../errors/transaction';
import type { MapperContext } from '../context';
import { buildAction, type PreparedAction } from './actions';
import type { TransactionAction, TransactionOptions } from './types';

export const MAX_TRANSACTION_ACTIONS = 100;

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
    if (first) throw transactionError.sameItem('transaction', first.index, p.index, p.schema.className, p.key);
    seen.set(p.id, p);
  }
  return {
    input: {
      TransactItems: prepared.map((p) => p.item),
      ...(options.clientRequestToken !== undefined ? { ClientRequestToken: options.clientRequestToken } : {}),
    },
    actions: prepared,
  };
}
