/**
 * The Mapper: a thin facade over the operations. It holds the context (client, prefix, policies)
 * and turns each call into: validate → build the input (pure) → execute → hydrate.
 */
import {
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type CreateTableCommandInput,
  type GetItemCommandInput,
  type PutItemCommandOutput,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { adoptNestedDefaults, codecFor, hasNestedDefaults } from '../codec';
import type { KeyOf, Path, ProjectedEntity, UpdateChanges } from '../expressions';
import { writeError } from '../errors/write';
import { describeKey, optionError, type OperationDescription } from '../errors/operation';
import { isValidTablePrefix } from '../metadata/names';
import { getModelSchema } from '../metadata/schema';
import type { Constructor } from '../metadata/types';
import { createTableInput, modelsOfTable, syncModels, type SyncOptions, type SyncResult } from '../table';
import type { MapperContext, RetryPolicy } from './context';
import { createContext } from './create-context';
import type { ModelPlan } from './model-plan';
import { arrayOf, functionOf, keyShape, millisecondsOf, objectOf, OPTIONS, optionsOf } from './arguments';
import { execute, executeThen } from './execute';
import {
  buildDeleteInput, buildGetInput, buildPutInput, buildUpdateInput, keyObject,
  type DeleteOptions, type GetOptions, type PreparedPut, type PutOptions, type UpdateOptions,
} from './item-inputs';
import { buildSaveInput } from './save-input';
import { attributeNames, deleteEnded, failureOutcome, remember, shapeOf, snapshotOf, writeEnded, writeStarted, type ReadShape, type WriteOutcome } from './snapshots';
import { readShapeOf } from './projection';
import { readItem } from './read-item';
import { sendWrite } from './send-write';
import { hasValidationRules, heldProperties, validateChanges, validateEntity } from './validation';
import { createQuery, createScan, type MultiQuery, type MultiScan, type Query, type QueryOptions, type Scan, type ScanOptions } from './query';
import type { IndexKeyCondition, IndexKeyConditionOf, IndexName, KeyCondition, ScannedIndex, UndeclaredIndex } from '../expressions';
import * as batch from './batch';
import type { BatchGetOneOptions, BatchGetOptions, BatchGetRequest, BatchGetResults, BatchWriteOperation, BatchWriteOptions, CheckedBatchGetRequests, CheckedBatchWriteOperations } from './batch';
import { runTransaction, runTransactGet, type AnyTransactGetRequest, type CheckedGetRequests, type TransactGetResults, type TransactionOptions, type TransactionWriter } from './transaction';

/** Several models for one read (single-table design): at least one. */
type EntityModels = readonly [Constructor, ...Constructor[]];
/** The instances a model class makes. */
type InstanceOf<C> = C extends Constructor<infer T> ? T : never;

export interface MapperOptions {
  /** Default: a DynamoDBClient configured from the environment. */
  client?: DynamoDBClient | undefined;
  /** Prepended to every table name (e.g. 'dev-'). */
  tablePrefix?: string | undefined;
  /** Run class-validator on every write (default true). */
  validate?: boolean | undefined;
  /** Retries of throttled calls and unprocessed batch items, on top of the SDK's own. */
  retry?: Partial<RetryPolicy> | undefined;
  /**
   * A private key for query/scan cursors (HMAC-SHA256). Without it cursors still detect edits;
   * with it they also cannot be forged by someone who knows dynamap's default key.
   */
  cursorSecret?: string | undefined;
}

function checkOptions(options: MapperOptions): void {
  if (options.tablePrefix !== undefined && !isValidTablePrefix(options.tablePrefix)) {
    throw optionError.invalid('new Mapper()', 'tablePrefix', options.tablePrefix, 'a string of [a-zA-Z0-9_.-]');
  }
  if (options.validate !== undefined && typeof options.validate !== 'boolean') {
    throw optionError.invalid('new Mapper()', 'validate', options.validate, 'true or false');
  }
  if (options.client !== undefined && (options.client === null || typeof (options.client as { send?: unknown }).send !== 'function')) {
    throw optionError.invalid('new Mapper()', 'client', options.client, 'a DynamoDBClient');
  }
  if (options.cursorSecret !== undefined && (typeof options.cursorSecret !== 'string' || options.cursorSecret.length < 16)) {
    throw optionError.invalid('new Mapper()', 'cursorSecret', typeof options.cursorSecret === 'string' ? `a string of ${options.cursorSecret.length} characters` : options.cursorSecret,
      'a string of at least 16 characters');
  }
}

/** What a mapper's operations need (client, prefix, policies): for dynamap's own tests and benchmarks, not public. */
export function contextOf(mapper: Mapper): MapperContext {
  return mapper['context'];
}

export class Mapper {
  // TypeScript-private rather than #private: a Proxy around a mapper (tracing, test doubles) keeps working.
  private readonly context: MapperContext;

  constructor(options: MapperOptions = {}) {
    options = optionsOf(options, 'new Mapper()', OPTIONS.mapper);
    checkOptions(options);
    this.context = createContext({ ...options, client: options.client ?? new DynamoDBClient({}) });
  }

  /** Creates missing tables and indexes and enables TTL; never deletes anything. */
  async sync(models?: readonly Constructor[], options: SyncOptions = {}): Promise<SyncResult> {
    if (models !== undefined) arrayOf(models, 'sync()', 'models');
    const checked = optionsOf(options, 'sync()', OPTIONS.sync);
    millisecondsOf(checked.timeoutMs, 'sync()', 'timeoutMs');
    millisecondsOf(checked.pollMs, 'sync()', 'pollMs');
    return syncModels(this.context, models, checked);
  }

  /** The CreateTable input for a model, for tables created elsewhere (CDK, CloudFormation). */
  createTableInput(Model: Constructor): CreateTableCommandInput {
    // In single-table design every registered model on the same table contributes its indexes.
    return createTableInput(modelsOfTable(getModelSchema(Model)), this.context.tablePrefix);
  }

  // put and get, the hottest calls, are promise chains rather than async functions: the common
  // call then adds one promise to the SDK's own, not three (measured: ~1% of a put+get pair).
  // Every failure before sending still arrives as a rejected promise, never as a throw.

  /** Writes the whole entity; returns it with version and timestamps updated. */
  put<T extends object>(entity: T, options: PutOptions<T> = {}): Promise<T> {
    let plan: ModelPlan<T>;
    let prepared: PreparedPut<T>;
    try {
      plan = this.planOf(entity, 'put');
      prepared = buildPutInput(plan, entity, optionsOf(options, 'put()', OPTIONS.put));
    } catch (error) {
      return Promise.reject(error);
    }
    const ctx = this.context;
    const send = () => {
      writeStarted(entity);
      return executeThen(ctx, () => sendWrite<PutItemCommandOutput>(ctx, new PutItemCommand(prepared.input), prepared.writeOnce), prepared, () => {
        try {
          if (!plan.putAddsNothing) Object.assign(entity, prepared.assign);
          if (plan.nestedDefaults) adoptNestedDefaults(plan.schema, entity, prepared.input.Item!);
          remember(entity, prepared.input.Item!);
        } catch (error) {
          writeEnded(entity, 'failed', plan.putTouches);   // applied, but not remembered
          throw error;
        }
        writeEnded(entity, 'applied', plan.putTouches);
        return entity;
      }, (error) => writeEnded(entity, failureOutcome(error), plan.putTouches));
    };
    if (!ctx.validate || !plan.hasValidationRules) return send();
    return validateEntity(prepared.staged, plan.schema.className, undefined, prepared.input.Item).then(send);
  }

  /** One item as an instance of Model, or undefined. */
  get<T extends object>(Model: Constructor<T>, key: KeyOf<T>, options?: GetOptions<T> & { project?: undefined }): Promise<T | undefined>;
  /** Only these paths (plus the key): typed as such on a model that declares its key (ProjectedEntity). */
  get<T extends object, const P extends Path<T>>(
    Model: Constructor<T>, key: KeyOf<T>, options: GetOptions<T> & { project: readonly P[] },
  ): Promise<ProjectedEntity<T, P> | undefined>;
  /** Options held in a variable (`GetOptions<T>`), whose projection, if any, is not known to the compiler. */
  get<T extends object>(Model: Constructor<T>, key: KeyOf<T>, options?: GetOptions<T>): Promise<T | undefined>;
  get<T extends object>(Model: Constructor<T>, key: KeyOf<T>, options: GetOptions<T> = {}): Promise<T | undefined> {
    let plan: ModelPlan<T>;
    let input: GetItemCommandInput;
    let read: ReadShape;
    try {
      plan = this.context.plan(Model);
      options = optionsOf(options, 'get()', OPTIONS.get);
      // objectOf only when the key is bad: its message names the model, a string built per call otherwise.
      if (key === null || typeof key !== 'object' || Array.isArray(key)) objectOf(key, `get(${plan.schema.className})`, 'key', keyShape(plan.schema));
      input = buildGetInput(plan, key, options);
      read = readShapeOf(plan.schema, options.project as readonly string[] | undefined);
    } catch (error) {
      return Promise.reject(error);
    }
    const ctx = this.context;
    const op: OperationDescription = { operation: 'get', model: plan.schema.className, key: key as Record<string, unknown> };
    return executeThen(ctx, () => ctx.client.send(new GetItemCommand(input)), op, (out) => {
      // Another entity's item at the key (single-table design) is not one of Model's: not found.
      if (!out.Item || !plan.codec.owns(out.Item)) return undefined;
      const entity = readItem(plan.codec, plan.schema, out.Item);
      remember(entity, out.Item, read);
      return entity;
    });
  }

  /** One UpdateItem built from `changes`; resolves to the updated entity (ReturnValues ALL_NEW). */
  update<T extends object>(
    Model: Constructor<T>, key: KeyOf<T>, changes: UpdateChanges<T>, options?: UpdateOptions<T> & { returnValues?: 'ALL_NEW' },
  ): Promise<T>;
  /** With `returnValues: 'ALL_OLD'` the item as it was (undefined if there was none); with 'NONE', undefined. */
  update<T extends object>(
    Model: Constructor<T>, key: KeyOf<T>, changes: UpdateChanges<T>, options: UpdateOptions<T>,
  ): Promise<T | undefined>;
  async update<T extends object>(
    Model: Constructor<T>, key: KeyOf<T>, changes: UpdateChanges<T>, options: UpdateOptions<T> = {},
  ): Promise<T | undefined> {
    const schema = getModelSchema(Model);
    options = optionsOf(options, 'update()', OPTIONS.update);
    if (options.returnValues !== undefined && !['ALL_NEW', 'ALL_OLD', 'NONE'].includes(options.returnValues)) {
      throw optionError.invalid('update()', 'returnValues', options.returnValues, "'ALL_NEW', 'ALL_OLD' or 'NONE'");
    }
    objectOf(changes, `update(${schema.className})`, 'changes', "an object of property paths ({ rating: 8 })");
    const prepared = buildUpdateInput(this.context, schema, objectOf(key, `update(${schema.className})`, 'key', keyShape(schema)), changes, options, new Date());
    if (this.context.validate) await validateChanges(Model, changes, schema.className, prepared.op.key);
    const out = await execute(this.context, () => sendWrite<UpdateItemCommandOutput>(this.context, new UpdateItemCommand(prepared.input), prepared.op.writeOnce), prepared.op);
    if (!out.Attributes) return undefined;
    let entity: T;
    try {
      entity = codecFor(Model).fromItem(out.Attributes);
    } catch (error) {
      throw writeError.updateResultUnreadable(schema.className, describeKey(prepared.op.key), error);
    }
    // ALL_NEW is the item as stored now, ALL_OLD as it was read before this update: either is a
    // read, so a later save() writes only what changes from it (and, versioned, requires its version).
    remember(entity, out.Attributes);
    return entity;
  }

  /** Writes only what changed since the entity was read (or put); an entity never read is put. */
  async save<T extends object>(entity: T): Promise<T> {
    const { schema } = this.planOf(entity, 'save');
    const snapshot = snapshotOf(entity);
    if (!snapshot) return this.put(entity);
    const prepared = buildSaveInput(this.context, schema, entity, snapshot, new Date());
    const update = prepared.update;
    if (!update) return entity;   // nothing to send: not a write
    // Counted as a write from the moment its snapshot was read (just above, synchronously): a write
    // of the entity that ends while this one validates must see it as overlapping (snapshots.ts).
    writeStarted(entity);
    let outcome: WriteOutcome = 'refused';
    const touched: readonly string[] = prepared.touched ?? [];
    try {
      if (this.context.validate && hasValidationRules(schema.target)) {
        // An entity read in part is checked on what it holds: the rest was not read and is not written.
        await validateEntity(prepared.staged!, schema.className, undefined, prepared.item, snapshot.partial ? heldProperties(prepared.staged!, snapshot) : undefined);
      }
      try {
        await execute(this.context, () => sendWrite(this.context, new UpdateItemCommand(update.input), update.op.writeOnce), update.op);
      } catch (error) {
        outcome = failureOutcome(error);
        throw error;
      }
      outcome = 'failed';   // applied: if what follows throws, the snapshot is not what is stored
      Object.assign(entity, update.assign);
      if (hasNestedDefaults(schema)) adoptNestedDefaults(schema, entity, prepared.item);
      // Still read in part when it was: the attributes it never read stay unknown (a second save()
      // would otherwise write their defaults over the stored values).
      remember(entity, prepared.item, shapeOf(snapshot));
      outcome = 'applied';
      return entity;
    } finally {
      writeEnded(entity, outcome, () => touched);
    }
  }

  /** Deletes one item, by key or by entity (an entity read with @Version must still have that version). */
  delete<T extends object>(Model: Constructor<T>, key: KeyOf<T>, options?: DeleteOptions<T>): Promise<void>;
  delete<T extends object>(entity: T, options?: DeleteOptions<T>): Promise<void>;
  async delete<T extends object>(
    modelOrEntity: Constructor<T> | T, keyOrOptions?: KeyOf<T> | DeleteOptions<T>, maybeOptions?: DeleteOptions<T>,
  ): Promise<void> {
    if (typeof modelOrEntity === 'function') {
      const schema = getModelSchema(modelOrEntity);
      const key = objectOf(keyOrOptions as object | undefined, `delete(${schema.className})`, 'key', keyShape(schema));
      const prepared = buildDeleteInput<T>(this.context, schema, key, optionsOf(maybeOptions, 'delete()', OPTIONS.condition));
      await execute(this.context, () => sendWrite(this.context, new DeleteItemCommand(prepared.input), prepared.op.writeOnce), prepared.op);
      return;
    }
    const entity = modelOrEntity;
    const { schema } = this.planOf(entity, 'delete');
    const prepared = buildDeleteInput<T>(this.context, schema, keyObject(schema, entity), optionsOf(keyOrOptions as DeleteOptions<T> | undefined, 'delete()', OPTIONS.condition), entity);
    // Forgotten only once it is gone (after a refused delete, the entity still saves as a read
    // entity), and tracked as a write of the entity: see snapshots.ts deleteEnded.
    writeStarted(entity);
    let outcome: WriteOutcome = 'failed';
    try {
      await execute(this.context, () => sendWrite(this.context, new DeleteItemCommand(prepared.input), prepared.op.writeOnce), prepared.op);
      outcome = 'applied';
    } catch (error) {
      outcome = failureOutcome(error);
      throw error;
    } finally {
      deleteEnded(entity, outcome, () => attributeNames(schema));
    }
  }

  // --- query and scan (issue 5): methods below this line ---

  /**
   * A Query of one partition of the table, or of an index with `{ index }`: an immutable,
   * async-iterable builder (`.filter() .project() .limit() .pageSize() .reverse() .consistent()
   * .startAfter() .page() .pages() .all() .first() .count()`). The key condition may only use the
   * keys of the table or of that index. Nothing is sent until a terminal method is called.
   */
  query<T extends object>(Model: Constructor<T>, keyCondition: KeyCondition<T>, options?: QueryOptions & { index?: undefined }): Query<T>;
  /** A Query of an index: its key condition names the index's keys (checked at runtime, before sending). */
  query<T extends object, const I extends IndexName<T>>(Model: Constructor<T>, keyCondition: IndexKeyConditionOf<T, I>, options: QueryOptions & { index: I }): Query<T>;
  /** An index that may be undefined (`{ index: maybe }`): the key condition is checked at runtime, against whichever it is. */
  query<T extends object, S extends string = string>(
    Model: Constructor<T>, keyCondition: IndexKeyCondition<T>, options: QueryOptions & { index?: S | undefined }, ...declared: UndeclaredIndex<T, S>
  ): Query<T>;
  /**
   * Single-table design: one Query of several entity types of one table (models with
   * `@Table({ entity })`), each item an instance of its own model — a customer and their orders in
   * one request. The key condition uses the first model's key properties; there is no `.filter()`
   * or `.project()`, which name one model's properties.
   */
  query<M extends EntityModels>(models: M, keyCondition: KeyCondition<InstanceOf<M[0]>>, options?: QueryOptions & { index?: undefined }): MultiQuery<InstanceOf<M[number]>>;
  query<M extends EntityModels>(models: M, keyCondition: IndexKeyCondition<InstanceOf<M[0]>>, options: QueryOptions): MultiQuery<InstanceOf<M[number]>>;
  query(models: Constructor | EntityModels, keyCondition: IndexKeyCondition<object>, options: QueryOptions = {}): Query<object> | MultiQuery<object> {
    return createQuery(this.context, models, keyCondition, optionsOf(options, 'query()', OPTIONS.query));
  }

  /** A Scan of the table or of an index with `{ index }`; `segments` (or `.segments(n)`) makes it parallel. */
  scan<T extends object, S extends string = string>(Model: Constructor<T>, options?: ScanOptions<T> & { index?: S | undefined }, ...declared: ScannedIndex<T, S>): Scan<T>;
  /** Single-table design: one Scan of several entity types of one table, each item an instance of its own model (no filter). */
  scan<M extends EntityModels>(models: M, options?: Omit<ScanOptions<never>, 'filter'>): MultiScan<InstanceOf<M[number]>>;
  scan(models: Constructor | EntityModels, options: ScanOptions<object> = {}): Scan<object> | MultiScan<object> {
    return createScan(this.context, models, optionsOf(options, 'scan()', OPTIONS.scan));
  }

  // --- batches and transactions (issue 6): methods below this line ---
  // They are async functions, so that an argument refused before sending arrives as a rejected
  // promise, as everywhere else, never as a throw.

  /**
   * Writes many entities with BatchWriteItem: chunks of 25 sent concurrently, unprocessed items
   * retried; for one key the last entity wins. Every item is encoded and validated before the first
   * request. An entity read with @Version is refused (no version check is possible) unless
   * `overwriteVersions`. Resolves to the entities, each given its version and timestamps.
   */
  async batchPut<T extends object>(entities: readonly T[], options: BatchWriteOptions = {}): Promise<T[]> {
    return batch.batchPut(this.context, arrayOf(entities, 'batchPut()', 'entities'), optionsOf(options, 'batchPut()', OPTIONS.batchWrite));
  }

  /** Deletes the items with these keys (BatchWriteItem, as batchPut). */
  async batchDelete<T extends object>(Model: Constructor<T>, keys: readonly KeyOf<T>[], options: BatchWriteOptions = {}): Promise<void> {
    return batch.batchDelete(this.context, Model, arrayOf(keys, 'batchDelete()', 'keys'), optionsOf(options, 'batchDelete()', OPTIONS.batchDelete));
  }

  /** Puts and deletes of any models and tables, mixed: `[{ put: movie }, { delete: Note, key: { id } }]`. */
  async batchWrite<O extends readonly BatchWriteOperation[]>(operations: O & CheckedBatchWriteOperations<O>, options: BatchWriteOptions = {}): Promise<void> {
    return batch.batchWrite(this.context, arrayOf(operations, 'batchWrite()', 'operations'), optionsOf(options, 'batchWrite()', OPTIONS.batchWrite));
  }

  /**
   * Reads many items with BatchGetItem (chunks of 100, concurrent, unprocessed keys retried): the
   * found items in the order of the keys, a repeated key read and returned once. Several models at
   * once: `batchGet([[Movie, movieKeys], [Note, noteKeys]])` resolves to `[Movie[], Note[]]`.
   */
  batchGet<T extends object>(Model: Constructor<T>, keys: readonly KeyOf<T>[], options?: BatchGetOneOptions<T> & { project?: undefined }): Promise<T[]>;
  batchGet<T extends object, const P extends Path<T>>(
    Model: Constructor<T>, keys: readonly KeyOf<T>[], options: BatchGetOneOptions<T> & { project: readonly P[] },
  ): Promise<ProjectedEntity<T, P>[]>;
  /** Options held in a variable (`BatchGetOneOptions<T>`), whose projection, if any, is not known to the compiler. */
  batchGet<T extends object>(Model: Constructor<T>, keys: readonly KeyOf<T>[], options?: BatchGetOneOptions<T>): Promise<T[]>;
  batchGet<const R extends readonly BatchGetRequest[]>(requests: R & CheckedBatchGetRequests<R>, options?: BatchGetOptions): Promise<BatchGetResults<R>>;
  async batchGet(
    modelOrRequests: Constructor | readonly BatchGetRequest[], keysOrOptions?: readonly object[] | BatchGetOptions,
    options?: BatchGetOptions & { project?: readonly string[] },
  ): Promise<unknown[]> {
    if (typeof modelOrRequests === 'function') {
      return batch.batchGetOne(this.context, modelOrRequests, arrayOf(keysOrOptions as readonly object[], 'batchGet()', 'keys'), optionsOf(options as BatchGetOneOptions<object> | undefined, 'batchGet()', OPTIONS.batchGet));
    }
    return batch.batchGetMany(this.context, arrayOf(modelOrRequests, 'batchGet()', 'requests'), optionsOf(keysOrOptions as BatchGetOptions | undefined, 'batchGet()', OPTIONS.batchGet));
  }

  /**
   * One TransactWriteItems: `tx.put`, `tx.update`, `tx.delete`, `tx.check` (up to 100, one per
   * item), all applied or none. A cancellation throws TransactionError with one reason per action.
   * Resolves to what the callback returned.
   */
  async transaction<R>(fn: (tx: TransactionWriter) => R | Promise<R>, options: TransactionOptions = {}): Promise<Awaited<R>> {
    return runTransaction(this.context, functionOf(fn, 'transaction()', 'the callback (tx) => { ... }'), optionsOf(options, 'transaction()', OPTIONS.transaction));
  }

  /** One TransactGetItems (a consistent snapshot): `[[Movie, key], [Note, key]]` → `[Movie | undefined, Note | undefined]`. */
  async transactGet<const R extends readonly AnyTransactGetRequest[]>(requests: R & CheckedGetRequests<R>): Promise<TransactGetResults<R>> {
    // TransactGetItems is always a consistent read and takes no options: a second argument is a mistake.
    if (arguments[1] !== null && typeof arguments[1] === 'object') throw optionError.noOptions('transactGet()', 'a TransactGetItems read is always consistent; a projection goes in a request: [Model, key, { project }]');
    return runTransactGet(this.context, arrayOf(requests, 'transactGet()', 'requests') as R) as Promise<TransactGetResults<R>>;
  }

  /** The plan of an entity's model; refuses what is not an entity (plain objects, arrays, null). */
  private planOf<T extends object>(entity: T, operation: string): ModelPlan<T> {
    if (!entity || typeof entity !== 'object' || Object.getPrototypeOf(entity) === Object.prototype || Array.isArray(entity)) {
      throw writeError.notAnEntity(operation, entity);
    }
    return this.context.plan(entity.constructor as Constructor<T>);
  }
}
