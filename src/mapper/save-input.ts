/**
 * save(): for an entity that was read, one UpdateItem with only what changed since the read
 * (SET for changed attributes, REMOVE for cleared ones), conditioned on the item still existing
 * and, with @Version, on the version read. An entity never read is written with put().
 *
 * An entity read with a projection (get's `project`, query/scan `.project()`, a KEYS_ONLY or
 * INCLUDE index) is partial: attributes it never read are left alone — never removed, never
 * overwritten with a default.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { checkChangedValue, decodeAttribute, scalarsOf, tolerating, defaultValueOf, encodeAttribute, hasNestedDefaults, itemSize, ITEM_SIZE_LIMIT, sameValue } from '../codec';
import { valueError, valueRule } from '../errors/value';
import { remove, exists, ifNotExists } from '../expressions';
import type { UpdateChanges } from '../expressions';
import type { AttributeSchema, ModelSchema } from '../metadata/types';
import type { MapperContext } from './context';
import { combine, keyObject, updateInput, type PreparedUpdate } from './item-inputs';
import type { Snapshot } from './snapshots';
import { changedKey, nextVersion, stillUnversioned, timestamp, unassignable, type HookCondition } from './write-hooks';
import { writeError } from '../errors/write';

export interface PreparedSave<T> {
  readonly update?: PreparedUpdate;
  /** With an update: the entity as it will be stored (hooks applied), for class-validator. */
  readonly staged?: T;
  /** What the stored item looks like after the save (as far as it was read), the new snapshot. */
  readonly item: Record<string, AttributeValue>;
  /** With an update: the attribute names it writes (SET or REMOVE), hooks included. */
  readonly touched?: readonly string[];
}

const SKIPPED_ROLES = new Set<AttributeSchema['role']>(['partitionKey', 'sortKey', 'version', 'updatedAt']);


/**
 * What a save of a read entity depends on: the item still exists and, with @Version, still has
 * the version read (none, if it had none). tx.save of an unchanged entity checks exactly this.
 */
export function asRead(schema: ModelSchema, entity: object): HookCondition[] {
  const conditions: HookCondition[] = [{ [schema.key.partitionKey.property]: exists() }];
  if (schema.version) {
    const read = (entity as Record<string, unknown>)[schema.version.property];
    conditions.push(read === undefined || read === null ? stillUnversioned(schema.version, entity) : { [schema.version.property]: read });
  }
  return conditions;
}

/**
 * Whether `wanted` is what reading `before` gave, written again: the stored text may be another
 * form of the same value (a date without milliseconds or with an offset, written by other code),
 * which is no change of the entity's and must not be rewritten.
 */
function sameAsRead(attr: AttributeSchema, wanted: AttributeValue, before: AttributeValue | undefined, at: string): boolean {
  // A converter's round trip need not be the identity (a lowercasing one would hide a real change).
  if (before === undefined || attr.converter !== undefined || !OTHER_FORMS.has(attr.kind)) return false;
  try {
    return sameValue(wanted, encodeAttribute(attr, decodeAttribute(attr, before), at));
  } catch {
    return false; // the old value breaks a write rule (an enum value since removed): the new one is a change
  }
}

/** Kinds whose stored text has other forms than the one dynamap writes (dates, numbers, values inside). */
const OTHER_FORMS = new Set<AttributeSchema['kind']>(['date', 'epochSeconds', 'number', 'bigint', 'numberSet', 'any', 'map', 'list', 'document', 'documentList']);

