import { convertToAttr, convertToNative } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { marshallAny, unmarshallAny } from '../../../src/codec';
import { caught } from './fixtures';

/** JSON-like values DynamoDB can hold (numbers inside `max`, nesting bounded). */
function storableValues(max: number, keyFilter: (key: string) => boolean = () => true) {
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 6 },
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -max, max })
        .filter((n) => n === 0 || Math.abs(n) > 1e-120)
        .map((n) => (n === 0 ? 0 : n)), // -0 is stored as 0: DynamoDB has no negative zero
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      // No empty key (DynamoDB refuses one; tested with the refusals), no "__proto__" (the SDK's
      // convertToAttr sets its output's prototype with it; dynamap keeps it as data, tested below).
      fc.dictionary(fc.string({ minLength: 1 }).filter((k) => k !== '__proto__' && keyFilter(k)), tie('value'), { maxKeys: 4 }),
      fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 4 }).map((a) => new Set(a)),
      fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 4 }).map((a) => new Set(a)),
    ),
  })).value;
}

const storable = storableValues(1e120);
/**
 * The AWS SDK refuses numbers beyond Number.MAX_SAFE_INTEGER (it wants BigInt or NumberValue there),
 * and an object with an own "constructor" key (it reads `value.constructor.name` to tell plain
 * objects from class instances): regression, this property test failed on the SDK's side whenever
 * fast-check's random seed produced `{ constructor: [] }`. dynamap keeps such a key as data (the
 * round trip above generates it).
 */
const sdkSafe = storableValues(Number.MAX_SAFE_INTEGER, (key) => key !== 'constructor');

describe('marshallAny / unmarshallAny', () => {
  it('round-trips JSON-like values, sets included', () => {
    fc.assert(
      fc.property(storable, (value) => {
        expect(unmarshallAny(marshallAny(value, 'X.v')!)).toEqual(value);
      }),
    );
  });

  it('writes the same AttributeValues as the AWS SDK for the values both accept', () => {
    fc.assert(
      fc.property(sdkSafe, (value) => {
        expect(marshallAny(value, 'X.v')).toEqual(convertToAttr(value));
      }),
    );
  });

  it('reads what the AWS SDK writes the same way the SDK reads it (safe numbers)', () => {
    fc.assert(
      fc.property(sdkSafe, (value) => {
        const av = convertToAttr(value);
        expect(unmarshallAny(av)).toEqual(convertToNative(av));
      }),
    );
  });

  it('marshals the special values', () => {
    expect(marshallAny(undefined, 'X.v')).toBeUndefined();
    expect(marshallAny(new Set(), 'X.v')).toBeUndefined();
    expect(marshallAny(12n, 'X.v')).toEqual({ N: '12' });
    expect(marshallAny(new Date(0), 'X.v')).toEqual({ S: '1970-01-01T00:00:00.000Z' });
    expect(marshallAny(new Uint8Array([1]), 'X.v')).toEqual({ B: new Uint8Array([1]) });
    expect(marshallAny(new Set([new Uint8Array([1])]), 'X.v')).toEqual({ BS: [new Uint8Array([1])] });
    expect(marshallAny({ a: undefined, b: 1 }, 'X.v')).toEqual({ M: { b: { N: '1' } } });
    expect(marshallAny(Object.assign(Object.create(null), { a: 1 }), 'X.v')).toEqual({ M: { a: { N: '1' } } });
  });

  it('keeps a "__proto__" key as data both ways', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const av = marshallAny(value, 'X.v')!;
    expect(Object.keys((av as { M: object }).M)).toEqual(['__proto__']);
    const back = unmarshallAny(av) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the path of a refused value', () => {
    expect(caught(() => marshallAny({ a: [1, { 'b c': NaN }] }, 'Thing.data')).message).toBe(
      'Thing.data.a[1]["b c"]: NaN is not a number DynamoDB can store (NaN and Infinity are refused): give a finite number, or leave the property undefined (it is then not stored)',
    );
  });

  it('refuses a Set mixing strings and numbers', () => {
    expect(caught(() => marshallAny(new Set(['a', 1]), 'X.v')).message).toBe('X.v: expected a string (a member of a string set), got the number 1');
  });

  it('refuses to read something that is not an AttributeValue', () => {
    expect(caught(() => unmarshallAny({} as never)).code).toBe('value.badAttributeValue');
  });
});

describe('an own "constructor" key', () => {
  it('is data, both ways (the AWS SDK refuses such an object)', () => {
    const value = { constructor: [1], name: 'x' };
    const av = marshallAny(value, 'X.v')!;
    expect(av).toEqual({ M: { constructor: { L: [{ N: '1' }] }, name: { S: 'x' } } });
    expect(unmarshallAny(av)).toEqual(value);
  });
});
