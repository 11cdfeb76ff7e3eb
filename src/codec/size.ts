/**
 * Item size as DynamoDB counts it against the 400 KB limit: attribute names plus values, UTF-8 for
 * strings, numbers by significant digits, 3 bytes per map/list plus 1 per element (developer
 * guide, "Item sizes"; the number rule as dynalite reproduces it).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { numberSize } from './numbers';

/** 400 KB. */
export const ITEM_SIZE_LIMIT = 400 * 1024;

/**
 * The running upper bound of the size of the values being encoded. Encoders of containers and of
 * generic values add what they create as they create it (the same rules as valueSizeBound: a
 * string's length × 3, a number's text + 3, 3 per map or list plus 1 per element, a map's names
 * × 3), so a field's bound is the meter's growth across its encoding: walking the finished maps
 * again, with a lookup per name on objects of every shape, cost more than encoding them.
 * Encoding is synchronous, so one meter serves every codec.
 */
export const meter = { bound: 0 };

/** UTF-8 byte length; a JS loop for short strings (cheaper than a native call), Buffer for long ones. */
export function utf8Length(text: string): number {
  const length = text.length;
  if (length > 64) return Buffer.byteLength(text, 'utf8');
  let bytes = length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 2; // a surrogate pair: 2 UTF-16 units, 4 bytes
        i++;
      } else bytes += 2;
    } else bytes += 2;
  }
  return bytes;
}

function binaryLength(b: unknown): number {
  if (b instanceof Uint8Array) return b.byteLength;
  if (typeof b === 'string') return Buffer.byteLength(b, 'base64');
  return 0;
}

type AnyValue = AttributeValue & Record<string, unknown>;

/** The exact size of one value (names of nested maps included). */
export function valueSize(av: AttributeValue): number {
  const v = av as unknown as AnyValue;
  if (v.S !== undefined) return utf8Length(v.S as string);
  if (v.N !== undefined) return numberSize(v.N as string);
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.B !== undefined) return binaryLength(v.B);
  if (v.M !== undefined) return 3 + mapSize(v.M as Record<string, AttributeValue>, true);
  if (v.L !== undefined) {
    const list = v.L as AttributeValue[];
    let size = 3;
    for (let i = 0; i < list.length; i++) size += 1 + valueSize(list[i]);
    return size;
  }
  if (v.SS !== undefined) {
    let size = 0;
    for (const s of v.SS as string[]) size += utf8Length(s);
    return size;
  }
  if (v.NS !== undefined) {
    let size = 0;
    for (const n of v.NS as string[]) size += numberSize(n);
    return size;
  }
  if (v.BS !== undefined) {
    let size = 0;
    for (const b of v.BS as unknown[]) size += binaryLength(b);
    return size;
  }
  return 0;
}

function mapSize(map: Record<string, AttributeValue>, nested: boolean): number {
  let size = 0;
  for (const name of Object.keys(map)) {
    const value = map[name];
    if (value === undefined) continue;
    size += utf8Length(name) + valueSize(value) + (nested ? 1 : 0);
  }
  return size;
}

/** Size in bytes as DynamoDB counts it (names + values). */
export function itemSize(item: Record<string, AttributeValue>): number {
  return mapSize(item, false);
}

/**
 * A cheap upper bound of valueSize (string lengths × 3, number text length + 3), so that small
 * items, the usual case, are never measured exactly.
 */
export function valueSizeBound(av: AttributeValue): number {
  const v = av as unknown as AnyValue;
  if (v.S !== undefined) return (v.S as string).length * 3;
  if (v.N !== undefined) return (v.N as string).length + 3;
  if (v.M !== undefined) return 3 + mapSizeBound(v.M as Record<string, AttributeValue>);
  if (v.L !== undefined) {
    const list = v.L as AttributeValue[];
    let size = 3;
    for (let i = 0; i < list.length; i++) size += 1 + valueSizeBound(list[i]);
    return size;
  }
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS !== undefined) {
    let size = 0;
    for (const s of v.SS as string[]) size += s.length * 3;
    return size;
  }
  if (v.NS !== undefined) {
    let size = 0;
    for (const n of v.NS as string[]) size += n.length + 3;
    return size;
  }
  return valueSize(av);
}

function mapSizeBound(map: Record<string, AttributeValue>): number {
  let size = 0;
  for (const name in map) {
    const value = map[name];
    if (value === undefined) continue;
    size += name.length * 3 + valueSizeBound(value) + 1;
  }
  return size;
}

/** The size of an item whose upper bound is `bound`, when it is over 400 KB; else undefined (measured only when the bound is over). */
export function sizeIfTooLarge(item: Record<string, AttributeValue>, bound: number): number | undefined {
  if (bound <= ITEM_SIZE_LIMIT) return undefined;
  const size = itemSize(item);
  return size > ITEM_SIZE_LIMIT ? size : undefined;
}
