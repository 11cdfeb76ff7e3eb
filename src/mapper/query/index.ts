/**
 * Query and Scan: `createQuery`/`createScan` are what Mapper.query/scan call; the builders
 * (builder.ts) run pages (paging.ts, parallel-scan.ts) of inputs built purely (inputs.ts), with
 * opaque cursors (cursor.ts).
 */
import { and, type Condition, type KeyCondition } from '../../expressions';
import { queryError } from '../../errors/query';
import { getModelSchema } from '../../metadata/schema';
import type { Constructor } from '../../metadata/types';
import type { MapperContext } from '../context';
import { Query, Scan } from './builder';
import type { ReadState } from './inputs';
import { checkCount, checkEntityModels, checkKeyCondition, indexOf } from './targets';

export { Query, Scan, type MultiQuery, type MultiScan, type Page } from './builder';
export { buildQueryInput, buildScanInput, requestInput, type ReadState } from './inputs';
export { CursorCodec } from './cursor';

export interface QueryOptions {
  /** The name of a @GlobalIndex or @LocalIndex to query instead of the table. */
  index?: string | undefined;
}

export interface ScanOptions<T> {
  /** The name of a @GlobalIndex or @LocalIndex to scan instead of the table. */
  index?: string | undefined;
  /** The same as `.filter(condition)`. */
  filter?: Condition<T> | undefined;
  /** The same as `.segments(n)`: a parallel scan. */
  segments?: number | undefined;
}

/** One model, or several entity types of one table (single-table design). */
export type ReadModels<T extends object> = Constructor<T> | readonly Constructor[];

function initialState(operation: 'query' | 'scan', models: ReadModels<object>, index: unknown): { Model: Constructor; state: ReadState } {
  if (!Array.isArray(models)) {
    const schema = getModelSchema(models as Constructor);
    return { Model: models as Constructor, state: { operation, schema, index: indexOf(schema, index), filters: [], reverse: false, consistent: false } };
  }
  if (models.length === 0) throw queryError.noModels(operation);
  const schemas = (models as readonly Constructor[]).map((m) => getModelSchema(m));
  const [schema] = schemas;
  const state: ReadState = { operation, schema, index: indexOf(schema, index), filters: [], reverse: false, consistent: false };
  if (schemas.length === 1) return { Model: models[0] as Constructor, state };
  checkEntityModels(operation, schemas, state.index?.name);
  return { Model: models[0] as Constructor, state: { ...state, models: Object.freeze(schemas) } };
}

export function createQuery<T extends object>(
  ctx: MapperContext, models: ReadModels<T>, keyCondition: KeyCondition<T>, options: QueryOptions = {},
): Query<T> {
  const { Model, state } = initialState('query', models, options.index);
  if ((options as { segments?: unknown }).segments !== undefined) throw queryError.segmentsNotForQuery(state.schema.className);
  checkKeyCondition(state.schema, state.index, keyCondition);
  // Kept as a node built now (and() normalizes its input): changing the caller's object later does not change this query.
  return new Query<T>({ ctx, Model: Model as Constructor<T>, state: Object.freeze({ ...state, keyCondition: and(keyCondition as Condition<T>) as object }) });
}

export function createScan<T extends object>(ctx: MapperContext, models: ReadModels<T>, options: ScanOptions<T> = {}): Scan<T> {
  const { Model, state } = initialState('scan', models, options.index);
  const segments = options.segments === undefined ? undefined : checkCount(state.schema, 'segments', options.segments, 1_000_000);
  if (options.filter !== undefined && state.models) throw queryError.oneModelOnly(state.models.map((m) => m.className).join(', '), 'the filter option');
  const scan = new Scan<T>({
    ctx,
    Model: Model as Constructor<T>,
    state: Object.freeze({ ...state, ...(segments !== undefined ? { segments } : {}) }),
  });
  // The filter option is `.filter()`: checked and copied the same way.
  return options.filter !== undefined ? scan.filter(options.filter) : scan;
}
