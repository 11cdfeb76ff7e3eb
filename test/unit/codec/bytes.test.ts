/**
 * Entity and item never share bytes (so save() sees bytes changed in place, and changing an entity
 * after a write cannot change the snapshot): binary, binary sets, binaries inside generic values,
 * and what converters give and take.
 */
import 'reflect-metadata';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { fromItem, toItem } from '../../../src/codec';
import { withOwnBytes } from '../../../src/codec/bytes';
import { Attribute, PartitionKey, Table } from '../../../src/decorators';

class Blob {
  constructor(readonly bytes: Uint8Array) {}
}

@Table({ name: 'Bytes' })
class Holder {
  @PartitionKey({ type: 'string' }) id!: string;
  @Attribute({ type: 'binary' }) bytes?: Uint8Array;
  @Attribute({ type: 'binarySet' }) set?: Set<Uint8Array>;
  @Attribute({ type: 'any' }) anything?: unknown;
  @Attribute({ converter: { toDynamo: (b: Blob) => ({ M: { b: { B: b.bytes }, n: { N: '1' } } }), fromDynamo: (av) => new Blob(av.M!.b.B!) } })
  blob?: Blob;
}

describe('bytes', () => {
  it('are copied into an item and out of it, for every kind that holds them', () => {
    const h = Object.assign(new Holder(), {
      id: 'a', bytes: new Uint8Array([1]), set: new Set([new Uint8Array([2])]), anything: { x: Buffer.from([3]) }, blob: new Blob(new Uint8Array([4])),
    });
    const item = toItem(h);
    expect(item.bytes.B).toEqual(new Uint8Array([1]));
    expect(item.bytes.B).not.toBe(h.bytes);
    expect(item.set.BS![0]).not.toBe([...h.set!][0]);
    expect(item.anything.M!.x.B).not.toBe((h.anything as { x: Buffer }).x);
    expect(item.blob.M!.b.B).not.toBe(h.blob!.bytes);

    const back = fromItem(Holder, item);
    expect(back.bytes).toEqual(new Uint8Array([1]));
    expect(back.bytes).not.toBe(item.bytes.B);
    expect([...back.set!][0]).not.toBe(item.set.BS![0]);
    expect((back.anything as { x: Uint8Array }).x).not.toBe(item.anything.M!.x.B);
    expect(back.blob!.bytes).toEqual(new Uint8Array([4]));
    expect(back.blob!.bytes).not.toBe(item.blob.M!.b.B);
  });

  it('a converter value without binaries is passed on as it is, not rebuilt', () => {
    const value: AttributeValue = { M: { a: { L: [{ S: 'x' }, { N: '1' }] }, b: { BOOL: true } } };
    expect(withOwnBytes(value)).toBe(value);
    const withBytes: AttributeValue = { M: { a: { L: [{ S: 'x' }, { B: new Uint8Array([1]) }] }, b: { BOOL: true } } };
    const copied = withOwnBytes(withBytes);
    expect(copied).toEqual(withBytes);
    expect(copied.M!.a.L![1].B).not.toBe(withBytes.M!.a.L![1].B);
    expect(copied.M!.b).toBe(withBytes.M!.b);
  });
});
