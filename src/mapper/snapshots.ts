/**
 * What each entity looked like when it was read (or written), so save() can write only what
 * changed. The snapshot lives on the entity itself, in a private class field stamped onto it (a
 * base constructor that returns the object it is given makes a subclass's `#field` land on that
 * object): invisible to Object.keys, Reflect.ownKeys, symbols, JSON.stringify, spread,
 * Object.assign, structuredClone, util.inspect, class-transformer and jest's toEqual, and it
 * dies with its entity. Measured per entity: a WeakMap costs 1-3 µs (hashing and GC work for
 * many short-lived keys), a non-enumerable symbol property via defineProperty ~0.3 µs, the
 * stamped field ~0.03 µs.
 * Entities that are not extensible (sealed, frozen, preventExtensions) when first remembered use
 * a WeakMap; one frozen after it was remembered keeps its field, which stays writable.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { Adopt } from '../codec';
import type { ModelSchema } from '../metadata/types';

/** The item as read; `partial` when it was read with a projection (attributes may be missing). */
export interface Snapshot {
  readonly item: Record<string, AttributeValue>;
  readonly partial: boolean;
  /** Attribute names read in part (a projection of paths inside them, `info.rating`): their stored value is not all of it. */
  readonly partlyRead?: ReadonlySet<string>;
  /**
   * Attribute names whose stored value is unknown: writes of the entity overlapped (their answers
   * may come in any order, so the item remembered last need not be the one stored) or failed
   * after sending (it may or may not have been applied). save() writes them whatever the diff says.
   */
  readonly uncertain?: ReadonlySet<string>;
}

/** How an item was read: whole, or with a projection (and which attributes it read only in part). */
export type ReadShape = false | true | ReadonlySet<string>;

const NONE: ReadonlySet<string> = new Set();

/**
 * What is stored: the item itself for a complete read (no wrapper to allocate on every get and
 * put), a Partial for a read with a projection.
 */
class Partial {
  constructor(readonly item: Record<string, AttributeValue>, readonly partlyRead: ReadonlySet<string>) {}
}
/** What the slot holds after a delete of the entity was applied (no snapshot: its next save() is a put). */
class Deleted {}
const DELETED = new Deleted();
type Stored = Record<string, AttributeValue> | Partial | Deleted;

/** Writes of one entity in flight, and the attributes whose stored value they left unknown. */
interface Writes {
  /** Writes sent and not answered yet. */
  count: number;
  /** Another write started while one was in flight (reset when none is). */
  overlapped: boolean;
  uncertain: Set<string> | undefined;
  /** A delete of the entity ended while other writes were in flight: theirs must not bring the snapshot back. */
  deleted: boolean;
}

/** The hidden slot; `undefined` in it means forgotten. */
class Slot extends Adopt {
  #stored: Stored | undefined;
  #writes: Writes | undefined;

  private constructor(target: object, stored: Stored | undefined) {
    super(target);
    this.#stored = stored;
    this.#writes = undefined;
  }

