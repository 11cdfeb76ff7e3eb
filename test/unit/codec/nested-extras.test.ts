/**
 * Keys of a stored nested document that its class does not declare (another service's, or another
 * model version's) are carried by the instance read from it and written back with it. Regression:
 * save() of one changed field of a nested document deleted them (the map was written whole from
 * the declared fields only).
 */
import 'reflect-metadata';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { Exclude } from 'class-transformer';
import { fromItem, toItem } from '../../../src/codec';
import { Attribute, PartitionKey, Table } from '../../../src/decorators';

class Prefs {
  @Attribute({ type: 'string' }) theme?: string;
  @Attribute({ type: () => Prefs }) inner?: Prefs;
}
class Line {
  @Attribute({ type: 'string' }) sku?: string;
  @Attribute({ type: 'number', name: 'quantity' }) qty?: number;
}

@Table({ name: 'Extras' })
class User {
  @PartitionKey({ type: 'string' }) id!: string;
  @Attribute({ type: () => Prefs }) prefs?: Prefs;
  @Attribute({ type: () => [Line] }) lines?: Line[];
}

const stored: Record<string, AttributeValue> = {
  id: { S: 'u' },
  other: { S: 'top-level, not declared' },
  prefs: { M: { theme: { S: 'dark' }, locale: { S: 'nb-NO' }, inner: { M: { theme: { S: 'x' }, deep: { N: '1' } } } } },
  lines: { L: [{ M: { sku: { S: 'A' }, quantity: { N: '1' }, giftWrap: { BOOL: true } } }, { M: { sku: { S: 'B' }, quantity: { N: '2' }, note: { S: 'fragile' } } }] },
};

describe('undeclared keys of a nested document', () => {
  it('are written back with the instance read from it, at any depth and in lists, changed or not', () => {
    const user = fromItem(User, stored);
    expect(user.prefs).toEqual(Object.assign(new Prefs(), { theme: 'dark', inner: Object.assign(new Prefs(), { theme: 'x' }) }));
    expect(Object.keys(user.prefs!)).toEqual(['theme', 'inner']);
    user.prefs!.theme = 'light';
    user.lines![1].qty = 3;
    const item = toItem(user);
    expect(item.prefs).toEqual({ M: { theme: { S: 'light' }, locale: { S: 'nb-NO' }, inner: { M: { theme: { S: 'x' }, deep: { N: '1' } } } } });
    expect(item.lines).toEqual({ L: [
      { M: { sku: { S: 'A' }, quantity: { N: '1' }, giftWrap: { BOOL: true } } },
      { M: { sku: { S: 'B' }, quantity: { N: '3' }, note: { S: 'fragile' } } },
    ] });
    // A top-level attribute the model does not declare is not the codec's: save() leaves it alone, put replaces the item.
    expect(item.other).toBeUndefined();
  });

  it('follow the instance: a moved element keeps its own, a new instance has none', () => {
    const user = fromItem(User, stored);
    user.lines!.reverse();
    user.lines!.push(Object.assign(new Line(), { sku: 'C', qty: 1 }));
    user.prefs = Object.assign(new Prefs(), { theme: 'new' });
    const item = toItem(user);
    expect(item.lines.L!.map((l) => Object.keys(l.M!))).toEqual([['sku', 'quantity', 'note'], ['sku', 'quantity', 'giftWrap'], ['sku', 'quantity']]);
    expect(item.prefs).toEqual({ M: { theme: { S: 'new' } } });
  });

  it('a declared attribute cleared on the instance stays cleared (it is not an extra)', () => {
    const user = fromItem(User, stored);
    user.prefs!.theme = undefined;
    expect(toItem(user).prefs.M!.theme).toBeUndefined();
  });
});

describe('undeclared keys: what the instance keeps', () => {
  class Info {
    @Attribute({ type: 'number' }) rating?: number;
    @Exclude({ toPlainOnly: true }) @Attribute({ type: 'string' }) readOnly?: string;    // read, never written
    @Exclude({ toClassOnly: true }) @Attribute({ type: 'string' }) writeOnly?: string;   // written, never read
  }
  @Table({ name: 'ExtrasExcluded' })
  class Doc {
    @PartitionKey({ type: 'string' }) id!: string;
    @Attribute({ type: () => Info }) info?: Info;
  }

  it('keeps the stored values of one-way @Exclude attributes, which the instance would not write back', () => {
    const doc = fromItem(Doc, { id: { S: 'd' }, info: { M: { rating: { N: '1' }, readOnly: { S: 'RO' }, writeOnly: { S: 'WO' } } } });
    expect(doc.info).toEqual(Object.assign(new Info(), { rating: 1, readOnly: 'RO' }));
    doc.info!.rating = 2;
    expect(toItem(doc).info).toEqual({ M: { rating: { N: '2' }, readOnly: { S: 'RO' }, writeOnly: { S: 'WO' } } });
    doc.info!.writeOnly = 'new';   // given a value, the instance's wins
    expect(toItem(doc).info.M!.writeOnly).toEqual({ S: 'new' });
  });

  it('are copies, never shared with the item read or written, with base64 binaries as bytes and odd keys kept', () => {
    const read = { id: { S: 'u' }, prefs: { M: { theme: { S: 'dark' }, note: { S: 'n' }, blob: { B: 'AQID' }, ['__proto__']: { S: 'p' } } } };
    const user = fromItem(User, JSON.parse(JSON.stringify(read)) as never);
    const item = toItem(user);
    expect(item.prefs.M!.blob).toEqual({ B: new Uint8Array([1, 2, 3]) });
    expect(Object.getPrototypeOf(item.prefs.M)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(item.prefs.M, '__proto__')).toBe(true);
    item.prefs.M!.note.S = 'changed in my copy';
    expect(toItem(user).prefs.M!.note).toEqual({ S: 'n' });
  });
});
