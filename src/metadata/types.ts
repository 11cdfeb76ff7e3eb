/**
 * The shapes of the registry: what decorators record (raw facts) and what the schema builder
 * turns them into (a frozen ModelSchema, the only contract between modules).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** Any class whose instances are T, whatever its constructor parameters (they are never called by dynamap). */
export type Constructor<T = object> = abstract new (...args: never) => T;

/** The attribute kinds a user can name in `@Attribute({ type })`. */
export type AttributeKind =
  | 'string'
  | 'number'
  | 'bigint'
  | 'boolean'
  | 'binary'
  | 'date'
  | 'epochSeconds'
  | 'stringSet'
  | 'numberSet'
  | 'binarySet'
  | 'list'
  | 'map'
  | 'any';

export const ATTRIBUTE_KINDS: readonly AttributeKind[] = [
  'string', 'number', 'bigint', 'boolean', 'binary', 'date', 'epochSeconds',
  'stringSet', 'numberSet', 'binarySet', 'list', 'map', 'any',
];

/**
 * A resolved kind: the user kinds plus the two that come from classes — `document` (a nested
 * class with @Attribute fields, stored as M) and `documentList` (an array of such, stored as L).
 */
export type ResolvedKind = AttributeKind | 'document' | 'documentList';

/** The DynamoDB scalar type a key attribute is stored as. */
export type ScalarType = 'S' | 'N' | 'B';

/** A user converter: full control over how one attribute is stored. */
export interface Converter<T = unknown> {
  toDynamo(value: T): AttributeValue;
  fromDynamo(value: AttributeValue): T;
  /** The scalar type the converter writes; required when the attribute is a table or index key. */
  readonly keyType?: ScalarType;
}

export type TypeOption =
  | AttributeKind
  | (() => Constructor)
  | (() => [Constructor]);

/** Options shared by @PartitionKey, @SortKey and @Attribute. */
export interface AttributeOptions<V = unknown> {
  /** Attribute name in DynamoDB (default: the property name). */
  name?: string | undefined;
  /** The kind, or `() => Class` for a nested document, `() => [Class]` for a list of them. */
  type?: TypeOption | undefined;
  converter?: Converter<V> | undefined;
  /** Written when the property is undefined on a write; a function is called each time. */
  default?: (V | (() => V)) | undefined;
  /** A write with this property undefined (and no default) is a ValidationError. */
  required?: boolean | undefined;
  /** Allowed values (a TypeScript enum object or an array); others are a ValidationError. */
  enum?: object | readonly (string | number)[] | undefined;
}

export type AttributeRole = 'attribute' | 'partitionKey' | 'sortKey' | 'version' | 'createdAt' | 'updatedAt' | 'ttl';

export type BillingOption = 'PAY_PER_REQUEST' | { read: number; write: number };
export type StreamOption = 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
export type TableClassOption = 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';

export interface TableOptions {
  /** Table name (default: the class name). the mapper's `tablePrefix` option is prepended at request time. */
  name?: string | undefined;
  billing?: BillingOption | undefined;
  stream?: StreamOption | undefined;
  tableClass?: TableClassOption | undefined;
  tags?: Record<string, string> | undefined;
  deletionProtection?: boolean | undefined;
  /**
   * Single-table design: the entity type of this model's items. Every item the model writes
   * carries it (in `entityAttribute`), and its reads return only items that carry it: queries and
   * scans filter on it, get/batchGet/transactGet treat another entity's item as not found.
   */
  entity?: string | undefined;
  /** The attribute that holds `entity` (default `_entity`); models sharing a table must use the same one. */
  entityAttribute?: string | undefined;
}

/** The entity type of a model's items and the attribute that holds it (single-table design). */
export interface EntityTag {
  readonly attribute: string;
  readonly value: string;
}

/** An index's projection: everything, the keys, or these properties (checked against the class like the keys). */
export type ProjectionOption<K extends string = string> = 'ALL' | 'KEYS_ONLY' | readonly K[];

export interface GlobalIndexOptions<K extends string = string> {
  partitionKey: K;
  sortKey?: K | undefined;
  projection?: ProjectionOption<K> | undefined;
  throughput?: { read: number; write: number } | undefined;
}

/** The options of @GlobalIndex and @LocalIndex, for the unknown-option check. */
export const GLOBAL_INDEX_OPTIONS: readonly string[] = ['partitionKey', 'sortKey', 'projection', 'throughput'];
export const LOCAL_INDEX_OPTIONS: readonly string[] = ['sortKey', 'projection'];

