/**
 * The condition helpers: `eq ne lt lte gt gte between beginsWith contains exists notExists isType
 * isIn` build path-less operators (the value side of `{ 'info.rating': gte(8) }`); `size`, `and`,
 * `or`, `not` build condition nodes. All of them only build data: nothing is checked here, since
 * only `resolve` knows the model and can name it in an error.
 *
 * Each operator carries its value type, so that the condition object types (types.ts) accept
 * `gte(8)` on a number path and refuse it on a string path.
 */
import {
  EXPRESSION,
  type AttributeTypeName,
  type Comparator,
  type PropertyCondition,
} from './ast';
import { toCondition, type ConditionInput } from './normalize';
import type { Condition } from './types';

/** The kinds of values DynamoDB orders with `<`, `<=`, `>`, `>=` and BETWEEN (N, S, B, and a Date as stored). */
export type Comparable = string | number | bigint | Date | Uint8Array;

export interface CompareOperator<V, C extends Comparator = Comparator> {
  readonly [EXPRESSION]: 'operator';
  readonly type: 'compare';
  readonly comparator: C;
  readonly value: V;
}
export interface BetweenOperator<V> {
  readonly [EXPRESSION]: 'operator';
  readonly type: 'between';
  readonly low: V;
  readonly high: V;
}
export interface InOperator<V> {
  readonly [EXPRESSION]: 'operator';
  readonly type: 'in';
  readonly values: readonly V[];
}
export interface BeginsWithOperator<V extends string | Uint8Array | AttributeRef> {
  readonly [EXPRESSION]: 'operator';
  readonly type: 'beginsWith';
  readonly value: V;
}
export interface ContainsOperator<V> {
  readonly [EXPRESSION]: 'operator';
  readonly type: 'contains';
  readonly value: V;
}
export interface ExistsOperator {
  readonly [EXPRESSION]: 'operator';
  readonly type: 'exists' | 'notExists';
}
export interface IsTypeOperator {
  readonly [EXPRESSION]: 'operator';
  readonly type: 'isType';
  readonly attributeType: AttributeTypeName;
}

export type AnyConditionOperator =
  | CompareOperator<unknown>
  | BetweenOperator<unknown>
  | InOperator<unknown>
  | BeginsWithOperator<string | Uint8Array>
  | ContainsOperator<unknown>
  | ExistsOperator
  | IsTypeOperator;

/**
 * Type-only: the model a condition node was written for. Contravariant, so a node built without a
 * known model (`ConditionNode<unknown>`) fits any model, and a node built for Movie fits Movie.
 */
declare const MODEL: unique symbol;
/** Type-only: the path of a `size(path)` node, checked against the model where the node is used. */
declare const SIZE_PATH: unique symbol;

/**
 * Type-only, optional: the model a condition object was typed for, so that a `Condition<Movie>`
 * held in a variable is not taken by a query of Note (a literal object is checked path by path).
 */
export interface ModelMark<T> {
  readonly [MODEL]?: (model: T) => void;
}

/** A condition node (from `and`, `or`, `not`): the AST itself, marked as a node. */
export type ConditionNode<T = unknown> = PropertyCondition & {
  readonly [EXPRESSION]: 'condition';
  readonly [MODEL]: (model: T) => void;
};

/** `size(path).gt(3)`: a node whose path is checked against the model it is used with. */
export type SizeCondition<P extends string = string> = PropertyCondition & {
  readonly [EXPRESSION]: 'condition';
  readonly [SIZE_PATH]: P;
};

/**
 * Another attribute of the same item, as the right side of eq/ne/lt/lte/gt/gte (and a bound of
 * between, a candidate of isIn, the operand of beginsWith and contains):
 * `{ stock: gte(attribute('reserved')) }` compiles to `#stock >= #reserved`. The path is checked
 * against the model like any other (at compile time in a typed condition, and before sending).
 */
export interface AttributeRef<P extends string = string> {
  readonly [EXPRESSION]: 'attribute';
  readonly path: P;
}
export function attribute<const P extends string>(path: P): AttributeRef<P> {
  return { [EXPRESSION]: 'attribute', path };
}

export function eq<V>(value: V): CompareOperator<V, '='> {
  return { [EXPRESSION]: 'operator', type: 'compare', comparator: '=', value };
}
export function ne<V>(value: V): CompareOperator<V, '<>'> {
  return { [EXPRESSION]: 'operator', type: 'compare', comparator: '<>', value };
}
export function lt<V extends Comparable | AttributeRef>(value: V): CompareOperator<V, '<'> {
  return { [EXPRESSION]: 'operator', type: 'compare', comparator: '<', value };
}
export function lte<V extends Comparable | AttributeRef>(value: V): CompareOperator<V, '<='> {
  return { [EXPRESSION]: 'operator', type: 'compare', comparator: '<=', value };
}
export function gt<V extends Comparable | AttributeRef>(value: V): CompareOperator<V, '>'> {
  return { [EXPRESSION]: 'operator', type: 'compare', comparator: '>', value };
}
export function gte<V extends Comparable | AttributeRef>(value: V): CompareOperator<V, '>='> {
  return { [EXPRESSION]: 'operator', type: 'compare', comparator: '>=', value };
}
/**
 * Inclusive on both ends, like DynamoDB's BETWEEN. A bound may be another attribute of the item
 * (`between(attribute('min'), attribute('max'))`; not in key conditions, where DynamoDB takes values only).
 */
