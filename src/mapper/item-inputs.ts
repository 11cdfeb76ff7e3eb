/**
 * Pure builders of the single-item requests: each takes the schema, the codec and the user's
 * arguments and returns the exact command input (plus what to assign to the entity after
 * success). No request is sent here; every builder has an exact-output test.
 */
import type {
  AttributeValue,
  DeleteItemCommandInput,
  GetItemCommandInput,
  PutItemCommandInput,
  UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { encodeKey } from '../codec';
import { and, ExpressionContext, expressionError, notExists, add, ifNotExists, toUpdate } from '../expressions';
import type { Condition, Projection, UpdateChanges } from '../expressions';
import type { OperationDescription } from '../errors/operation';
import type { ModelSchema } from '../metadata/types';
import type { MapperContext } from './context';
import type { ModelPlan } from './model-plan';
import { projectionInput } from './projection';
import { readInPart } from './snapshots';
import { deleteAdditions, NO_ADDITIONS, putAdditions, timestamp, unassignable, type HookCondition } from './write-hooks';
import { writeError } from '../errors/write';

export interface PreparedWrite<I> {
  readonly input: I;
  /** Property values to assign to the entity once the write succeeded. */
  readonly assign: Record<string, unknown>;
  readonly op: OperationDescription;
}

export interface ConditionOptions<T> {
  condition?: Condition<T> | undefined;
  /** On a failed condition, return the stored item inside the ConditionError (`oldItem`). */
  returnOldOnFailure?: boolean | undefined;
}

export interface PutOptions<T> extends ConditionOptions<T> {
  /** false: fail with ConditionError instead of replacing an existing item. Default true. */
  overwrite?: boolean | undefined;
}

export interface GetOptions<T> {
  consistent?: boolean | undefined;
  /** Only these property paths, plus the key (the entity is then partial; save() leaves the rest alone). */
  project?: Projection<T> | undefined;
}

export interface UpdateOptions<T> extends ConditionOptions<T> {
  /** What the promise resolves to: the item after the update (default) or before it. */
  returnValues?: 'ALL_NEW' | 'ALL_OLD' | 'NONE' | undefined;
}

export type DeleteOptions<T> = ConditionOptions<T>;

export function combine<T>(user: Condition<T> | undefined, hooks: HookCondition[], model = ''): Condition<T> | undefined {
  // An empty user condition is refused alone; inside the and() with the hooks' conditions it would
  // be the identity and vanish, so a versioned model would take what an unversioned one refuses.
  if (hooks.length > 0 && isEmptyPlainObject(user)) throw expressionError.emptyLogical(model, 'and');
  const all = [...(user !== undefined ? [user] : []), ...(hooks as Condition<T>[])];
  if (all.length === 0) return undefined;
  return all.length === 1 ? all[0] : and(...all);
}

function isEmptyPlainObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.keys(value).length === 0;
}

export function keyObject(schema: ModelSchema, source: object): Record<string, unknown> {
  const s = source as Record<string, unknown>;
  const key: Record<string, unknown> = { [schema.key.partitionKey.property]: s[schema.key.partitionKey.property] };
  if (schema.key.sortKey) key[schema.key.sortKey.property] = s[schema.key.sortKey.property];
  return key;
}

function withExpressions<I extends object>(input: I, ex: ExpressionContext): I {
  const names = ex.names();
  const values = ex.values();
  return { ...input, ...(names ? { ExpressionAttributeNames: names } : {}), ...(values ? { ExpressionAttributeValues: values } : {}) };
}

export interface PreparedPut<T> extends PreparedWrite<PutItemCommandInput> {
  /** The entity as written (hooks applied): the entity itself when no hook assigns anything. */
  readonly staged: T;
  /** A condition beyond the entity-type guard (which a resend cannot trip): never resent after a failure of unknown outcome. */
  readonly writeOnce: boolean;
}

