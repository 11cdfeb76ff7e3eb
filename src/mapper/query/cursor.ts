/**
 * Cursors: an opaque, URL-safe string that round-trips where a query or scan stopped (DynamoDB's
 * LastEvaluatedKey, or one per segment for a parallel scan).
 *
 * Format: `<payload>.<mac>`, both base64url (no padding), so a cursor can go in a URL as is.
 *  - payload: compact JSON `{"v":1,"t":<target>,"k":{name: value}}` where each key value is its
 *    DynamoDB type letter followed by its text (`"N1985"`, `"SAfter Hours"`, `"B<base64url>"`),
 *    which keeps numbers exact (no float parse) and binary keys byte for byte. A parallel scan
 *    writes `"n":<segments>,"d":[[from,to],...] (done),"s":{segment: key}` instead of `k`.
 *  - target: a short hash of table name, index name, operation and direction (a reverse query), so
 *    a cursor handed to another query or scan is refused rather than sent (DynamoDB would answer with a confusing error, or
 *    silently start somewhere else).
 *  - mac: a truncated HMAC-SHA256 of the payload, so an edited cursor is refused. With the default
 *    key it detects edits and corruption, not forgery by someone who read this file; a secret key
 *    (see `CursorCodec`) makes it an authentication code. Cursors expose the key values they hold
 *    (they are encoded, not encrypted) — as LastEvaluatedKey would.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { cursorError } from '../../errors/query';
import type { ScalarType } from '../../metadata/types';

export type StartKey = Record<string, AttributeValue>;

/** Where a parallel scan stands: segments finished, and the last key of each one under way. */
export interface SegmentsPosition {
  readonly total: number;
  readonly done: ReadonlySet<number>;
  readonly at: ReadonlyMap<number, StartKey>;
}

/** What a cursor is for: the same string never continues another table, index or operation. */
export interface CursorTarget {
  readonly table: string;
  readonly index?: string;
  readonly operation: 'query' | 'scan';
  /** A query in descending sort key order. */
  readonly reverse?: boolean;
}

/** What a cursor decodes to, checked against what the target's keys must look like. */
export type Position = { readonly kind: 'key'; readonly key: StartKey } | ({ readonly kind: 'segments' } & SegmentsPosition);

const VERSION = 1;
const MAC_BYTES = 12;
/** Longer strings are refused before parsing (no cursor of a key is anywhere near this). */
const MAX_LENGTH = 256 * 1024;
const DEFAULT_SECRET = 'dynamap.cursor.v1';
const NUMBER = /^-?(\d+)(\.\d+)?([eE][+-]?\d+)?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function b64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

function fingerprint(target: CursorTarget): string {
  const text = `${target.operation}\u0000${target.table}\u0000${target.index ?? ''}${target.reverse ? '\u0000reverse' : ''}`;
  return b64url(createHash('sha256').update(text).digest().subarray(0, 6));
}

function compactValue(name: string, v: AttributeValue): string {
  if (v.S !== undefined) return `S${v.S}`;
  if (v.N !== undefined) return `N${v.N}`;
  if (v.B !== undefined) return `B${b64url(Buffer.from(v.B))}`;
  // LastEvaluatedKey holds key attributes only, which are S, N or B.
  throw cursorError.unexpectedKey(name, Object.keys(v)[0] ?? 'none');
}

function compactKey(key: StartKey): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(key)) out[name] = compactValue(name, key[name]);
  return out;
}

/** `{0,1,2,5}` → `[[0,2],[5,5]]`: a long parallel scan finishes segments mostly in order. */
function toRanges(done: ReadonlySet<number>): number[][] {
  const sorted = [...done].sort((a, b) => a - b);
  const ranges: number[][] = [];
  for (const n of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] + 1 === n) last[1] = n;
    else ranges.push([n, n]);
  }
  return ranges;
}

export class CursorCodec {
  private readonly secret: string | Buffer;

  /** `secret`: the HMAC key; the default detects edits, a private one also forgery. */
  constructor(secret: string | Buffer = DEFAULT_SECRET) {
    this.secret = secret;
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest().subarray(0, MAC_BYTES);
  }

  encode(position: Position, target: CursorTarget): string {
    const body: Record<string, unknown> = { v: VERSION, t: fingerprint(target) };
    if (position.kind === 'key') {
      body.k = compactKey(position.key);
    } else {
      body.n = position.total;
      body.d = toRanges(position.done);
      const at: Record<string, Record<string, string>> = {};
      for (const [segment, key] of position.at) at[segment] = compactKey(key);
      body.s = at;
    }
    const payload = b64url(Buffer.from(JSON.stringify(body), 'utf8'));
    return `${payload}.${b64url(this.mac(payload))}`;
  }

