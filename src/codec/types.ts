/** The codec interfaces shared by the codec modules. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Constructor, DocumentSchema } from '../metadata/types';

export interface ModelCodec<T extends object> {
  /** The class's schema (a ModelSchema for table models). */
  readonly schema: DocumentSchema;
  /**
   * entity → item. Applies `default`s to missing values in the output (the entity is not changed),
   * checks `required`, omits undefined and empty sets, refuses what DynamoDB would refuse
   * (ValidationError naming Class.property and the rule). Checks the 400 KB item size
   * (ItemTooLargeError) for table models.
   */
  toItem(entity: T): Record<string, AttributeValue>;
  /**
   * item → a real instance (Object.create(Model.prototype), constructor NOT called), nested classes
   * hydrated as their classes; attributes not in the schema are ignored. A model with an entity
   * type (@Table({ entity })) refuses an item of another entity (ValidationError value.otherEntity).
   */
  fromItem(item: Record<string, AttributeValue>): T;
  /** True when the item is one of this model's: always, unless the model has an entity type the item does not carry. */
  owns(item: Record<string, AttributeValue>): boolean;
}

/** What nested levels use: a document as the M of an attribute or of a list element. */
export interface DocumentCodec<T extends object> extends ModelCodec<T> {
  /** The entity as M contents; `level` is the level of the map itself (a top-level attribute is 1). */
  encodeMap(entity: object, level: number): Record<string, AttributeValue>;
  decodeMap(map: Record<string, AttributeValue>): T;
}

/** How attribute codecs reach the codec of a nested class (compiled lazily, on first use). */
export type DocumentCodecs = <T extends object>(cls: Constructor<T>) => DocumentCodec<T>;
