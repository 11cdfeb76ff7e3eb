/**
 * Expressions: conditions, filters, key conditions, updates and projections.
 *
 * Pipeline: helpers (operators.ts, update-operators.ts) build an unresolved AST (ast.ts) of
 * property paths and JS values → normalize.ts turns condition/update objects into AST →
 * `resolve(ast, schema)` maps property paths to attribute paths, encodes values with each
 * attribute's codec and refuses what DynamoDB would → `compile(ast, placeholders)` writes the
 * text, pure and schema-free. Types (types.ts) derive typed paths from the model class.
 *
 * Internal API for the mapper (import from '../expressions'):
 *
 *   const ex = new ExpressionContext();                  // one per request
 *   ex.keyCondition(schema, indexName | undefined, key)  // → KeyConditionExpression text
 *   ex.filter(schema, condition)                         // → FilterExpression text
 *   ex.condition(schema, condition)                      // → ConditionExpression text
 *   ex.update(schema, changes)                           // → { expression, nestedPaths }
 *   ex.projection(schema, paths)                         // → ProjectionExpression text
 *   ex.names() / ex.values()                             // → the maps, or undefined when empty
 *
 *   All builders of one context share placeholders (`#n0` for `year` in the key condition is
 *   `#n0` in the filter too), allocated in call order: call them in a fixed order. Each builder
 *   throws ValidationError (codes `expression.*`) before anything is sent: unknown path,
 *   operator vs. kind, key condition rules, overlapping update paths, an expression over 4 KB.
 *   `condition`/`filter` take a condition object or a node (and/or/not/size); `update` takes
 *   a changes object (`undefined` values skipped; a value whose stored form is nothing, such as
 *   an empty Set, becomes REMOVE); the key attributes cannot be updated.
 *
 *   When UpdateItem fails with "The document path provided in the update expression is invalid
 *   for update", throw `missingParentPath(schema.className, compiled.nestedPaths)`.
 *
 * Lower level: `toCondition`/`toUpdate` (objects → AST), `resolve`/`resolveKeyCondition`
 * (AST → resolved AST), `compile` (resolved AST → text), `Placeholders`.
 */
export * from './public';
export { ExpressionContext, MAX_EXPRESSION_BYTES, type CompiledUpdate } from './context';
export { missingParentPath, expressionError } from '../errors/expression';
export { EXPRESSION } from './ast';
export type {
  AttributePath, AttributePathElement, ConditionAst, UpdateActionAst, UpdateAst, PropertyCondition, PropertyUpdate,
  ResolvedCondition, ResolvedUpdate, ResolvedUpdateAction, ResolvedKeyCondition, ResolvedProjection, KeySortCondition,
  Operand,
} from './ast';
export { toCondition, toUpdate, isExpression, type ConditionInput } from './normalize';
export { conditionRoots, resolve, resolveCondition, resolveKeyCondition, resolveUpdate, resolveProjection } from './resolve';
export { resolvePath, type ResolvedPath, type ValueCategory } from './resolve-path';
export { compile, type PlaceholderAllocator } from './compile';
export { Placeholders } from './placeholders';
export { compareAttributeValues } from './order';
export { MAX_IN_VALUES } from './resolve-condition';
