/**
 * Messages for expressions (conditions, filters, key conditions, updates, projections), refused
 * before any request is sent. Each names the model and the property path, and says what to do.
 */
import { ValidationError } from './classes';
import { shown, shownName } from './shown';

function v(code: string, model: string | undefined, path: string | undefined, message: string): ValidationError {
  const full = model ? `${model}: ${message}` : message;
  const issue = path === undefined ? { code: `expression.${code}`, message: full } : { code: `expression.${code}`, path, message: full };
  return new ValidationError(`expression.${code}`, full, { issues: [issue] });
}

function show(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return shown(value);
  if (value === undefined || value === null || typeof value !== 'object') return String(value);
  return Object.prototype.toString.call(value).slice(8, -1);
}

function list(items: readonly string[]): string {
  return items.length ? items.join(', ') : '(none)';
}

/** What to do about an expression over 4 KB, by kind (a save() cannot be split, a projection can be dropped). */
function shorter(which: string): string {
  switch (which) {
    case 'update':
      return 'Change fewer attributes per update() (a save() of this many changes: put() the entity instead), or shorten attribute names with @Attribute({ name }).';
    case 'projection':
      return 'Project fewer paths, or read whole items (no projection).';
    default:
      return `Simplify the ${which} (isIn() for many values of one path), or split the request.`;
  }
}

const KEY_OPERATORS = '=, <, <=, >, >=, BETWEEN and begins_with';

