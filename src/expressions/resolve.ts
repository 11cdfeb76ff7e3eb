/**
 * `resolve(ast, schema)`: the one step that knows the model. Property paths become attribute
 * paths, values become AttributeValues through each attribute's codec, and everything DynamoDB
 * would refuse is refused here, naming the model and the path.
 */
import { expressionError } from '../errors/expression';
import type { ModelSchema } from '../metadata/types';
import type {
  AttributePath,
  PropertyCondition,
  PropertyUpdate,
  ResolvedCondition,
  ResolvedProjection,
  ResolvedUpdate,
} from './ast';
import { resolveCondition } from './resolve-condition';
import { resolvePath } from './resolve-path';
import { resolveUpdate } from './resolve-update';

export { resolveCondition } from './resolve-condition';
export { resolveKeyCondition } from './resolve-key';
export { resolveUpdate } from './resolve-update';

function covers(parent: AttributePath, child: AttributePath): boolean {
  if (parent.length > child.length) return false;
  for (let i = 0; i < parent.length; i++) if (parent[i] !== child[i]) return false;
  return true;
}

/**
 * Projection paths, in the order given. A path inside another one given too (`info.rating` with
 * `info`) is dropped — reading `info` reads it — since DynamoDB refuses overlapping paths.
 */
export function resolveProjection(schema: ModelSchema, paths: readonly string[]): ResolvedProjection {
  if (!Array.isArray(paths) || paths.length === 0) throw expressionError.emptyProjection(schema.className);
  const resolved = paths.map((p) => resolvePath(schema, p).attributePath);
  return resolved.filter((path, i) =>
    !resolved.some((other, j) => j !== i && covers(other, path) && (other.length < path.length || j < i)));
}

/** Resolves an unresolved condition, update or projection against a model's schema. */
export function resolve(ast: PropertyCondition, schema: ModelSchema): ResolvedCondition;
export function resolve(ast: PropertyUpdate, schema: ModelSchema): ResolvedUpdate;
export function resolve(ast: readonly string[], schema: ModelSchema): ResolvedProjection;
export function resolve(
  ast: PropertyCondition | PropertyUpdate | readonly string[],
  schema: ModelSchema,
): ResolvedCondition | ResolvedUpdate | ResolvedProjection {
  if (Array.isArray(ast)) return resolveProjection(schema, ast as readonly string[]);
  const node = ast as PropertyCondition | PropertyUpdate;
  return node.type === 'update' ? resolveUpdate(schema, node) : resolveCondition(schema, node);
}
