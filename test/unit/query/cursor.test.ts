/** Cursors: round trips of typed keys and parallel scan positions; refusals of anything else. */
import fc from 'fast-check';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ValidationError } from 'dynamap';
import { CursorCodec, type CursorTarget, type Position } from '../../../src/mapper/query/cursor';
import type { ScalarType } from '../../../src/metadata/types';

const codec = new CursorCodec();
const target: CursorTarget = { table: 'dev-Movies', operation: 'query' };
const types = new Map<string, ScalarType>([['year', 'N'], ['title', 'S']]);
const key = { year: { N: '1985' }, title: { S: 'After Hours' } };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).code;
  }
  return undefined;
}

function rewrite(cursor: string, change: (body: Record<string, unknown>) => void): string {
  const [payload, mac] = cursor.split('.');
  const body = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  change(body);
  return `${Buffer.from(JSON.stringify(body)).toString('base64url')}.${mac}`;
}

describe('CursorCodec', () => {
  it('round-trips a key; the cursor is URL-safe', () => {
    const cursor = codec.encode({ kind: 'key', key }, target);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}$/);
    expect(encodeURIComponent(cursor)).toBe(cursor);
    expect(codec.decode(cursor, target, types, 'Movie')).toEqual({ kind: 'key', key });
  });

  it('round-trips number keys exactly and binary keys byte for byte (property)', () => {
    const binTypes = new Map<string, ScalarType>([['n', 'N'], ['b', 'B'], ['s', 'S']]);
    const number = fc.oneof(
      fc.integer().map(String),
      fc.bigInt({ min: -(10n ** 38n) + 1n, max: 10n ** 38n - 1n }).map(String),
      fc.constantFrom('1.5', '-0.000001', '1E+125', '12345678901234567890123456789012345678'),
    );
    fc.assert(fc.property(number, fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.string({ minLength: 1 }), (n, b, s) => {
      const k: Record<string, AttributeValue> = { n: { N: n }, b: { B: b }, s: { S: s } };
      const back = codec.decode(codec.encode({ kind: 'key', key: k }, target), target, binTypes, 'M') as { key: Record<string, AttributeValue> };
      expect(back.key.n).toEqual({ N: n });
      expect(Buffer.from(back.key.b.B!).equals(Buffer.from(b))).toBe(true);
      expect(back.key.s).toEqual({ S: s });
    }));
  });

  it('round-trips a parallel scan position, finished segments as ranges', () => {
    const position: Position = {
      kind: 'segments', total: 10, done: new Set([0, 1, 2, 5, 9]), at: new Map([[3, key], [7, key]]),
    };
    const cursor = codec.encode(position, target);
    expect(JSON.parse(Buffer.from(cursor.split('.')[0], 'base64url').toString()).d).toEqual([[0, 2], [5, 5], [9, 9]]);
    expect(codec.decode(cursor, target, types, 'Movie')).toEqual(position);
  });

  it('refuses an edited cursor (cursor.tampered), whatever was edited', () => {
    const cursor = codec.encode({ kind: 'key', key }, target);
    expect(codeOf(() => codec.decode(rewrite(cursor, (b) => { (b.k as Record<string, string>).year = 'N1986'; }), target, types, 'M'))).toBe('cursor.tampered');
    const [payload, mac] = cursor.split('.');
    expect(codeOf(() => codec.decode(`${payload}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, target, types, 'M'))).toBe('cursor.tampered');
    // Extra characters that base64url decoding would ignore are an edit too (regression).
    expect(codeOf(() => codec.decode(`${cursor}x`, target, types, 'M'))).toBe('cursor.tampered');
    expect(codeOf(() => codec.decode(cursor, target, types, 'M'))).toBeUndefined();
  });

  it('refuses a cursor signed with another secret', () => {
    const cursor = new CursorCodec('another secret').encode({ kind: 'key', key }, target);
    expect(codeOf(() => codec.decode(cursor, target, types, 'M'))).toBe('cursor.tampered');
  });

  it('refuses a cursor of another table, index or operation (cursor.otherTarget)', () => {
    const cursor = codec.encode({ kind: 'key', key }, target);
    for (const other of [
      { table: 'prod-Movies', operation: 'query' },
      { table: 'dev-Movies', index: 'byGenre', operation: 'query' },
      { table: 'dev-Movies', operation: 'scan' },
    ] as CursorTarget[]) {
      expect(codeOf(() => codec.decode(cursor, other, types, 'M'))).toBe('cursor.otherTarget');
    }
  });

  it.each([
    ['a number', 42],
    ['an empty string', ''],
    ['no dot', 'abc'],
    ['nothing before the dot', '.abc'],
    ['nothing after the dot', 'abc.'],
    ['not base64url', 'a+b.c/d'],
    ['far too long', `${'a'.repeat(300_000)}.b`],
  ])('refuses %s (cursor.invalid)', (_what, cursor) => {
    expect(codeOf(() => codec.decode(cursor, target, types, 'M'))).toBe('cursor.invalid');
  });

  it('the error tells the user what to do', () => {
    expect(() => codec.decode('nope', target, types, 'Movie')).toThrow(/^Movie: the cursor is not one dynamap made .*Pass back exactly the `cursor` string/);
  });

  /** A correctly signed cursor whose content is wrong (as a future or buggy version could make); 'FP' is the right target. */
  function signed(body: unknown): string {
    const valid = codec.encode({ kind: 'key', key }, target);
    const { t } = JSON.parse(Buffer.from(valid.split('.')[0], 'base64url').toString()) as { t: string };
    const payload = Buffer.from(JSON.stringify(body).replace('"FP"', JSON.stringify(t))).toString('base64url');
    const mac = (codec as unknown as { mac(payload: string): Buffer }).mac(payload).toString('base64url');
    return `${payload}.${mac}`;
  }

  it.each([
    ['another version', { v: 2, t: 'FP', k: {} }],
    ['missing key attributes', { v: 1, t: 'FP', k: { year: 'N1' } }],
    ['extra key attributes', { v: 1, t: 'FP', k: { year: 'N1', title: 'Sx', genre: 'Sy' } }],
    ['a key of the wrong type', { v: 1, t: 'FP', k: { year: 'S1', title: 'Sx' } }],
    ['a number that is not one', { v: 1, t: 'FP', k: { year: 'N1x', title: 'Sx' } }],
    ['neither key nor segments', { v: 1, t: 'FP' }],
    ['a segment out of range', { v: 1, t: 'FP', n: 2, d: [[0, 5]], s: {} }],
    ['a segment both done and under way', { v: 1, t: 'FP', n: 2, d: [[0, 0]], s: { 0: { year: 'N1', title: 'Sx' } } }],
    ['not an object', [1, 2]],
  ])('refuses a signed cursor with %s (cursor.invalid)', (_what, body) => {
    expect(codeOf(() => codec.decode(signed(body), target, types, 'M'))).toBe('cursor.invalid');
  });
});
