/**
 * compile: resolved AST + placeholder allocator → expression text. Pure and schema-free; every
 * name and value in the output is a placeholder, allocated in the order of the text.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type {
  AttributePath,
  Operand,
  ResolvedCondition,
  ResolvedKeyCondition,
  ResolvedProjection,
  ResolvedUpdate,
  ResolvedUpdateAction,
} from './ast';

/** What compile needs from a context: placeholders for names, values and whole paths. */
export interface PlaceholderAllocator {
  name(segment: string): string;
  value(value: AttributeValue): string;
  path(path: AttributePath): string;
}

const ZERO: AttributeValue = { N: '0' };
const EMPTY_LIST: AttributeValue = { L: [] };

function operand(left: Operand<AttributePath>, p: PlaceholderAllocator): string {
  const path = p.path(left.path);
  return left.type === 'size' ? `size(${path})` : path;
}

export function compileConditionAst(node: ResolvedCondition, p: PlaceholderAllocator): string {
  switch (node.type) {
    case 'and':
    case 'or':
      // Flattened at build time, so a logical child is always the other operator: parenthesised.
      return node.conditions.map((c) => group(c, p)).join(node.type === 'and' ? ' AND ' : ' OR ');
    case 'not':
      return `NOT (${compileConditionAst(node.condition, p)})`;
    case 'compare': {
      const left = operand(node.left, p);
      return `${left} ${node.comparator} ${p.value(node.value)}`;
    }
    case 'compareAttributes': {
      const left = operand(node.left, p);
      return `${left} ${node.comparator} ${p.path(node.right)}`;
    }
    case 'between': {
      const left = operand(node.left, p);
      const low = p.value(node.low);
      return `${left} BETWEEN ${low} AND ${p.value(node.high)}`;
    }
    case 'in': {
      const left = operand(node.left, p);
      return `${left} IN (${node.values.map((v) => p.value(v)).join(', ')})`;
    }
    case 'beginsWith':
    case 'contains':
    case 'beginsWithAttribute':
    case 'containsAttribute': {
      // The path first, then the operand (a value or another attribute): placeholders in reading order.
      const path = p.path(node.path);
      const operand = 'right' in node ? p.path(node.right) : p.value(node.value);
      return `${node.type === 'beginsWith' || node.type === 'beginsWithAttribute' ? 'begins_with' : 'contains'}(${path}, ${operand})`;
    }
    case 'exists':
      return `attribute_exists(${p.path(node.path)})`;
    case 'notExists':
      return `attribute_not_exists(${p.path(node.path)})`;
    case 'isType': {
      const path = p.path(node.path);
      return `attribute_type(${path}, ${p.value({ S: node.attributeType })})`;
    }
  }
}

function group(node: ResolvedCondition, p: PlaceholderAllocator): string {
  const text = compileConditionAst(node, p);
  return node.type === 'and' || node.type === 'or' ? `(${text})` : text;
}

export function compileKeyConditionAst(key: ResolvedKeyCondition, p: PlaceholderAllocator): string {
  const partition = `${p.path(key.partitionKey.path)} = ${p.value(key.partitionKey.value)}`;
  return key.sortKey ? `${partition} AND ${compileConditionAst(key.sortKey, p)}` : partition;
}

export function compileProjectionAst(paths: ResolvedProjection, p: PlaceholderAllocator): string {
  return paths.map((path) => p.path(path)).join(', ');
}

function setItem(action: ResolvedUpdateAction, p: PlaceholderAllocator): string | undefined {
  switch (action.type) {
    case 'set': {
      const path = p.path(action.path);
      return `${path} = ${p.value(action.value)}`;
    }
    case 'increment':
    case 'incrementFrom': {
      // By a value or by another attribute of the item: the same SET, placeholders in text order.
      const path = p.path(action.path);
      const zero = p.value(ZERO);
      const by = action.type === 'increment' ? p.value(action.by) : p.path(action.from);
      return `${path} = if_not_exists(${path}, ${zero}) ${action.sign} ${by}`;
    }
    case 'ifNotExists':
    case 'copyIfNotExists': {
      const path = p.path(action.path);
      const value = action.type === 'ifNotExists' ? p.value(action.value) : p.path(action.from);
      return `${path} = if_not_exists(${path}, ${value})`;
    }
    case 'copy':
      return `${p.path(action.path)} = ${p.path(action.from)}`;
    case 'append': {
      const path = p.path(action.path);
      if (action.position === 'end') {
        const empty = p.value(EMPTY_LIST);
        return `${path} = list_append(if_not_exists(${path}, ${empty}), ${p.value(action.values)})`;
      }
      const values = p.value(action.values);
      return `${path} = list_append(${values}, if_not_exists(${path}, ${p.value(EMPTY_LIST)}))`;
    }
    default:
      return undefined;
  }
}

/** `SET ... REMOVE ... ADD ... DELETE ...`, each clause's items in the order of the changes. */
export function compileUpdateAst(update: ResolvedUpdate, p: PlaceholderAllocator): string {
  const set: string[] = [];
  const remove: string[] = [];
  const add: string[] = [];
  const del: string[] = [];
  const rest: ResolvedUpdateAction[] = [];
  for (const action of update.actions) {
    const item = setItem(action, p);
    if (item !== undefined) set.push(item);
    else rest.push(action);
  }
  for (const action of rest) if (action.type === 'remove') remove.push(p.path(action.path));
  for (const action of rest) if (action.type === 'add') add.push(`${p.path(action.path)} ${p.value(action.value)}`);
  for (const action of rest) if (action.type === 'deleteFromSet') del.push(`${p.path(action.path)} ${p.value(action.value)}`);
  const clauses: string[] = [];
  if (set.length) clauses.push(`SET ${set.join(', ')}`);
  if (remove.length) clauses.push(`REMOVE ${remove.join(', ')}`);
  if (add.length) clauses.push(`ADD ${add.join(', ')}`);
  if (del.length) clauses.push(`DELETE ${del.join(', ')}`);
  return clauses.join(' ');
}

/** compile for any resolved AST: a condition, a key condition, an update, or a projection. */
export function compile(ast: ResolvedCondition | ResolvedKeyCondition, p: PlaceholderAllocator): string;
export function compile(ast: ResolvedUpdate, p: PlaceholderAllocator): string;
export function compile(ast: ResolvedProjection, p: PlaceholderAllocator): string;
export function compile(
  ast: ResolvedCondition | ResolvedKeyCondition | ResolvedUpdate | ResolvedProjection,
  p: PlaceholderAllocator,
): string {
  if (Array.isArray(ast)) return compileProjectionAst(ast as ResolvedProjection, p);
  const node = ast as ResolvedCondition | ResolvedKeyCondition | ResolvedUpdate;
  if ('partitionKey' in node) return compileKeyConditionAst(node, p);
  return node.type === 'update' ? compileUpdateAst(node, p) : compileConditionAst(node, p);
}
