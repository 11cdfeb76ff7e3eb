/**
 * save(): for an entity that was read, one UpdateItem with only what changed since the read
 * (SET for changed attributes, REMOVE for cleared ones), conditioned on the item still existing
 * and, with @Version, on the version read. An entity never read is written with put().
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ModelCodec } from '../codec';
import { remove, notExists, exists } from '../expressions';
import type { UpdateChanges } from '../expressions';
import { ValidationError } from '../errors/classes';
import type { ModelSchema } from '../metadata/types';
import type { MapperContext } from './context';
import { combine, keyObject, updateInput, type PreparedUpdate } from './item-inputs';
import { sameValue } from './snapshots';
import { timestamp, type HookCondition } from './write-hooks';

export interface PreparedSave {
  readonly update?: PreparedUpdate;
  /** The item as it will be stored, to become the entity's new snapshot. */
  readonly item: Record<string, AttributeValue>;
}

export function buildSaveInput<T extends object>(
  ctx: MapperContext, schema: ModelSchema, codec: ModelCodec<T>, entity: T, snapshot: Record<string, AttributeValue>, now: Date,
): PreparedSave {
  const e = entity as Record<string, unknown>;
  const assign: Record<string, unknown> = {};
  const conditions: HookCondition[] = [{ [schema.key.partitionKey.property]: exists() }];
  if (schema.version) {
    const read = e[schema.version.property];
    assign[schema.version.property] = typeof read === 'number' ? read + 1 : 1;
    conditions.push(read === undefined || read === null
      ? { [schema.version.property]: notExists() }
      : { [schema.version.property]: read });
  }
  const current = codec.toItem(entity);
  for (const k of [schema.key.partitionKey, schema.key.sortKey]) {
    if (k && !sameValue(snapshot[k.name], current[k.name])) {
      throw new ValidationError('save.keyChanged',
        `save of ${schema.className}: key property ${k.property} changed since the entity was read. ` +
        'A key is the identity of an item: use put() to write a new item (and delete() for the old one).');
    }
  }
  const changes: Record<string, unknown> = {};
  for (const attr of schema.attributes) {
    if (attr.role === 'partitionKey' || attr.role === 'sortKey' || attr.role === 'version' || attr.role === 'updatedAt') continue;
    const stored = snapshot[attr.name];
    const wanted = current[attr.name];
    if (wanted === undefined && stored !== undefined) changes[attr.property] = remove();
    else if (wanted !== undefined && !sameValue(wanted, stored)) changes[attr.property] = e[attr.property];
  }
  if (Object.keys(changes).length === 0) return { item: snapshot };
  if (schema.updatedAt) assign[schema.updatedAt.property] = timestamp(now);
  const staged = Object.assign(Object.create(Object.getPrototypeOf(entity)) as T, entity, assign);
  const item = codec.toItem(staged);
  const all = { ...changes, ...assign } as UpdateChanges<T>;
  const update = updateInput(ctx, schema, keyObject(schema, entity), all,
    { condition: combine<T>(undefined, conditions), returnValues: 'NONE' }, 'save', !!schema.version, assign);
  return { update, item };
}
