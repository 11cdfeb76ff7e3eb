/**
 * The public surface of expressions (re-exported by src/index.ts): the helper functions, the
 * typed condition/update/key/projection types, and the lower-level compile API for users who
 * call the SDK directly.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { optionError } from '../errors/operation';
import { getModelSchema } from '../metadata/schema';
import type { Constructor } from '../metadata/types';
import { ExpressionContext } from './context';
import type { Condition, IndexKeyCondition, IndexKeyConditionOf, IndexName, KeyCondition, Projection, UndeclaredIndex, UpdateChanges } from './types';

export {
  eq, ne, lt, lte, gt, gte, between, beginsWith, contains, exists, notExists, isType, size, isIn, and, or, not, attribute,
} from './operators';
export { add, remove, append, prepend, ifNotExists, deleteFromSet, increment, decrement } from './update-operators';
export type {
  Comparable, CompareOperator, BetweenOperator, InOperator, BeginsWithOperator, ContainsOperator, ExistsOperator,
  IsTypeOperator, ConditionNode, SizeCondition, SizeOperand, AttributeRef,
} from './operators';
export type {
  IncrementOperator, IfNotExistsOperator, AppendOperator, AddOperator, DeleteFromSetOperator, RemoveOperator,
} from './update-operators';
export type {
  Path, PathValue, SizedPath, Condition, ConditionObject, ConditionOperator, KeyCondition, IndexKeyCondition, KeyOf, LooseKeyOf,
  UpdateChanges, Projection, IndexName, IndexKeyConditionOf, UndeclaredIndex, ScannedIndex,
} from './types';
export { KEY, INDEXES, type DeclaredKey, type DeclaredIndexes } from '../metadata/declared-key';
export type { ProjectedEntity } from './projected';
export type { AttributeTypeName, Comparator } from './ast';

/** An expression ready for a Command (low-level client format: AttributeValue maps). */
export interface CompiledExpression {
  /** The ConditionExpression / FilterExpression / UpdateExpression / ProjectionExpression / KeyConditionExpression. */
  readonly expression: string;
  /** ExpressionAttributeNames. */
  readonly names: Record<string, string>;
  /** ExpressionAttributeValues; undefined when the expression uses no value (DynamoDB refuses an empty map). */
  readonly values: Record<string, AttributeValue> | undefined;
}

export interface CompiledUpdateExpression extends CompiledExpression {
  /** The nested property paths the update changes (`info.rating`): their parents must exist in the item. */
  readonly nestedPaths: readonly string[];
}

function result(ctx: ExpressionContext, expression: string): CompiledExpression {
  return { expression, names: ctx.names() ?? {}, values: ctx.values() };
}

/**
 * A ConditionExpression (or FilterExpression) for a model:
 * `compileCondition(Movie, { rating: gte(8) })` →
 * `{ expression: '#n0 >= :v0', names: { '#n0': 'rating' }, values: { ':v0': { N: '8' } } }`.
 */
export function compileCondition<T extends object>(Model: Constructor<T>, condition: Condition<T>): CompiledExpression {
  const ctx = new ExpressionContext();
  return result(ctx, ctx.condition(getModelSchema(Model), condition));
}

/**
 * An UpdateExpression for a model: `compileUpdate(Movie, { rating: 8, tags: add(new Set(['x'])) })`.
 * For a model with an entity type it also sets the entity attribute if absent (an item the update
 * creates is then one of the model's).
 */
export function compileUpdate<T extends object>(Model: Constructor<T>, changes: UpdateChanges<T>): CompiledUpdateExpression {
  const ctx = new ExpressionContext();
  const { expression, nestedPaths } = ctx.update(getModelSchema(Model), changes);
  return { ...result(ctx, expression), nestedPaths };
}

/**
 * A ProjectionExpression for a model: `compileProjection(Movie, ['title', 'info.rating'])`. A model
 * with an entity type reads its entity attribute too, which `fromItem` checks.
 */
export function compileProjection<T extends object>(Model: Constructor<T>, paths: Projection<T>): CompiledExpression {
  const ctx = new ExpressionContext();
  const schema = getModelSchema(Model);
  return result(ctx, ctx.projection(schema, paths, schema.table.entity ? [schema.table.entity.attribute] : []));
}

/**
 * A KeyConditionExpression for a Query on the table, or on an index with `{ index }`:
 * `compileKeyCondition(Movie, { year: 1992, title: beginsWith('A') })`.
 */
export function compileKeyCondition<T extends object>(Model: Constructor<T>, keyCondition: KeyCondition<T>, options?: { index?: undefined }): CompiledExpression;
export function compileKeyCondition<T extends object, const I extends IndexName<T>>(Model: Constructor<T>, keyCondition: IndexKeyConditionOf<T, I>, options: { index: I }): CompiledExpression;
export function compileKeyCondition<T extends object, S extends string = string>(
  Model: Constructor<T>, keyCondition: IndexKeyCondition<T>, options: { index?: S | undefined }, ...declared: UndeclaredIndex<T, S>
): CompiledExpression;
export function compileKeyCondition<T extends object>(
  Model: Constructor<T>,
  keyCondition: KeyCondition<T> | IndexKeyCondition<T>,
  options: { index?: string } = {},
): CompiledExpression {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw optionError.invalid('compileKeyCondition()', 'options', options, '{ index? }');
  }
  const unknown = Object.keys(options).find((k) => k !== 'index' && (options as Record<string, unknown>)[k] !== undefined);
  if (unknown !== undefined) throw optionError.unknown('compileKeyCondition()', unknown, ['index']);
  const ctx = new ExpressionContext();
  return result(ctx, ctx.keyCondition(getModelSchema(Model), options.index, keyCondition));
}
