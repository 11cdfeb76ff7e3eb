/**
 * The models that define one table. In single-table design several registered models name the
 * same table; each contributes its indexes, and all must agree on its keys and options.
 */
import { declaredTableName, getModelSchema, registeredModels } from '../metadata/schema';
import type { ModelSchema } from '../metadata/types';
import { tableDefinition } from './definition';

/**
 * `schema` first, then every other registered model that names its table. Only models of this
 * table are built: another table's definition errors are not this one's. `skipBroken` leaves out
 * the models of this table whose own definition is refused.
 */
export function modelsOfTable(schema: ModelSchema, skipBroken = false): ModelSchema[] {
  const sharing: ModelSchema[] = [];
  for (const M of registeredModels()) {
    // A registered class the model extends (its @Table inherited, or a base) is the model's template, not another model.
    if (M === schema.target || schema.target.prototype instanceof M || declaredTableName(M) !== schema.table.name) continue;
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
