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
 * Single-table design: the condition that an item is one of the model's entities
 * (`entityAttribute = :entity`), or of one of `models`' (`entityAttribute IN (:a, :b)`, the
 * models sharing the attribute); undefined for a model without an entity type.
 */
export function entityCondition(schema: ModelSchema, models?: readonly ModelSchema[]): ResolvedCondition | undefined {
  const entity = schema.table.entity;
  if (entity === undefined) return undefined;
  const left = { type: 'path', path: [entity.attribute] } as const;
  if (models !== undefined && models.length > 1) {
    return { type: 'in', left, values: models.map((m) => ({ S: m.table.entity!.value })) };
  }
  return { type: 'compare', left, comparator: '=', value: { S: entity.value } };
}

/**
 * Single-table design: the guard of a write to an existing item (update, delete, condition
 * check) — the item is missing or one of the model's entities — so that a key that holds another
 * entity's item fails with a ConditionError instead of changing it. Undefined without an entity type.
 */
export function entityGuard(schema: ModelSchema): ResolvedCondition | undefined {
  const own = entityCondition(schema);
  if (own === undefined) return undefined;
  return { type: 'or', conditions: [{ type: 'notExists', path: [schema.key.partitionKey.name] }, own] };
}

/** The top-level attribute names a resolved condition reads. */
export function conditionRoots(node: ResolvedCondition, out: Set<string> = new Set()): Set<string> {
  const add = (path: AttributePath) => {
    if (typeof path[0] === 'string') out.add(path[0]);
  };
  switch (node.type) {
    case 'and':
    case 'or':
      for (const c of node.conditions) conditionRoots(c, out);
      break;
    case 'not':
      conditionRoots(node.condition, out);
      break;
    case 'compare':
    case 'between':
    case 'in':
      add(node.left.path);
      break;
    case 'compareAttributes':
      add(node.left.path);
      add(node.right);
      break;
    case 'beginsWithAttribute':
    case 'containsAttribute':
      add(node.path);
      add(node.right);
      break;
    default:
      add(node.path);
  }
  return out;
}

/** `a AND b` of resolved conditions, flattened (the compiler expects an and's children not to be ands). */
export function andResolved(a: ResolvedCondition, b: ResolvedCondition): ResolvedCondition {
  const parts = (c: ResolvedCondition) => (c.type === 'and' ? c.conditions : [c]);
  return { type: 'and', conditions: [...parts(a), ...parts(b)] };
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
