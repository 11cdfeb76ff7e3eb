/**
 * Pure builders of Query and Scan inputs. A builder's state is compiled once into a `Compiled`
 * request (the expressions, names and values, which never change between pages); each request
 * then only adds its page-specific fields (Limit, ExclusiveStartKey, Segment) in `requestInput`.
 * No request is sent here; `buildQueryInput`/`buildScanInput` have exact-output tests.
 */
import type { AttributeValue, QueryCommandInput, ScanCommandInput } from '@aws-sdk/client-dynamodb';
import { and, conditionRoots, ExpressionContext, resolveCondition, resolvePath, toCondition, type Condition } from '../../expressions';
import { queryError } from '../../errors/query';
import type { IndexSchema, ModelSchema, ScalarType } from '../../metadata/types';
import type { StartKey } from './cursor';
import { readShapeOf } from '../projection';
import type { ReadShape } from '../snapshots';

/** Everything a Query or Scan builder was told, frozen; every builder method returns a new one. */
export interface ReadState {
  readonly operation: 'query' | 'scan';
  readonly schema: ModelSchema;
  readonly index?: IndexSchema;
  /** Query only: the key condition object or node, as the user gave it. */
  readonly keyCondition?: object;
  /** Filters ANDed together, in the order given. */
  readonly filters: readonly object[];
  /** Property paths to read; undefined: the whole item (or what the index projects). */
  readonly projection?: readonly string[];
  /** Items returned in total, across pages. */
  readonly limit?: number;
  /** DynamoDB's Limit: items read per request. */
  readonly pageSize?: number;
  readonly reverse: boolean;
  readonly consistent: boolean;
  /** Scan only: TotalSegments of a parallel scan. */
  readonly segments?: number;
  /**
   * A read of several entity types (single-table design): every model read, `schema` first. Items
   * are filtered to these types and each is hydrated as its own model.
   */
  readonly models?: readonly ModelSchema[];
}

/** What every request of one query or scan shares. */
export interface Compiled<I extends QueryCommandInput | ScanCommandInput> {
  /** The input without Limit, ExclusiveStartKey, Segment. */
  readonly base: I;
  /** The input of a count (Select COUNT: no projection). */
  readonly countBase: I;
  /** Key attributes read only so a cursor can be made from any item, dropped before hydration. */
  readonly strip: readonly string[];
  /** True when items hold every attribute (no projection, and the table or an ALL index). */
  readonly complete: boolean;
  /** How the entities were read (false: whole), for their snapshots. */
  readonly read: ReadShape;
}

/**
 * The attributes of the target's LastEvaluatedKey, with their types: the table's keys, plus the
 * index's keys for an index (DynamoDB needs both to continue an index read).
 */
export function startKeyTypes(schema: ModelSchema, index?: IndexSchema): Map<string, ScalarType> {
  const types = new Map<string, ScalarType>();
  for (const attr of [index?.partitionKey, index?.sortKey, schema.key.partitionKey, schema.key.sortKey]) {
    if (attr) types.set(attr.name, attr.scalarType!);
  }
  return types;
}

/** The start key of the item after `item`: its key attributes (an item of a query or scan has them all). */
export function startKeyOf(item: Record<string, AttributeValue>, types: ReadonlyMap<string, ScalarType>): StartKey {
  const key: StartKey = {};
  for (const name of types.keys()) key[name] = item[name];
  return key;
}

function keyProperties(schema: ModelSchema, index?: IndexSchema): string[] {
  const out: string[] = [];
  for (const attr of [schema.key.partitionKey, schema.key.sortKey, index?.partitionKey, index?.sortKey]) {
    if (attr && !out.includes(attr.property)) out.push(attr.property);
  }
  return out;
}

/** The attributes an index's items hold, or undefined when they hold everything (ALL, or the table). */
function projectedBy(state: ReadState): Set<string> | undefined {
  const { schema, index } = state;
  if (!index || index.projection.type === 'ALL') return undefined;
  const names = new Set(index.projection.nonKeyAttributes ?? []);
  for (const attr of [schema.key.partitionKey, schema.key.sortKey, index.partitionKey, index.sortKey]) if (attr) names.add(attr.name);
  return names;
}

function propertyOf(state: ReadState, attribute: string): string {
  return state.schema.byName.get(attribute)?.property ?? attribute;
}

/**
 * Attributes a query of an index cannot use: a filter only what the index projects (global or
 * local: DynamoDB refuses "does not project one or more filter attributes"); a projection only
 * what a global index projects (a local index fetches the rest from the table).
 */
function checkProjected(state: ReadState, roots: ReadonlySet<string>, what: 'filter' | 'projection'): void {
  if (what === 'projection' && state.index?.type !== 'global') return;
  const projected = projectedBy(state);
  if (!projected) return;
  for (const root of roots) {
    if (!projected.has(root)) throw queryError.notProjected(state.schema.className, propertyOf(state, root), state.index!.name, what);
  }
}

/**
 * A query's filter may not use the keys of what it reads (DynamoDB: "non-primary key attributes"
 * only), nor, on an index, what the index does not project. (A scan's filter may: DynamoDB finds
 * such items simply without the attribute.)
 */
function checkFilterTargets(state: ReadState, roots: ReadonlySet<string>): void {
  if (state.operation !== 'query') return;
  const keys = state.index ?? state.schema.key;
  for (const attr of [keys.partitionKey, keys.sortKey]) {
    if (attr && roots.has(attr.name)) {
      throw queryError.filterOnKey(state.schema.className, attr.property, state.index ? `index "${state.index.name}"` : 'the table');
    }
  }
  checkProjected(state, roots, 'filter');
}

