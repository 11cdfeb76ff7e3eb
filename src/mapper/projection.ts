/**
 * The projection of a single-item or batch read (get, batchGet, transactGet): the paths asked for
 * plus the table key, so that a partial entity always knows which item it is (save() needs the
 * key; batchGet matches DynamoDB's answers to the keys by it). Paths are checked against the
 * model here, before any request.
 */
import { ExpressionContext, resolvePath } from '../expressions';
import { optionError } from '../errors/operation';
import { expressionError } from '../errors/expression';
import type { ModelSchema } from '../metadata/types';
import type { ReadShape } from './snapshots';

export interface ProjectionInput {
  readonly ProjectionExpression: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
}

export function projectionInput(schema: ModelSchema, paths: readonly string[]): ProjectionInput {
  // A string would be spread into its characters below: 'genre' is not ['genre'].
  if (!Array.isArray(paths)) throw optionError.invalid(schema.className, 'project', paths, "an array of property paths (['genre'])");
  // The key is added below: an empty list would silently read only the key, not "everything".
  if (paths.length === 0) throw expressionError.emptyProjection(schema.className);
  const keys = [schema.key.partitionKey.property, ...(schema.key.sortKey ? [schema.key.sortKey.property] : [])];
  const all = [...new Set([...paths, ...keys])];
  const ex = new ExpressionContext();
  // A model with an entity type reads its entity attribute too, so the item can be told from another entity's.
  const entity = schema.table.entity;
  const expression = ex.projection(schema, all, entity ? [entity.attribute] : []);
  const names = ex.names();
  return { ProjectionExpression: expression, ...(names ? { ExpressionAttributeNames: names } : {}) };
}

/**
 * How a read with these projection paths leaves its entities, for save(): whole (no paths), or
 * partial, with the attributes read only in part (a path inside them: `info.rating`, `tags[0]`)
 * named, since their stored value is not all there is. Paths are checked by the projection itself.
 */
export function readShapeOf(schema: ModelSchema, paths: readonly string[] | undefined): ReadShape {
  if (!paths?.length) return false;
  let inPart: Set<string> | undefined;
  for (const path of paths) {
    const resolved = resolvePath(schema, path);
    if (resolved.attributePath.length > 1) (inPart ??= new Set()).add(resolved.root.name);
  }
  return inPart ?? true;
}
