/**
 * The Query and Scan builders users hold. Immutable: every method returns a new builder (the state
 * is frozen; a builder can be shared, refined in two directions, and run many times). Nothing is
 * sent until a terminal method (`page`, `pages`, `all`, `first`, `count`, `for await`) is called.
 *
 * Mistakes that depend on the model (unknown index, key condition on non-key properties,
 * `.consistent()` on a global index, bad numbers, a cursor that is not this query's) are thrown
 * by the call that made them; expression errors when the input is first compiled (`toInput()`
 * or the first request).
 */
import type { QueryCommandInput, ScanCommandInput } from '@aws-sdk/client-dynamodb';
import { expressionError } from '../../errors/expression';
import { argumentError } from '../../errors/operation';
import { queryError } from '../../errors/query';
import { and, toCondition, type Condition, type ConditionInput, type Path, type ProjectedEntity } from '../../expressions';
import type { Constructor } from '../../metadata/types';
import type { MapperContext } from '../context';
import type { Position, StartKey } from './cursor';
import { MAX_REQUEST_LIMIT, requestInput, requestLimit, type ReadState } from './inputs';
import { parallelCount, parallelPages, SegmentTracker } from './parallel-scan';
import { ReadRun, sequentialPages, type RawPage } from './paging';
import { checkConsistent, checkCount } from './targets';

/** One page of results and the cursor to continue from (`undefined`: there is nothing after it). */
export interface Page<T> {
  readonly items: T[];
  readonly cursor?: string;
}

/** DynamoDB's own bound on TotalSegments. */
const MAX_SEGMENTS = 1_000_000;

/** @internal What a builder is made of. */
export interface ReadSetup<T extends object> {
  readonly ctx: MapperContext;
  readonly Model: Constructor<T>;
  readonly state: ReadState;
  /**
   * Where to start: the cursor given to `.startAfter()`; undefined: the beginning. Kept as text and
   * decoded by each builder against its own target, so a builder derived later (`.reverse()`,
   * another segment count) cannot take a cursor that is not its own.
   */
  readonly start?: string;
}

/**
 * T is the model (its paths serve filters and projections); R what the reads return: T, or after
 * `.project()` on a model that declares its key, the projected entity type (see ProjectedEntity).
 */
abstract class ReadBuilder<T extends object, I extends QueryCommandInput | ScanCommandInput, R = T> implements AsyncIterable<R> {
  readonly #setup: ReadSetup<T>;
  #run?: ReadRun<T>;

  /** @internal Use mapper.query() / mapper.scan(). */
  constructor(setup: ReadSetup<T>) {
    this.#setup = setup;
    Object.freeze(this);
  }

  /**
   * A new builder of the same kind with some state changed, and the start replaced when `start` is
   * given (a wrapper, since `undefined` — from the beginning — is a start of its own).
   */
  protected derive(patch: Partial<ReadState>, start?: { readonly from: string | undefined }): this {
    const setup = this.#setup;
    const Kind = this.constructor as new (setup: ReadSetup<T>) => this;
    return new Kind({ ...setup, state: Object.freeze({ ...setup.state, ...patch }), start: start ? start.from : setup.start });
  }

  protected get state(): ReadState {
    return this.#setup.state;
  }

  /** Where to start, checked against this builder's target and segments. */
  private get start(): Position | undefined {
    const cursor = this.#setup.start;
    return cursor === undefined ? undefined : this.run.checkStart(this.run.decode(cursor));
  }

  /** The runner of this builder, made on first use (the input is compiled then, once). */
  protected get run(): ReadRun<T> {
    this.#run ??= new ReadRun(this.#setup.ctx, this.#setup.Model, this.#setup.state);
    return this.#run;
  }

  /** Adds a FilterExpression; several filters are ANDed. Applied after reading: it saves no read capacity. */
  filter(condition: Condition<T>): this {
    this.oneModel('.filter()');
    // Normalized now: a mistake (`.filter(undefined)`) fails here naming the model, and changing
    // the caller's object later does not change this builder (and() copies its structure).
    toCondition(condition as ConditionInput, this.state.schema.className);
    return this.derive({ filters: [...this.state.filters, and(condition) as object] });
  }

  /** The builder reading only these paths (see `project` of Query and Scan). */
  protected projecting(paths: readonly string[]): this {
    this.oneModel('.project()');
    if (paths.length === 0) throw expressionError.emptyProjection(this.state.schema.className);
    return this.derive({ projection: Object.freeze([...paths]) });
  }

