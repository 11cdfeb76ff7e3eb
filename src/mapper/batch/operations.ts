/**
 * The batch operations behind the Mapper's methods: check options → prepare every request (codec
 * and hooks) → validate every entity → only then send. One bad item therefore fails the whole
 * call before anything is written.
 */
import { batchError } from '../../errors/batch';
import { argumentError } from '../../errors/operation';
import type { Constructor } from '../../metadata/types';
import type { MapperContext } from '../context';
import { hasValidationRules, validateEntity } from '../validation';
import { runBatchGet, type GetGroup } from './get-runner';
import { resolveBatchOptions } from './options';
import { firstHole } from '../arguments';
import type { BatchGetOneOptions, BatchGetOptions, BatchWriteOperation, BatchWriteOptions } from './types';
import { prepareDelete, prepareOperation, preparePut, type PreparedBatchWrite } from './write-requests';
import { runBatchWrite } from './write-runner';

function listOf(operation: string, what: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw argumentError.invalid(`${operation}()`, what, value, 'an array');
  const hole = firstHole(value);
  if (hole >= 0) throw argumentError.invalid(`${operation}()`, `${what}[${hole}]`, undefined, 'an element (the array has a hole there)');
  return value;
}

/** class-validator on each put, as the entity will be stored (hooks applied), in index order. */
async function validatePuts(ctx: MapperContext, prepared: readonly PreparedBatchWrite[]): Promise<void> {
  if (!ctx.validate) return;
  for (let i = 0; i < prepared.length; i++) {
    const put = prepared[i].put;
    if (!put || !hasValidationRules(put.entity.constructor)) continue;
    await validateEntity(put.staged, prepared[i].schema.className, i, put.item);
  }
}

export async function batchPut<T extends object>(ctx: MapperContext, entities: readonly T[], options: BatchWriteOptions): Promise<T[]> {
  const resolved = resolveBatchOptions('batchPut', ctx.retry, options);
  const now = new Date();
  const list = listOf('batchPut', 'entities', entities) as readonly T[];
  const prepared = list.map((e, i) => preparePut(ctx, 'batchPut', i, e, e, now, options));
  await validatePuts(ctx, prepared);
  await runBatchWrite(ctx, 'batchPut', prepared, resolved);
  return [...list];
}

export async function batchDelete(ctx: MapperContext, Model: Constructor, keys: readonly unknown[], options: BatchWriteOptions): Promise<void> {
  const resolved = resolveBatchOptions('batchDelete', ctx.retry, options);
  const list = listOf('batchDelete', 'keys', keys);
  const prepared = list.map((k, i) => prepareDelete(ctx, 'batchDelete', i, Model, k, k));
  await runBatchWrite(ctx, 'batchDelete', prepared, resolved);
}

export async function batchWrite(ctx: MapperContext, ops: readonly BatchWriteOperation[], options: BatchWriteOptions): Promise<void> {
  const resolved = resolveBatchOptions('batchWrite', ctx.retry, options);
  const now = new Date();
  const list = listOf('batchWrite', 'operations', ops) as readonly BatchWriteOperation[];
  const prepared = list.map((op, i) => prepareOperation(ctx, i, op, now, options));
  await validatePuts(ctx, prepared);
  await runBatchWrite(ctx, 'batchWrite', prepared, resolved);
}

/** Single model: unprocessed keys are listed as the keys themselves. */
export async function batchGetOne(
  ctx: MapperContext, Model: Constructor, keys: readonly unknown[], options: BatchGetOneOptions<object>,
): Promise<object[]> {
  const resolved = resolveBatchOptions('batchGet', ctx.retry, options);
  const list = listOf('batchGet', 'keys', keys);
  if (options.project !== undefined && !Array.isArray(options.project)) {
    throw batchError.badOption('batchGet', 'project', options.project, 'an array of property paths');
  }
  const project = options.project === undefined ? undefined : listOf('batchGet', 'project', options.project) as readonly string[];
  const group: GetGroup = { Model, keys: list, ...(project ? { project } : {}) };
  const [items] = await runBatchGet(ctx, 'batchGet', [group], !!options.consistent, resolved, (_g, key) => key);
  return items;
}

/** Several models in one run: unprocessed keys are listed as `[Model, key]`. */
export async function batchGetMany(
  ctx: MapperContext, requests: readonly (readonly [Constructor, readonly unknown[]])[], options: BatchGetOptions,
): Promise<object[][]> {
  const resolved = resolveBatchOptions('batchGet', ctx.retry, options);
  if ((options as { project?: unknown }).project !== undefined) {
    throw batchError.badOption('batchGet', 'project', 'a projection with several models', 'batchGet(Model, keys, { project }), one model per call');
  }
  const groups: GetGroup[] = listOf('batchGet', 'requests', requests).map((r, i) => {
    if (!Array.isArray(r) || typeof r[0] !== 'function') {
      throw argumentError.invalid('batchGet()', `requests[${i}]`, r, '[Model, keys[]]');
    }
    if (r.length > 2 && r.slice(2).some((x: unknown) => x !== undefined)) {
      throw argumentError.invalid('batchGet()', `requests[${i}]`, r, '[Model, keys[]] (a projection is for one model: batchGet(Model, keys, { project }))');
    }
    return { Model: r[0] as Constructor, keys: listOf('batchGet', `requests[${i}][1]`, r[1]) };
  });
  return runBatchGet(ctx, 'batchGet', groups, !!options.consistent, resolved, (g, key) => [g.Model, key]);
}
