/**
 * Each recorded action → one TransactWriteItem, built by the single-item builders (buildPutInput,
 * buildUpdateInput, buildDeleteInput) so versions, timestamps, defaults and conditions behave
 * exactly as in put/update/delete. Pure apart from the codec.
 */
import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { batchError } from '../../errors/batch';
import { conditionFailureHint } from '../../errors/operation';
import { writeError } from '../../errors/write';
import { getModelSchema } from '../../metadata/schema';
import type { Constructor, ModelSchema } from '../../metadata/types';
import { itemIdentity, keyOfItem } from '../batch/keys';
import type { MapperContext } from '../context';
import { buildDeleteInput, buildPutInput, buildUpdateInput, combine, keyObject } from '../item-inputs';
import { transactionError } from '../../errors/transaction';
import { asRead, buildSaveInput } from '../save-input';
import { attributeNames, snapshotOf, type Snapshot } from '../snapshots';
import type { TransactionAction } from './types';

/** One built action and what to do with it after the transaction. */
export interface PreparedAction {
  readonly index: number;
  readonly action: TransactionAction['action'];
  readonly schema: ModelSchema;
  /** Item identity (table + encoded key), to refuse two actions on one item. */
  readonly id: string;
  /** The key in property terms, for reasons and messages. */
  readonly key: Record<string, unknown>;
  readonly item: TransactWriteItem;
  /** put: the entity, the values to assign once committed, its stored item (snapshot), the entity as stored (for class-validator). */
  readonly put?: {
    readonly entity: object; readonly assign: Record<string, unknown>; readonly item: Record<string, AttributeValue>; readonly staged: object;
    /** save: the entity's snapshot (a partial read is validated on what it holds, and stays partial once written). */
    readonly snapshot?: Snapshot;
    /** The attribute names the action writes (a save's changes, a put's every attribute; none for a check). */
    readonly touched: readonly string[];
  };
  /** delete(entity): the entity, whose snapshot is dropped once committed. */
  readonly deleted?: object;
  /** Why its condition may have failed, for a ConditionalCheckFailed reason (version, the caller's condition, the entity type). */
  readonly conditionHint: string;
  /** update: the changes, for class-validator. */
  readonly changes?: Record<string, unknown>;
}

/** Fields a single-item input has that a TransactWriteItem refuses (ReturnValues...). */
function transactable<I extends object>(input: I): Omit<I, 'ReturnValues' | 'ReturnConsumedCapacity' | 'ReturnItemCollectionMetrics'> {
  const { ReturnValues: _v, ReturnConsumedCapacity: _c, ReturnItemCollectionMetrics: _m, ...rest } = input as I & Record<string, unknown>;
  return rest as Omit<I, 'ReturnValues' | 'ReturnConsumedCapacity' | 'ReturnItemCollectionMetrics'>;
}

function isEntity(value: unknown): value is object {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype;
}

function withOld<O extends { returnOldOnFailure?: boolean }>(options: O, all: boolean): O {
  return all && options.returnOldOnFailure === undefined ? { ...options, returnOldOnFailure: true } : options;
}

export function buildAction(ctx: MapperContext, index: number, a: TransactionAction, now: Date, returnOld: boolean): PreparedAction {
  try {
    return build(ctx, index, a, now, returnOld);
  } catch (e) {
    throw batchError.atItem('transaction', `action ${index} (${a.action})`, e);
  }
}