  /** Refuses a method that names properties on a read of several entity types. */
  private oneModel(method: string): void {
    const models = this.state.models;
    if (models !== undefined) throw queryError.oneModelOnly(models.map((m) => m.className).join(', '), method);
  }

  /** Returns at most `n` items in total, across pages (requests stop once they are read). */
  limit(n: number): this {
    return this.derive({ limit: checkCount(this.state.schema, 'limit', n) });
  }

  /** DynamoDB's Limit: items read per request (before the filter). A page is one request. */
  pageSize(n: number): this {
    // DynamoDB's Limit is a 32-bit integer.
    return this.derive({ pageSize: checkCount(this.state.schema, 'pageSize', n, MAX_REQUEST_LIMIT) });
  }

  /** Strongly consistent reads; refused on a global index, which DynamoDB reads eventually consistently only. */
  consistent(): this {
    if (arguments[0] !== undefined && arguments[0] !== true) {
      throw argumentError.invalid('.consistent()', 'its argument', arguments[0], 'no argument (leave .consistent() out for eventually consistent reads)');
    }
    checkConsistent(this.state.schema, this.state.index);
    return this.derive({ consistent: true });
  }

  /** Continues after the page that returned `cursor` (undefined: from the beginning). */
  startAfter(cursor: string | undefined): this {
    // Checked now, so a bad cursor fails here, in either direction (a .reverse() may follow); the
    // builder that runs decodes it again against its own target (see ReadSetup.start).
    if (cursor !== undefined) this.run.decode(cursor, true);
    return this.derive({}, { from: cursor });
  }

  /** The exact input of the first request (for inspection and tests); a copy the caller may change. */
  toInput(): I {
    return structuredClone(this.firstInput());
  }

  private firstInput(): I {
    const start = this.start;
    const limit = requestLimit(this.state, this.state.limit);
    if (this.state.segments === undefined) {
      const startKey = start?.kind === 'key' ? start.key : undefined;
      return requestInput(this.run.compiled.base as I, { limit, ...(startKey ? { startKey } : {}) });
    }
    const tracker = this.tracker(start);
    const segment = tracker.pending()[0] ?? 0;
    const startKey = tracker.startOf(segment);
    return requestInput(this.run.compiled.base as I, { limit, ...(startKey ? { startKey } : {}), segment: { index: segment, total: this.state.segments } });
  }

  /**
   * One page: one request from `cursor` (or from `.startAfter()`, or the beginning), at most
   * `.pageSize()` items read and at most `.limit()` returned. A filter can leave a page empty with a
   * cursor: keep going until the cursor is undefined. A parallel scan's page is one request of
   * its first unfinished segment, and its cursor holds every segment's position.
   */
  async page(cursor?: string): Promise<Page<R>> {
    const run = this.run;
    const start = cursor === undefined ? this.start : run.checkStart(run.decode(cursor));
    if (this.state.segments === undefined) {
      const raw = await run.fetch(start?.kind === 'key' ? start.key : undefined, this.state.limit);
      return this.toPage(raw.items, raw.next);
    }
    const tracker = this.tracker(start);
    const segment = tracker.pending()[0];
    if (segment === undefined) return { items: [] };
    const raw = await run.fetch(tracker.startOf(segment), this.state.limit, segment);
    tracker.advance(segment, raw.next);
    return this.toSegmentsPage(raw, tracker);
  }

  /** Every page to the end (or to `.limit()` items), one request each, as `page()` would return them. */
  async *pages(): AsyncGenerator<Page<R>, void, undefined> {
    const start = this.start;
    if (this.state.segments === undefined) {
      for await (const raw of sequentialPages(this.run, start?.kind === 'key' ? start.key : undefined, this.state.limit)) {
        yield this.toPage(raw.items, raw.next);
      }
      return;
    }
    const tracker = this.tracker(start);
    for await (const raw of parallelPages(this.run, tracker, this.state.limit)) yield this.toSegmentsPage(raw, tracker);
  }

  /** Every item (up to `.limit()`), as instances of the model. */
  async *[Symbol.asyncIterator](): AsyncGenerator<R, void, undefined> {
    for await (const raw of this.rawPages()) yield* this.hydrate(raw.items);
  }

  /** Every item (up to `.limit()`) in one array. Mind the memory on a large table: prefer `for await`. */
  async all(): Promise<R[]> {
    const out: R[] = [];
    for await (const raw of this.rawPages()) {
      const items = this.hydrate(raw.items);
      for (let i = 0; i < items.length; i++) out.push(items[i]);
    }
    return out;
  }