/** A prepared put whose operation description (for error messages) is built only when asked. */
class Put<T extends object> implements PreparedPut<T> {
  constructor(
    readonly input: PutItemCommandInput,
    readonly assign: Record<string, unknown>,
    readonly staged: T,
    private readonly schema: ModelSchema,
    private readonly versioned: boolean,
    private readonly userCondition = false,
    readonly writeOnce = false,
    private readonly newItem = false,
  ) {}

  get op(): OperationDescription {
    const entity = this.schema.table.entity;
    return {
      operation: 'put', model: this.schema.className, key: keyObject(this.schema, this.staged), versioned: this.versioned,
      userCondition: this.userCondition, writeOnce: this.writeOnce, ...(this.newItem ? { newItem: true } : {}), ...(entity ? { entity } : {}),
    };
  }
}

/** `now` is the instant of the write for timestamps (taken here when not given). */
export function buildPutInput<T extends object>(plan: ModelPlan<T>, entity: T, options: PutOptions<T>, now?: Date): PreparedPut<T> {
  const schema = plan.schema;
  if (readInPart(entity)) throw writeError.partialPut(schema.className);
  const hooks = plan.putAddsNothing ? NO_ADDITIONS : putAdditions(schema, entity, now ?? new Date());
  if (hooks !== NO_ADDITIONS) {
    const refused = unassignable(entity, hooks.assign);
    if (refused.length) throw writeError.notAssignable('put', schema.className, refused);
  }
  // The entity as it will be stored; a copy only when hooks assign something (the entity itself
  // changes only once the write succeeded).
  const staged = hooks === NO_ADDITIONS ? entity : Object.assign(Object.create(Object.getPrototypeOf(entity)) as T, entity, hooks.assign);
  const input: PutItemCommandInput = { TableName: plan.tableName, Item: plan.codec.toItem(staged) };
  if (options.condition === undefined && hooks.conditions.length === 0 && options.overwrite !== false && schema.table.entity === undefined) {
    return new Put(input, hooks.assign, staged, schema, hooks.versioned);
  }
  const extra = options.overwrite === false ? [{ [schema.key.partitionKey.property]: notExists() }] : [];
  const condition = combine<T>(options.condition, [...hooks.conditions, ...extra], schema.className);
  const ex = new ExpressionContext();
  // A model with an entity type replaces only a missing item or one of its own (writeCondition).
  input.ConditionExpression = ex.writeCondition(schema, condition)!;
  if (options.returnOldOnFailure) input.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
  return new Put(withExpressions(input, ex), hooks.assign, staged, schema, hooks.versioned, options.condition !== undefined, condition !== undefined, hooks.newItem);
}

export function buildGetInput<T extends object>(plan: ModelPlan<T>, key: object, options: GetOptions<T>): GetItemCommandInput {
  const input: GetItemCommandInput = { TableName: plan.tableName, Key: plan.encodeKey(key) };
  if (options.consistent) input.ConsistentRead = true;
  // An empty list is refused by the projection (as .project() with no paths is), not read as "everything".
  if (options.project === undefined) return input;
  return { ...input, ...projectionInput(plan.schema, options.project as readonly string[]) };
}

export function buildDeleteInput<T extends object>(
  ctx: MapperContext, schema: ModelSchema, key: object, options: DeleteOptions<T>, entity?: T,
): PreparedWrite<DeleteItemCommandInput> {
  const hooks = entity ? deleteAdditions(schema, entity) : { conditions: [], versioned: false, assign: {} };
  const ex = new ExpressionContext();
  const condition = combine<T>(options.condition, hooks.conditions, schema.className);
  const conditionExpression = ex.writeCondition(schema, condition);
  const input: DeleteItemCommandInput = {
    TableName: ctx.tableName(schema),
    Key: encodeKey(schema, key),
    ...(conditionExpression !== undefined ? { ConditionExpression: conditionExpression } : {}),
    ...(conditionExpression !== undefined && options.returnOldOnFailure ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
  };
  return {
    input: withExpressions(input, ex),
    assign: {},
    op: {
      operation: 'delete', model: schema.className, key: keyObject(schema, key), versioned: hooks.versioned,
      // The entity-type guard alone (writeCondition adds it) cannot fail a resend: such a delete is resent.
      userCondition: options.condition !== undefined, writeOnce: condition !== undefined,
      ...(schema.table.entity ? { entity: schema.table.entity } : {}),
    },
  };
}

/**
 * update(): the caller's changes plus the hooks' — @Version is incremented (ADD, so a missing
 * version becomes 1), @UpdatedAt set, @CreatedAt set only if absent (the update may create the item).
 */
export function updateHookChanges(schema: ModelSchema, now: Date): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (schema.version) changes[schema.version.property] = add(1);
  if (schema.updatedAt) changes[schema.updatedAt.property] = timestamp(now);
  if (schema.createdAt) changes[schema.createdAt.property] = ifNotExists(timestamp(now));
  return changes;
}

