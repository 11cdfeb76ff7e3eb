/**
 * Messages for queries, scans and cursors, refused before any request is sent. Each names the
 * model and what it was asked for, and says what to do instead.
 */
import { DynamapError, ValidationError } from './classes';
import { shown } from './shown';

function v(code: string, model: string | undefined, message: string, path?: string): ValidationError {
  const full = model ? `${model}: ${message}` : message;
  const issue = path === undefined ? { code, message: full } : { code, path, message: full };
  return new ValidationError(code, full, { issues: [issue] });
}

function list(items: readonly string[]): string {
  return items.length ? items.join(', ') : '(none)';
}

/** A target of a query or scan, as messages name it: `the table`, `index "byGenre"`. */
export function describeTarget(index: string | undefined): string {
  return index === undefined ? 'the table' : `index ${JSON.stringify(index)}`;
}

/** What an index (or the table) has as keys, for the "keys it could use" messages. */
export interface KeyChoice {
  /** undefined: the table. */
  readonly index?: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
}

function describeKeys(k: KeyChoice): string {
  return k.sortKey ? `${k.partitionKey} (partition) and ${k.sortKey} (sort)` : `${k.partitionKey} (partition)`;
}

export const queryError = {
  unknownIndex: (model: string, index: unknown, available: readonly string[]) =>
    v('query.unknownIndex', model,
      `there is no index ${shown(index)}; the model's indexes are ${list(available.map((a) => JSON.stringify(a)))}. ` +
        'Declare it with @GlobalIndex/@LocalIndex, or leave `index` out to use the table.'),

  /**
   * A key condition naming a property that is not a key of the queried table or index. Lists the
   * keys that target has, the other targets whose keys include the property, and the filter.
   */
  notAKey: (model: string, property: string, target: KeyChoice, alternatives: readonly KeyChoice[]) => {
    const where = describeTarget(target.index);
    const others = alternatives.length
      ? ` ${property} is a key of ${alternatives.map((a) => `${describeTarget(a.index)} (${describeKeys(a)})`).join(', ')}: ` +
        `query there with ${alternatives.map((a) => (a.index === undefined ? 'no index option' : `{ index: ${JSON.stringify(a.index)} }`)).join(' or ')}.`
      : '';
    return v('query.notAKey', model,
      `${property} is not a key of ${where}, so it cannot be in the key condition. The keys of ${where} are ` +
        `${describeKeys(target)}.${others} To test ${property} on this query, put it in .filter({ ${property}: ... }).`,
      property);
  },

  emptyKeyCondition: (model: string, target: KeyChoice) =>
    v('query.emptyKeyCondition', model,
      `a query needs a key condition with the partition key of ${describeTarget(target.index)}: ` +
        `{ ${target.partitionKey}: value }. To read every item, use mapper.scan().`),

  consistentOnGlobalIndex: (model: string, index: string) =>
    v('query.consistentOnGlobalIndex', model,
      `index ${JSON.stringify(index)} is a global secondary index, which DynamoDB only reads eventually consistently. ` +
        'Drop .consistent(), or query the table or a local index for a strongly consistent read.'),

  badCount: (model: string, method: string, value: unknown, max?: number) =>
    v(`query.invalid${method[0].toUpperCase()}${method.slice(1)}`, model,
      `.${method}(${shown(value)}): expected a whole number from 1${max !== undefined ? ` to ${max.toLocaleString('en-US')}` : ''}.`),

  // Queries and scans of several entity types (single-table design)
  noModels: (operation: string) =>
    v('query.noModels', undefined, `${operation}([]) names no model: give one model, or several that share a table and have entity types.`),
  modelWithoutEntity: (models: string, model: string, operation: string) =>
    v('query.modelWithoutEntity', models,
      `${model} has no entity type: a ${operation} of several models tells their items apart by it. ` +
      `Give each @Table an entity ({ name, entity: '${model}' }).`),
  modelsApart: (models: string, detail: string, operation: string) =>
    v('query.modelsApart', models, `a ${operation} of several models reads one table (or one index of it) for all of them, but ${detail}.`),
  oneModelOnly: (models: string, method: string) =>
    v('query.severalModels', models,
      `${method} names properties of one model, and this reads several: filter or pick fields in code, or read each model on its own.`),
  filterOnKey: (model: string, property: string, target: string) =>
    v('query.filterOnKey', model,
      `the filter uses ${property}, a key of ${target}: DynamoDB refuses key attributes in a query's filter. Put the condition in the key condition.`,
      property),
  notProjected: (model: string, property: string, index: string, what: string) =>
    v('query.notProjected', model,
      what === 'filter'
        ? `the filter uses ${property}, which index "${index}" does not project: a query of an index filters only on what it projects. ` +
          `Add ${property} to the index's projection (a new index), filter the results yourself, or read the table.`
        : `the projection uses ${property}, which global index "${index}" does not project: a read of a global index sees only what it projects. ` +
          `Add ${property} to the index's projection (a new index), or read the table.`,
      property),
  segmentsNotForQuery: (model: string) =>
    v('query.segmentsOnQuery', model, 'segments are for scans: a query reads one partition in key order. Use mapper.scan(Model).segments(n).'),
};

export const cursorError = {
  /** A LastEvaluatedKey attribute that is not S, N or B: no DynamoDB key can be one, so the answer itself is wrong. */
  unexpectedKey: (attribute: string, type: string) =>
    new DynamapError('cursor.unexpectedKey',
      `DynamoDB answered a LastEvaluatedKey whose attribute ${JSON.stringify(attribute)} is of type ${type}, which no key can be; ` +
        'no cursor can be made for it. Check the endpoint the client talks to (an emulator or proxy may have changed the answer).'),
  invalid: (model: string, reason: string) =>
    v('cursor.invalid', model,
      `the cursor is not one dynamap made (${reason}). Pass back exactly the \`cursor\` string a page returned, or none to start over.`),
  tampered: (model: string) =>
    v('cursor.tampered', model,
      'the cursor was changed after dynamap made it (its integrity check failed). Pass back the `cursor` string a page returned, unchanged.'),
  otherTarget: (model: string, target: string) =>
    v('cursor.otherTarget', model,
      `the cursor was made by a query or scan of another table, index or operation than this ${target}. ` +
        'A cursor only continues the query or scan that returned it.'),
  otherSegments: (model: string, cursorSegments: number | undefined, segments: number | undefined) =>
    v('cursor.otherSegments', model,
      `the cursor was made by a scan with ${cursorSegments ?? 'no'} segments, this scan has ${segments ?? 'no'} segments. ` +
        'Continue a scan with the same .segments(n) it was started with.'),
  otherSortRange: (model: string, sortKey: string) =>
    v('cursor.otherSortRange', model,
      `the cursor stopped at a ${sortKey} outside this query's ${sortKey} condition: it was made by another query. A cursor only continues the query that returned it.`,
      sortKey),
  otherPartition: (model: string, partitionKey: string) =>
    v('cursor.otherPartition', model,
      `the cursor was made by a query of another ${partitionKey} value than this one. A cursor only continues the query that returned it.`,
      partitionKey),
};