function build(ctx: MapperContext, index: number, a: TransactionAction, now: Date, returnOld: boolean): PreparedAction {
  switch (a.action) {
    case 'put': {
      if (!isEntity(a.entity)) throw writeError.notAnEntity('tx.put', a.entity);
      const plan = ctx.plan(a.entity.constructor as Constructor);
      const schema = plan.schema;
      const p = buildPutInput(plan, a.entity, withOld(a.options, returnOld), now);
      const item = p.input.Item!;
      return {
        index, action: 'put', schema, id: itemIdentity(p.input.TableName!, keyOfItem(schema, item), schema), key: p.op.key ?? {},
        item: { Put: transactable(p.input) as NonNullable<TransactWriteItem['Put']> }, conditionHint: conditionFailureHint(p.op),
        put: { entity: a.entity, assign: p.assign, item, staged: p.staged, touched: attributeNames(schema) },
      };
    }
    case 'update': {
      const schema = getModelSchema(a.Model);
      const p = buildUpdateInput(ctx, schema, a.key, a.changes, withOld(a.options, returnOld), now);
      return {
        index, action: 'update', schema, id: itemIdentity(p.input.TableName!, p.input.Key!, schema), key: p.op.key ?? {},
        item: { Update: transactable(p.input) as NonNullable<TransactWriteItem['Update']> }, conditionHint: conditionFailureHint(p.op),
        changes: a.changes as Record<string, unknown>,
      };
    }
    case 'delete': {
      if (a.entity !== undefined && !isEntity(a.entity)) throw writeError.notAnEntity('tx.delete', a.entity);
      const schema = getModelSchema(a.Model);
      const key = a.entity ? keyObject(schema, a.entity) : a.key;
      const p = buildDeleteInput(ctx, schema, key, withOld(a.options, returnOld), a.entity);
      return {
        index, action: 'delete', schema, id: itemIdentity(p.input.TableName!, p.input.Key!, schema), key: p.op.key ?? {},
        item: { Delete: transactable(p.input) as NonNullable<TransactWriteItem['Delete']> }, conditionHint: conditionFailureHint(p.op),
        ...(a.entity ? { deleted: a.entity } : {}),
      };
    }
    case 'save':
      return buildSave(ctx, index, a.entity, now, returnOld);
    case 'check': {
      const schema = getModelSchema(a.Model);
      if (a.condition === undefined || a.condition === null) throw transactionError.checkWithoutCondition(schema.className);
      // A conditional delete's input holds exactly what a ConditionCheck needs (table, key,
      // condition, names, values), compiled by the same builder as every other condition.
      const p = buildDeleteInput(ctx, schema, a.key, { condition: a.condition, ...withOld(a.options, returnOld) });
      return {
        index, action: 'check', schema, id: itemIdentity(p.input.TableName!, p.input.Key!, schema), key: p.op.key ?? {},
        item: { ConditionCheck: transactable(p.input) as NonNullable<TransactWriteItem['ConditionCheck']> },
        conditionHint: conditionFailureHint({ ...p.op, versioned: false, userCondition: true }),
      };
    }
  }
}

/** A save requires the item as it was read (its version, or what it held). */
const SAVE_HINT = 'the item was changed, deleted or created by another writer since the entity was read; read it again and retry';

/** tx.save(): an Update of what changed, a check when nothing did, a put for an entity never read. */
function buildSave(ctx: MapperContext, index: number, entity: object, now: Date, returnOld: boolean): PreparedAction {
  if (!isEntity(entity)) throw writeError.notAnEntity('tx.save', entity);
  const plan = ctx.plan(entity.constructor as Constructor);
  const schema = plan.schema;
  const snapshot = snapshotOf(entity);
  if (!snapshot) {
    const put = build(ctx, index, { action: 'put', entity, options: {} }, now, returnOld);
    return { ...put, action: 'save' };
  }
  const prepared = buildSaveInput(ctx, schema, entity, snapshot, now);
  const key = keyObject(schema, entity);
  if (prepared.update) {
    const input = prepared.update.input;
    return {
      index, action: 'save', schema, id: itemIdentity(input.TableName!, input.Key!, schema), key,
      item: { Update: transactable(withOldValues(input, returnOld)) as NonNullable<TransactWriteItem['Update']> },
      conditionHint: SAVE_HINT,
      put: { entity, assign: prepared.update.assign, item: prepared.item, staged: prepared.staged ?? entity, snapshot, touched: prepared.touched ?? [] },
    };
  }
  // Nothing changed: the transaction still depends on the item being as it was read.
  const condition = combine<object>(undefined, asRead(schema, entity));
  const p = buildDeleteInput(ctx, schema, key, { condition, returnOldOnFailure: returnOld });
  return {
    index, action: 'save', schema, id: itemIdentity(p.input.TableName!, p.input.Key!, schema), key,
    item: { ConditionCheck: transactable(p.input) as NonNullable<TransactWriteItem['ConditionCheck']> },
    conditionHint: SAVE_HINT,
    put: { entity, assign: {}, item: prepared.item, staged: entity, snapshot, touched: [] },
  };
}

function withOldValues<I extends object>(input: I, returnOld: boolean): I {
  return returnOld ? { ...input, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } : input;
}
