/**
 * mapper.transactGet(): one TransactGetItems — a consistent snapshot of up to 100 items. A key
 * asked for twice is read once (DynamoDB refuses two reads of one item) and answers both.
 */
import { TransactGetItemsCommand, type AttributeValue, type TransactGetItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { codecFor, encodeKey } from '../../codec';
import { batchError } from '../../errors/batch';
import { argumentError } from '../../errors/operation';
import { transactionError } from '../../errors/transaction';
import { getModelSchema } from '../../metadata/schema';
import type { Constructor, ModelSchema } from '../../metadata/types';
import { itemIdentity } from '../batch/keys';
import type { MapperContext } from '../context';
import { OPTIONS, optionsOf } from '../arguments';
import { keyObject } from '../item-inputs';
import { projectionInput, readShapeOf, type ProjectionInput } from '../projection';
import { backoffDelay, sleep } from '../retry';
import { readItem } from '../read-item';
import { remember, type ReadShape } from '../snapshots';
import { isTransientTransactionError, transactionFailure, type ReasonSubject } from './cancellation';
import { MAX_TRANSACTION_ACTIONS } from './write-input';

export interface PreparedTransactGet {
  readonly input: TransactGetItemsCommandInput;
  /** For each request, the index of its read in `input.TransactItems`. */
  readonly slots: readonly number[];
  /** One per read, for cancellation reasons. */
  readonly subjects: readonly ReasonSubject[];
  /** For each request, how it was read: whole, or with a projection (a partial entity; see readShapeOf). */
  readonly partial: readonly ReadShape[];
}

/** The projection of request i, checked; undefined for whole items. */
function projectionOf(schema: ModelSchema, options: unknown, i: number): ProjectionInput | undefined {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw batchError.badOption('transactGet', `requests[${i}][2]`, options, 'an options object ({ project })');
  }
  optionsOf(options as { project?: unknown }, `transactGet() requests[${i}][2]`, OPTIONS.transactGetRequest);
  const project = (options as { project?: unknown }).project;
  if (project === undefined) return undefined;
  if (!Array.isArray(project)) throw batchError.badOption('transactGet', `requests[${i}][2].project`, project, 'an array of property paths');
  try {
    return projectionInput(schema, project as string[]);
  } catch (e) {
    throw batchError.atItem('transactGet', `request ${i}`, e);
  }
}

export function buildTransactGetInput(ctx: MapperContext, requests: readonly (readonly [Constructor, unknown, unknown?])[]): PreparedTransactGet {
  const reads = new Map<string, { slot: number; request: number; projection: string }>();
  const partial: ReadShape[] = [];
  const items: NonNullable<TransactGetItemsCommandInput['TransactItems']> = [];
  const subjects: ReasonSubject[] = [];
  const slots = requests.map((request, i) => {
    if (!Array.isArray(request) || typeof request[0] !== 'function') {
      throw argumentError.invalid('transactGet()', `requests[${i}]`, request, '[Model, key] or [Model, key, { project }]');
    }
    const [Model, key, options] = request;
    const schema = getModelSchema(Model);
    const projection = projectionOf(schema, options, i);
    partial.push(projection === undefined ? false : readShapeOf(schema, (options as { project?: readonly string[] }).project));
    let encoded: Record<string, AttributeValue>;
    try {
      encoded = encodeKey(schema, key as object);
    } catch (e) {
      throw batchError.atItem('transactGet', `request ${i}`, e);
    }
    const table = ctx.tableName(schema);
    const id = itemIdentity(table, encoded, schema);
    const same = projection ? JSON.stringify(projection) : '';
    const at = reads.get(id);
    if (at !== undefined) {
      // One read per item in a transaction: the same item twice must be read the same way.
      if (at.projection !== same) {
        throw batchError.badOption('transactGet', `requests[${i}]`, 'another projection of the same item',
          `the projection of requests[${at.request}], which reads the same item (a transaction reads an item once)`);
      }
      return at.slot;
    }
    reads.set(id, { slot: items.length, request: i, projection: same });
    items.push({ Get: { TableName: table, Key: encoded, ...projection } });
    subjects.push({ action: 'get', model: schema.className, key: keyObject(schema, key as object) });
    return items.length - 1;
  });
  if (items.length > MAX_TRANSACTION_ACTIONS) throw transactionError.tooMany('transactGet', items.length);
  return { input: { TransactItems: items }, slots, subjects, partial };
}

export async function runTransactGet(ctx: MapperContext, requests: readonly (readonly [Constructor, unknown, unknown?])[]): Promise<(object | undefined)[]> {
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
    const codec = codecFor(Model);
    // Another entity's item at the key (single-table design) is not one of Model's: not found.
    if (!item || !codec.owns(item)) return undefined;
    const entity = readItem(codec, getModelSchema(Model), item);
    remember(entity, item, prepared.partial[i]);
    return entity;
  });
}
