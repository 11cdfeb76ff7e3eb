/**
 * Query and Scan: `createQuery`/`createScan` are what Mapper.query/scan call; the builders
 * (builder.ts) run pages (paging.ts, parallel-scan.ts) of inputs built purely (inputs.ts), with
 * opaque cursors (cursor.ts).
 */
import type { Condition, KeyCondition } from '../../expressions';
import { queryError } from '../../errors/query';
import { getModelSchema } from '../../metadata/schema';
import type { Constructor } from '../../metadata/types';
import type { MapperContext } from '../context';
import { Query, Scan } from './builder';
import type { ReadState } from './inputs';
import { checkCount, checkKeyCondition, indexOf } from './targets';

export { Query, Scan, type Page } from './builder';
export { buildQueryInput, buildScanInput, requestInput, type ReadState } from './inputs';
export { CursorCodec } from './cursor';

export interface QueryOptions {
  /** The name of a @GlobalIndex or @LocalIndex to query instead of the table. */
  index?: string;
}

export interface ScanOptions<T> {
  /** The name of a @GlobalIndex or @LocalIndex to scan instead of the table. */
  index?: string;
  /** The same as `.filter(condition)`. */
  filter?: Condition<T>;
  /** The same as `.segments(n)`: a parallel scan. */
  segments?: number;
}

function initialState(operation: 'query' | 'scan', Model: Constructor, index: unknown): ReadState {
  const schema = getModelSchema(Model);
  return { operation, schema, index: indexOf(schema, index), filters: [], reverse: false, consistent: false };
}

export function createQuery<T extends object>(
  ctx: MapperContext, Model: Constructor<T>, keyCondition: KeyCondition<T>, options: QueryOptions = {},
): Query<T> {
  const state = initialState('query', Model, options.index);
  if ((options as { segments?: unknown }).segments !== undefined) throw queryError.segmentsNotForQuery(state.schema.className);
  checkKeyCondition(state.schema, state.index, keyCondition);
  return new Query<T>({ ctx, Model, state: Object.freeze({ ...state, keyCondition: keyCondition as object }) });
}

export function createScan<T extends object>(ctx: MapperContext, Model: Constructor<T>, options: ScanOptions<T> = {}): Scan<T> {
  const state = initialState('scan', Model, options.index);
  const segments = options.segments === undefined ? undefined : checkCount(state.schema, 'segments', options.segments, 1_000_000);
  return new Scan<T>({
    ctx,
    Model,
    state: Object.freeze({
      ...state,
      ...(options.filter !== undefined ? { filters: [options.filter as object] } : {}),
      ...(segments !== undefined ? { segments } : {}),
    }),
  });
}