function compile<I extends QueryCommandInput | ScanCommandInput>(tableName: string, state: ReadState): Compiled<I> {
  const { schema, index } = state;
  // One context, fixed order: key condition, filter, projection — placeholders are numbered in
  // that order, so the output is deterministic.
  const ex = new ExpressionContext();
  const keyConditionExpression = state.keyCondition !== undefined ? ex.keyCondition(schema, index?.name, state.keyCondition) : undefined;
  // Several .filter() calls are ANDed (and() keeps each one's meaning: a path in two filters is
  // two conditions, not one object overwriting the other).
  const filter = state.filters.length <= 1 ? state.filters[0] : and(...(state.filters as Condition<unknown>[]));
  if (filter !== undefined) checkFilterTargets(state, conditionRoots(resolveCondition(schema, toCondition(filter, schema.className))));
  // A model with an entity type (single-table design) reads only its own items: the filter says so.
  const filterExpression = ex.readFilter(schema, filter, state.models);
  // Counting needs no projection; compile the count's names before the projection adds its own,
  // so the count input's maps hold only what its expressions use.
  const countNames = ex.names();
  const countValues = ex.values();

  let strip: string[] = [];
  let projectionExpression: string | undefined;
  if (state.projection !== undefined) {
    // The key attributes are always read, so that a page cut short by .limit() can continue from
    // its last item. The table key stays on the entity (a partial entity knows its item, as with
    // get's project); an index's own key attributes the caller did not ask for are dropped.
    const roots = new Set(state.projection.map((p) => resolvePath(schema, p).root.name));
    checkProjected(state, roots, 'projection');
    const tableKeys = new Set(keyProperties(schema));
    const keys = keyProperties(schema, index);
    strip = keys.filter((p) => !tableKeys.has(p)).map((p) => schema.byProperty.get(p)!.name).filter((name) => !roots.has(name));
    // The entity attribute is read too: the filter needs nothing projected, but fromItem checks it.
    const entity = schema.table.entity;
    projectionExpression = ex.projection(schema, [...state.projection, ...keys], entity ? [entity.attribute] : []);
  }

  const common = {
    TableName: tableName,
    ...(index ? { IndexName: index.name } : {}),
    ...(keyConditionExpression !== undefined ? { KeyConditionExpression: keyConditionExpression } : {}),
    ...(filterExpression !== undefined ? { FilterExpression: filterExpression } : {}),
  };
  const flags = {
    ...(state.reverse ? { ScanIndexForward: false } : {}),
    ...(state.consistent ? { ConsistentRead: true } : {}),
  };
  const names = ex.names();
  const values = ex.values();
  const base = {
    ...common,
    ...(projectionExpression !== undefined ? { ProjectionExpression: projectionExpression } : {}),
    ...(names ? { ExpressionAttributeNames: names } : {}),
    ...(values ? { ExpressionAttributeValues: values } : {}),
    ...flags,
  } as I;
  const countBase = {
    ...common,
    ...(countNames ? { ExpressionAttributeNames: countNames } : {}),
    ...(countValues ? { ExpressionAttributeValues: countValues } : {}),
    ...flags,
    Select: 'COUNT',
  } as I;
  const complete = state.projection === undefined && (!index || index.projection.type === 'ALL');
  // What save() needs of a partial entity: which attributes the projection read only in part.
  const read: ReadShape = complete ? false : (state.projection !== undefined ? readShapeOf(schema, state.projection) || true : true);
  return { base, countBase, strip, complete, read };
}

export function buildQueryInput(tableName: string, state: ReadState): Compiled<QueryCommandInput> {
  return compile<QueryCommandInput>(tableName, state);
}

export function buildScanInput(tableName: string, state: ReadState): Compiled<ScanCommandInput> {
  return compile<ScanCommandInput>(tableName, state);
}

/** What changes from one request to the next. */
export interface RequestPart {
  /** DynamoDB's Limit for this request. */
  readonly limit?: number;
  readonly startKey?: StartKey;
  /** A parallel scan's segment and segment count. */
  readonly segment?: { readonly index: number; readonly total: number };
}

/** One request's input: the compiled base plus the page-specific fields. */
export function requestInput<I extends QueryCommandInput | ScanCommandInput>(base: I, part: RequestPart): I {
  const input = { ...base };
  if (part.limit !== undefined) input.Limit = part.limit;
  if (part.startKey !== undefined) input.ExclusiveStartKey = part.startKey;
  if (part.segment !== undefined) {
    const scan = input as ScanCommandInput;
    scan.Segment = part.segment.index;
    scan.TotalSegments = part.segment.total;
  }
  return input;
}

/**
 * DynamoDB's Limit for the next request; `round` counts the requests this read already made.
 * - Without a filter every item read is returned, so the request reads no more than the items
 *   still wanted.
 * - With the caller's filter, reading `remaining` items could return far fewer, so it reads
 *   `pageSize` (or a full 1 MB page) and the page is cut.
 * - With only a model's entity-type filter, the items are usually mostly the model's own (a
 *   partition of a customer and their orders): the first request reads the items still wanted,
 *   and each further one twice as many as the one before, so `.first()` does not read 1 MB of a
 *   large partition, and a partition of mostly other entities still takes few requests.
 */
export function requestLimit(state: ReadState, remaining: number | undefined, round = 0): number | undefined {
  if (remaining === undefined || state.filters.length > 0) return state.pageSize;
  const wanted = state.schema.table.entity === undefined ? remaining : remaining * 2 ** Math.min(round, 20);
  // `.limit(n)` counts across pages and may exceed what one request's Limit takes (2^31 - 1).
  return Math.min(state.pageSize ?? MAX_REQUEST_LIMIT, wanted, MAX_REQUEST_LIMIT);
}

/** The largest Limit DynamoDB takes in one Query or Scan. */
export const MAX_REQUEST_LIMIT = 2 ** 31 - 1;
