/**
 * Generic marshalling, for attributes of kind `any`, `list` and `map` and for their elements:
 * string → S, number / bigint → N, boolean → BOOL, null → NULL, Uint8Array → B, Date → S (ISO-8601),
 * Set of strings / numbers / binaries → SS / NS / BS (empty: omitted), array → L, plain object or
 * Map → M (undefined members omitted), an instance of a class with @Attribute fields → that class's
 * map. Undefined in a list is refused; so is anything else (functions, symbols, other classes).
 *
 * Reading is the reverse, with two limits that come from having no type to go by: an M becomes a
 * plain object, an S stays a string (even an ISO date), and an N becomes a number when exact, a
 * bigint when it is an integer a number cannot hold, and an error otherwise.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { valueRule } from '../errors/value';
import { copyBytes, storedByteSet, storedBytes } from './bytes';
import { isoFromTime } from './dates';
import { fail, mapKeySegment, setKey, withReadSegment, withSegment } from './failure';
import { bigintToN, nToNumberOrBigint, numberToN } from './numbers';
import { encodeBinarySet, encodeNumberSet, encodeStringSet } from './sets';
import { meter, utf8Length } from './size';

/** Finds the document codec of a class instance met in a generic value (set by document.ts). */
let documentOfClass: (cls: Function) => { encodeMap(entity: object, level: number): Record<string, AttributeValue> } | undefined = () => undefined;

export function setDocumentLookup(lookup: typeof documentOfClass): void {
  documentOfClass = lookup;
}

/** DynamoDB allows 32 levels: the attribute itself (level 1) and maps/lists down to level 31. */
export const MAX_CONTAINER_LEVEL = 31;

/** Refuses a map or list at a level DynamoDB would refuse ("Nesting Levels have exceeded supported limits"). */
export function checkContainerLevel(level: number): void {
  if (level > MAX_CONTAINER_LEVEL) fail(valueRule.tooDeep());
}

export function dateToIso(date: Date): string {
  const ms = date.getTime();
  if (ms !== ms) fail(valueRule.invalidDate());
  return isoFromTime(ms);
}

/** One value at `level` (a top-level attribute is level 1); undefined for undefined and an empty set. */
export function marshallAt(value: unknown, level: number): AttributeValue | undefined {
  // Each value adds its size bound to the meter (see size.ts); containers add their own overhead.
  switch (typeof value) {
    case 'string':
      meter.bound += value.length * 3;
      return { S: value };
    case 'number': {
      const text = numberToN(value);
      meter.bound += text.length + 3;
      return { N: text };
    }
    case 'boolean':
      meter.bound += 1;
      return { BOOL: value };
    case 'bigint': {
      const text = bigintToN(value);
      meter.bound += text.length + 3;
      return { N: text };
    }
    case 'undefined':
      return undefined;
    case 'object':
      if (value === null) {
        meter.bound += 1;
        return { NULL: true };
      }
      return marshallObject(value, level);
  }
  return fail(valueRule.unsupported(value));
}

function marshallObject(value: object, level: number): AttributeValue | undefined {
  if (Array.isArray(value)) return { L: marshallList(value, level) };
  if (value instanceof Date) {
    const text = dateToIso(value);
    meter.bound += text.length;
    return { S: text };
  }
  if (value instanceof Uint8Array) {
    meter.bound += value.byteLength;
    return { B: copyBytes(value) };
  }
  if (value instanceof Set) return marshallSet(value);
  if (value instanceof Map) return { M: marshallMapEntries(value, level) };
  if (value instanceof ArrayBuffer) {
    meter.bound += value.byteLength;
    return { B: copyBytes(value) };
  }
  const proto = Object.getPrototypeOf(value) as { constructor?: unknown } | null;
  if (proto === Object.prototype || proto === null) return { M: marshallPlainObject(value as Record<string, unknown>, level) };
  const codec = typeof proto.constructor === 'function' ? documentOfClass(proto.constructor) : undefined;
  if (codec) return { M: codec.encodeMap(value, level) };
  return fail(valueRule.unsupported(value));
}

/**
 * Built-in objects whose own fields are not what they hold (a URL's, an Error's): a `map` or
 * nested-class attribute given one refuses it rather than storing `{}`.
 */
export function isOpaqueBuiltIn(value: object): boolean {
  return value instanceof Date || value instanceof Set || value instanceof WeakSet || value instanceof WeakMap ||
    value instanceof Promise || value instanceof RegExp || value instanceof Error || ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer || (typeof URL !== 'undefined' && value instanceof URL);
}

/**
 * An object as the fields of an M: through its class's codec when the class has @Attribute
 * fields, else its own enumerable fields (a plain object, one from another realm, a DTO instance
 * made by class-transformer).
 */
export function marshallFields(value: object, level: number): Record<string, AttributeValue> {
  const proto = Object.getPrototypeOf(value) as { constructor?: unknown } | null;
  const codec = proto !== null && proto !== Object.prototype && typeof proto.constructor === 'function' ? documentOfClass(proto.constructor) : undefined;
  return codec ? codec.encodeMap(value, level) : marshallPlainObject(value as Record<string, unknown>, level);
}

export function marshallSet(set: ReadonlySet<unknown>): AttributeValue | undefined {
  if (set.size === 0) return undefined;
  const first: unknown = set.values().next().value;
  if (typeof first === 'string') return encodeStringSet(set);
  if (typeof first === 'number' || typeof first === 'bigint') return encodeNumberSet(set);
  if (first instanceof Uint8Array || first instanceof ArrayBuffer) return encodeBinarySet(set);
  return fail(valueRule.mixedSet(first));
}

