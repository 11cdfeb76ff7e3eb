/**
 * The codec layer: entities ⇄ DynamoDB items, one compiled codec per class (see document.ts),
 * attribute codecs per kind (kinds.ts), generic marshalling (any.ts), keys (key.ts), item size
 * (size.ts). Every refusal is a ValidationError naming Class.property and the rule
 * (src/errors/value.ts); an item over 400 KB is an ItemTooLargeError.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { valueError, valueRule } from '../errors/value';
import type { AttributeSchema, Constructor } from '../metadata/types';
import { getDocumentSchema, getModelSchema, isTableModel } from '../metadata/schema';
import { marshallAt, unmarshallAt } from './any';
import { attributeCodecOf, codecFor, guardedDefault } from './document';
import { comparing, tolerating } from './enum-checks';
import { toPublicError } from './failure';

export { codecFor, type ModelCodec } from './document';
export { checkIndexKeyValue, checkKeyConditionValue, encodeKey, keyOf, tableKeyEncoder } from './key';
export { itemSize, utf8Length, valueSize, ITEM_SIZE_LIMIT } from './size';
export { canonicalNumber } from './numbers';
export { sameValue } from './same-value';
export { tolerating } from './enum-checks';
export { Adopt } from './adopt';
export { adoptNestedDefaults, hasNestedDefaults } from './nested-defaults';

/**
 * Encodes one property value with that attribute's own codec (for condition and update values).
 * `path` names the place in messages, e.g. 'Movie.info.rating'. Undefined and an empty set give
 * undefined (the caller decides: omit, REMOVE, or refuse). Defaults and `required` are not applied.
 */
export function encodeAttribute(attr: AttributeSchema, value: unknown, path: string, compare = false, level = 1): AttributeValue | undefined {
  if (value === undefined) return undefined;
  try {
    const codec = attributeCodecOf(attr);
    return compare ? comparing(() => codec.encode(value, level)) : codec.encode(value, level);
  } catch (error) {
    throw toPublicError(error, path);
  }
}

const enumInside = new WeakMap<AttributeSchema, boolean>();

/** Whether an attribute or a nested class under it (at any depth) restricts a value to an enum; cached per attribute. */
function hasEnumInside(attr: AttributeSchema): boolean {
  let found = enumInside.get(attr);
  if (found === undefined) enumInside.set(attr, (found = enumUnder(attr, new Set())));
  return found;
}

/** The walk behind hasEnumInside (not cached: inside a cycle of classes a partial answer would be wrong). */
function enumUnder(attr: AttributeSchema, seen: Set<Function>): boolean {
  if (attr.enumValues !== undefined) return true;
  const cls = attr.documentClass;
  if (!cls || seen.has(cls)) return false;
  seen.add(cls);
  return getDocumentSchema(cls).attributes.some((a) => enumUnder(a, seen));
}

/** The strings and numbers an AttributeValue holds, at any depth (the enum values it may hold). */
export function scalarsOf(av: AttributeValue | undefined, out: Set<unknown>): Set<unknown> {
  if (av === undefined || av === null || typeof av !== 'object') return out;
  if (typeof av.S === 'string') out.add(av.S);
  else if (typeof av.N === 'string') out.add(Number(av.N));
  else if (Array.isArray(av.SS)) for (const m of av.SS) out.add(m);
  else if (Array.isArray(av.NS)) for (const m of av.NS) out.add(Number(m));
  else if (Array.isArray(av.L)) for (const e of av.L) scalarsOf(e, out);
  else if (av.M && typeof av.M === 'object') for (const k of Object.keys(av.M)) scalarsOf(av.M[k], out);
  return out;
}

/**
 * Checks a changed value as a write (enums included) while tolerating the enum values the
 * attribute held when it was read (`before`): save() of a nested document whose other field
 * changed keeps its old value, even one since removed from the enum; a new value outside the enum
 * is refused. Nothing to check for an attribute without an enum anywhere under it.
 */
export function checkChangedValue(attr: AttributeSchema, value: unknown, path: string, before: AttributeValue | undefined): void {
  if (!hasEnumInside(attr)) return;
  const tolerated = scalarsOf(before, new Set());
  tolerating(tolerated, () => encodeAttribute(attr, value, path));
}

/** An attribute's default (its function called), for the write hooks; a throwing function is a ValidationError at `path`. */
export function defaultValueOf(attr: AttributeSchema, path: string): unknown {
  if (typeof attr.default !== 'function') return attr.default;
  try {
    return guardedDefault(attr.default as () => unknown)();
  } catch (error) {
    throw toPublicError(error, path);
  }
}

/** Decodes one stored value of an attribute (NULL reads as null). */
export function decodeAttribute(attr: AttributeSchema, value: AttributeValue): unknown {
  try {
    return attributeCodecOf(attr).decode(value);
  } catch (error) {
    throw toPublicError(error, attr.property);
  }
}

/**
 * Encodes one element of a list or set attribute: a member of a string/number/binary set as S/N/B,
 * an element of a documentList as that class's map, anything else generically. Undefined is refused.
 */
export function encodeElement(attr: AttributeSchema, value: unknown, path: string, compare = false, level = 2): AttributeValue {
  try {
    const codec = attributeCodecOf(attr);
    return compare ? comparing(() => codec.encodeElement(value, level)) : codec.encodeElement(value, level);
  } catch (error) {
    throw toPublicError(error, path);
  }
}

/** entity → item, with the codec of the entity's own class (`entity.constructor`). */
export function toItem<T extends object>(entity: T): Record<string, AttributeValue> {
  if (entity === null || typeof entity !== 'object') {
    throw valueError.at('toItem', valueRule.wrongType('an instance of a model class', entity));
  }
  return codecFor((entity as { constructor: Constructor<T> }).constructor).toItem(entity);
}

/** item → an instance of Model (constructor not called). */
export function fromItem<T extends object>(Model: Constructor<T>, item: Record<string, AttributeValue>): T {
  const codec = codecFor(Model);
  // Items from DynamoDB always hold the table key; one without it was given by hand, and wrapped
  // ({ Item: {...} } from an export line) more often than not. The mapper's reads skip this check.
  if (isTableModel(Model) && item !== null && typeof item === 'object') {
    const schema = getModelSchema(Model);
    const { partitionKey, sortKey } = schema.key;
    for (const [attr, role] of [[partitionKey, 'partition key'], [sortKey, 'sort key']] as const) {
      if (attr && !Object.prototype.hasOwnProperty.call(item, attr.name)) {
        throw valueError.at(schema.className, valueRule.itemWithoutKey(attr.name, role, Object.keys(item)));
      }
    }
  }
  return codec.fromItem(item);
}

/**
 * Generic marshalling of an arbitrary JS value (kind 'any'), with the same refusals as attributes
 * (NaN/Infinity, out-of-range numbers, undefined in lists, nesting beyond 32 levels). Undefined and
 * an empty set give undefined.
 */
export function marshallAny(value: unknown, path: string, level = 1): AttributeValue | undefined {
  try {
    return marshallAt(value, level);
  } catch (error) {
    throw toPublicError(error, path);
  }
}

/** Generic reading: M → plain object, L → array, N → number (bigint when only a bigint is exact), sets → Set. */
export function unmarshallAny(value: AttributeValue): unknown {
  try {
    return unmarshallAt(value);
  } catch (error) {
    throw toPublicError(error, 'value');
  }
}
