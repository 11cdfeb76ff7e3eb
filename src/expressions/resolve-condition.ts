/**
 * resolve for conditions and filters: property paths → attribute paths, values → AttributeValues
 * through each attribute's codec, and every rule DynamoDB would otherwise reject at request time
 * (operator vs. kind, empty and/or, IN over 100 values, BETWEEN bounds the wrong way round).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { expressionError } from '../errors/expression';
import type { ModelSchema } from '../metadata/types';
import {
  ATTRIBUTE_TYPE_NAMES,
  type Comparator,
  type Operand,
  type PropertyCondition,
  type ResolvedCondition,
} from './ast';
import { encodeFragment, encodeMember, encodeNumber, encodeRequired } from './encode';
import { checkFits } from './fitness';
import { isAttributeRef, isConditionNode, isExpression } from './normalize';
import { compareAttributeValues } from './order';
import { resolvePath, type ResolvedPath, type ValueCategory } from './resolve-path';

/** DynamoDB's limit on the operands of IN. */
export const MAX_IN_VALUES = 100;

type Resolver = (path: string) => ResolvedPath;

export function resolveCondition(schema: ModelSchema, ast: PropertyCondition): ResolvedCondition {
  return resolveNode(schema.className, (path) => resolvePath(schema, path), ast);
}

function operandValue(model: string, path: ResolvedPath, left: Operand<string>, value: unknown, operator: string): AttributeValue {
  if (isAttributeRef(value)) throw expressionError.attributeNotAllowed(model, path.source, operator);
  if (isConditionNode(value)) throw expressionError.conditionAsValue(model, path.source);
  if (isExpression(value)) throw expressionError.updateInCondition(model, path.source);
  return left.type === 'size' ? encodeNumber(model, path, 'size()', value) : encodeRequired(model, path, value, true);
}

/** The type letter of an AttributeValue (S, N, B, BOOL, NULL, M, L, SS...). */
function typeOf(av: AttributeValue): string {
  for (const key in av) if ((av as unknown as Record<string, unknown>)[key] !== undefined) return key;
  return '?';
}

/**
 * DynamoDB orders strings, numbers and binaries only: `<`, `<=`, `>`, `>=` and BETWEEN with a
 * null, a boolean, a map, a list or a set fail ("Incorrect operand type"). A path whose kind is
 * known was checked already (checkFits); this catches values at untyped paths (`any`, `map`).
 */
function orderable(model: string, path: ResolvedPath, operator: string, value: unknown, av: AttributeValue): AttributeValue {
  const type = typeOf(av);
  if (type !== 'S' && type !== 'N' && type !== 'B') throw expressionError.badOperand(model, path.source, operator, 'a string, number, Date or binary (what DynamoDB orders)', value);
  return av;
}

function operand(model: string, at: Resolver, left: Operand<string>): { path: ResolvedPath; resolved: Operand<ResolvedPath['attributePath']> } {
  const path = at(left.path);
  if (left.type === 'size') checkFits(model, path, 'size');
  return { path, resolved: { type: left.type, path: path.attributePath } };
}

