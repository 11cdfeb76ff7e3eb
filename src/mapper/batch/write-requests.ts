/**
 * Turning the caller's entities, keys and operations into BatchWriteItem requests — every item
 * encoded (and its hooks applied) before anything is sent, so one bad item fails the whole call
 * with nothing written, naming the item's index. Pure apart from the codec it calls.
 */
import type { AttributeValue, WriteRequest } from '@aws-sdk/client-dynamodb';
import { encodeKey } from '../../codec';
import { batchError } from '../../errors/batch';
import { writeError } from '../../errors/write';
import { getModelSchema } from '../../metadata/schema';
import type { Constructor, ModelSchema } from '../../metadata/types';
import type { MapperContext } from '../context';
import { buildPutInput } from '../item-inputs';
import { readInPart, snapshotOf } from '../snapshots';
import { itemIdentity, keyOfItem } from './keys';
import type { BatchWriteOperation } from './types';

/** One write, ready to send; `source` is what the caller gave us (listed back if it is not written). */
export interface PreparedBatchWrite {
  readonly id: string;
  readonly table: string;
  readonly schema: ModelSchema;
  readonly request: WriteRequest;
  readonly source: unknown;
  /** A put: the entity, what to assign once written, the item, and the entity as stored (for class-validator). */
  readonly put?: {
    readonly entity: object; readonly assign: Record<string, unknown>; readonly item: Record<string, AttributeValue>; readonly staged: object;
  };
}

export interface PutRequestOptions {
  readonly overwriteVersions?: boolean | undefined;
}

function isEntity(value: unknown): value is object {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype
    && Object.getPrototypeOf(value) !== null;
}

/** Runs `build` for item `index`, putting the index in front of any validation error. */
function atItem<R>(operation: string, index: number, build: () => R): R {
  try {
    return build();
  } catch (e) {
    throw batchError.atItem(operation, `item ${index}`, e);
  }
}

export function preparePut(
  ctx: MapperContext, operation: string, index: number, entity: unknown, source: unknown, now: Date, options: PutRequestOptions,
): PreparedBatchWrite {
  return atItem(operation, index, () => {
    if (!isEntity(entity)) throw writeError.notAnEntity(operation, entity);
    const plan = ctx.plan(entity.constructor as Constructor);
    const schema = plan.schema;
    const version = schema.version ? (entity as Record<string, unknown>)[schema.version.property] : undefined;
    // A partial entity is refused first (by buildPutInput's rule), whatever its version says.
    if (readInPart(entity)) throw writeError.partialPut(schema.className);
    if (schema.version && !options.overwriteVersions) {
      // Read with a version, or read from an item that has none yet: either needs the check a batch cannot make.
      if (version !== undefined && version !== null) throw batchError.versionedEntity(schema.className, version);
      if (snapshotOf(entity) !== undefined) throw batchError.versionedEntity(schema.className, undefined);
    }
    // The single put's builder, so defaults, timestamps and version numbers are exactly a put's;
    // its condition is dropped: BatchWriteItem has none (see docs/batch.md).
    const prepared = buildPutInput(plan, entity, {}, now);
    const item = prepared.input.Item!;
    const table = prepared.input.TableName!;
    return {
      id: itemIdentity(table, keyOfItem(schema, item), schema),
      table,
      schema,
      request: { PutRequest: { Item: item } },
      source,
      put: { entity, assign: prepared.assign, item, staged: prepared.staged },
    };
  });
}

export function prepareDelete(
  ctx: MapperContext, operation: string, index: number, Model: Constructor, key: unknown, source: unknown,
): PreparedBatchWrite {
  return atItem(operation, index, () => {
    const schema = getModelSchema(Model);
    const encoded = encodeKey(schema, key as object);
    const table = ctx.tableName(schema);
    return { id: itemIdentity(table, encoded, schema), table, schema, request: { DeleteRequest: { Key: encoded } }, source };
  });
}

/**
 * Options of the single-item writes, which an operation cannot carry: `{ put: e, condition }` would
 * drop the condition silently. Other keys (a discriminant such as `kind` of the caller's own union)
 * are the caller's business and pass.
 */
const WRITE_OPTIONS = ['condition', 'overwrite', 'returnOldOnFailure', 'returnValues', 'overwriteVersions', 'clientRequestToken', 'project', 'consistent'];

function refuseExtra(index: number, o: Record<string, unknown>): void {
  const extra = WRITE_OPTIONS.filter((k) => o[k] !== undefined);
  if (extra.length > 0) throw batchError.operationExtra(index, extra);
}

/** One operation of batchWrite(): `{ put: entity }` or `{ delete: Model, key }`. */
export function prepareOperation(
  ctx: MapperContext, index: number, op: BatchWriteOperation, now: Date, options: PutRequestOptions,
): PreparedBatchWrite {
  const o = op as unknown as Record<string, unknown> | null;
  if (o && typeof o === 'object' && 'put' in o && !('delete' in o)) {
    refuseExtra(index, o);
    return preparePut(ctx, 'batchWrite', index, o.put, op, now, options);
  }
  if (o && typeof o === 'object' && 'delete' in o && typeof o.delete === 'function' && !('put' in o)) {
    refuseExtra(index, o);
    return prepareDelete(ctx, 'batchWrite', index, o.delete as Constructor, o.key, op);
  }
  throw batchError.notAnOperation(index, op);
}
