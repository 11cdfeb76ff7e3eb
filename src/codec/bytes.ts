/**
 * Binary values are copied on their way into an item and out of one, so an entity and an item
 * never share bytes: a Uint8Array changed in place after a put or a read must show up as a change
 * (save() compares the entity with the item it last wrote or read), and must not change the item.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { setKey } from './failure';

/** A copy of binary data (see above). */
export function copyBytes(value: Uint8Array | ArrayBuffer): Uint8Array {
  return value instanceof ArrayBuffer ? new Uint8Array(value.slice(0)) : new Uint8Array(value);
}

/** The members of a binary set, copied (see copyBytes). */
export function copyByteSet(members: readonly Uint8Array[]): Set<Uint8Array> {
  const out = new Set<Uint8Array>();
  for (let i = 0; i < members.length; i++) out.add(copyBytes(members[i]));
  return out;
}

/**
 * An AttributeValue whose binaries (at any depth) are copies: for converters, which build and read
 * AttributeValues themselves (`toDynamo: (v) => ({ B: v.bytes })` would share the entity's bytes).
 */
export function withOwnBytes(av: AttributeValue): AttributeValue {
  if (av.B !== undefined) return { B: copyBytes(av.B) };
  if (av.BS !== undefined) return { BS: av.BS.map((m) => copyBytes(m)) };
  if (av.L !== undefined) {
    // Rebuilt only when an element changed (held binaries): most converter values hold none.
    let out: AttributeValue[] | undefined;
    for (let i = 0; i < av.L.length; i++) {
      const element = withOwnBytes(av.L[i]);
      if (element !== av.L[i]) (out ??= av.L.slice())[i] = element;
    }
    return out ? { L: out } : av;
  }
  if (av.M !== undefined) {
    let out: Record<string, AttributeValue> | undefined;
    for (const key of Object.keys(av.M)) {
      const value = withOwnBytes(av.M[key]);
      if (value !== av.M[key]) setKey((out ??= { ...av.M }), key, value);
    }
    return out ? { M: out } : av;
  }
  return av;
}
