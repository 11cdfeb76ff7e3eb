/**
 * Items that did not come from DynamoDB's own answers (fromItem of a DynamoDB Streams record, an
 * export, hand-written JSON): malformed AttributeValues are a ValidationError naming the path, never
 * a TypeError or a value of the wrong type; B as base64 text (the JSON form) is read as its bytes;
 * an attribute named like an Object.prototype member is read from the item only.
 */
import 'reflect-metadata';
import { fromItem, toItem } from '../../../src/codec';
import { Attribute, PartitionKey, SortKey, Table } from '../../../src/decorators';
import { ValidationError } from '../../../src/errors/classes';
import { caught } from './fixtures';

class Inner {
  @Attribute({ type: 'string' }) note?: string;
}

@Table({ name: 'Stored' })
class Stored {
  @PartitionKey({ type: 'string' }) id!: string;
  @Attribute({ type: 'string' }) s?: string;
  @Attribute({ type: 'number' }) n?: number;
  @Attribute({ type: 'boolean' }) flag?: boolean;
  @Attribute({ type: 'binary' }) bytes?: Uint8Array;
  @Attribute({ type: 'binarySet' }) blobs?: Set<Uint8Array>;
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Attribute({ type: () => Inner }) inner?: Inner;
  @Attribute({ type: 'any' }) anything?: unknown;
  @Attribute({ converter: { toDynamo: (v: Uint8Array) => ({ M: { raw: { B: v } } }), fromDynamo: (av) => av.M!.raw.B as Uint8Array } }) converted?: Uint8Array;
  @Attribute({ type: 'string', name: 'constructor' }) kind?: string;
  @Attribute({ type: 'number', name: 'toString' }) count?: number;
}

const ID = { id: { S: 'x' } };