  /** The first item, or undefined; reads no further than needed. */
  async first(): Promise<R | undefined> {
    const [item] = await this.limit(1).all();
    return item;
  }

  /** The number of matching items (up to `.limit()`), counted by DynamoDB (Select COUNT) across pages. */
  async count(): Promise<number> {
    const start = this.start;
    if (this.state.segments === undefined) return this.run.countFrom(start?.kind === 'key' ? start.key : undefined, this.state.limit);
    return parallelCount(this.run, this.tracker(start), this.state.limit);
  }

  /** The items as entities: instances of the model, typed as what this builder returns (R). */
  private hydrate(items: RawPage['items']): R[] {
    return this.run.hydrate(items) as unknown as R[];
  }

  private rawPages(): AsyncGenerator<RawPage, void, undefined> {
    const start = this.start;
    if (this.state.segments === undefined) return sequentialPages(this.run, start?.kind === 'key' ? start.key : undefined, this.state.limit);
    return parallelPages(this.run, this.tracker(start), this.state.limit);
  }

  private tracker(start: Position | undefined): SegmentTracker {
    return new SegmentTracker(this.state.segments!, start?.kind === 'segments' ? start : undefined);
  }

  private toPage(items: RawPage['items'], next: StartKey | undefined): Page<R> {
    const entities = this.hydrate(items);
    return next ? { items: entities, cursor: this.run.encode({ kind: 'key', key: next }) } : { items: entities };
  }

  private toSegmentsPage(raw: RawPage, tracker: SegmentTracker): Page<R> {
    const items = this.hydrate(raw.items);
    return tracker.finished ? { items } : { items, cursor: this.run.encode({ kind: 'segments', ...tracker.position() }) };
  }
}

/** `mapper.query(Model, keyCondition, { index })`: items of one partition, in sort key order. */
export class Query<T extends object, R = T> extends ReadBuilder<T, QueryCommandInput, R> {
  /**
   * Reads only these property paths (a ProjectionExpression), plus the key; replaces an earlier
   * projection. The entities are partial; on a model that declares its key they are typed so
   * (ProjectedEntity), otherwise as the model.
   */
  project<const P extends Path<T>>(...paths: P[]): Query<T, ProjectedEntity<T, P>> {
    return this.projecting(paths) as unknown as Query<T, ProjectedEntity<T, P>>;
  }

  /** Descending sort key order (ScanIndexForward: false). */
  reverse(): this {
    // `.reverse(false)` from JavaScript would still reverse: an argument is a mistake, not a switch.
    if (arguments[0] !== undefined && arguments[0] !== true) {
      throw argumentError.invalid('query().reverse()', 'its argument', arguments[0], 'no argument (leave .reverse() out for ascending order)');
    }
    return this.derive({ reverse: true });
  }
}

/** `mapper.scan(Model, { index, filter, segments })`: every item of the table or index. */
export class Scan<T extends object, R = T> extends ReadBuilder<T, ScanCommandInput, R> {
  /** As Query's `project`: only these paths (plus the key), typed so on a model that declares its key. */
  project<const P extends Path<T>>(...paths: P[]): Scan<T, ProjectedEntity<T, P>> {
    return this.projecting(paths) as unknown as Scan<T, ProjectedEntity<T, P>>;
  }

  /**
   * A parallel scan of `n` segments (1 to 1,000,000), read concurrently (at most 32 requests in
   * flight) and merged in arrival order, so items come in no particular order. A cursor of a
   * parallel scan continues a scan with the same number of segments only.
   */
  segments(n: number): this {
    return this.derive({ segments: checkCount(this.state.schema, 'segments', n, MAX_SEGMENTS) });
  }
}

/**
 * A builder type without some methods, whose chained methods (returning the builder) return it
 * without them too, so `.limit(5).filter(...)` stays a type error.
 */
type Without<B, K extends PropertyKey> = {
  [P in Exclude<keyof B, K>]: B[P] extends (...args: infer A) => B ? (...args: A) => Without<B, K> : B[P];
};

/**
 * `mapper.query([A, B], key)`: a Query of several entity types (single-table design). `.filter()`
 * and `.project()` name one model's properties, so it has neither.
 */
export type MultiQuery<T extends object> = Without<Query<T>, 'filter' | 'project'>;

/** `mapper.scan([A, B])`: a Scan of several entity types, without `.filter()` and `.project()`. */
export type MultiScan<T extends object> = Without<Scan<T>, 'filter' | 'project'>;
