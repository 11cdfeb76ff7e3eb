/**
 * One ExpressionContext per request: the key condition, filter, condition, update and projection
 * of the request share its `#nK`/`:vK` placeholders (one ExpressionAttributeNames/Values for the
 * whole command). Each builder normalizes, resolves against the schema, compiles, and checks
 * DynamoDB's 4 KB limit on the expression it produced.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { expressionError } from '../errors/expression';
import type { ModelSchema } from '../metadata/types';
import type { AttributePath } from './ast';
import { compileConditionAst, compileKeyConditionAst, compileProjectionAst, compileUpdateAst, type PlaceholderAllocator } from './compile';
import { toCondition, toUpdate, type ConditionInput } from './normalize';
import { Placeholders } from './placeholders';
import { andResolved, entityCondition, entityGuard, resolveCondition, resolveKeyCondition, resolveProjection, resolveUpdate } from './resolve';

import { MAX_EXPRESSION_OPERATORS, operatorCount } from './operator-count';

/** DynamoDB's limit on each expression string. */
export const MAX_EXPRESSION_BYTES = 4096;
/** DynamoDB's limit on ExpressionAttributeNames and ExpressionAttributeValues together. */
export const MAX_EXPRESSION_ATTRIBUTES_BYTES = 2 * 1024 * 1024;

export interface CompiledUpdate {
  readonly expression: string;
  /**
   * Property paths below the top level that the update changes (`address.city`). When DynamoDB
   * answers "The document path provided in the update expression is invalid for update", one of
   * their parents is missing: throw `expressionError.missingParentPath(model, nestedPaths)`.
   */
  readonly nestedPaths: readonly string[];
}

export class ExpressionContext implements PlaceholderAllocator {
  private readonly placeholders = new Placeholders();

  name(segment: string): string {
    return this.placeholders.name(segment);
  }

  value(value: AttributeValue): string {
    return this.placeholders.value(value);
  }

  path(path: AttributePath): string {
    return this.placeholders.path(path);
  }

  /** A ConditionExpression or FilterExpression. `which` names it in the 4 KB error. */
  condition(schema: ModelSchema, condition: ConditionInput, which: 'condition' | 'filter' = 'condition'): string {
    const ast = toCondition(condition, schema.className);
    return this.checked(schema, which, compileConditionAst(resolveCondition(schema, ast), this));
  }

  /** A FilterExpression (a condition, named as a filter in errors). */
  filter(schema: ModelSchema, condition: ConditionInput): string {
    return this.condition(schema, condition, 'filter');
  }

  /**
   * The FilterExpression of a read (query, scan): the caller's filter, if any, and for a model with
   * an entity type (single-table design) that the item carries it — one of `models`' types for a
   * read of several entity types. Undefined when there is neither.
   */
  readFilter(schema: ModelSchema, condition: ConditionInput | undefined, models?: readonly ModelSchema[]): string | undefined {
    const user = condition === undefined ? undefined : resolveCondition(schema, toCondition(condition, schema.className));
    const own = entityCondition(schema, models);
    const ast = user && own ? andResolved(user, own) : (user ?? own);
    return ast === undefined ? undefined : this.checked(schema, 'filter', compileConditionAst(ast, this));
  }

  /**
   * The ConditionExpression of a write to an item that may exist (update, delete, condition check):
   * the caller's condition, if any, and for a model with an entity type that the item is missing
   * or one of its entities. Undefined when there is neither.
   */
  writeCondition(schema: ModelSchema, condition: ConditionInput | undefined): string | undefined {
    const user = condition === undefined ? undefined : resolveCondition(schema, toCondition(condition, schema.className));
    const guard = entityGuard(schema);
    const ast = user && guard ? andResolved(user, guard) : (user ?? guard);
    return ast === undefined ? undefined : this.checked(schema, 'condition', compileConditionAst(ast, this));
  }

  /** An UpdateExpression, and the nested paths it sets. */
  update(schema: ModelSchema, changes: object): CompiledUpdate {
    const resolved = resolveUpdate(schema, toUpdate(changes, schema.className));
    return { expression: this.checked(schema, 'update', compileUpdateAst(resolved, this)), nestedPaths: resolved.nestedPaths };
  }

  /** A KeyConditionExpression on the table's keys, or on an index's when `index` is given. */
  keyCondition(schema: ModelSchema, index: string | undefined, condition: ConditionInput): string {
    const ast = toCondition(condition, schema.className);
    return this.checked(schema, 'key condition', compileKeyConditionAst(resolveKeyCondition(schema, index, ast), this));
  }

  /**
   * A ProjectionExpression of property paths, plus `attributes` (top-level attribute names that are
   * not properties, such as a model's entity attribute).
   */
  projection(schema: ModelSchema, paths: readonly string[], attributes: readonly string[] = []): string {
    const resolved = resolveProjection(schema, paths);
    const all = attributes.length === 0 ? resolved : [...resolved, ...attributes.map((a) => [a])];
    return this.checked(schema, 'projection', compileProjectionAst(all, this));
  }

  /**
   * The expression, once within DynamoDB's limits: 4 KB for it, 300 operators for a condition
   * (an update or projection cannot reach that many within 4 KB), 2 MB for the request's names and values.
   */
  private checked(schema: ModelSchema, which: string, expression: string): string {
    const bytes = Buffer.byteLength(expression, 'utf8');
    if (bytes > MAX_EXPRESSION_BYTES) throw expressionError.tooLong(schema.className, which, bytes);
    if (which !== 'update' && which !== 'projection') {
      const operators = operatorCount(expression);
      if (operators > MAX_EXPRESSION_OPERATORS) throw expressionError.tooManyOperators(schema.className, which, operators);
    }
    if (this.placeholders.bytes > MAX_EXPRESSION_ATTRIBUTES_BYTES) {
      throw expressionError.attributesTooLarge(schema.className, which, this.placeholders.bytes);
    }
    return expression;
  }

  /** ExpressionAttributeNames, or undefined when no expression was built (DynamoDB refuses `{}`). */
  names(): Record<string, string> | undefined {
    return this.placeholders.names();
  }

  /** ExpressionAttributeValues, or undefined when no value was used (DynamoDB refuses `{}`). */
  values(): Record<string, AttributeValue> | undefined {
    return this.placeholders.values();
  }
}