describe('stored items that are not well formed', () => {
  it.each([
    ['{ S: 5 } in a string attribute', { s: { S: 5 } }, 'Stored.s'],
    ['{ N: 5 } (not text)', { n: { N: 5 } }, 'Stored.n'],
    ['{ BOOL: "false" }', { flag: { BOOL: 'false' } }, 'Stored.flag'],
    ['{ SS: "ab" } (not an array)', { tags: { SS: 'ab' } }, 'Stored.tags'],
    ['{ M: "x" } for a nested class', { inner: { M: 'x' } }, 'Stored.inner'],
    ['{ M: null }', { inner: { M: null } }, 'Stored.inner'],
    ['null instead of an AttributeValue', { s: null }, 'Stored.s'],
    ['{ B: "not base64!" }', { bytes: { B: 'not base64!' } }, 'Stored.bytes'],
    ['{ B: 5 } (neither bytes nor base64 text)', { bytes: { B: 5 } }, 'Stored.bytes'],
    ['{ BS: [5] }', { blobs: { BS: [5] } }, 'Stored.blobs'],
    ['{ N: 5 } inside an any list', { anything: { L: [{ N: 5 }] } }, 'Stored.anything[0]'],
    ['{ S: 5 } inside a nested class', { inner: { M: { note: { S: 5 } } } }, 'Stored.inner.note'],
  ])('%s is a ValidationError at its path', (_name, attributes, path) => {
    const error = caught(() => fromItem(Stored, { ...ID, ...attributes } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('value.badAttributeValue');
    expect(error.message.startsWith(`${path}: `)).toBe(true);
  });

  it('a value of another type is still told as such (not malformed)', () => {
    expect(caught(() => fromItem(Stored, { ...ID, s: { N: '5' } })).code).toBe('value.storedType');
  });
});

describe('B as base64 text (the JSON form of DynamoDB Streams records and exports)', () => {
  it('is read as its bytes, in a binary attribute, a binary set and an any value', () => {
    const stored = fromItem(Stored, { ...ID, bytes: { B: 'aGVsbG8=' }, blobs: { BS: ['AQI=', 'Aw=='] }, anything: { M: { b: { B: 'AA==' } } } } as never);
    expect(Buffer.from(stored.bytes!).toString()).toBe('hello');
    expect([...stored.blobs!].map((b) => [...b])).toEqual([[1, 2], [3]]);
    expect(stored.anything).toEqual({ b: new Uint8Array([0]) });
  });

  it('is given to a converter as its bytes, at any depth (regression: "1234" became 1234 zero bytes)', () => {
    const stored = fromItem(Stored, { ...ID, converted: { M: { raw: { B: '1234' } } } } as never);
    expect(stored.converted).toEqual(new Uint8Array([215, 109, 248]));
    expect(caught(() => fromItem(Stored, { ...ID, converted: { M: { raw: { B: 'not base64!' } } } } as never)).code).toBe('value.badAttributeValue');
  });
});

describe('attribute names Object.prototype also has', () => {
  it('are read from the item only: an item without them reads as without them', () => {
    const entity = fromItem(Stored, toItem(Object.assign(new Stored(), { id: 'x' })));
    expect(entity.kind).toBeUndefined();
    expect(entity.count).toBeUndefined();
    const full = fromItem(Stored, toItem(Object.assign(new Stored(), { id: 'x', kind: 'k', count: 2 })));
    expect([full.kind, full.count]).toEqual(['k', 2]);
  });
});

describe('a default function that throws', () => {
  it('is a ValidationError at the attribute, at any depth, with the error as its cause', () => {
    class Part { @Attribute({ type: 'string', default: () => { throw new Error('no token today'); } }) token?: string; }
    @Table({ name: 'Defaults' })
    class WithDefaults {
      @PartitionKey({ type: 'string' }) id!: string;
      @Attribute({ type: () => Part }) part?: Part;
    }
    const error = caught(() => toItem(Object.assign(new WithDefaults(), { id: 'x', part: new Part() })));
    expect(error.code).toBe('value.default');
    expect(error.message).toBe('WithDefaults.part.token: the default function threw: no token today');
    expect((error as Error).cause).toEqual(new Error('no token today'));
  });
});

describe('fromItem of something that is not a whole item', () => {
  it('refuses an item without the table key, and recognizes an export line wrapped in { Item }', () => {
    const wrapped = caught(() => fromItem(Stored, { Item: { M: { id: { S: 'x' } } } } as never));
    expect(wrapped).toBeInstanceOf(ValidationError);
    expect(wrapped.code).toBe('value.itemWithoutKey');
    expect(wrapped.message).toBe('Stored: the item has no "id" attribute (the partition key), so it is not a whole item of this model: ' +
      'it looks like an export or Streams record; pass its Item (record.Item, or record.dynamodb.NewImage)');
    expect(caught(() => fromItem(Stored, { s: { S: 'no key' } })).message).toMatch(/^Stored: the item has no "id" attribute \(the partition key\), so it is not a whole item of this model$/);
  });
});

@Table({ name: 'DatedKeys' })
class DatedKey {
  @PartitionKey({ type: 'string' }) id!: string;
  @SortKey({ type: 'date' }) at!: Date;
  @Attribute({ type: 'date' }) seen?: Date;
}

@Table({ name: 'SecondKeys' })
class SecondKey {
  @PartitionKey({ type: 'epochSeconds' }) at!: Date;
}

@Table({ name: 'ConvertedKeys' })
class ConvertedKey {
  // Upper-cases on the way in: a stored lower-case key cannot be written back as itself.
  @PartitionKey({ converter: { keyType: 'S', toDynamo: (v: string) => ({ S: v.toUpperCase() }), fromDynamo: (av) => av.S! } }) code!: string;
}

describe('a table key stored in a form dynamap would not write back (regression: get missed it, put made a second item)', () => {
  it('refuses a date key in another ISO form, an epoch-seconds key with a fraction and a converter key that changes, naming the form', () => {
    const date = caught(() => fromItem(DatedKey, { id: { S: 'x' }, at: { S: '2020-01-01T00:00:00Z' } }));
    expect(date).toBeInstanceOf(ValidationError);
    expect(date.code).toBe('value.keyForm');
    expect(date.message).toContain('DatedKey.at: the stored key value {"S":"2020-01-01T00:00:00Z"} would be written back as {"S":"2020-01-01T00:00:00.000Z"}');
    expect(date.message).toContain("type: 'string'");
    const seconds = caught(() => fromItem(SecondKey, { at: { N: '1700000000.5' } }));
    expect([seconds.code, seconds.message]).toEqual(['value.keyForm', expect.stringContaining('{"N":"1700000000.5"} would be written back as {"N":"1700000000"}')]);
    expect(caught(() => fromItem(ConvertedKey, { code: { S: 'ab' } })).code).toBe('value.keyForm');
  });

  it('refuses to write an epoch-seconds key with a fraction (it would be stored so, then refused by every read)', () => {
    const error = caught(() => toItem(Object.assign(new SecondKey(), { at: 1_700_000_000.5 })));
    expect([error.code, error.message]).toEqual(['value.keyForm', expect.stringContaining('SecondKey.at: the number 1700000000.5 has a fraction of a second')]);
    expect(toItem(Object.assign(new SecondKey(), { at: 1_700_000_000 })).at).toEqual({ N: '1700000000' });
    expect(toItem(Object.assign(new SecondKey(), { at: new Date(1_700_000_000_500) })).at).toEqual({ N: '1700000000' });
  });

  it('reads a key in the form dynamap writes, and other ISO forms in attributes that are not the table key', () => {
    const read = fromItem(DatedKey, { id: { S: 'x' }, at: { S: '2020-01-01T00:00:00.000Z' }, seen: { S: '2020-01-01T00:00:00+01:00' } });
    expect(read.at.toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(read.seen!.toISOString()).toBe('2019-12-31T23:00:00.000Z');
    expect(toItem(read).at).toEqual({ S: '2020-01-01T00:00:00.000Z' });
    // N keys compare as numbers: 1700000000.0 is the key 1700000000.
    expect(fromItem(SecondKey, { at: { N: '1700000000.0' } }).at.getTime()).toBe(1_700_000_000_000);
    expect(fromItem(ConvertedKey, { code: { S: 'AB' } }).code).toBe('AB');
  });
});
