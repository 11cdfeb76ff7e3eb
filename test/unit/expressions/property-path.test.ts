/** The property path parser, and DynamoDB's value order used by the BETWEEN check. */
import { compareAttributeValues } from '../../../src/expressions';
import { formatPropertyPath, parsePropertyPath } from '../../../src/expressions/property-path';

describe('parsePropertyPath', () => {
  it.each([
    ['rating', [{ kind: 'name', name: 'rating' }]],
    ['info.rating', [{ kind: 'name', name: 'info' }, { kind: 'name', name: 'rating' }]],
    ['info.actors[0]', [{ kind: 'name', name: 'info' }, { kind: 'name', name: 'actors' }, { kind: 'index', index: 0 }]],
    ['a[1][22].b', [{ kind: 'name', name: 'a' }, { kind: 'index', index: 1 }, { kind: 'index', index: 22 }, { kind: 'name', name: 'b' }]],
    ['meta["a.b"].c', [{ kind: 'name', name: 'meta' }, { kind: 'name', name: 'a.b' }, { kind: 'name', name: 'c' }]],
    ['meta["x]\\"y"]', [{ kind: 'name', name: 'meta' }, { kind: 'name', name: 'x]"y' }]],
    ['🎉.ü-1', [{ kind: 'name', name: '🎉' }, { kind: 'name', name: 'ü-1' }]],
  ])('%s', (path, segments) => {
    expect(parsePropertyPath(path)).toEqual({ ok: true, segments });
  });

  it.each([
    ['', 'it is empty'],
    ['.a', 'a name is missing before "." at position 0'],
    ['a.', 'it ends with "."'],
    ['a..b', 'a name is missing before "." at position 2'],
    ['[0]', 'a name is missing before "[" at position 0'],
    ['a[', '"[" at position 1 is not closed'],
    ['a[-1]', '[-1] is not a list index (a whole number)'],
    ['a[01]', '[01] is not a list index (a whole number)'],
    ['a[1.5]', '[1.5] is not a list index (a whole number)'],
    ['a]', '"]" at position 1 has no "["'],
    ['a[0]b', '"." or "[" is missing at position 4'],
    ['a["x]', 'the quoted name at position 2 is not closed by "]'],
  ])('refuses %j', (path, reason) => {
    expect(parsePropertyPath(path)).toEqual({ ok: false, reason });
  });

  it('formats back, quoting names that hold dots or brackets', () => {
    for (const path of ['info.rating', 'info.actors[0].name', 'meta["a.b"][2]']) {
      const parsed = parsePropertyPath(path);
      expect(parsed.ok && formatPropertyPath(parsed.segments)).toBe(path);
    }
  });
});

describe('compareAttributeValues (DynamoDB order)', () => {
  it('numbers exactly, beyond doubles', () => {
    expect(compareAttributeValues({ N: '10' }, { N: '9' })).toBeGreaterThan(0);
    expect(compareAttributeValues({ N: '-10' }, { N: '-9' })).toBeLessThan(0);
    expect(compareAttributeValues({ N: '1.0' }, { N: '1' })).toBe(0);
    expect(compareAttributeValues({ N: '12345678901234567890123456789012345679' }, { N: '12345678901234567890123456789012345678' })).toBeGreaterThan(0);
    expect(compareAttributeValues({ N: '1e3' }, { N: '999.5' })).toBeGreaterThan(0);
    expect(compareAttributeValues({ N: '0.001' }, { N: '-0' })).toBeGreaterThan(0);
  });
  it('strings by UTF-8 bytes, binaries bytewise, other pairs unordered', () => {
    expect(compareAttributeValues({ S: '｡' }, { S: '😀' })).toBeLessThan(0);
    expect(compareAttributeValues({ S: 'ab' }, { S: 'a' })).toBeGreaterThan(0);
    expect(compareAttributeValues({ B: new Uint8Array([1, 255]) }, { B: new Uint8Array([2]) })).toBeLessThan(0);
    expect(compareAttributeValues({ S: '1' }, { N: '1' })).toBeUndefined();
  });
});
