/**
 * The models that define one table. In single-table design several registered models name the
 * same table; each contributes its indexes, and all must agree on its keys and options.
 */
import { registryGeneration } from '../metadata/registry';
import { declaredTableName, getModelSchema, registeredModels } from '../metadata/schema';
import type { Constructor, ModelSchema } from '../metadata/types';
import { keyText, tableDefinition } from './definition';

/**
 * Whether `base`, a class that `sub` extends naming the same table, is only `sub`'s template and
 * not a model of the table: its own definition is refused (keys only in subclasses), or it lacks
 * the table key `sub` declares (an abstract base holding the partition key, the subclasses adding
 * the sort key). A base with the same table key is a model of the table too: its options and
 * entity type must agree with its subclass's, as any two models of one table.
 */
export function isTemplateOf(base: Constructor, sub: Constructor): boolean {
  let b: ModelSchema;
  let s: ModelSchema;
  try {
    b = getModelSchema(base);
    s = getModelSchema(sub);
  } catch {
    return true;
  }
  return keyText(b.key) !== keyText(s.key);
}

/**
 * The models `sync()` with no list creates tables for: the registered models without templates
 * (a class another registered model extends, naming the same table, when it is only a template).
 */
export function tableModels(): Constructor[] {
  // Computed once per state of the registry (every decorator bumps its generation): each model's
  // first use asks, and walking every registered class each time made that quadratic.
  const generation = registryGeneration();
  if (cached?.generation === generation) return cached.models;
  const all = registeredModels();
  // Compared within each table only: across all classes it was quadratic per computation, and a
  // program defining classes at run time (one per tenant) recomputes after each of them.
  const byTable = new Map<string | undefined, Constructor[]>();
  for (const model of all) {
    const table = declaredTableName(model);
    const group = byTable.get(table);
    if (group) group.push(model);
    else byTable.set(table, [model]);
  }
  const models = all.filter((base) => !byTable.get(declaredTableName(base))!.some((other) =>
    other !== base && other.prototype instanceof base && isTemplateOf(base, other)));
  cached = { generation, models };
  return models;
}

let cached: { readonly generation: number; readonly models: Constructor[] } | undefined;

/**
 * `schema` first, then every other model of its table (templates left out, as sync leaves them
 * out: a template used on its own is still checked against the models it is a template of, and
 * refused). Only models of this table are built: another table's definition errors are not this
 * one's. `skipBroken` leaves out the models of this table whose own definition is refused.
 */
export function modelsOfTable(schema: ModelSchema, skipBroken = false): ModelSchema[] {
  const sharing: ModelSchema[] = [];
  for (const M of tableModels()) {
    if (M === schema.target || declaredTableName(M) !== schema.table.name) continue;
    let other: ModelSchema;
    try {
      other = getModelSchema(M);
    } catch (error) {
      if (skipBroken) continue;
      throw error;
    }
    if (other !== schema) sharing.push(other);
  }
  return [schema, ...sharing];
}

/**
 * Throws the ModelError that sync() and createTableInput() would throw for this model's table
 * (models sharing it with other keys, options or index definitions; a prefix that makes the name
 * too long). The mapper runs it at a model's first use, so that a put through one of two models
 * that disagree on the table's key is refused before it is sent, not by DynamoDB.
 */
export function checkTableOf(schema: ModelSchema, tablePrefix: string): void {
  // A sibling whose own definition is broken is left out: its errors are thrown where it is used
  // (and by sync), they do not stop this model's reads and writes.
  tableDefinition(modelsOfTable(schema, true), tablePrefix);
}
