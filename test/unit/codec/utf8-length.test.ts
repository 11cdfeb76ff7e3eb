/** The UTF-8 byte count behind the 400 KB item limit: what DynamoDB counts, for every string. */
import fc from 'fast-check';
import { utf8Length } from '../../../src/codec/size';

describe('utf8Length', () => {
  it('is Buffer.byteLength for any string, short (counted by hand) or long (property)', () => {
    // UTF-16 units anywhere in the range, lone surrogates included (they count as U+FFFD: 3 bytes).
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0x7ff }), fc.integer({ min: 0x800, max: 0xffff }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
    ).map((c) => String.fromCharCode(c));
    const text = fc.oneof(
      fc.array(unit, { maxLength: 64 }).map((units) => units.join('')),
      fc.array(unit, { minLength: 60, maxLength: 200 }).map((units) => units.join('')),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    fc.assert(fc.property(text, (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')), { numRuns: 5000 });
  });

  it('counts an emoji (a surrogate pair) as 4 bytes in a short string', () => {
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('a😀b😀')).toBe(10);
    expect(utf8Length('\ud83d')).toBe(3);   // a lone surrogate, written as U+FFFD
  });
});
