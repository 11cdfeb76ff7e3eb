/**
 * Write hooks: what @Version, @CreatedAt, @UpdatedAt and defaults add to a write. Each hook looks
 * at the schema and the entity and returns property assignments (applied to the entity only once
 * the write succeeded) and conditions (ANDed with the caller's). Operations stay free of
 * per-feature branches.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { exists, notExists } from '../expressions';
import { defaultValueOf, encodeAttribute, sameValue } from '../codec';
import { writeError } from '../errors/write';
import { snapshotOf, wasDeleted } from './snapshots';
import type { AttributeSchema, ModelSchema } from '../metadata/types';

/** A condition contributed by a hook, in the object form the expression layer takes. */
export type HookCondition = Record<string, unknown>;

export interface WriteAdditions {
  /** Property → value to store (and to assign to the entity after success). */
  readonly assign: Record<string, unknown>;
  readonly conditions: HookCondition[];
  /** True when a @Version requirement was added (for the error message). */
  readonly versioned: boolean;
  /** The @Version requirement is that no item exists (a new entity, or one deleted or given another key since it was read). */
  readonly newItem?: boolean;
}

function valueOf(entity: object, attr: AttributeSchema): unknown {
  return (entity as Record<string, unknown>)[attr.property];
}

/** The instant a write happens, as the attribute wants it (Date for date/epochSeconds kinds). */
export function timestamp(now: Date): Date {
  return new Date(now.getTime());
}

/** What a write of a model without defaults, timestamps or version adds: nothing (shared, never changed). */
export const NO_ADDITIONS: WriteAdditions = Object.freeze({
  assign: Object.freeze({}) as Record<string, unknown>,
  conditions: Object.freeze([]) as unknown as HookCondition[],
  versioned: false,
});

const defaulted = new WeakMap<ModelSchema, readonly AttributeSchema[]>();

/** The attributes of a model that have a `default`, listed once per model. */
function defaultedOf(schema: ModelSchema): readonly AttributeSchema[] {
  let list = defaulted.get(schema);
  if (!list) {
    list = schema.attributes.filter((attr) => attr.hasDefault);
    defaulted.set(schema, list);
  }
  return list;
}

/** True when a put of the model adds nothing: no default, no timestamp, no version. */
export function putAddsNothing(schema: ModelSchema): boolean {
  return defaultedOf(schema).length === 0 && !schema.createdAt && !schema.updatedAt && !schema.version;
}

/**
 * Additions for writing a whole entity (put, save of a new entity, transaction put):
 * a new versioned entity gets version 1 and requires that no item exists; a read one gets
 * version + 1 and requires the version it had (one read from an item without a version gets 1 and
 * requires that the item still has none).
 */
export function putAdditions(schema: ModelSchema, entity: object, now: Date): WriteAdditions {
  if (putAddsNothing(schema)) return NO_ADDITIONS;
  const defaults = defaultedOf(schema);
  const assign: Record<string, unknown> = {};
  const conditions: HookCondition[] = [];
  let versioned = false;
  let newItem = false;
  for (const attr of defaults) {
    if (valueOf(entity, attr) === undefined) {
      assign[attr.property] = defaultValueOf(attr, `${schema.className}.${attr.property}`);
    }
  }
  if (schema.createdAt && valueOf(entity, schema.createdAt) === undefined) assign[schema.createdAt.property] = timestamp(now);
  if (schema.updatedAt) assign[schema.updatedAt.property] = timestamp(now);
  if (schema.version) {
    versioned = true;
    const current = valueOf(entity, schema.version);
    if (current === undefined || current === null) {
      assign[schema.version.property] = 1;
      // Read from an item without a version (written before the model had @Version, or by other
      // code): that item must still be there without one, as for save(). A new entity: no item yet.
      const snapshot = snapshotOf(entity);
      if (snapshot !== undefined && changedKey(schema, entity, snapshot.item) === undefined) {
        conditions.push({ [schema.key.partitionKey.property]: exists() }, stillUnversioned(schema.version, entity));
      } else {
        conditions.push({ [schema.key.partitionKey.property]: notExists() });
        newItem = true;
      }
    } else {
      assign[schema.version.property] = nextVersion(schema, current);
      // Deleted by this process since it was read or written, or given another key: a new item
      // (at that key), whose version continues from the one read, so that a copy read before the
      // delete cannot overwrite it.
      const snapshot = snapshotOf(entity);
      newItem = wasDeleted(entity) || (snapshot !== undefined && changedKey(schema, entity, snapshot.item) !== undefined);
      conditions.push(newItem ? { [schema.key.partitionKey.property]: notExists() } : { [schema.version.property]: current });
    }
  }
  return { assign, conditions, versioned, newItem };
}

