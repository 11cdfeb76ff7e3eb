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

  it('writes exactly what toISOString writes across the 4-digit years it writes itself (0000 to 9999)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        expect(isoFromTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
    for (const ms of [-62_167_219_200_000, 253_402_300_799_999, 0, -1, 951_782_400_000]) expect(isoFromTime(ms)).toBe(new Date(ms).toISOString());
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

  it('refuses impossible dates and text that is not ISO-8601 (Date.parse reads 2023-02-29 as March 1, "1" as 2001)', () => {
    for (const text of ['2023-02-29T00:00:00.000Z', '2023-02-29', '2021-02-29T00:00:00Z', '2023-04-31T00:00:00.000Z', '2023-13-01T00:00:00.000Z',
      '2023-01-01T24:00:00.000Z', '2023-01-01T00:60:00.000Z', 'x023-01-01T00:00:00.000Z', '1900-02-29T00:00:00.000Z', 'not a date', '1',
      'hello 5', '2020-01-01T00:00:00+25:00', '-000000-01-01T00:00:00Z', '2020-1-1', '2020-01-01  00:00:00Z', '2020-01-01T00:00:00+2']) {
      expect([text, timeFromIso(text)]).toEqual([text, NaN]);
    }
    expect(timeFromIso('2000-02-29T00:00:00.000Z')).toBe(Date.UTC(2000, 1, 29));
  });

  it('reads the other ISO forms strictly: no zone is UTC (not the machine\'s), fractions to the millisecond, offsets', () => {
    expect(timeFromIso('2020-01-01T00:00:00')).toBe(Date.UTC(2020, 0, 1));
    expect(timeFromIso('2020-01-01T00:00')).toBe(Date.UTC(2020, 0, 1));
    expect(timeFromIso('2020-01-01T00:00:00.123456Z')).toBe(Date.UTC(2020, 0, 1, 0, 0, 0, 123));
    expect(timeFromIso('2020-01-01T00:00:00.5Z')).toBe(Date.UTC(2020, 0, 1, 0, 0, 0, 500));
    expect(timeFromIso('2020-01-01T02:30:00+0230')).toBe(Date.UTC(2020, 0, 1));
    expect(timeFromIso('2019-12-31T22:00:00-02:00')).toBe(Date.UTC(2020, 0, 1));
    // RFC 3339's space and lowercase letters (SQL, Python's str(datetime)), an hour-only offset.
    expect(timeFromIso('2020-01-01 00:00:00')).toBe(Date.UTC(2020, 0, 1));
    expect(timeFromIso('2020-01-01t02:00:00+02')).toBe(Date.UTC(2020, 0, 1));
    expect(timeFromIso('2020-01-01T00:00:00.000z')).toBe(Date.UTC(2020, 0, 1));
    expect(timeFromIso('-000001-01-01T00:00:00.000Z')).toBe(Date.parse('-000001-01-01T00:00:00.000Z'));
  });
});