  /**
   * The position a cursor holds, or a ValidationError: malformed (`cursor.invalid`), edited
   * (`cursor.tampered`), made for another target (`cursor.otherTarget`; with `eitherDirection`, a
   * query in the other direction counts as this target). `keyTypes` are the
   * attribute names and types of the target's LastEvaluatedKey (table keys, plus index keys).
   */
  decode(cursor: unknown, target: CursorTarget, keyTypes: ReadonlyMap<string, ScalarType>, model: string, eitherDirection = false): Position {
    if (typeof cursor !== 'string') throw cursorError.invalid(model, `expected a string, got ${cursor === null ? 'null' : typeof cursor}`);
    if (cursor.length > MAX_LENGTH) throw cursorError.invalid(model, 'it is far too long');
    const dot = cursor.indexOf('.');
    const payload = cursor.slice(0, dot);
    const mac = cursor.slice(dot + 1);
    if (dot <= 0 || mac === '' || !BASE64URL.test(payload) || !BASE64URL.test(mac)) {
      throw cursorError.invalid(model, 'it is not of the form <payload>.<check> in base64url');
    }
    // Compared as text: base64url decoding ignores stray trailing characters, the text does not.
    const given = Buffer.from(mac, 'utf8');
    const expected = Buffer.from(b64url(this.mac(payload)), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw cursorError.tampered(model);

    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw cursorError.invalid(model, 'its content is not JSON');
    }
    if (!isRecord(body)) throw cursorError.invalid(model, 'its content is not an object');
    if (body.v !== VERSION) throw cursorError.invalid(model, `version ${JSON.stringify(body.v)} is not one this dynamap reads`);
    // `eitherDirection`: a check made before the direction is final (startAfter, then maybe .reverse()).
    const ours = body.t === fingerprint(target) || (eitherDirection && body.t === fingerprint({ ...target, reverse: !target.reverse }));
    if (!ours) throw cursorError.otherTarget(model, target.operation);

    if (body.k !== undefined) return { kind: 'key', key: parseKey(body.k, keyTypes, model) };
    return parseSegments(body, keyTypes, model);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseValue(text: unknown, type: ScalarType, name: string, model: string): AttributeValue {
  if (typeof text !== 'string' || text[0] !== type) {
    throw cursorError.invalid(model, `key attribute ${name} is not of type ${type}`);
  }
  const body = text.slice(1);
  if (type === 'S') return { S: body };
  if (type === 'N') {
    if (!NUMBER.test(body)) throw cursorError.invalid(model, `key attribute ${name} is not a number`);
    return { N: body };
  }
  if (!BASE64URL.test(body)) throw cursorError.invalid(model, `key attribute ${name} is not base64url`);
  return { B: new Uint8Array(Buffer.from(body, 'base64url')) };
}

function parseKey(raw: unknown, keyTypes: ReadonlyMap<string, ScalarType>, model: string): StartKey {
  if (!isRecord(raw)) throw cursorError.invalid(model, 'its key is not an object');
  const names = Object.keys(raw);
  if (names.length !== keyTypes.size || names.some((n) => !keyTypes.has(n))) {
    throw cursorError.invalid(model, `its key has attributes ${names.join(', ') || '(none)'}, expected ${[...keyTypes.keys()].join(', ')}`);
  }
  const key: StartKey = {};
  for (const name of names) key[name] = parseValue(raw[name], keyTypes.get(name)!, name, model);
  return key;
}

function parseSegments(body: Record<string, unknown>, keyTypes: ReadonlyMap<string, ScalarType>, model: string): Position {
  const total = body.n;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 1 || total > 1_000_000) {
    throw cursorError.invalid(model, 'it holds neither a key nor a segment count');
  }
  const inRange = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < total;
  const done = new Set<number>();
  if (!Array.isArray(body.d)) throw cursorError.invalid(model, 'its finished segments are not a list');
  for (const range of body.d as unknown[]) {
    if (!Array.isArray(range) || range.length !== 2 || !inRange(range[0]) || !inRange(range[1]) || range[0] > range[1]) {
      throw cursorError.invalid(model, 'a range of finished segments is malformed');
    }
    for (let s = range[0] as number; s <= (range[1] as number); s++) done.add(s);
  }
  if (!isRecord(body.s)) throw cursorError.invalid(model, 'its segment keys are not an object');
  const at = new Map<number, StartKey>();
  for (const [segment, key] of Object.entries(body.s)) {
    const n = Number(segment);
    if (!/^\d+$/.test(segment) || !inRange(n) || done.has(n)) throw cursorError.invalid(model, `segment ${segment} is out of range`);
    at.set(n, parseKey(key, keyTypes, model));
  }
  return { kind: 'segments', total, done, at };
}
