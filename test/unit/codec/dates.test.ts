import fc from 'fast-check';
import { isoFromTime, timeFromIso } from '../../../src/codec/dates';

describe('fast ISO-8601 dates', () => {
  it('writes exactly what Date.prototype.toISOString writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(isoFromTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
  });

  it('reads back what it writes, and whatever else Date.parse reads', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(timeFromIso(isoFromTime(ms))).toBe(ms);
      }),
      { numRuns: 5000 },
    );
    for (const text of ['2024-02-29T00:00:00Z', '2024-02-29', '2024-02-29T01:00:00.000+01:00', '+010000-01-01T00:00:00.000Z']) {
      expect(timeFromIso(text)).toBe(Date.parse(text));
    }
  });

  it('refuses impossible dates as Date.parse does', () => {
    for (const text of ['2023-02-29T00:00:00.000Z', '2023-04-31T00:00:00.000Z', '2023-13-01T00:00:00.000Z', '2023-01-01T24:00:00.000Z',
      '2023-01-01T00:60:00.000Z', 'x023-01-01T00:00:00.000Z', '1900-02-29T00:00:00.000Z', 'not a date']) {
      expect(timeFromIso(text)).toBe(Date.parse(text));
    }
    expect(timeFromIso('2000-02-29T00:00:00.000Z')).toBe(Date.UTC(2000, 1, 29));
  });
});