function resolveNode(model: string, at: Resolver, node: PropertyCondition): ResolvedCondition {
  switch (node.type) {
    case 'and':
    case 'or': {
      if (node.conditions.length === 0) throw expressionError.emptyLogical(model, node.type);
      const conditions = node.conditions.map((c) => resolveNode(model, at, c));
      return conditions.length === 1 ? conditions[0] : { type: node.type, conditions };
    }
    case 'not':
      return { type: 'not', condition: resolveNode(model, at, node.condition) };
    case 'compare': {
      const { path, resolved } = operand(model, at, node.left);
      if (node.comparator !== '=' && node.comparator !== '<>' && node.left.type === 'path') checkFits(model, path, node.comparator);
      if (isAttributeRef(node.value)) return compareAttributes(model, at, path, resolved, node.comparator, node.value.path);
      const value = operandValue(model, path, node.left, node.value, 'a comparison');
      if (node.comparator !== '=' && node.comparator !== '<>') orderable(model, path, node.comparator, node.value, value);
      return { type: 'compare', left: resolved, comparator: node.comparator, value };
    }
    case 'compareAttributes':
      throw expressionError.notACondition(model, node);
    case 'between': {
      const { path, resolved } = operand(model, at, node.left);
      if (node.left.type === 'path') checkFits(model, path, 'between');
      if (isAttributeRef(node.low) || isAttributeRef(node.high)) {
        // DynamoDB's BETWEEN is `>= low AND <= high`; with another attribute as a bound the two
        // comparisons are written out, each bound a value or an attribute.
        const bound = (value: unknown, comparator: '>=' | '<='): ResolvedCondition => isAttributeRef(value)
          ? compareAttributes(model, at, path, resolved, comparator, value.path)
          : { type: 'compare', left: resolved, comparator, value: orderable(model, path, 'between()', value, operandValue(model, path, node.left, value, 'between()')) };
        return { type: 'and', conditions: [bound(node.low, '>='), bound(node.high, '<=')] };
      }
      const low = orderable(model, path, 'between()', node.low, operandValue(model, path, node.left, node.low, 'between()'));
      const high = orderable(model, path, 'between()', node.high, operandValue(model, path, node.left, node.high, 'between()'));
      if (typeOf(low) !== typeOf(high)) {
        throw expressionError.badOperand(model, path.source, 'between()', `bounds of one type (DynamoDB refuses ${typeOf(low)} and ${typeOf(high)})`, node.high);
      }
      const order = compareAttributeValues(low, high);
      if (order !== undefined && order > 0) throw expressionError.betweenOrder(model, path.source, node.low, node.high);
      return { type: 'between', left: resolved, low, high };
    }
    case 'in': {
      const { path, resolved } = operand(model, at, node.left);
      if (!Array.isArray(node.values) || node.values.length === 0) throw expressionError.emptyIn(model, path.source);
      if (node.values.length > MAX_IN_VALUES) throw expressionError.tooManyIn(model, path.source, node.values.length);
      if (node.values.some((v) => isAttributeRef(v))) {
        // `IN (a, b)` is `= a OR = b`: with attributes among the candidates, the equalities are written out.
        const conditions = node.values.map((v): ResolvedCondition => isAttributeRef(v)
          ? compareAttributes(model, at, path, resolved, '=', v.path)
          : { type: 'compare', left: resolved, comparator: '=', value: operandValue(model, path, node.left, v, 'isIn()') });
        return conditions.length === 1 ? conditions[0] : { type: 'or', conditions };
      }
      return { type: 'in', left: resolved, values: node.values.map((v) => operandValue(model, path, node.left, v, 'isIn()')) };
    }
    case 'beginsWith': {
      const path = at(node.path);
      checkFits(model, path, 'beginsWith');
      if (isAttributeRef(node.value)) {
        const right = otherAttribute(model, at, path, node.value.path);
        // A prefix of the same type: a string of a string, bytes of bytes (else false for every item).
        if (path.category !== 'unknown' && right.category !== 'unknown' && right.category !== path.category) {
          throw expressionError.attributeMismatch(model, path.source, path.kindLabel, right.source, right.kindLabel);
        }
        return { type: 'beginsWithAttribute', path: path.attributePath, right: right.attributePath };
      }
      return { type: 'beginsWith', path: path.attributePath, value: encodeFragment(model, path, 'beginsWith()', node.value) };
    }
    case 'contains': {
      const path = at(node.path);
      checkFits(model, path, 'contains');
      if (isAttributeRef(node.value)) {
        const right = otherAttribute(model, at, path, node.value.path);
        // A substring of a string, a member of a set of that member type; a list's elements may be anything.
        const wanted = path.category === 'string' ? 'string' : path.category === 'set' ? memberCategory(path) : undefined;
        if (wanted !== undefined && right.category !== 'unknown' && right.category !== wanted) {
          throw expressionError.attributeMismatch(model, path.source, path.kindLabel, right.source, right.kindLabel);
        }
        return { type: 'containsAttribute', path: path.attributePath, right: right.attributePath };
      }
      // On a converter attribute the operand is sent as given: a fragment cannot go through a
      // converter that changes whole values ('USER#' + v).
      const value = path.category === 'string'
        ? encodeFragment(model, path, 'contains()', node.value, false)
        : encodeMember(model, path, node.value, true);
      return { type: 'contains', path: path.attributePath, value };
    }
    case 'exists':
    case 'notExists':
      return { type: node.type, path: at(node.path).attributePath };
    case 'isType': {
      const path = at(node.path);
      if (!ATTRIBUTE_TYPE_NAMES.includes(node.attributeType)) throw expressionError.badType(model, path.source, node.attributeType);
      return { type: 'isType', path: path.attributePath, attributeType: node.attributeType };
    }
  }
  throw expressionError.notACondition(model, node);
}

/**
 * `left <op> attribute(right)`: both paths resolved against the model; two attributes whose kinds
 * can never compare (a number and a string) are refused, since DynamoDB would silently find the
 * comparison false. An ordering comparison needs an orderable right side too.
 */
/** The other attribute of begins_with / contains: a path of the model, not the first operand itself (DynamoDB refuses that). */
function otherAttribute(model: string, at: Resolver, left: ResolvedPath, rightPath: string): ResolvedPath {
  const right = at(rightPath);
  if (samePath(left, right)) throw expressionError.sameAttribute(model, left.source);
  return right;
}

function samePath(a: ResolvedPath, b: ResolvedPath): boolean {
  return a.attributePath.length === b.attributePath.length && a.attributePath.every((element, i) => element === b.attributePath[i]);
}

/** The category of a typed set's members ('string' for a stringSet...); undefined where the set's kind is not known. */
function memberCategory(path: ResolvedPath): ValueCategory | undefined {
  if (path.end.at !== 'attribute') return undefined;
  switch (path.end.attr.kind) {
    case 'stringSet': return 'string';
    case 'numberSet': return 'number';
    case 'binarySet': return 'binary';
    default: return undefined;
  }
}

function compareAttributes(
  model: string, at: Resolver, left: ResolvedPath, resolvedLeft: Operand<ResolvedPath['attributePath']>,
  comparator: Comparator, rightPath: string,
): ResolvedCondition {
  const right = at(rightPath);
  if (resolvedLeft.type === 'path' && samePath(left, right)) throw expressionError.sameAttribute(model, left.source);
  if (comparator !== '=' && comparator !== '<>') checkFits(model, right, comparator);
  const leftCategory = resolvedLeft.type === 'size' ? 'number' : left.category;
  const leftKind = resolvedLeft.type === 'size' ? `size(), a number` : left.kindLabel;
  if (leftCategory !== 'unknown' && right.category !== 'unknown' && leftCategory !== right.category) {
    throw expressionError.attributeMismatch(model, resolvedLeft.type === 'size' ? `size(${left.source})` : left.source, leftKind, right.source, right.kindLabel);
  }
  return { type: 'compareAttributes', left: resolvedLeft, comparator, right: right.attributePath };
}