/** An array as L at `level`; undefined elements and empty sets are refused (they would shift indexes). */
export function marshallList(list: readonly unknown[], level: number): AttributeValue[] {
  checkContainerLevel(level);
  const length = list.length;
  const out: AttributeValue[] = new Array(length);
  meter.bound += 3 + length;
  let i = 0;
  try {
    for (; i < length; i++) {
      const element = list[i];
      if (element === undefined) fail(valueRule.undefinedInList());
      const av = marshallAt(element, level + 1);
      if (av === undefined) fail(valueRule.emptySetInList());
      out[i] = av;
    }
  } catch (error) {
    throw withSegment(error, `[${i}]`);
  }
  return out;
}

/** DynamoDB's longest attribute name, map keys included: 65,535 bytes (the API reference's limit; the guide rounds it to "64 KB"). */
const MAX_NAME_BYTES = 65_535;

/** A map key DynamoDB accepts: not empty, at most 64 KB (counted only for a key long enough to exceed it). */
export function checkMapKey(key: string): void {
  if (key === '') fail(valueRule.emptyMapKey());
  if (key.length > MAX_NAME_BYTES / 3) {
    const bytes = utf8Length(key);
    if (bytes > MAX_NAME_BYTES) fail(valueRule.mapKeyTooLong(bytes));
  }
}

/** A plain object as M at `level`; undefined members and empty sets are omitted. */
export function marshallPlainObject(object: Record<string, unknown>, level: number): Record<string, AttributeValue> {
  checkContainerLevel(level);
  const out: Record<string, AttributeValue> = {};
  const keys = Object.keys(object);
  meter.bound += 3;
  let i = 0;
  try {
    for (; i < keys.length; i++) {
      const value = object[keys[i]];
      if (value === undefined) continue;
      const av = marshallAt(value, level + 1);
      if (av === undefined) continue;
      const key = keys[i];
      checkMapKey(key);
      meter.bound += key.length * 3 + 1;
      if (key === '__proto__') setKey(out, key, av);
      else out[key] = av;
    }
  } catch (error) {
    throw withSegment(error, mapKeySegment(keys[i]));
  }
  return out;
}

function marshallMapEntries(map: ReadonlyMap<unknown, unknown>, level: number): Record<string, AttributeValue> {
  checkContainerLevel(level);
  const out: Record<string, AttributeValue> = {};
  meter.bound += 3;
  for (const [key, value] of map) {
    if (typeof key !== 'string') fail(valueRule.mapKey(key));
    checkMapKey(key);
    if (value === undefined) continue;
    let av: AttributeValue | undefined;
    try {
      av = marshallAt(value, level + 1);
    } catch (error) {
      throw withSegment(error, mapKeySegment(key));
    }
    if (av !== undefined) {
      meter.bound += key.length * 3 + 1;
      setKey(out, key, av);
    }
  }
  return out;
}

const imprecise = (text: string): never => fail(valueRule.impreciseAny(text));

/** An N read without a declared kind: exact number, else bigint for an integer, else refused. */
export function unmarshallNumber(text: string): number | bigint {
  return nToNumberOrBigint(text, imprecise);
}

type AnyValue = Record<string, unknown>;

/** Whether the value names one of the AttributeValue types (then a wrong payload is malformed, not unknown). */
function stored(v: AnyValue): boolean {
  for (const key of ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']) if (v[key] !== undefined) return true;
  return false;
}

/** One AttributeValue read without a declared kind. */
export function unmarshallAt(av: AttributeValue): unknown {
  if (av === null || typeof av !== 'object') return fail(valueRule.badAttributeValue(av));
  const v = av as unknown as AnyValue;
  if (typeof v.S === 'string') return v.S;
  if (typeof v.N === 'string') return unmarshallNumber(v.N);
  if (typeof v.BOOL === 'boolean') return v.BOOL;
  if (typeof v.M === 'object' && v.M !== null && !Array.isArray(v.M)) return unmarshallMap(v.M as Record<string, AttributeValue>);
  if (Array.isArray(v.L)) return unmarshallList(v.L as AttributeValue[]);
  if (v.NULL === true) return null;
  if (v.B instanceof Uint8Array || typeof v.B === 'string') return storedBytes(v.B);
  if (Array.isArray(v.SS) && v.SS.every((m) => typeof m === 'string')) return new Set(v.SS as string[]);
  if (Array.isArray(v.NS)) {
    const out = new Set<number | bigint>();
    for (const text of v.NS as string[]) out.add(unmarshallNumber(text));
    return out;
  }
  if (Array.isArray(v.BS)) return storedByteSet(v.BS as Uint8Array[]);
  return fail(stored(v) ? valueRule.malformedAttributeValue(av) : valueRule.badAttributeValue(av));
}

export function unmarshallList(list: readonly AttributeValue[]): unknown[] {
  const length = list.length;
  const out: unknown[] = new Array(length);
  let i = 0;
  try {
    for (; i < length; i++) out[i] = unmarshallAt(list[i]);
  } catch (error) {
    throw withReadSegment(error, `[${i}]`);
  }
  return out;
}

export function unmarshallMap(map: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(map);
  let i = 0;
  try {
    for (; i < keys.length; i++) {
      const av = map[keys[i]];
      if (av !== undefined) setKey(out, keys[i], unmarshallAt(av));
    }
  } catch (error) {
    throw withReadSegment(error, mapKeySegment(keys[i]));
  }
  return out;
}
