import 'reflect-metadata';
import { decodeAttribute, fromItem, toItem, unmarshallAny } from '../../../src/codec';
import { Attribute, PartitionKey, Table } from '../../../src/decorators';
import { ValidationError } from '../../../src/errors/classes';
import { getModelSchema } from '../../../src/metadata';
import { caught } from './fixtures';

@Table()
class Account {
  @PartitionKey({ type: 'bigint' }) id!: bigint;
  @Attribute() balance?: number;
  @Attribute({ type: 'bigint' }) cents?: bigint;
  @Attribute({ type: 'numberSet' }) ids?: Set<number>;
  @Attribute({ type: 'map' }) extra?: Record<string, unknown>;
}

describe('bigint', () => {
  it('round-trips integers far beyond 2^53 exactly', () => {
    const values = [2n ** 53n + 1n, -(2n ** 63n) - 7n, 10n ** 37n + 1n, 0n, -1n];
    for (const cents of values) {
      const item = toItem(Object.assign(new Account(), { id: 1n, cents }));
      expect(item.cents).toEqual({ N: cents.toString() });
      expect(fromItem(Account, item).cents).toBe(cents);
    }
  });

  it('is a key type: the partition key is a bigint', () => {
    const item = toItem(Object.assign(new Account(), { id: 9007199254740993n }));
    expect(item.id).toEqual({ N: '9007199254740993' });
    expect(fromItem(Account, item).id).toBe(9007199254740993n);
  });

  it('accepts 38 significant digits and trailing zeros beyond them, refuses 39', () => {
    expect(toItem(Object.assign(new Account(), { id: 1n, cents: 10n ** 38n - 1n })).cents).toEqual({ N: '9'.repeat(38) });
    expect(toItem(Object.assign(new Account(), { id: 1n, cents: 12n * 10n ** 100n })).cents).toEqual({ N: '12' + '0'.repeat(100) });
    const error = caught(() => toItem(Object.assign(new Account(), { id: 1n, cents: 10n ** 38n + 1n })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('value.numberTooPrecise');
    expect(error.message).toBe(`Account.cents: 1${'0'.repeat(37)}1 has 39 significant digits; DynamoDB stores at most 38: ` +
      "round it to 38 digits, or store the exact digits as text (type: 'string', or a converter)");
  });

  it('refuses a bigint of magnitude 1E+126 or more, and accepts the largest below (1E+125 and 9.9E+125: DynamoDB stores them)', () => {
    expect(caught(() => toItem(Object.assign(new Account(), { id: 1n, cents: 10n ** 126n }))).code).toBe('value.numberTooLarge');
    expect(caught(() => toItem(Object.assign(new Account(), { id: 1n, cents: -(10n ** 126n) }))).code).toBe('value.numberTooLarge');
    for (const cents of [10n ** 125n, 99n * 10n ** 124n, -(10n ** 125n)]) {
      const item = toItem(Object.assign(new Account(), { id: 1n, cents }));
      expect(fromItem(Account, item).cents).toBe(cents);
    }
  });

  it('refuses to read a non-integer into a bigint', () => {
    const error = caught(() => fromItem(Account, { id: { N: '1' }, cents: { N: '1.5' } }));
    expect(error.message).toBe('Account.cents: 1.5 is not an integer, so it cannot be a bigint');
  });
});

describe('reading N into a number loses nothing but the last digits of a fraction', () => {
  it('throws a ValidationError that says to declare type: bigint', () => {
    const error = caught(() => fromItem(Account, { id: { N: '1' }, balance: { N: '9007199254740993' } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('value.imprecise');
    expect(error.message).toBe(
      "Account.balance: the stored number 9007199254740993 cannot be read as a JavaScript number and written back unchanged " +
        "(a number holds it as 9007199254740992): declare the attribute with type: 'bigint' (or give it a converter)",
    );
  });

  it('reads a fraction with more digits than a double holds as the nearest double (DynamoDB adds in decimal: increment(0.1) of 0.30000000000000004 stores 0.40000000000000004)', () => {
    expect(fromItem(Account, { id: { N: '1' }, balance: { N: '0.12345678901234567890123' } }).balance).toBe(0.12345678901234568);
    expect(fromItem(Account, { id: { N: '1' }, balance: { N: '0.40000000000000004' } }).balance).toBe(0.4);
    expect(fromItem(Account, { id: { N: '1' }, balance: { N: '7.6333333333333333' } }).balance).toBe(7.633333333333333);
  });

  it('refuses what a double would change beyond the last digits of a fraction, pointing at bigint or a converter', () => {
    // an integer a double cannot hold is another integer
    expect(caught(() => fromItem(Account, { id: { N: '1' }, balance: { N: '1E+400' } })).code).toBe('value.imprecise');
    // a fraction beyond 2^53: its integer part would change
    const error = caught(() => fromItem(Account, { id: { N: '1' }, balance: { N: '9007199254740993.5' } }));
    expect(error.code).toBe('value.imprecise');
    expect(error.message).toMatch(/: give the attribute a converter that keeps the text \(a decimal library\)$/);
  });

  it('reads every value a JS number wrote, and writes it back as the same DynamoDB number', () => {
    for (const n of [0, -0.5, 0.1, 1 / 3, Math.PI, 2 ** 53, 2 ** 60, 1e21, 1.7976931348623157e125, 1e-130, 123456789.123456]) {
      const item = toItem(Object.assign(new Account(), { id: 1n, balance: n }));
      expect(fromItem(Account, item).balance).toBe(n);
      expect(toItem(fromItem(Account, item))).toEqual(item);
    }
    expect(fromItem(Account, { id: { N: '1' }, balance: { N: '1000000000000000000000' } }).balance).toBe(1e21);
  });

  it('refuses an integer written in full that JS would write back as another number (2^60 from a Java long)', () => {
    // 1152921504606846976 is exactly 2^60, but a number writes 1152921504606847000: put of the read entity would change it.
    const error = caught(() => fromItem(Account, { id: { N: '1' }, balance: { N: '1152921504606846976' } }));
    expect(error.code).toBe('value.imprecise');
    expect(error.message).toMatch(/1152921504606846976 cannot be read as a JavaScript number and written back unchanged \(a number holds it as 1152921504606847000\): declare the attribute with type: 'bigint'/);
    expect(fromItem(Account, { id: { N: '1152921504606846976' } }).id).toBe(2n ** 60n);
  });

  it('an untyped (any/map) number written in full beyond 2^53 reads as a bigint, and is written back unchanged', () => {
    const item = { id: { N: '1' }, extra: { M: { big: { N: '1267650600228229401496703205376' }, js: { N: '1152921504606847000' } } } };
    const read = fromItem(Account, item);
    expect(read.extra).toEqual({ big: 2n ** 100n, js: 2 ** 60 });
    expect(toItem(read).extra).toEqual(item.extra);
  });

  it('a number set refuses members that are one number (1 and 1n), a bigint that would not read back as written (2n ** 60n), and such a stored set', () => {
    expect(caught(() => toItem(Object.assign(new Account(), { id: 1n, ids: new Set<number | bigint>([1, 1n]) as Set<number> }))).code)
      .toBe('value.duplicateSetMember');
    // 2n ** 60n is exactly 2 ** 60, but its digits (1152921504606846976) would read back as a number JavaScript writes 1152921504606847000.
    expect(caught(() => toItem(Object.assign(new Account(), { id: 1n, ids: new Set<number | bigint>([2n ** 60n]) as Set<number> }))).code)
      .toBe('value.imprecise');
    // Stored by other code: two members DynamoDB keeps apart that are one JavaScript number.
    expect(caught(() => fromItem(Account, { id: { N: '1' }, ids: { NS: ['1152921504606847000', '1152921504606846976'] } })).code).toBe('value.imprecise');
    expect([...fromItem(Account, { id: { N: '1' }, ids: { NS: ['1152921504606847000', '1'] } }).ids!]).toEqual([2 ** 60, 1]);
  });

  it('refuses an imprecise member of a number set, pointing at a converter', () => {
    const error = caught(() => fromItem(Account, { id: { N: '1' }, ids: { NS: ['1', '12345678901234567891'] } }));
    expect(error.message).toMatch(/^Account\.ids: the stored number set holds 12345678901234567891, which cannot be read/);
  });

  it('refuses text that is not a number', () => {
    expect(caught(() => fromItem(Account, { id: { N: '1' }, balance: { N: 'abc' } })).message).toBe('Account.balance: "abc" is not a number');
  });

  it('reads big integers as bigint in `any` (no type to go by) and refuses imprecise decimals there', () => {
    expect(unmarshallAny({ N: '9007199254740993' })).toBe(9007199254740993n);
    expect(unmarshallAny({ N: '12.5' })).toBe(12.5);
    expect(unmarshallAny({ NS: ['1', '9007199254740993'] })).toEqual(new Set([1, 9007199254740993n]));
    expect(unmarshallAny({ N: '1.00000000000000000001' })).toBe(1);   // a fraction: the nearest double
    expect(caught(() => unmarshallAny({ N: '9007199254740993.5' })).code).toBe('value.imprecise');
  });

  it('decodeAttribute reads one value with the attribute codec', () => {
    const balance = getModelSchema(Account).byProperty.get('balance')!;
    expect(decodeAttribute(balance, { N: '42' })).toBe(42);
    expect(caught(() => decodeAttribute(balance, { S: '42' })).message).toBe(
      "balance: is stored as S, but the attribute expects N (a number): fix the stored data or the attribute's type",
    );
  });
});
