/**
 * mapper.transactGet(): one TransactGetItems — a consistent snapshot of up to 100 items. A key
 * asked for twice is read once (DynamoDB refuses two reads of one item) and answers both.
 */
import { TransactGetItemsCommand, type AttributeValue, type TransactGetItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { codecFor, encodeKey } from '../../codec';
import { batchError } from '../../errors/batch';
import { transactionError } from '../../errors/transaction';
import { getModelSchema } from '../../metadata/schema';
import type { Constructor } from '../../metadata/types';
import { itemIdentity } from '../batch/keys';
import type { MapperContext } from '../context';
import { keyObject } from '../item-inputs';
import { backoffDelay, sleep } from '../retry';
import { remember } from '../snapshots';
import { isTransientTransactionError, transactionFailure, type ReasonSubject } from './cancellation';
import { MAX_TRANSACTION_ACTIONS } from './write-input';

export interface PreparedTransactGet {
  readonly input: TransactGetItemsCommandInput;
  /** For each request, the index of its read in `input.TransactItems`. */
  readonly slots: readonly number[];
  /** One per read, for cancellation reasons. */
  readonly subjects: readonly ReasonSubject[];
}

export function buildTransactGetInput(ctx: MapperContext, requests: readonly (readonly [Constructor, unknown])[]): PreparedTransactGet {
  const reads = new Map<string, number>();
  const items: NonNullable<TransactGetItemsCommandInput['TransactItems']> = [];
  const subjects: ReasonSubject[] = [];
  const slots = requests.map((request, i) => {
    if (!Array.isArray(request) || typeof request[0] !== 'function') {
      throw batchError.badOption('transactGet', `requests[${i}]`, typeof request, '[Model, key]');
    }
    const [Model, key] = request;
    const schema = getModelSchema(Model);
    let encoded: Record<string, AttributeValue>;
    try {
      encoded = encodeKey(schema, key as object);
    } catch (e) {
      throw batchError.atItem('transactGet', `request ${i}`, e);
    }
    const table = ctx.tableName(schema);
    const id = itemIdentity(table, encoded, schema);
    const at = reads.get(id);
    if (at !== undefined) return at;
    reads.set(id, items.length);
    items.push({ Get: { TableName: table, Key: encoded } });
    subjects.push({ action: 'get', model: schema.className, key: keyObject(schema, key as object) });
    return items.length - 1;
  });
  if (items.length > MAX_TRANSACTION_ACTIONS) throw transactionError.tooMany('transactGet', items.length);
  return { input: { TransactItems: items }, slots, subjects };
}

export async function runTransactGet(ctx: MapperContext, requests: readonly (readonly [Constructor, unknown])[]): Promise<(object | undefined)[]> {
  const prepared = buildTransactGetInput(ctx, requests);
  if (prepared.slots.length === 0) return [];
  const command = new TransactGetItemsCommand(prepared.input);
  let responses: ({ Item?: Record<string, AttributeValue> } | undefined)[] = [];
  for (let attempt = 0; ; attempt++) {
    try {
      responses = (await ctx.client.send(command)).Responses ?? [];
      break;
    } catch (e) {
      if (!isTransientTransactionError(e) || attempt + 1 >= ctx.retry.attempts) {
        throw transactionFailure('transactGet', 'TransactGetItems', prepared.subjects, e, attempt + 1);
      }
      await sleep(backoffDelay(ctx.retry, attempt));
    }
  }
  return requests.map(([Model], i) => {
    const item = responses[prepared.slots[i]]?.Item;
    if (!item) return undefined;
    const entity = codecFor(Model).fromItem(item);
    remember(entity, item);
    return entity;
  });
}
