/**
 * Running a query or scan: one `ReadRun` per builder holds what every request shares (compiled
 * input, codec, cursor target); the functions below send requests one after the other, following
 * LastEvaluatedKey until it is absent — also across pages a filter emptied, since an empty page
 * with a LastEvaluatedKey does not mean the end.
 */
import {
  QueryCommand, ScanCommand,
  type AttributeValue, type QueryCommandInput, type QueryCommandOutput, type ScanCommandInput, type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { codecFor, type ModelCodec } from '../../codec';
import { cursorError } from '../../errors/query';
import { compareAttributeValues, resolveKeyCondition, toCondition, type AttributePath, type KeySortCondition } from '../../expressions';
import type { Constructor, ScalarType } from '../../metadata/types';
import type { MapperContext } from '../context';
import { execute } from '../execute';
import { remember } from '../snapshots';
import { itemKeyText } from '../batch/keys';
import { valueError } from '../../errors/value';
import { CursorCodec, type CursorTarget, type Position, type StartKey } from './cursor';
import { buildQueryInput, buildScanInput, requestInput, requestLimit, startKeyOf, startKeyTypes, type Compiled, type ReadState } from './inputs';

type Item = Record<string, AttributeValue>;
type Input = QueryCommandInput | ScanCommandInput;

/** One response, as read: raw items and where the next request starts (undefined: the end). */
export interface RawPage {
  readonly items: Item[];
  readonly next?: StartKey;
  /** The parallel scan segment it came from. */
  readonly segment?: number;
}

const defaultCursors = new CursorCodec();
/** Per mapper (context), not per secret: a module-level map kept every secret ever used, for the process's life. */
const secretCursors = new WeakMap<MapperContext, CursorCodec>();

/** The cursor codec of a mapper: one per mapper with a secret, made once. */
function cursorsOf(ctx: MapperContext): CursorCodec {
  if (ctx.cursorSecret === undefined) return defaultCursors;
  let codec = secretCursors.get(ctx);
  if (!codec) secretCursors.set(ctx, (codec = new CursorCodec(ctx.cursorSecret)));
  return codec;
}

/** Whether a sort key value satisfies a key condition's sort key part (as DynamoDB orders S, N and B). */
function sortKeyMatches(value: AttributeValue | undefined, condition: KeySortCondition<AttributePath, AttributeValue>): boolean {
  if (value === undefined) return false;
  if (condition.type === 'between') {
    const low = compareAttributeValues(value, condition.low);
    const high = compareAttributeValues(value, condition.high);
    return low !== undefined && high !== undefined && low >= 0 && high <= 0;
  }
  if (condition.type === 'beginsWith') {
    const prefix = condition.value;
    if (value.S !== undefined && prefix.S !== undefined) return value.S.startsWith(prefix.S);
    if (value.B !== undefined && prefix.B !== undefined) return Buffer.from(value.B).subarray(0, prefix.B.byteLength).equals(Buffer.from(prefix.B));
    return false;
  }
  const order = compareAttributeValues(value, condition.value);
  if (order === undefined) return false;
  switch (condition.comparator) {
    case '=': return order === 0;
    case '<': return order < 0;
    case '<=': return order <= 0;
    case '>': return order > 0;
    case '>=': return order >= 0;
    default: return true;
  }
}

export class ReadRun<T extends object> {
  readonly target: CursorTarget;
  readonly keyTypes: ReadonlyMap<string, ScalarType>;
  readonly codec: ModelCodec<T>;
  /** A read of several entity types: the attribute that holds the type, and each type's codec. */
  private readonly entities?: { readonly attribute: string; readonly codecs: ReadonlyMap<string, ModelCodec<T>> };
  private compiledInput?: Compiled<Input>;

  constructor(readonly ctx: MapperContext, readonly Model: Constructor<T>, readonly state: ReadState) {
    this.target = {
      table: ctx.tableName(state.schema),
      operation: state.operation,
      ...(state.index ? { index: state.index.name } : {}),
      // A cursor of the other direction would go back over items already returned.
      ...(state.reverse ? { reverse: true } : {}),
    };
    this.keyTypes = startKeyTypes(state.schema, state.index);
    this.codec = codecFor(Model);
    if (state.models !== undefined) {
      // Each model's table check (its first use), not only the first model's: a model whose
      // table definition is refused must not be read through a list where it comes later.
      for (const m of state.models) ctx.tableName(m);
      this.entities = {
        attribute: state.schema.table.entity!.attribute,
        codecs: new Map(state.models.map((m) => [m.table.entity!.value, codecFor(m.target) as ModelCodec<T>])),
      };
    }
  }

  /** The model (or models) read, for messages. */
  get model(): string {
    return this.state.models?.map((m) => m.className).join(', ') ?? this.state.schema.className;
  }

  /** The codec of an item: the model's, or for a read of several entity types the one of the item's type. */
  private codecOf(item: Item): ModelCodec<T> {
    if (this.entities === undefined) return this.codec;
    const type = item[this.entities.attribute]?.S;
    // The filter reads only the models' types; were another to come back, the first model's codec refuses it.
    return (type !== undefined ? this.entities.codecs.get(type) : undefined) ?? this.codec;
  }

  /** Compiled once, on first use (so a builder that is only refined further compiles nothing). */
  get compiled(): Compiled<Input> {
    this.compiledInput ??= this.state.operation === 'query'
      ? buildQueryInput(this.target.table, this.state)
      : buildScanInput(this.target.table, this.state);
    return this.compiledInput;
  }

  /** One request: Query or Scan, with the mapper's retry policy and error mapping (`counting`: for count(), which has no cursor). */
  async send(input: Input, counting = false): Promise<QueryCommandOutput | ScanCommandOutput> {
    const op = { operation: counting ? 'count' : this.state.operation, model: this.model };
    return this.state.operation === 'query'
      ? execute(this.ctx, () => this.ctx.client.send(new QueryCommand(input as QueryCommandInput)), op)
      : execute(this.ctx, () => this.ctx.client.send(new ScanCommand(input as ScanCommandInput)), op);
  }

  /** Raw items → instances of the model, remembered (as partial when projected) so save() writes only changes. */
  hydrate(items: readonly Item[]): T[] {
    const { strip, read } = this.compiled;
    const out = new Array<T>(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      for (const name of strip) delete item[name];
      let entity: T;
      try {
        entity = this.codecOf(item).fromItem(item);
      } catch (error) {
        throw valueError.inItem(error, itemKeyText(this.state.schema, item));
      }
      remember(entity, item, read);
      out[i] = entity;
    }
    return out;
  }

  encode(position: Position): string {
    return cursorsOf(this.ctx).encode(position, this.target);
  }

  /**
   * A cursor → where to start; refused unless this query or scan could have made it (with
   * `eitherDirection`, this query or the same one reversed: see the builder's startAfter).
   */
  decode(cursor: unknown, eitherDirection = false): Position {
    const position = cursorsOf(this.ctx).decode(cursor, this.target, this.keyTypes, this.model, eitherDirection);
    if (position.kind === 'key' && this.state.keyCondition !== undefined) this.checkPartition(position.key);
    return position;
  }

  /**
   * A parallel scan's cursor continues a scan of as many segments, a plain cursor a plain scan.
   * Checked when the scan runs, so `.startAfter()` and `.segments()` may come in either order.
   */
  checkStart(position: Position | undefined): Position | undefined {
    const segments = this.state.segments;
    if (position && ((position.kind === 'segments') !== (segments !== undefined) || (position.kind === 'segments' && position.total !== segments))) {
      throw cursorError.otherSegments(this.model, position.kind === 'segments' ? position.total : undefined, segments);
    }
    return position;
  }

  /**
   * A query's cursor holds the key it stopped at: one of another partition, or whose sort key is
   * outside this query's sort key condition, is refused (DynamoDB would answer with an error).
   */
  private checkPartition(key: StartKey): void {
    const { schema, index } = this.state;
    const resolved = resolveKeyCondition(schema, index?.name, toCondition(this.state.keyCondition!, schema.className));
    const keys = index ?? schema.key;
    const pk = keys.partitionKey;
    if (compareAttributeValues(key[pk.name], resolved.partitionKey.value) !== 0) throw cursorError.otherPartition(this.model, pk.property);
    const sort = resolved.sortKey;
    if (sort !== undefined && keys.sortKey && !sortKeyMatches(key[keys.sortKey.name], sort)) throw cursorError.otherSortRange(this.model, keys.sortKey.property);
  }

  /**
   * One request from `start`. `remaining`: items still wanted (undefined: no limit); the page is
   * cut to it, and then continues after its last item rather than after what DynamoDB read.
   */
  async fetch(start: StartKey | undefined, remaining: number | undefined, segment?: number, round = 0): Promise<RawPage> {
    const input = requestInput(this.compiled.base, {
      limit: requestLimit(this.state, remaining, round),
      ...(start ? { startKey: start } : {}),
      ...(segment !== undefined ? { segment: { index: segment, total: this.state.segments! } } : {}),
    });
    const out = await this.send(input);
    const page: RawPage = { items: out.Items ?? [], ...(out.LastEvaluatedKey ? { next: out.LastEvaluatedKey } : {}), ...(segment !== undefined ? { segment } : {}) };
    return remaining === undefined ? page : this.cut(page, remaining);
  }

  /** The page with at most `remaining` items; cut short, it continues after its last item kept. */
  cut(page: RawPage, remaining: number): RawPage {
    if (page.items.length <= remaining) return page;
    const items = page.items.slice(0, remaining);
    const next = items.length ? startKeyOf(items[items.length - 1], this.keyTypes) : page.next;
    return { ...page, items, ...(next ? { next } : {}) };
  }

  /** Counts from `start` to the end (or to `limit`), one Select COUNT request after another. */
  async countFrom(start: StartKey | undefined, limit: number | undefined, segment?: number): Promise<number> {
    let count = 0;
    let round = 0;
    let key = start;
    do {
      const remaining = limit === undefined ? undefined : limit - count;
      const input = requestInput(this.compiled.countBase, {
        limit: requestLimit(this.state, remaining, round++),
        ...(key ? { startKey: key } : {}),
        ...(segment !== undefined ? { segment: { index: segment, total: this.state.segments! } } : {}),
      });
      const out = await this.send(input, true);
      count += out.Count ?? 0;
      key = out.LastEvaluatedKey;
    } while (key && (limit === undefined || count < limit));
    return limit === undefined ? count : Math.min(count, limit);
  }
}

/**
 * Pages one after another from `start` until the end or `limit` items, each with the key the
 * next one starts from. Used for queries and plain scans (and one segment of a parallel scan).
 */
export async function* sequentialPages<T extends object>(
  run: ReadRun<T>, start: StartKey | undefined, limit: number | undefined,
): AsyncGenerator<RawPage, void, undefined> {
  let key = start;
  let returned = 0;
  let round = 0;
  do {
    const page = await run.fetch(key, limit === undefined ? undefined : limit - returned, undefined, round++);
    returned += page.items.length;
    yield page;
    key = page.next;
  } while (key && (limit === undefined || returned < limit));
}