export function buildSaveInput<T extends object>(
  ctx: MapperContext, schema: ModelSchema, entity: T, snapshot: Snapshot, now: Date,
): PreparedSave<T> {
  const e = entity as Record<string, unknown>;
  const stored = snapshot.item;
  const path = (attr: AttributeSchema) => `${schema.className}.${attr.property}`;
  const moved = changedKey(schema, entity, stored);
  if (moved) throw writeError.keyChanged(schema.className, moved.property);

  const version = schema.version;
  if (version && snapshot.partial && stored[version.name] === undefined && e[version.property] === undefined) {
    // Without the version read, the check could only be "no version yet", which fails for every
    // versioned item: say what to do instead of reporting a conflict that did not happen.
    throw writeError.versionNotRead('save', schema.className, version.property);
  }

  const assign: Record<string, unknown> = {};
  const changes: Record<string, unknown> = {};
  /** Nested documents whose defaults were just filled (encoded once): written and staged as encoded, not encoded again. */
  const filled: Record<string, unknown> = {};
  /** Values the changed attributes held when read: their enums tolerate them when the update is built (checkChangedValue checked each). */
  const tolerated = new Set<unknown>();
  const nestedDefaults = hasNestedDefaults(schema);
  const item: Record<string, AttributeValue> = { ...stored };
  const touched: string[] = [];
  for (const attr of schema.attributes) {
    // class-transformer's one-way @Exclude: a write-only field is never read, a read-only one never written.
    if (SKIPPED_ROLES.has(attr.role) || attr.exclude) continue;
    let value = e[attr.property];
    const before = stored[attr.name];
    // Left unknown by overlapping or failed writes of this entity (snapshots.ts): written whatever the diff says.
    const forced = snapshot.uncertain?.has(attr.name) === true;
    if (value === undefined) {
      if (snapshot.partial && before === undefined && !forced) continue; // not read: not ours to change
      if (attr.hasDefault) value = assign[attr.property] = defaultValueOf(attr, path(attr));
    }
    // Compared without the enum check: a value since removed from an enum, read and left alone, is
    // no change and must not make the save fail; a changed value is checked in full below.
    const wanted = encodeAttribute(attr, value, path(attr), true);
    if (snapshot.partlyRead?.has(attr.name)) {
      // Read in part (`info.rating`): the stored value holds more than was read, so writing it
      // whole (or removing it) would delete the rest. Unchanged means equal to what reading gave
      // (decoded and encoded again, so a nested class's defaults count as read).
      const read = before === undefined ? undefined : encodeAttribute(attr, decodeAttribute(attr, before), path(attr), true);
      if (!sameValue(wanted, read)) throw writeError.partlyRead(schema.className, attr.property);
      continue;
    }
    if (wanted === undefined && (before !== undefined || forced)) {
      changes[attr.property] = remove();
      delete item[attr.name];
      touched.push(attr.name);
    } else if (wanted !== undefined && (forced || (!sameValue(wanted, before) && !sameAsRead(attr, wanted, before, path(attr))))) {
      touched.push(attr.name);
      checkChangedValue(attr, value, path(attr), before); // a changed value obeys its enums (old values tolerated)
      scalarsOf(before, tolerated);
      // A nested document with defaults: the value as encoded once (its defaults filled), so that the
      // request, the snapshot and the entity (adoptNestedDefaults) hold the same default values.
      changes[attr.property] = attr.documentClass && nestedDefaults ? (filled[attr.property] = decodeAttribute(attr, wanted)) : value;
      item[attr.name] = wanted;
    }
  }
  if (Object.keys(changes).length === 0) return { item: stored };

  const conditions = asRead(schema, entity);
  if (schema.version) {
    const read = e[schema.version.property];
    assign[schema.version.property] = read === undefined || read === null ? 1 : nextVersion(schema, read);
  }
  if (schema.updatedAt) assign[schema.updatedAt.property] = timestamp(now);
  // An item written before the model had @CreatedAt (or by other code) has none: its first save
  // with a change gives it one, as put and update do (if_not_exists: a concurrent writer's wins).
  const created = schema.createdAt;
  const fillCreated = created !== undefined && !created.exclude && !snapshot.partial &&
    e[created.property] === undefined && stored[created.name] === undefined;
  if (fillCreated) assign[created.property] = timestamp(now);
  const refused = unassignable(entity, assign);
  if (refused.length) throw writeError.notAssignable('save', schema.className, refused);
  for (const attr of [schema.version, schema.updatedAt, fillCreated ? created : undefined]) {
    if (attr) {
      item[attr.name] = encodeAttribute(attr, assign[attr.property], path(attr))!;
      touched.push(attr.name);
    }
  }
  // What class-validator checks: the caller's values with the hooks' (not `filled`: the nested
  // documents as encoded would lose a subclass's rules and write-only fields; validation merges
  // their defaults from the item itself).
  const staged = Object.assign(Object.create(Object.getPrototypeOf(entity)) as T, entity, assign);
  // The item as it will be stored is checked as a whole before anything is sent: its required
  // attributes (a complete read only: a partial one did not read them all) and the 400 KB limit.
  if (!snapshot.partial) {
    for (const attr of schema.attributes) {
      if (attr.required && !attr.exclude && item[attr.name] === undefined) throw valueError.at(path(attr), valueRule.required());
    }
  }
  const size = itemSize(item);
  if (size > ITEM_SIZE_LIMIT) throw valueError.itemTooLarge(schema.className, size, ITEM_SIZE_LIMIT);
  const hookChanges: Record<string, unknown> = {};
  for (const attr of [schema.version, schema.updatedAt]) if (attr) hookChanges[attr.property] = assign[attr.property];
  if (fillCreated) hookChanges[created.property] = ifNotExists(assign[created.property] as never);
  const update = tolerating(tolerated, () => updateInput(ctx, schema, keyObject(schema, entity), { ...changes, ...hookChanges } as UpdateChanges<T>,
    { condition: combine<T>(undefined, conditions), returnValues: 'NONE' }, 'save', !!schema.version, assign));
  return { update, item, staged, touched };
}