export function buildUpdateInput<T extends object>(
  ctx: MapperContext, schema: ModelSchema, key: object, changes: UpdateChanges<T>, options: UpdateOptions<T>, now: Date,
): PreparedUpdate {
  // The caller's changes must change something: the hooks' alone (version, timestamps) would
  // create an item that was never there.
  if (toUpdate(changes, schema.className).actions.length === 0) throw expressionError.emptyUpdate(schema.className);
  // The caller's values over the hooks': an explicit @CreatedAt/@UpdatedAt wins (an import that
  // keeps its dates). An undefined value is no change, so it must not switch a hook off (a DTO
  // spread with `version: undefined` left the version as it was, and a stale save() then passed
  // its check); the version is the hook's alone.
  const all = updateHookChanges(schema, now);
  for (const [path, value] of Object.entries(changes as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (path === schema.version?.property) throw expressionError.updateVersion(schema.className, path);
    // An own "__proto__" key (JSON.parse makes them) must stay a key, for the path check to refuse it.
    if (path === '__proto__') Object.defineProperty(all, path, { value, enumerable: true, writable: true, configurable: true });
    else all[path] = value;
  }
  const versioned = hasVersionCondition(schema, options.condition);
  // A condition on more than the version: a failure may be either (the message says so).
  const beyondVersion = options.condition !== undefined && !(versioned && Object.keys(options.condition as object).length === 1);
  return updateInput(ctx, schema, key, all as UpdateChanges<T>, options, 'update', versioned, {}, beyondVersion);
}

export type PreparedUpdate = PreparedWrite<UpdateItemCommandInput> & { readonly nestedPaths: readonly string[] };

/** One UpdateItem from a complete change set (hooks already applied) and a complete condition. */
export function updateInput<T extends object>(
  ctx: MapperContext, schema: ModelSchema, key: object, changes: UpdateChanges<T>, options: UpdateOptions<T>,
  operation: string, versioned: boolean, assign: Record<string, unknown> = {}, userCondition = false,
): PreparedUpdate {
  const ex = new ExpressionContext();
  const update = ex.update(schema, changes);
  const conditionExpression = ex.writeCondition(schema, options.condition);
  const input: UpdateItemCommandInput = {
    TableName: ctx.tableName(schema),
    Key: encodeKey(schema, key),
    UpdateExpression: update.expression,
    ...(conditionExpression !== undefined ? { ConditionExpression: conditionExpression } : {}),
    ReturnValues: options.returnValues ?? 'ALL_NEW',
    ...(conditionExpression !== undefined && options.returnOldOnFailure ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
  };
  return {
    input: withExpressions(input, ex),
    assign,
    nestedPaths: update.nestedPaths,
    op: {
      operation, model: schema.className, key: keyObject(schema, key), versioned, userCondition, writeOnce: true, nestedPaths: update.nestedPaths,
      ...(schema.version ? { incrementsVersion: schema.version.property } : {}),
      ...(schema.table.entity ? { entity: schema.table.entity } : {}),
    },
  };
}

function hasVersionCondition(schema: ModelSchema, condition: unknown): boolean {
  return !!schema.version && !!condition && typeof condition === 'object' && schema.version.property in (condition as object);
}

export type { AttributeValue };
