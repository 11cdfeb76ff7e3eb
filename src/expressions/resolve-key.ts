/**
 * resolve for key conditions (Query): the partition key's value plus at most one sort key
 * condition of `= < <= > >= BETWEEN begins_with`, on the table's keys or an index's.
 */
import { expressionError } from '../errors/expression';
import { checkKeyConditionValue } from '../codec';
import { isAttributeRef } from './normalize';
import type { KeyAttributes, ModelSchema } from '../metadata/types';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributePath, KeySortCondition, PropertyCondition, ResolvedKeyCondition } from './ast';
import { resolveCondition } from './resolve-condition';

const SHOWN: Record<string, string> = {
  '<>': 'ne()',
  in: 'isIn()',
  contains: 'contains()',
  exists: 'exists()',
  notExists: 'notExists()',
  isType: 'isType()',
  size: 'size()',
};

/** The leaves of an `and` tree; or/not have no place in a key condition. */
function leaves(model: string, node: PropertyCondition, out: PropertyCondition[]): PropertyCondition[] {
  if (node.type === 'and') {
    for (const c of node.conditions) leaves(model, c, out);
  } else if (node.type === 'or' || node.type === 'not') {
    throw expressionError.keyLogical(model, `${node.type}()`);
  } else {
    out.push(node);
  }
  return out;
}

function pathOf(node: PropertyCondition): { path: string; size: boolean } {
  switch (node.type) {
    case 'compare':
    case 'compareAttributes':
    case 'between':
    case 'in':
      return { path: node.left.path, size: node.left.type === 'size' };
    case 'and':
    case 'or':
    case 'not':
      return { path: '', size: false };
    default:
      return { path: node.path, size: false };
  }
}

function operatorName(node: PropertyCondition, size: boolean): string {
  if (size) return SHOWN.size;
  if (node.type === 'compare') return SHOWN[node.comparator] ?? node.comparator;
  return SHOWN[node.type] ?? `${node.type}()`;
}

export function resolveKeyCondition(schema: ModelSchema, index: string | undefined, ast: PropertyCondition): ResolvedKeyCondition {
  const model = schema.className;
  let keys: KeyAttributes = schema.key;
  let target = `the table of ${model}`;
  if (index !== undefined) {
    const found = schema.indexByName.get(index);
    if (!found) throw expressionError.unknownIndex(model, index, schema.indexes.map((i) => i.name));
    keys = found;
    target = `index ${JSON.stringify(index)}`;
  }
  const pk = keys.partitionKey;
  const sk = keys.sortKey;
  const keyNames = [pk.property, ...(sk ? [sk.property] : [])];

  let partition: PropertyCondition | undefined;
  let sort: PropertyCondition | undefined;
  if (ast.type === 'and' && ast.conditions.length === 0) throw expressionError.keyMissingPartition(model, target, pk.property);
  for (const leaf of leaves(model, ast, [])) {
    const { path, size } = pathOf(leaf);
    const refersToAttribute = (leaf.type === 'compare' && isAttributeRef(leaf.value)) ||
      (leaf.type === 'between' && (isAttributeRef(leaf.low) || isAttributeRef(leaf.high))) ||
      (leaf.type === 'beginsWith' && isAttributeRef(leaf.value));
    if (refersToAttribute) throw expressionError.attributeNotAllowed(model, path, 'a key condition');
    if (path === pk.property) {
      if (partition) throw expressionError.keyTwice(model, path);
      if (size || leaf.type !== 'compare' || leaf.comparator !== '=') {
        throw expressionError.keyPartitionOperator(model, path, operatorName(leaf, size));
      }
      partition = leaf;
    } else if (sk && path === sk.property) {
      if (sort) throw expressionError.keyTwice(model, path);
      const allowed = !size && (leaf.type === 'between' || leaf.type === 'beginsWith' || (leaf.type === 'compare' && leaf.comparator !== '<>'));
      if (!allowed) throw expressionError.keySortOperator(model, path, operatorName(leaf, size));
      sort = leaf;
    } else {
      throw expressionError.keyNotKey(model, path, target, keyNames);
    }
  }
  if (!partition) throw expressionError.keyMissingPartition(model, target, pk.property);

  const resolvedPartition = resolveCondition(schema, partition);
  if (resolvedPartition.type !== 'compare') throw expressionError.keyPartitionOperator(model, pk.property, resolvedPartition.type);
  const resolvedSort = sort ? (resolveCondition(schema, sort) as KeySortCondition<AttributePath, AttributeValue>) : undefined;
  checkKeyConditionValue(resolvedPartition.value, 'partition key', `${model}.${pk.property}`, pk.scalarType);
  if (resolvedSort) {
    const values = resolvedSort.type === 'between' ? [resolvedSort.low, resolvedSort.high] : [resolvedSort.value];
    for (const value of values) checkKeyConditionValue(value, 'sort key', `${model}.${sk!.property}`, sk!.scalarType);
  }
  return {
    partitionKey: { path: [pk.name], value: resolvedPartition.value },
    ...(resolvedSort ? { sortKey: resolvedSort } : {}),
  };
}