export function between<L extends Comparable | AttributeRef, H extends Comparable | AttributeRef = L>(low: L, high: H): BetweenOperator<L | H> {
  return { [EXPRESSION]: 'operator', type: 'between', low, high };
}
/**
 * `begins_with`: strings and binaries only (DynamoDB's rule). The prefix may be another attribute
 * of the item (`{ url: beginsWith(attribute('site')) }`; not in key conditions, which take values).
 */
export function beginsWith(prefix: string): BeginsWithOperator<string>;
export function beginsWith(prefix: Uint8Array): BeginsWithOperator<Uint8Array>;
export function beginsWith<const P extends string>(prefix: AttributeRef<P>): BeginsWithOperator<AttributeRef<P>>;
export function beginsWith(prefix: string | Uint8Array | AttributeRef): BeginsWithOperator<string | Uint8Array | AttributeRef> {
  return { [EXPRESSION]: 'operator', type: 'beginsWith', value: prefix };
}
/** A substring of a string, a member of a set, an element of a list: a value, or another attribute of the item (`attribute('tag')`). */
export function contains<V>(value: V): ContainsOperator<V> {
  return { [EXPRESSION]: 'operator', type: 'contains', value };
}
export function exists(): ExistsOperator {
  return { [EXPRESSION]: 'operator', type: 'exists' };
}
export function notExists(): ExistsOperator {
  return { [EXPRESSION]: 'operator', type: 'notExists' };
}
/** `attribute_type(path, type)` with a DynamoDB type name: 'S', 'N', 'B', 'SS', 'NS', 'BS', 'BOOL', 'NULL', 'L', 'M'. */
export function isType(attributeType: AttributeTypeName): IsTypeOperator {
  return { [EXPRESSION]: 'operator', type: 'isType', attributeType };
}
/** `IN (...)`: equal to one of the values (DynamoDB allows up to 100); a candidate may be another attribute (`attribute('x')`). */
export function isIn<const V extends readonly unknown[]>(...values: V): InOperator<V[number]>;
/** With the value type given: `isIn<Genre>(...genres)`. */
export function isIn<V>(...values: V[]): InOperator<V>;
export function isIn(...values: unknown[]): InOperator<unknown> {
  return { [EXPRESSION]: 'operator', type: 'in', values };
}

function node<N extends PropertyCondition>(ast: N): N & { readonly [EXPRESSION]: 'condition' } {
  return { [EXPRESSION]: 'condition', ...ast };
}

/** The nodes `size(path)` builds: `size(path).gt(3)` compares the size of the value at `path`. */
export interface SizeOperand<P extends string> {
  eq(n: number): SizeCondition<P>;
  ne(n: number): SizeCondition<P>;
  lt(n: number): SizeCondition<P>;
  lte(n: number): SizeCondition<P>;
  gt(n: number): SizeCondition<P>;
  gte(n: number): SizeCondition<P>;
  between(low: number, high: number): SizeCondition<P>;
}

/** `size(path)`: length of a string or binary, number of members of a set, list or map. */
export function size<P extends string>(path: P): SizeOperand<P> {
  const left = { type: 'size', path } as const;
  const compare = (comparator: Comparator) => (value: number) =>
    node({ type: 'compare', left, comparator, value }) as unknown as SizeCondition<P>;
  return {
    eq: compare('='),
    ne: compare('<>'),
    lt: compare('<'),
    lte: compare('<='),
    gt: compare('>'),
    gte: compare('>='),
    between: (low, high) => node({ type: 'between', left, low, high }) as unknown as SizeCondition<P>,
  };
}

/** All of the conditions. An object with several keys is already their `and`. */
export function and<T = unknown>(...conditions: Condition<T>[]): ConditionNode<T> {
  return node({ type: 'and', conditions: flatten('and', conditions) }) as unknown as ConditionNode<T>;
}

/** At least one of the conditions. */
export function or<T = unknown>(...conditions: Condition<T>[]): ConditionNode<T> {
  return node({ type: 'or', conditions: flatten('or', conditions) }) as unknown as ConditionNode<T>;
}

export function not<T = unknown>(condition: Condition<T>): ConditionNode<T> {
  return node({ type: 'not', condition: toCondition(condition as ConditionInput) }) as unknown as ConditionNode<T>;
}

/** `and(and(a, b), c)` is `and(a, b, c)`: same meaning, fewer parentheses in the expression. */
function flatten(type: 'and' | 'or', inputs: readonly unknown[]): PropertyCondition[] {
  const out: PropertyCondition[] = [];
  for (const input of inputs) {
    const c = toCondition(input as ConditionInput);
    // An empty and() (or {}) inside and(), an empty or() inside or(), is the operator's identity
    // and merges away (so `and(base, extra ?? {})` composes); on its own, or inside the other
    // operator, it is refused when resolved (emptyLogical).
    if (c.type === type) out.push(...c.conditions);
    else out.push(c);
  }
  return out;
}
