/**
 * A plain JavaScript evaluator of resolved expression ASTs over raw DynamoDB items, written from
 * the DynamoDB semantics (as DynamoDB Local shows them), independently of the compiler. The
 * property-based integration test checks that the engine agrees with it on random conditions
 * and updates, which checks the compiled text means what the AST says.
 *
 * Semantics worth knowing: a comparison with a missing operand is false, except `<>` which is
 * true; ordering compares N numerically, S by UTF-8 bytes, B bytewise, and nothing across types;
 * size() of a string counts UTF-16 code units (DynamoDB Local); sets are unordered.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { compareAttributeValues } from '../../../../src/expressions';
import type { AttributePath, Operand, ResolvedCondition } from '../../../../src/expressions';

export type Item = Record<string, AttributeValue>;

/** The value at a path, or undefined (missing, or a step into something that is not a map/list). */
export function valueAt(item: Item, path: AttributePath): AttributeValue | undefined {
  let current: AttributeValue | undefined = { M: item };
  for (const step of path) {
    if (current === undefined) return undefined;
    if (typeof step === 'number') current = current.L ? current.L[step] : undefined;
    else current = current.M ? current.M[step] : undefined;
  }
  return current;
}

function typeOf(v: AttributeValue): string {
  return Object.keys(v).find((k) => (v as unknown as Record<string, unknown>)[k] !== undefined) ?? '?';
}

function bytesKey(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}

/** DynamoDB equality: same type and value; numbers by value, sets and maps regardless of order. */
export function equal(a: AttributeValue, b: AttributeValue): boolean {
  const t = typeOf(a);
  if (t !== typeOf(b)) return false;
  switch (t) {
    case 'S': return a.S === b.S;
    case 'N': return compareAttributeValues(a, b) === 0;
    case 'B': return bytesKey(a.B!) === bytesKey(b.B!);
    case 'BOOL': return a.BOOL === b.BOOL;
    case 'NULL': return true;
    case 'SS': return sameMembers(a.SS!, b.SS!, (x, y) => x === y);
    case 'NS': return sameMembers(a.NS!, b.NS!, (x, y) => compareAttributeValues({ N: x }, { N: y }) === 0);
    case 'BS': return sameMembers(a.BS!, b.BS!, (x, y) => bytesKey(x) === bytesKey(y));
    case 'L': return a.L!.length === b.L!.length && a.L!.every((v, i) => equal(v, b.L![i]));
    case 'M': {
      const ka = Object.keys(a.M!);
      const kb = Object.keys(b.M!);
      return ka.length === kb.length && ka.every((k) => k in b.M! && equal(a.M![k], b.M![k]));
    }
  }
  return false;
}

function sameMembers<E>(a: readonly E[], b: readonly E[], eq: (x: E, y: E) => boolean): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => eq(x, y)));
}

function sizeOf(v: AttributeValue): number | undefined {
  if (v.S !== undefined) return v.S.length; // UTF-16 code units, as DynamoDB Local counts
  if (v.B !== undefined) return v.B.length;
  if (v.SS) return v.SS.length;
  if (v.NS) return v.NS.length;
  if (v.BS) return v.BS.length;
  if (v.L) return v.L.length;
  if (v.M) return Object.keys(v.M).length;
  return undefined;
}

function operand(item: Item, left: Operand<AttributePath>): AttributeValue | undefined {
  const v = valueAt(item, left.path);
  if (left.type === 'path' || v === undefined) return v;
  const n = sizeOf(v);
  return n === undefined ? undefined : { N: String(n) };
}

function ordered(a: AttributeValue, b: AttributeValue): number | undefined {
  return compareAttributeValues(a, b);
}

function startsWith(v: AttributeValue, prefix: AttributeValue): boolean {
  if (v.S !== undefined && prefix.S !== undefined) return v.S.startsWith(prefix.S);
  if (v.B !== undefined && prefix.B !== undefined) return bytesKey(v.B.subarray(0, prefix.B.length)) === bytesKey(prefix.B);
  return false;
}

function holds(v: AttributeValue, x: AttributeValue): boolean {
  if (v.S !== undefined) return x.S !== undefined && v.S.includes(x.S);
  if (v.SS) return x.S !== undefined && v.SS.includes(x.S);
  if (v.NS) return x.N !== undefined && v.NS.some((n) => equal({ N: n }, x));
  if (v.BS) return x.B !== undefined && v.BS.some((b) => bytesKey(b) === bytesKey(x.B!));
  if (v.L) return v.L.some((e) => equal(e, x));
  return false;
}

export function evaluate(node: ResolvedCondition, item: Item): boolean {
  switch (node.type) {
    case 'and': return node.conditions.every((c) => evaluate(c, item));
    case 'or': return node.conditions.some((c) => evaluate(c, item));
    case 'not': return !evaluate(node.condition, item);
    case 'compare': {
      const v = operand(item, node.left);
      if (node.comparator === '<>') return v === undefined || !equal(v, node.value);
      if (v === undefined) return false;
      if (node.comparator === '=') return equal(v, node.value);
      const order = ordered(v, node.value);
      if (order === undefined) return false;
      return { '<': order < 0, '<=': order <= 0, '>': order > 0, '>=': order >= 0 }[node.comparator];
    }
    case 'compareAttributes': {
      const v = operand(item, node.left);
      const w = valueAt(item, node.right);
      if (v === undefined || w === undefined) return false;
      if (node.comparator === '=') return equal(v, w);
      if (node.comparator === '<>') return !equal(v, w);
      const order = ordered(v, w);
      if (order === undefined) return false;
      return { '<': order < 0, '<=': order <= 0, '>': order > 0, '>=': order >= 0 }[node.comparator];
    }
    case 'between': {
      const v = operand(item, node.left);
      if (v === undefined) return false;
      const lo = ordered(v, node.low);
      const hi = ordered(v, node.high);
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
    case 'in': {
      const v = operand(item, node.left);
      return v !== undefined && node.values.some((x) => equal(v, x));
    }
    case 'beginsWith': {
      const v = valueAt(item, node.path);
      return v !== undefined && startsWith(v, node.value);
    }
    case 'contains': {
      const v = valueAt(item, node.path);
      return v !== undefined && holds(v, node.value);
    }
    case 'beginsWithAttribute': {
      const v = valueAt(item, node.path);
      const w = valueAt(item, node.right);
      return v !== undefined && w !== undefined && startsWith(v, w);
    }
    case 'containsAttribute': {
      const v = valueAt(item, node.path);
      const w = valueAt(item, node.right);
      return v !== undefined && w !== undefined && holds(v, w);
    }
    case 'exists': return valueAt(item, node.path) !== undefined;
    case 'notExists': return valueAt(item, node.path) === undefined;
    case 'isType': {
      const v = valueAt(item, node.path);
      return v !== undefined && typeOf(v) === node.attributeType;
    }
  }
}
