/**
 * batchGet, one or several models: every key encoded first (a bad key fails the call before any
 * request, naming its index), each distinct item fetched once in chunks of 100 with bounded
 * concurrency and UnprocessedKeys retried, then each model's found items hydrated in the order
 * of its keys.
 */
import { BatchGetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { codecFor, encodeKey } from '../../codec';
import { batchError } from '../../errors/batch';
import { getModelSchema } from '../../metadata/schema';
import type { Constructor } from '../../metadata/types';
import type { MapperContext } from '../context';
import { remember, type ReadShape } from '../snapshots';
import { chunk, GET_CHUNK } from './chunk';
import { firstOfEach } from './dedupe';
import { projectionInput, readShapeOf, type ProjectionInput } from '../projection';
import { buildBatchGetInput, readBatchGetOutput, type PreparedBatchGet } from './get-input';
import { itemIdentity, itemKeyText } from './keys';
import { valueError } from '../../errors/value';
import type { ModelSchema } from '../../metadata/types';
import type { ResolvedBatchOptions } from './options';
import { runChunks } from './run-chunks';
import { progressReporter } from './progress';

export interface GetGroup {
  readonly Model: Constructor;
  readonly keys: readonly unknown[];
  /** Property paths to read (the key is added); undefined: whole items. */
  readonly project?: readonly string[];
}

interface KeyRequest extends PreparedBatchGet {
  /** What the caller gave us, listed back if the key could not be read. */
  readonly source: unknown;
}

/** `sourceOf(group, key)` names a key in the error's `unprocessed` (a key, or `[Model, key]`). */
export async function runBatchGet(
  ctx: MapperContext, operation: string, groups: readonly GetGroup[], consistent: boolean, options: ResolvedBatchOptions,
  sourceOf: (group: GetGroup, key: unknown) => unknown,
): Promise<object[][]> {
  const perGroup = groups.map((group, g) => {
    const schema = getModelSchema(group.Model);
    const table = ctx.tableName(schema);
    let projection: ProjectionInput | undefined;
    try {
      projection = group.project !== undefined ? projectionInput(schema, group.project) : undefined;
    } catch (e) {
      throw batchError.atItem(operation, groups.length > 1 ? `request ${g} (${schema.className})` : 'project', e);
    }
    return group.keys.map((key, k): KeyRequest => {
      try {
        const encoded = encodeKey(schema, key as object);
        return { id: itemIdentity(table, encoded, schema), table, schema, key: encoded, source: sourceOf(group, key), ...(projection ? { projection } : {}) };
      } catch (e) {
        throw batchError.atItem(operation, groups.length > 1 ? `key ${k} of request ${g} (${schema.className})` : `key ${k}`, e);
      }
    });
  });

  const distinct = firstOfEach(perGroup.flat());
  const found = new Map<string, Record<string, AttributeValue>>();
  const progress = progressReporter(distinct.length, options.onProgress);

  await runChunks<KeyRequest>({
    operation,
    chunks: chunk(distinct, GET_CHUNK),
    total: distinct.length,
    options,
    progress,
    async send(pending) {
      const out = await ctx.client.send(new BatchGetItemCommand(buildBatchGetInput(pending, consistent)));
      const read = readBatchGetOutput(pending, out.Responses, out.UnprocessedKeys);
      for (const [id, item] of read.found) found.set(id, item);
      return read.left as KeyRequest[];
    },
  });

  return groups.map((group, g) => hydrate(group.Model, firstOfEach(perGroup[g]), found, readShapeOf(getModelSchema(group.Model), group.project)));
}

/** The found items of one model, in the order of its keys, each a fresh instance. */
function hydrate(
  Model: Constructor, requests: readonly KeyRequest[], found: Map<string, Record<string, AttributeValue>>, read: ReadShape,
): object[] {
  const codec = codecFor(Model);
  const out: object[] = [];
  for (const r of requests) {
    const item = found.get(r.id);
    // Another entity's item at the key (single-table design) is not one of Model's: not found.
    if (!item || !codec.owns(item)) continue;
    let entity: object;
    try {
      entity = codec.fromItem(item);
    } catch (error) {
      throw valueError.inItem(error, itemKeyText(codec.schema as ModelSchema, item));
    }
    remember(entity, item, read);
    out.push(entity);
  }
  return out;
}
