/**
 * Models that name the same table (single-table design) must agree on what every request to it
 * relies on: the table key (attribute names and types), and no two may have the same entity type.
 * Checked when a model is first used, against the other registered models of its table, so that
 * a disagreement is a ModelError then — not an AWS error at request time, nor reads that mix two
 * models' items. `sync()` and `createTableInput()` check the rest (options, indexes, TTL, one
 * entity attribute).
 */
import type { ModelProblem } from '../errors/classes';
import { modelProblem } from '../errors/model';
import type { Constructor, KeyAttributes, ModelSchema } from './types';

/** `"pk" (S), "sk" (S)`: a table key's attribute names and types. */
function keyText(key: KeyAttributes): string {
  return [key.partitionKey, key.sortKey].filter((a) => a !== undefined).map((a) => `"${a!.name}" (${a!.scalarType})`).join(', ');
}

/** `build` gives another model's schema, or undefined when its own definition is broken (reported at its own use). */
export function sharedTableProblems(
  schema: ModelSchema, others: readonly Constructor[], build: (other: Constructor) => ModelSchema | undefined,
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const table = schema.table.name;
  for (const other of others) {
    const theirs = build(other);
    if (theirs === undefined || theirs.table.name !== table) continue;
    if (keyText(theirs.key) !== keyText(schema.key)) {
      problems.push(modelProblem.tableMismatch(table, theirs.className, schema.className,
        `declare different table keys (${theirs.className}: ${keyText(theirs.key)}; ${schema.className}: ${keyText(schema.key)})`));
    }
    // The same type in the same attribute: each model's reads would return the other's items.
    const mine = schema.table.entity;
    const their = theirs.table.entity;
    if (mine && their && mine.attribute === their.attribute && mine.value === their.value) {
      problems.push(modelProblem.sameEntity(table, theirs.className, schema.className, mine.value));
    }
  }
  return problems;
}