/**
 * The first key attribute whose value on the entity is not the one of the item it was read (or
 * last written) as, if any: save() refuses such an entity, put() writes a new item at the new key.
 * A key value the codec refuses throws its error here (naming the property), before any request.
 */
export function changedKey(schema: ModelSchema, entity: object, item: Readonly<Record<string, AttributeValue>>): AttributeSchema | undefined {
  for (const k of [schema.key.partitionKey, schema.key.sortKey]) {
    if (k && !sameValue(item[k.name], encodeAttribute(k, valueOf(entity, k), `${schema.className}.${k.property}`, true))) return k;
  }
  return undefined;
}

/**
 * The version after `current`, which must be one dynamap could have written: a symbol or bigint
 * would throw a TypeError in `+ 1`, a string would concatenate, and 2^53 + 1 is 2^53, which would
 * make the next write's check pass against its own version.
 */
export function nextVersion(schema: ModelSchema, current: unknown): number {
  if (typeof current !== 'number' || !Number.isSafeInteger(current) || current < 0 || current >= Number.MAX_SAFE_INTEGER) {
    throw writeError.badVersion(schema.className, schema.version!.property, current);
  }
  return current + 1;
}

/**
 * Additions for deleting an entity: the version it holds must still be the stored one. An entity
 * that was read without a version (the item had none) requires that there still is none, as save()
 * does; one read with a projection that left the version out cannot be checked and is refused.
 * An entity never read, without a version, is deleted by its key.
 */
export function deleteAdditions(schema: ModelSchema, entity: object): WriteAdditions {
  const version = schema.version;
  if (!version) return { assign: {}, conditions: [], versioned: false };
  const current = valueOf(entity, version);
  if (current !== undefined && current !== null) return { assign: {}, conditions: [{ [version.property]: current }], versioned: true };
  const snapshot = snapshotOf(entity);
  if (snapshot === undefined) return { assign: {}, conditions: [], versioned: false };
  if (snapshot.partial && snapshot.item[version.name] === undefined) throw writeError.versionNotRead('delete', schema.className, version.property);
  return { assign: {}, conditions: [stillUnversioned(version, entity)], versioned: true };
}

/**
 * The condition that an item read without a version number still has none: no version attribute,
 * or the NULL it was read with (a version stored as NULL by other code, read as null).
 */
export function stillUnversioned(version: AttributeSchema, entity: object): HookCondition {
  const read = snapshotOf(entity)?.item[version.name];
  return { [version.property]: read !== undefined && read.NULL === true ? null : notExists() };
}

/**
 * Whether `entity[property] = value` surely succeeds on an entity that is frozen, sealed or not
 * extensible: an own writable data property, or room for a new one. A setter is not counted: it
 * may store the value in another property the entity cannot take, which would fail after the write.
 */
function settable(entity: object, property: string): boolean {
  const own = Object.getOwnPropertyDescriptor(entity, property);
  if (own) return own.set === undefined && own.get === undefined && own.writable === true;
  for (let o = Object.getPrototypeOf(entity) as object | null; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const inherited = Object.getOwnPropertyDescriptor(o, property);
    if (inherited) {
      if (inherited.get !== undefined || inherited.set !== undefined || inherited.writable !== true) return false;
      break;
    }
  }
  return Object.isExtensible(entity);
}

/**
 * The properties of `assign` that cannot be set on the entity (frozen, sealed or non-extensible).
 * Checked before sending, since they are set only once the write succeeded.
 */
export function unassignable(entity: object, assign: Record<string, unknown>): string[] {
  if (!Object.isFrozen(entity) && Object.isExtensible(entity)) return [];
  return Object.keys(assign).filter((property) => !settable(entity, property));
}