export const expressionError = {
  notACondition: (model: string | undefined, input: unknown) =>
    v('notACondition', model, undefined,
      `a condition must be an object of property paths ({ rating: gte(8) }) or a node from and/or/not/size; got ${show(input)}.`),
  operatorWithoutPath: (model: string | undefined, operator: string) =>
    v('notACondition', model, undefined,
      `a ${operator === 'compare' ? 'comparison' : `${operator}()`} operator where a condition belongs: an operator needs the ` +
        `path it applies to ({ rating: gte(8) }); and(), or() and not() take conditions: and({ year: gte(1990) }, { year: lt(2000) }).`),
  notAnUpdate: (model: string, input: unknown) =>
    v('notAnUpdate', model, undefined, `changes must be an object of property paths ({ rating: 8 }); got ${show(input)}.`),
  conditionInUpdate: (model: string, path: string) =>
    v('conditionInUpdate', model, path,
      `${path}: a condition operator or node is not an update. Use a value (SET) or increment, add, append, prepend, ifNotExists, deleteFromSet, remove.`),
  conditionAsValue: (model: string, path: string) =>
    v('conditionAsValue', model, path,
      `${path}: and(), or() and not() combine whole conditions; they are not a value of one path. Write ` +
        `and({ ${path}: gte(low) }, { ${path}: lt(high) }), or between(low, high) for a range.`),
  updateInCondition: (model: string, path: string) =>
    v('updateInCondition', model, path,
      `${path}: an update operator (add, remove, increment...) or a node is not a condition value. Use a value (equality) or eq, lt, between, contains...`),
  badPathSyntax: (model: string, path: string, reason: string) =>
    v('badPath', model, path, `property path ${shown(path)} is malformed: ${reason}. Write paths like 'info.rating' or 'info.actors[0]'.`),
  pathNotString: (model: string, path: unknown) =>
    v('badPath', model, undefined,
      `a property path must be a string, like 'info.rating'; got ${Array.isArray(path) ? `an array (${path.length} element(s))` : show(path)}` +
        (Array.isArray(path) ? ": a builder's .project() takes each path as its own argument: .project('title', 'info.rating')." : '.')),
  unknownPath: (model: string, path: string, segment: string, owner: string, candidates: readonly string[]) =>
    v('unknownPath', model, path,
      (path === segment ? '' : `${shown(path)}: `) +
        `no property ${shown(segment)} in ${owner}` +
        (candidates.length ? ` (did you mean ${candidates.map((c) => JSON.stringify(c)).join(' or ')}?)` : '') +
        '. Paths use property names, not attribute names.'),
  notNested: (model: string, path: string, prefix: string, kind: string, segment: string) =>
    v('notNested', model, path, `${shown(path)}: ${prefix} is a ${kind}; it has no ${segment}.`),
  updateKey: (model: string, path: string) =>
    v('updateKey', model, path,
      `${path} is part of the table's primary key, which DynamoDB cannot update: delete the item and put it with the new key.`),
  updateVersion: (model: string, path: string) =>
    v('updateVersion', model, path,
      `${path} is the @Version, which update() increments by itself (ADD 1): to require a version, pass ` +
        `{ condition: { ${path}: n } }; to write the entity whole with its next version, use put() or save().`),
  removeRequired: (model: string, path: string) =>
    v('removeRequired', model, path,
      `${path} is required (@Attribute({ required: true })), so the update cannot remove it: set another value instead.`),
  operatorKind: (model: string, path: string, operator: string, kind: string, allowed: string) =>
    v('operatorKind', model, path, `${operator} cannot be used on ${path}, a ${kind}: ${operator} applies to ${allowed}.`),
  undefinedValue: (model: string, path: string) =>
    v('undefinedValue', model, path,
      `${path}: the value is undefined. To test that the attribute is absent use notExists(); to compare, give a value; ` +
      `for an optional filter, leave the property out when it has no value (\`...(x === undefined ? {} : { ${/^[A-Za-z_$][\w$]*$/.test(path) ? path : JSON.stringify(path)}: x })\`): ` +
      'an undefined is never dropped from a condition, where it could widen what a write is allowed to overwrite.'),
  unencodable: (model: string, path: string, value: unknown) =>
    v('unencodable', model, path,
      `${path}: ${show(value)} has no stored form to compare with (an empty set has none: DynamoDB has no empty sets). Use notExists() to test that it is absent.`),
  emptyLogical: (model: string, operator: 'and' | 'or') =>
    v('emptyLogical', model, undefined, operator === 'and'
      ? 'an empty condition ({}, or and() of nothing) tests nothing: give at least one path ({ rating: gte(8) }), or leave it out.'
      : 'or() needs at least one condition.'),
  emptyIn: (model: string, path: string) =>
    v('emptyIn', model, path, `${path}: isIn() needs at least one value.`),
  tooManyIn: (model: string, path: string, count: number) =>
    v('tooManyIn', model, path, `${path}: isIn() has ${count} values; DynamoDB allows at most 100. Split the condition with or().`),
  betweenOrder: (model: string, path: string, low: unknown, high: unknown) =>
    v('betweenOrder', model, path,
      `${path}: between(${show(low)}, ${show(high)}) has its low bound above its high bound, which DynamoDB refuses. Swap them.`),
  badType: (model: string, path: string, type: unknown) =>
    v('badType', model, path, `${path}: isType(${show(type)}) is not a DynamoDB type; use S, SS, N, NS, B, BS, BOOL, NULL, L or M.`),
  badOperand: (model: string, path: string, operator: string, expected: string, value: unknown) =>
    v('badOperand', model, path, `${path}: ${operator} needs ${expected}; got ${show(value)}.`),
  emptySet: (model: string, path: string, operator: string) =>
    v('emptySet', model, path, `${path}: ${operator} with an empty set does nothing and DynamoDB refuses empty sets; leave it out.`),
  overlappingPaths: (model: string, first: string, second: string) =>
    v('overlappingPaths', model, second,
      `the update changes both ${first} and ${second}, which overlap; DynamoDB refuses that. Change the parent only (with the child's new value inside), or the child only.`),
  emptyUpdate: (model: string) =>
    v('emptyUpdate', model, undefined, `the update has no changes (undefined values are skipped; use remove() to delete an attribute).`),
  emptyProjection: (model: string) =>
    v('emptyProjection', model, undefined, `a projection needs at least one property path.`),
  tooLong: (model: string, which: string, bytes: number) =>
    v('tooLong', model, undefined,
      `the ${which} expression is ${bytes} bytes long; DynamoDB allows 4 KB (4096 bytes), counting what dynamap adds ` +
        `(the @Version check, the entity-type guard, timestamps, a projection's key attributes). ${shorter(which)}`),
  tooManyOperators: (model: string, which: string, count: number) =>
    v('tooManyOperators', model, undefined,
      `the ${which} expression has ${count} operators and functions; DynamoDB allows 300, counting what dynamap adds ` +
        `(the @Version check, the entity-type guard). Simplify the ${which} ` +
        '(isIn() counts as one, where a chain of or() counts every = and OR) or split the request.'),
  attributeNotAllowed: (model: string, path: string, where: string) =>
    v('attributeNotAllowed', model, path,
      `${path}: attribute() compares two attributes with eq, ne, lt, lte, gt, gte, between, isIn, beginsWith or contains in a condition or filter; it cannot be used in ${where}.`),
  attributeMismatch: (model: string, left: string, leftKind: string, right: string, rightKind: string) =>
    v('attributeMismatch', model, left,
      `${left} (${leftKind}) is compared with ${right} (${rightKind}): DynamoDB finds such a comparison false for every item. Compare attributes of the same kind.`),
  sameAttribute: (model: string, path: string) =>
    v('sameAttribute', model, path,
      `${path} is compared with itself: DynamoDB refuses a comparison of an attribute with itself ("the first operand must be distinct"). Compare it with another attribute or a value.`),
  copyMismatch: (model: string, path: string, kind: string, from: string, fromKind: string) =>
    v('copyMismatch', model, path,
      `${path} (${kind}) cannot take the value of ${from} (${fromKind}): it could not be read back as a ${kind}. Copy attributes of the same kind.`),
  attributesTooLarge: (model: string, which: string, bytes: number) =>
    v('attributesTooLarge', model, undefined,
      `with the ${which}, the request's expression attribute names and values take ${bytes} bytes; DynamoDB allows 2 MB (2097152 bytes) together. ` +
      'Split the request (fewer or smaller values).'),
  unknownIndex: (model: string, index: string, available: readonly string[]) =>
    v('unknownIndex', model, undefined, `there is no index ${shown(index)}; the model's indexes are ${list(available)}.`),
  keyNotKey: (model: string, path: string, target: string, keys: readonly string[]) =>
    v('keyNotKey', model, path,
      `${shownName(path)} is not a key of ${target}: a key condition can only use ${list(keys)}. Put other conditions in a filter.`),
  keyMissingPartition: (model: string, target: string, partitionKey: string) =>
    v('keyMissingPartition', model, partitionKey,
      `a key condition on ${target} needs the partition key ${partitionKey} with a value (equality).`),
  keyPartitionOperator: (model: string, path: string, operator: string) =>
    v('keyPartitionOperator', model, path,
      `${path} is the partition key: DynamoDB only allows equality on it (a value or eq()), not ${operator}.`),
  keySortOperator: (model: string, path: string, operator: string) =>
    v('keySortOperator', model, path,
      `${path} is the sort key: DynamoDB allows ${KEY_OPERATORS} on it, not ${operator}. Put other conditions in a filter.`),
  keyLogical: (model: string, operator: string) =>
    v('keyLogical', model, undefined,
      `a key condition is the partition key's value and at most one sort key condition, combined with AND; ${operator} is not allowed. Put it in a filter.`),
  keyTwice: (model: string, path: string) =>
    v('keyTwice', model, path, `${path} appears twice in the key condition; DynamoDB allows one condition per key.`),
  /**
   * For the mapper: DynamoDB answered "The document path provided in the update expression is
   * invalid for update" — an action on a nested path whose parent does not exist in the item.
   */
  missingParentPath: (model: string, paths: readonly string[]) =>
    v('missingParentPath', model, paths[0],
      `the update changes ${paths.length === 1 ? 'the nested path' : 'nested paths'} ${list(paths)}, but ` +
        `${paths.length === 1 ? 'its parent does' : 'the parent of one of them does'} not exist in the stored item as a map or ` +
        `list (it is missing, holds another type, or the item does not exist), and DynamoDB only changes a nested path inside an existing map or list. Set the parent first ` +
        `(e.g. { ${parentOf(paths[0] ?? 'parent')}: {...} }), or write the whole item with put().`),
};

function parentOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  const parent = cut > 0 ? path.slice(0, cut) : path;
  return /^[A-Za-z_$][\w$]*$/.test(parent) ? parent : `'${parent}'`;
}

/** Shorthand export for the mapper: the error for an update DynamoDB refused because a parent map or list is missing. */
export const missingParentPath = expressionError.missingParentPath;
