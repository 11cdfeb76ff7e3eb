/**
 * What the single-item operations need of one model, gathered once per mapper and model: the
 * schema, the codec, the full table name, the table-key encoder and whether a put adds anything.
 *
 * Why one object: code that runs between two SDK calls runs with cold caches (the SDK's own work
 * evicts ours), so each separate lookup on the way — schema, codec, table name, key codec, hook
 * list, each a WeakMap — costs far more there than in a tight loop. A put or get now makes one.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { codecFor, hasNestedDefaults, tableKeyEncoder, type ModelCodec } from '../codec';
import { getModelSchema } from '../metadata/schema';
import type { Constructor, ModelSchema } from '../metadata/types';
import { putAddsNothing } from './write-hooks';
import { hasValidationRules } from './validation';
import { attributeNames } from './snapshots';

export interface ModelPlan<T extends object = object> {
  readonly schema: ModelSchema;
  readonly codec: ModelCodec<T>;
  /** The table name with the mapper's prefix. */
  readonly tableName: string;
  /** The model's table key object → its key AttributeValue map (every key check included). */
  readonly encodeKey: (key: object) => Record<string, AttributeValue>;
  /** No default, timestamp or version: a put writes the entity as it is and changes nothing on it. */
  readonly putAddsNothing: boolean;
  /** class-validator has rules for the model (else its writes skip validation, which would find nothing). */
  readonly hasValidationRules: boolean;
  /** A nested document class (at any depth) has a default: set on the entity after a put (adoptNestedDefaults). */
  readonly nestedDefaults: boolean;
  /** The attribute names a put may change (all of the model's), for snapshots.ts's writeEnded. */
  readonly putTouches: () => Iterable<string>;
}

/**
 * The plans of one mapper, built at a model's first use. Building one checks the model (its
 * schema errors are thrown here, as getModelSchema throws them) and the prefixed table name.
 */
export function modelPlans(tableName: (schema: ModelSchema) => string): <T extends object>(Model: Constructor<T>) => ModelPlan<T> {
  const plans = new WeakMap<Constructor, ModelPlan>();
  return <T extends object>(Model: Constructor<T>): ModelPlan<T> => {
    let plan = plans.get(Model);
    if (plan === undefined) {
      const schema = getModelSchema(Model);
      plan = Object.freeze({
        schema,
        codec: codecFor(Model) as ModelCodec<object>,
        tableName: tableName(schema),
        encodeKey: tableKeyEncoder(schema),
        putAddsNothing: putAddsNothing(schema),
        hasValidationRules: hasValidationRules(Model),
        nestedDefaults: hasNestedDefaults(schema),
        putTouches: () => attributeNames(schema),
      });
      plans.set(Model, plan);
    }
    return plan as ModelPlan<T>;
  };
}
