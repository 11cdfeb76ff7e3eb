/**
 * Binary values are copied on their way into an item and out of one, so an entity and an item
 * never share bytes: a Uint8Array changed in place after a put or a read must show up as a change
 * (save() compares the entity with the item it last wrote or read), and must not change the item.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { valueRule } from '../errors/value';
import { fail, setKey } from './failure';

/** A copy of binary data (see above). */
export function copyBytes(value: Uint8Array | ArrayBuffer): Uint8Array {
  return value instanceof ArrayBuffer ? new Uint8Array(value.slice(0)) : new Uint8Array(value);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Stored binary data as the entity gets it: a copy of the bytes, or the bytes of base64 text, the
 * form of a B in JSON (DynamoDB Streams records as Lambda receives them, exports).
 */
export function storedBytes(value: Uint8Array | ArrayBuffer | string): Uint8Array {
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return copyBytes(value);
  if (typeof value !== 'string') fail(valueRule.malformedAttributeValue({ B: value }));
  if (!BASE64.test(value)) fail(valueRule.malformedAttributeValue({ B: value }));
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/** The members of a stored binary set (see storedBytes). */
export function storedByteSet(members: readonly (Uint8Array | string)[]): Set<Uint8Array> {
  const out = new Set<Uint8Array>();
  for (let i = 0; i < members.length; i++) out.add(storedBytes(members[i]));
  return out;
}


/**
 * An AttributeValue whose binaries (at any depth) are copies: for converters, which build and read
 * AttributeValues themselves (`toDynamo: (v) => ({ B: v.bytes })` would share the entity's bytes).
 * Reading (`own` = storedBytes), a binary given as base64 text (Streams, exports) becomes its bytes.
 */
export function withOwnBytes(av: AttributeValue, own: (b: Uint8Array) => Uint8Array = copyBytes): AttributeValue {
  if (av.B !== undefined) return { B: own(av.B) };
  if (av.BS !== undefined) return { BS: av.BS.map((m) => own(m)) };
  if (av.L !== undefined) {
    // Rebuilt only when an element changed (held binaries): most converter values hold none.
    let out: AttributeValue[] | undefined;
    for (let i = 0; i < av.L.length; i++) {
      const element = withOwnBytes(av.L[i], own);
      if (element !== av.L[i]) (out ??= av.L.slice())[i] = element;
    }
    return out ? { L: out } : av;
  }
  if (av.M !== undefined) {
    let out: Record<string, AttributeValue> | undefined;
    for (const key of Object.keys(av.M)) {
      const value = withOwnBytes(av.M[key], own);
      if (value !== av.M[key]) setKey((out ??= { ...av.M }), key, value);
    }
    return out ? { M: out } : av;
  }
  return av;
}
