/**
 * resolve for updates: each change's path and value, the operator-vs-kind rules, no change to the
 * primary key, no two changes of overlapping paths (DynamoDB refuses `info` with `info.rating`),
 * and the list of nested paths the mapper names if DynamoDB finds a parent missing.
 */
import { expressionError } from '../errors/expression';
import type { ModelSchema } from '../metadata/types';
import type { AttributePath, PropertyUpdate, PropertyUpdateAction, ResolvedUpdate, ResolvedUpdateAction } from './ast';
import { checkIndexKeyValue } from '../codec';
import { encodeList, encodeNumber, encodeRequired, encodeSet, encodeValueAt } from './encode';
import { checkFits } from './fitness';
import { resolvePath, type ResolvedPath } from './resolve-path';

function overlaps(a: AttributePath, b: AttributePath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A whole top-level attribute that is a key of one of the model's indexes. */
function isIndexKey(schema: ModelSchema, path: ResolvedPath): boolean {
  return path.attributePath.length === 1 && schema.indexes.some((i) => i.partitionKey === path.root || i.sortKey === path.root);
}

/** 'number', 'bigint' or 'epochSeconds' for a path that ends at such an attribute (no converter); undefined otherwise. */
function numberKindOf(path: ResolvedPath): string | undefined {
  const end = path.end;
  if (end.at !== 'attribute' || end.attr.converter !== undefined) return undefined;
  const kind = end.attr.kind;
  return kind === 'number' || kind === 'bigint' || kind === 'epochSeconds' ? kind : undefined;
}

/**
 * Numbers of two kinds do not mix where the result must be read back: a bigint copied into a
 * number can exceed what a double holds, a number copied or added into a bigint can be a
 * fraction, a number copied into an epochSeconds date need not be a date. (Adding a number of
 * seconds to an epochSeconds date is fine.)
 */
function numberKindsClash(target: ResolvedPath, from: ResolvedPath, adding: boolean): boolean {
  const a = numberKindOf(target);
  const b = numberKindOf(from);
  if (a === undefined || b === undefined || a === b) return false;
  return adding ? a === 'bigint' || b === 'bigint' : true;
}

function resolveAction(schema: ModelSchema, path: ResolvedPath, action: PropertyUpdateAction): ResolvedUpdateAction {
  const model = schema.className;
  const at = path.attributePath;
  switch (action.type) {
    case 'copy':
    case 'copyIfNotExists': {
      const from = resolvePath(schema, action.from);
      if ((path.category !== 'unknown' && from.category !== 'unknown' && path.category !== from.category) || numberKindsClash(path, from, false)) {
        throw expressionError.copyMismatch(model, path.source, path.kindLabel, from.source, from.kindLabel);
      }
      return { type: action.type, path: at, from: from.attributePath };
    }
    case 'incrementFrom': {
      const operator = action.sign === '+' ? 'increment' : 'decrement';
      checkFits(model, path, operator);
      const from = resolvePath(schema, action.from);
      // DynamoDB adds numbers only ("Incorrect operand type for operator or function").
      if ((from.category !== 'number' && from.category !== 'unknown') || numberKindsClash(path, from, true)) {
        throw expressionError.copyMismatch(model, path.source, path.kindLabel, from.source, from.kindLabel);
      }
      return { type: 'incrementFrom', path: at, sign: action.sign, from: from.attributePath };
    }
    case 'set': {
      // A value whose stored form is "nothing" (an empty set: DynamoDB has none) removes the attribute.
      const value = encodeValueAt(model, path, action.value);
      if (value === undefined && path.end.at === 'attribute' && path.end.attr.required) throw expressionError.removeRequired(model, path.source);
      if (value !== undefined && isIndexKey(schema, path)) {
        // null takes the item out of the index, as put leaves a null index key out of the item.
        if (value.NULL !== undefined) return { type: 'remove', path: at };
        checkIndexKeyValue(schema, path.root, value, `${model}.${path.source}`);
      }
      return value === undefined ? { type: 'remove', path: at } : { type: 'set', path: at, value };
    }
    case 'increment': {
      const operator = action.sign === '+' ? 'increment' : 'decrement';
      checkFits(model, path, operator);
      return { type: 'increment', path: at, sign: action.sign, by: encodeNumber(model, path, `${operator}()`, action.by) };
    }
    case 'ifNotExists': {
      if (action.value instanceof Set && action.value.size === 0) throw expressionError.emptySet(model, path.source, 'ifNotExists()');
      const value = encodeRequired(model, path, action.value);
      if (isIndexKey(schema, path)) checkIndexKeyValue(schema, path.root, value, `${model}.${path.source}`);
      return { type: 'ifNotExists', path: at, value };
    }
    case 'append': {
      const operator = action.position === 'end' ? 'append' : 'prepend';
      checkFits(model, path, operator);
      return { type: 'append', path: at, position: action.position, values: encodeList(model, path, `${operator}()`, action.values) };
    }
    case 'add': {
      checkFits(model, path, 'add');
      const v = action.value;
      const isNumber = typeof v === 'number' || typeof v === 'bigint';
      // The value decides between number and set when the schema does not (a path beyond it).
      if (path.category === 'number' || (path.category === 'unknown' && isNumber)) {
        return { type: 'add', path: at, value: encodeNumber(model, path, 'add()', v) };
      }
      return { type: 'add', path: at, value: encodeSet(model, path, 'add()', v) };
    }
    case 'deleteFromSet':
      checkFits(model, path, 'deleteFromSet');
      return { type: 'deleteFromSet', path: at, value: encodeSet(model, path, 'deleteFromSet()', action.value) };
    case 'remove':
      // put and save refuse an entity without a required property; an update must not make one.
      if (path.end.at === 'attribute' && path.end.attr.required) throw expressionError.removeRequired(model, path.source);
      return { type: 'remove', path: at };
  }
}

export function resolveUpdate(schema: ModelSchema, ast: PropertyUpdate): ResolvedUpdate {
  const model = schema.className;
  if (ast.actions.length === 0) throw expressionError.emptyUpdate(model);
  const actions: ResolvedUpdateAction[] = [];
  const seen: ResolvedPath[] = [];
  const nestedPaths: string[] = [];
  for (const action of ast.actions) {
    const path = resolvePath(schema, action.path);
    if (path.root.role === 'partitionKey' || path.root.role === 'sortKey') throw expressionError.updateKey(model, path.source);
    const clash = seen.find((p) => overlaps(p.attributePath, path.attributePath));
    if (clash) throw expressionError.overlappingPaths(model, clash.source, path.source);
    seen.push(path);
    const resolved = resolveAction(schema, path, action);
    actions.push(resolved);
    // Every action below a missing parent fails the whole update (REMOVE too, on DynamoDB Local).
    if (path.attributePath.length > 1) nestedPaths.push(path.source);
  }
  // Single-table design: an update that creates the item gives it the model's entity type.
  const entity = schema.table.entity;
  if (entity !== undefined) actions.push({ type: 'ifNotExists', path: [entity.attribute], value: { S: entity.value } });
  return { type: 'update', actions, nestedPaths };
}