  /** The write bookkeeping of an entity, made on its first write; null when the entity cannot take a slot. */
  static writes(target: object): Writes | null {
    if (!(#stored in target)) {
      if (!Object.isExtensible(target)) return null;
      new Slot(target, undefined);
    }
    const slot = target as Slot;
    return slot.#writes ?? (slot.#writes = { count: 0, overlapped: false, uncertain: undefined, deleted: false });
  }

  static writesIfAny(target: object): Writes | undefined {
    return #stored in target ? (target as Slot).#writes : undefined;
  }

  /** Writes the slot, adding it to an extensible object that has none; false when it cannot. */
  static write(target: object, stored: Stored | undefined): boolean {
    if (#stored in target) {
      (target as Slot).#stored = stored;
      return true;
    }
    if (stored === undefined || !Object.isExtensible(target)) return false;
    new Slot(target, stored);
    return true;
  }

  static read(target: object): Stored | undefined | null {
    return #stored in target ? (target as Slot).#stored : null;
  }
}

/** Snapshots of entities that were not extensible when first remembered. */
const elsewhere = new WeakMap<object, Stored>();
/** Write bookkeeping of entities that were not extensible when first written. */
const writesElsewhere = new WeakMap<object, Writes>();

function writesOf(entity: object): Writes {
  const own = Slot.writes(entity);
  if (own !== null) return own;
  let writes = writesElsewhere.get(entity);
  if (!writes) writesElsewhere.set(entity, (writes = { count: 0, overlapped: false, uncertain: undefined, deleted: false }));
  return writes;
}

const names = new WeakMap<ModelSchema, readonly string[]>();

/** Every attribute name of a model: what a put (or a delete) may change, for writeEnded/deleteEnded. Made once per model. */
export function attributeNames(schema: ModelSchema): readonly string[] {
  let list = names.get(schema);
  if (!list) names.set(schema, (list = schema.attributes.map((a) => a.name)));
  return list;
}

/** A write of the entity is being sent (put, save, batchPut, a transaction, delete(entity)): see writeEnded and deleteEnded. */
export function writeStarted(entity: object): void {
  const writes = writesOf(entity);
  if (writes.count++ > 0) writes.overlapped = true;
}

/** How a write ended: applied (and its item remembered), refused (nothing applied), or failed (applied or not). */
export type WriteOutcome = 'applied' | 'refused' | 'failed';

/** The outcome of a write that threw: refused when DynamoDB says it applied nothing (a false condition, a cancelled transaction). */
export function failureOutcome(error: unknown): WriteOutcome {
  const cause = (error as { cause?: { name?: string; $metadata?: { attempts?: number } } })?.cause;
  // The SDK resends after a server error or a timeout: a refusal of the second attempt says nothing
  // of the first, which may have been applied (its answer lost).
  if ((cause?.$metadata?.attempts ?? 1) > 1) return 'failed';
  switch (cause?.name) {
    case 'ConditionalCheckFailedException': case 'TransactionCanceledException': case 'ValidationException':
    case 'UnknownOperationException': case 'IdempotentParameterMismatchException':
      return 'refused';
  }
  return 'failed';
}

/**
 * A write started by writeStarted was answered. `touched`: the attribute names it may have
 * changed, asked only when they become uncertain — when this write overlapped another one of the
 * same entity (the answers may come in any order: the item remembered last need not be the one
 * stored, and a later save() diffing against it would skip a change) or failed in a way that may
 * have applied it (a server error, a timeout).
 */
export function writeEnded(entity: object, outcome: WriteOutcome, touched: () => Iterable<string>): void {
  const writes = writesOf(entity);
  writes.count--;
  // A delete of the entity ended while this write was in flight: which of the two DynamoDB applied
  // last is unknown, so what this write remembered is not to be trusted (the next save() puts).
  if (writes.deleted) forget(entity);
  if (outcome === 'refused') {
    // Nothing applied, nothing to doubt (an overlapping write that was applied marks its own names).
  } else if (writes.overlapped || outcome === 'failed') {
    const uncertain = writes.uncertain ?? (writes.uncertain = new Set());
    for (const name of touched()) uncertain.add(name);
  } else {
    // Alone and applied: a put wrote the whole item, a save everything uncertain (it writes those).
    writes.uncertain = undefined;
  }
  if (writes.count === 0) settle(writes);
}

function settle(writes: Writes): void {
  writes.overlapped = false;
  writes.deleted = false;
}

/**
 * A delete of the entity (delete(entity), tx.delete(entity)) started by writeStarted was answered.
 * Once applied, the entity is remembered as deleted (its next save() is a put of a new item), and a write of it still in
 * flight will not bring its snapshot back when it answers later (it may have been applied first).
 */
export function deleteEnded(entity: object, outcome: WriteOutcome, attributes: () => Iterable<string>): void {
  const writes = writesOf(entity);
  writes.count--;
  if (outcome === 'applied') {
    if (!Slot.write(entity, DELETED)) elsewhere.set(entity, DELETED);
    if (writes.count > 0) writes.deleted = true;
  } else if (outcome === 'failed') {
    // Maybe applied: the entity still saves as read, but every attribute is in doubt, so the next
    // save() rewrites them all under its "item exists" condition (and fails loudly if it is gone).
    const uncertain = writes.uncertain ?? (writes.uncertain = new Set());
    for (const name of attributes()) uncertain.add(name);
  }
  if (writes.count === 0) settle(writes);
}

function uncertainOf(entity: object): ReadonlySet<string> | undefined {
  const writes = Slot.writesIfAny(entity) ?? writesElsewhere.get(entity);
  return writes?.uncertain !== undefined && writes.uncertain.size > 0 ? writes.uncertain : undefined;
}

/** `read`: false for a whole item, else the read was a projection (a set: the attributes it read only in part). */
export function remember(entity: object, item: Record<string, AttributeValue>, read: ReadShape = false): void {
  const stored: Stored = read === false ? item : new Partial(item, read === true ? NONE : read);
  if (!Slot.write(entity, stored)) elsewhere.set(entity, stored);
}

/** The read shape of a snapshot, to remember an entity written from it the same way (a partial read stays partial). */
export function shapeOf(snapshot: Snapshot): ReadShape {
  return snapshot.partial ? (snapshot.partlyRead ?? true) : false;
}

/** Whether the entity was last read with a projection (its snapshot is partial): cheap, for the put path. */
export function readInPart(entity: object): boolean {
  const own = Slot.read(entity);
  return (own === null ? elsewhere.get(entity) : own) instanceof Partial;
}

export function snapshotOf(entity: object): Snapshot | undefined {
  const own = Slot.read(entity);
  const stored = own === null ? elsewhere.get(entity) : own;
  if (stored === undefined || stored instanceof Deleted) return undefined;
  const uncertain = uncertainOf(entity);
  const extra = uncertain ? { uncertain } : {};
  if (!(stored instanceof Partial)) return { item: stored, partial: false, ...extra };
  return stored.partlyRead.size === 0 ? { item: stored.item, partial: true, ...extra } : { item: stored.item, partial: true, partlyRead: stored.partlyRead, ...extra };
}

/**
 * Whether the last thing this process knows of the entity is that a delete of it was applied: its
 * version is the deleted item's, so a put writes it as a new item (see write-hooks putAdditions).
 */
export function wasDeleted(entity: object): boolean {
  const own = Slot.read(entity);
  return (own === null ? elsewhere.get(entity) : own) === DELETED;
}

export function forget(entity: object): void {
  if (!Slot.write(entity, undefined)) elsewhere.delete(entity);
}
