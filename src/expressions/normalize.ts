/**
 * From what users write to the unresolved AST: a condition object becomes `and` of one node per
 * key (a literal value meaning `=`), an update object becomes a list of actions. No schema here;
 * anything that needs the model to be reported (an unknown path, an `undefined` value) is left in
 * the AST for `resolve` to refuse with the model's name.
 */
import { EXPRESSION, type PropertyCondition, type PropertyUpdate, type PropertyUpdateAction } from './ast';
import { expressionError } from '../errors/expression';
import type { AnyConditionOperator } from './operators';
import type { AnyUpdateOperator } from './update-operators';

/** A condition as accepted at runtime: a condition object or a node built by a helper. */
export type ConditionInput = object;

type Marked = { readonly [EXPRESSION]: 'operator' | 'condition' | 'update' | 'attribute' };

/** True for anything a helper function built (an operator, a condition node, an update operator). */
export function isExpression(value: unknown): value is Marked {
  return typeof value === 'object' && value !== null && (value as Partial<Marked>)[EXPRESSION] !== undefined;
}

export function isConditionNode(value: unknown): value is PropertyCondition & Marked {
  return isExpression(value) && value[EXPRESSION] === 'condition';
}

function isConditionOperator(value: unknown): value is AnyConditionOperator {
  return isExpression(value) && value[EXPRESSION] === 'operator';
}

/** An attribute('path') reference (the right side of a comparison of two attributes). */
export function isAttributeRef(value: unknown): value is { readonly path: string } & Marked {
  return isExpression(value) && value[EXPRESSION] === 'attribute';
}

export function isUpdateOperator(value: unknown): value is AnyUpdateOperator {
  return isExpression(value) && value[EXPRESSION] === 'update';
}

/** The node for one `path: value` entry of a condition object. */
function entry(path: string, value: unknown): PropertyCondition {
  if (!isConditionOperator(value)) {
    // A literal (or a misplaced node/update operator: resolve refuses it with the model's name).
    return { type: 'compare', left: { type: 'path', path }, comparator: '=', value };
  }
  switch (value.type) {
    case 'compare':
      return { type: 'compare', left: { type: 'path', path }, comparator: value.comparator, value: value.value };
    case 'between':
      return { type: 'between', left: { type: 'path', path }, low: value.low, high: value.high };
    case 'in':
      return { type: 'in', left: { type: 'path', path }, values: value.values };
    case 'beginsWith':
    case 'contains':
      return { type: value.type, path, value: value.value };
    case 'exists':
    case 'notExists':
      return { type: value.type, path };
    case 'isType':
      return { type: 'isType', path, attributeType: value.attributeType };
  }
}

/** A condition object or node as one AST node (an object with one key is that key's node). */
export function toCondition(input: ConditionInput, model?: string): PropertyCondition {
  if (isConditionNode(input)) return input;
  // gte(1) where a condition belongs (`and(gte(1), lt(3))`): an operator needs its path.
  if (isConditionOperator(input)) throw expressionError.operatorWithoutPath(model, input.type);
  if (typeof input !== 'object' || input === null || Array.isArray(input) || isExpression(input)) {
    throw expressionError.notACondition(model, input);
  }
  const nodes = Object.entries(input).map(([path, value]) => entry(path, value));
  return nodes.length === 1 ? nodes[0] : { type: 'and', conditions: nodes };
}

/** An update object as a list of actions. `undefined` values are skipped (no change). */
export function toUpdate(changes: object, model: string): PropertyUpdate {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes) || isExpression(changes)) {
    throw expressionError.notAnUpdate(model, changes);
  }
  const actions: PropertyUpdateAction[] = [];
  for (const [path, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (!isExpression(value)) {
      actions.push({ type: 'set', path, value });
      continue;
    }
    if (isAttributeRef(value)) {
      actions.push({ type: 'copy', path, from: value.path });
      continue;
    }
    if (!isUpdateOperator(value)) throw expressionError.conditionInUpdate(model, path);
    switch (value.type) {
      case 'increment':
        actions.push(isAttributeRef(value.by)
          ? { type: 'incrementFrom', path, sign: value.sign, from: value.by.path }
          : { type: 'increment', path, sign: value.sign, by: value.by });
        break;
      case 'ifNotExists':
        actions.push(isAttributeRef(value.value)
          ? { type: 'copyIfNotExists', path, from: value.value.path }
          : { type: 'ifNotExists', path, value: value.value });
        break;
      case 'append':
        actions.push({ type: 'append', path, position: value.position, values: value.values });
        break;
      case 'remove':
        actions.push({ type: 'remove', path });
        break;
      default:
        actions.push({ type: value.type, path, value: value.value });
    }
  }
  return { type: 'update', actions };
}