export interface LocalIndexOptions<K extends string = string> {
  sortKey: K;
  projection?: ProjectionOption<K> | undefined;
}

// ---------------------------------------------------------------------------------------------
// Raw facts, as recorded by decorators or defineModel (unchecked).

export interface RawProperty {
  readonly property: string;
  readonly role: AttributeRole;
  readonly options: AttributeOptions;
  /** `design:type` as emitted by TypeScript, when it was. */
  readonly designType?: unknown;
  /** Which decorator recorded it, for messages (`@PartitionKey`, `defineModel`). */
  readonly source: string;
}

export interface RawIndex {
  readonly name: string;
  readonly type: 'global' | 'local';
  readonly partitionKey?: string;
  readonly sortKey?: string;
  readonly projection?: ProjectionOption;
  readonly throughput?: { read: number; write: number };
  /** Options the decorator does not know (misspelt, or of the other index type): refused at schema build. */
  readonly unknownOptions?: readonly string[];
}

export interface RawModel {
  table?: TableOptions;
  /** How many @Table decorators the class itself carries (more than one is refused). */
  tableDecorators?: number;
  /** In declaration order; a property may carry several roles (e.g. @SortKey and @CreatedAt is an error). */
  readonly properties: RawProperty[];
  readonly indexes: RawIndex[];
}

// ---------------------------------------------------------------------------------------------
// The built schema (frozen, computed once per class).

export interface AttributeSchema {
  /** Property name on the class. */
  readonly property: string;
  /** Attribute name in DynamoDB. */
  readonly name: string;
  readonly kind: ResolvedKind;
  readonly role: AttributeRole;
  /**
   * 'any' only because TypeScript emitted Object for the property (a union such as `Date | null`,
   * an interface, `unknown`), not because `type: 'any'` was asked for: a Date written there would
   * read back as text, so the codec refuses one and says to give the type.
   */
  readonly anyFromDesignType?: true;
  /** For `document` and `documentList`: the nested class. Its schema: getDocumentSchema(documentClass). */
  readonly documentClass?: Constructor;
  readonly converter?: Converter;
  /** The scalar type when this attribute is a table or index key (or could be one). */
  readonly scalarType?: ScalarType;
  readonly hasDefault: boolean;
  readonly default?: unknown;
  readonly required: boolean;
  readonly enumValues?: readonly (string | number)[];
  /**
   * class-transformer's `@Exclude({ toPlainOnly })` / `({ toClassOnly })`: the attribute is not
   * written / not read. (A plain `@Exclude()` removes the property from the schema altogether.)
   */
  readonly exclude?: { readonly write: boolean; readonly read: boolean };
}

export interface DocumentSchema {
  readonly target: Constructor;
  readonly className: string;
  readonly attributes: readonly AttributeSchema[];
  readonly byProperty: ReadonlyMap<string, AttributeSchema>;
  readonly byName: ReadonlyMap<string, AttributeSchema>;
}

export interface KeyAttributes {
  readonly partitionKey: AttributeSchema;
  readonly sortKey?: AttributeSchema;
}

export interface ProjectionSchema {
  readonly type: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  /** Attribute names (not property names) for INCLUDE. */
  readonly nonKeyAttributes?: readonly string[];
}

export interface IndexSchema extends KeyAttributes {
  readonly name: string;
  readonly type: 'global' | 'local';
  readonly projection: ProjectionSchema;
  readonly throughput?: { readonly read: number; readonly write: number };
}

export interface ResolvedTableOptions {
  /** Unprefixed table name. */
  readonly name: string;
  readonly billing: BillingOption;
  readonly stream?: StreamOption | undefined;
  readonly tableClass?: TableClassOption | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly deletionProtection?: boolean | undefined;
  readonly entity?: EntityTag | undefined;
}

export interface ModelSchema extends DocumentSchema {
  readonly table: ResolvedTableOptions;
  readonly key: KeyAttributes;
  readonly indexes: readonly IndexSchema[];
  readonly indexByName: ReadonlyMap<string, IndexSchema>;
  readonly version?: AttributeSchema;
  readonly createdAt?: AttributeSchema;
  readonly updatedAt?: AttributeSchema;
  readonly ttl?: AttributeSchema;
}
