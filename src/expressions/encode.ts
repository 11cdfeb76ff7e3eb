/**
 * Values in expressions are encoded exactly as the attribute stores them — a Date compares as its
 * stored text, a set member or list element goes through the element codec, anything beyond the
 * schema through generic marshalling — so that a condition compares like with like.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { encodeAttribute, encodeElement, marshallAny } from '../codec';
import { expressionError } from '../errors/expression';
import type { ResolvedPath } from './resolve-path';

/** The codec's path argument (its messages name `Movie.info.rating`). */
function where(model: string, path: ResolvedPath): string {
  return `${model}.${path.source}`;
}

/**
 * The nesting level a value written at the path takes in the item (a top-level attribute is level
 * 1, `info.cast[0]` level 3), so that DynamoDB's 32 levels count from the item's root, as a put's
 * do. A value compared with (a condition's operand) is not stored: it counts from its own root.
 */
function levelAt(path: ResolvedPath, compare: boolean): number {
  return compare ? 1 : path.attributePath.length;
}

/**
 * A whole value at the path, or undefined when its stored form is "no value" (null, an empty set).
 * `compare`: a value a condition compares with, not one written: an enum does not restrict it
 * (old items may hold a value since removed, and must be found).
 */
export function encodeValueAt(model: string, path: ResolvedPath, value: unknown, compare = false): AttributeValue | undefined {
  const end = path.end;
  const level = levelAt(path, compare);
  if (end.at === 'attribute') return encodeAttribute(end.attr, value, where(model, path), compare, level);
  if (end.at === 'element') return encodeElement(end.attr, value, where(model, path), compare, level);
  return marshallAny(value, where(model, path), level);
}

/** A value that must have a stored form (comparisons, IN, ifNotExists). */
export function encodeRequired(model: string, path: ResolvedPath, value: unknown, compare = false): AttributeValue {
  if (value === undefined) throw expressionError.undefinedValue(model, path.source);
  const encoded = encodeValueAt(model, path, value, compare);
  if (encoded === undefined) throw expressionError.unencodable(model, path.source, value);
  return encoded;
}

/**
 * One member of the set or element of the list at the path (contains, and the members of ADD /
 * DELETE): through the element codec when the path ends at a set or list attribute.
 */
export function encodeMember(model: string, path: ResolvedPath, value: unknown, compare = false): AttributeValue {
  if (value === undefined) throw expressionError.undefinedValue(model, path.source);
  const end = path.end;
  // A member written goes one level below the path; one compared with counts from its own root.
  const level = compare ? 1 : levelAt(path, false) + 1;
  if (end.at === 'attribute' && (path.category === 'set' || path.category === 'list')) {
    return encodeElement(end.attr, value, where(model, path), compare, level);
  }
  const encoded = marshallAny(value, where(model, path), level);
  if (encoded === undefined) throw expressionError.unencodable(model, path.source, value);
  return encoded;
}

/**
 * A prefix (begins_with) or substring (contains on a string): a fragment, not a whole value, so
 * it skips the attribute codec (whose enum or format checks would refuse a fragment) unless a
 * converter decides how the attribute's text is stored and `convert` (a prefix goes through it;
 * contains()'s substring does not: `'USER#' + v` of a substring is not in the stored text).
 */
export function encodeFragment(model: string, path: ResolvedPath, operator: string, value: unknown, convert = true): AttributeValue {
  const end = path.end;
  if (convert && end.at === 'attribute' && end.attr.converter) return encodeRequired(model, path, value);
  if (typeof value === 'string') return { S: value };
  if (value instanceof Uint8Array) return { B: value };
  throw expressionError.badOperand(model, path.source, operator, 'a string (or binary data)', value);
}

/** A number for increment/decrement/ADD and size() comparisons: N, exact for bigints. */
export function encodeNumber(model: string, path: ResolvedPath, operator: string, value: unknown): AttributeValue {
  if (typeof value !== 'number' && typeof value !== 'bigint') {
    throw expressionError.badOperand(model, path.source, operator, 'a number or bigint', value);
  }
  // A bigint attribute's own codec: it refuses 1.5 (the item could not be read back), as a write would.
  const end = path.end;
  // A number attribute holds JavaScript numbers: a bigint added to it could make an item the model
  // cannot read back (2n ** 64n), and a write of one is refused too.
  if (typeof value === 'bigint' && end.at === 'attribute' && end.attr.kind === 'number' && !end.attr.converter) {
    throw expressionError.badOperand(model, path.source, operator, "a number (the attribute is a 'number': declare it 'bigint' for integers beyond 2^53)", value);
  }
  const encoded = end.at === 'attribute' && end.attr.kind === 'bigint' && !end.attr.converter
    ? encodeAttribute(end.attr, value, where(model, path))
    : marshallAny(value, where(model, path));
  if (!encoded) throw expressionError.badOperand(model, path.source, operator, 'a number or bigint', value);
  return encoded;
}

/** A whole set for ADD / DELETE, through the attribute's set codec when the path ends at one. */
export function encodeSet(model: string, path: ResolvedPath, operator: string, value: unknown): AttributeValue {
  if (!(value instanceof Set)) throw expressionError.badOperand(model, path.source, operator, 'a Set', value);
  if (value.size === 0) throw expressionError.emptySet(model, path.source, operator);
  const encoded = path.end.at === 'attribute' && path.category === 'set'
    ? encodeAttribute(path.end.attr, value, where(model, path))
    : marshallAny(value, where(model, path));
  if (!encoded || !('SS' in encoded || 'NS' in encoded || 'BS' in encoded)) {
    throw expressionError.badOperand(model, path.source, operator, 'a Set of strings, numbers or binaries', value);
  }
  return encoded;
}

/** The elements to append/prepend, as one L value, each through the list's element codec. */
export function encodeList(model: string, path: ResolvedPath, operator: string, values: unknown): AttributeValue {
  if (!Array.isArray(values)) throw expressionError.badOperand(model, path.source, operator, 'an array of elements', values);
  return { L: values.map((v: unknown) => encodeMember(model, path, v)) };
}
