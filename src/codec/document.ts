/**
 * The codec of one class (a table model or a nested document class), compiled once and cached:
 * each attribute's encoder/decoder is built once (kinds.ts) and the walk over the fields is one
 * generated function per class (fields.ts), so the hot path reads no metadata and allocates only
 * the output. The schema is read here, at compile time only.
 * Hydration is `Object.create(Model.prototype)` plus assignment: the constructor is not called,
 * `instanceof` holds and methods work.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { modelError, modelProblem } from '../errors/model';
import { valueError, valueRule } from '../errors/value';
import { isDocumentClass } from '../metadata/attribute';
import { getDocumentSchema, getModelSchema, isTableModel } from '../metadata/schema';
import type { AttributeSchema, Constructor, DocumentSchema, ModelSchema } from '../metadata/types';
import { checkContainerLevel, isOpaqueBuiltIn, setDocumentLookup } from './any';
import { fail, keySegment, toPublicError } from './failure';
import { decoded, fieldsDecoder, fieldsEncoder, type Field, type FieldsDecoder, type FieldsEncoder, type PlainDocument, type PlainKind } from './fields';
import { compileAttributeCodec, METERED_KINDS, type AttributeCodec, type AttributeSpec } from './kinds';
import { PARTITION_KEY_LIMIT, SORT_KEY_LIMIT } from './key-value';
import { tableKeyDecoder, tableKeyFieldEncoder } from './key-form';
import { ITEM_SIZE_LIMIT, meter, sizeIfTooLarge, utf8Length } from './size';
import { keepExtras, writeExtras } from './extras';
import type { DocumentCodec, ModelCodec } from './types';

export type { DocumentCodec, ModelCodec } from './types';

const attributeCodecs = new WeakMap<AttributeSchema, AttributeCodec>();

/** The codec of one attribute (as compiled with its class when that was compiled, else from the schema alone). */
export function attributeCodecOf(attr: AttributeSchema): AttributeCodec {
  let codec = attributeCodecs.get(attr);
  if (!codec) {
    codec = compileAttributeCodec(attr, documentCodecFor);
    attributeCodecs.set(attr, codec);
  }
  return codec;
}

const comparisonCodecs = new WeakMap<AttributeSchema, AttributeCodec>();

/**
 * The codec of a key attribute for finding an item (get, delete, update, batchGet, transactions):
 * the attribute's own without its enum check, so an item whose key holds a value since removed
 * from the enum can still be reached (to migrate it). put() writes keys through the model's codec,
 * which checks. Compiled once per attribute (keys are scalars: no nested enums to relax).
 */
export function comparisonCodecOf(attr: AttributeSchema): AttributeCodec {
  if (!attr.enumValues) return attributeCodecOf(attr);
  let codec = comparisonCodecs.get(attr);
  if (!codec) {
    codec = compileAttributeCodec({ ...attr, enumValues: undefined }, documentCodecFor);
    comparisonCodecs.set(attr, codec);
  }
  return codec;
}

/** A default function whose throw is a failure at the attribute's path (a ValidationError), not a bare error. */
export function guardedDefault(fn: () => unknown): () => unknown {
  return () => {
    try {
      return fn();
    } catch (error) {
      return fail(valueRule.defaultThrew(error), error);
    }
  };
}

/**
 * Upper bounds of a value's size for the kinds that fix one: an N written from a JS number has at
 * most 17 significant digits (at most 11 bytes), an ISO date at most 27 ASCII characters, a BOOL
 * or NULL 1 byte.
 */
const FIXED_BOUNDS: Partial<Record<string, number>> = { number: 12, boolean: 1, date: 27, epochSeconds: 12 };

interface KeyFacts {
  limit: number;
  /** The role named where the key is missing: the table key's role where it is one. */
  role: string;
  /** The role for value checks: the table role, and the index role whose stricter limit applies. */
  valueRole: string;
  tableKey: boolean;
}

function keyFactsOf(schema: ModelSchema): Map<string, KeyFacts> {
  const facts = new Map<string, KeyFacts>();
  const add = (attr: AttributeSchema | undefined, limit: number, role: string, tableKey: boolean) => {
    if (!attr) return;
    const known = facts.get(attr.property);
    if (!known) {
      facts.set(attr.property, { limit, role, valueRole: role, tableKey });
      return;
    }
    const kept = known.tableKey ? known.role : role;
    // A table partition key that is also an index's sort key has that sort key's 1,024-byte limit: say which role sets it.
    const valueRole = limit < known.limit ? `${kept} (also the ${role})` : known.valueRole;
    facts.set(attr.property, { limit: Math.min(known.limit, limit), role: kept, valueRole, tableKey: known.tableKey || tableKey });
  };
  add(schema.key.partitionKey, PARTITION_KEY_LIMIT, 'partition key', true);
  add(schema.key.sortKey, SORT_KEY_LIMIT, 'sort key', true);
  for (const index of schema.indexes) {
    add(index.partitionKey, PARTITION_KEY_LIMIT, `partition key of index "${index.name}"`, false);
    add(index.sortKey, SORT_KEY_LIMIT, `sort key of index "${index.name}"`, false);
  }
  return facts;
}

const NOT_EXCLUDED = Object.freeze({ write: false, read: false });

const PLAIN_KINDS: ReadonlySet<string> = new Set<PlainKind>(['string', 'boolean', 'number', 'date', 'stringSet', 'list', 'map', 'document']);

/** The kind, when the attribute's codec is exactly its kind's (no converter, no enum): see PlainKind. */
function plainKindOf(spec: AttributeSpec): PlainKind | undefined {
  return !spec.converter && !spec.enumValues && PLAIN_KINDS.has(spec.kind) ? (spec.kind as PlainKind) : undefined;
}

/**
 * A plain nested-document attribute's class, for the generated encoder to recognize its instances
 * without the built-in checks (see isOpaqueBuiltIn); none for a class extending a built-in (such an
 * instance is refused, as before).
 */
function plainDocumentOf(spec: AttributeSpec): PlainDocument | undefined {
  const cls = spec.documentClass;
  if (plainKindOf(spec) !== 'document' || cls === undefined || isOpaqueBuiltIn(Object.create(cls.prototype as object) as object)) return undefined;
  return { proto: cls.prototype as object, codec: () => documentCodecFor(cls) };
}

class CompiledCodec<T extends object> implements DocumentCodec<T> {
  readonly schema: DocumentSchema;
  private readonly proto: object;
  private readonly className: string;
  private readonly isTable: boolean;
  private readonly encodeFields: FieldsEncoder;
  private readonly decodeFields: FieldsDecoder;
  /** Fields written: the per-element byte of this class's map (size bound). */
  private readonly writeCount: number;
  /** Single-table design: the attribute that holds the model's entity type, and the type (else undefined). */
  private readonly entityAttribute: string | undefined;
  private readonly entityValue: string;
  /** Size bound of the entity attribute (name and value). */
  private readonly entityBytes: number;
  /**
   * The attribute names the class both reads and writes: the other keys of a nested map (undeclared
   * ones, and those behind a one-way @Exclude, which the instance would not carry back) are extras.
   */
  private readonly declaredNames: ReadonlySet<string>;
  /** Some field is read but never written (one-way @Exclude): the decoder's count then says nothing about extras. */
  private readonly readOnlyFields: boolean;

  constructor(target: Constructor<T>, schema: DocumentSchema, table?: ModelSchema) {
    this.schema = schema;
    this.proto = target.prototype as object;
    this.className = schema.className || target.name || 'AnonymousClass';
    this.isTable = table !== undefined;
    const keys = table ? keyFactsOf(table) : new Map<string, KeyFacts>();
    const writeFields: Field[] = [];
    const readFields: Field[] = [];
    const keyNames = table ? [table.key.partitionKey.property, ...(table.key.sortKey ? [table.key.sortKey.property] : [])] : [];
    for (const attr of schema.attributes) {
      const key = keys.get(attr.property);
      // class-transformer's one-way @Exclude (a plain @Exclude() already left the schema).
      const excluded = attr.exclude ?? NOT_EXCLUDED;
      const spec: AttributeSpec = attr;
      const codec = compileAttributeCodec(spec, documentCodecFor);
      attributeCodecs.set(attr, codec);
      const tableKey = key?.tableKey === true;
      const field: Field = {
        property: attr.property,
        name: attr.name,
        segment: keySegment(attr.property),
        encode: tableKey ? tableKeyFieldEncoder(spec, codec) : codec.encode,
        // A table key must read back as the key it is stored under (key-form.ts); the inlined
        // decoding of plain kinds covers string and boolean only, which need no check.
        decode: tableKey ? tableKeyDecoder(spec, codec) : codec.decode,
        plain: plainKindOf(spec),
        document: plainDocumentOf(spec),
        required: attr.required,
        missing: tableKey ? valueRule.keyMissing(attr.property, key!.role, keyNames) : valueRule.required(),
        hasDefault: attr.hasDefault,
        defaultValue: attr.default,
        defaultFn: typeof attr.default === 'function' ? guardedDefault(attr.default as () => unknown) : undefined,
        tableKey,
        indexKey: key !== undefined && !tableKey,
        keyLimit: key?.limit ?? 0,
        keyRole: key?.valueRole ?? '',
        scalarType: key ? attr.scalarType : undefined,
        nameBytes: utf8Length(attr.name),
        fixedBound: spec.converter ? -1 : (FIXED_BOUNDS[spec.kind] ?? -1),
        metered: !spec.converter && METERED_KINDS.has(spec.kind),
      };
      if (!excluded.write) writeFields.push(field);
      if (!excluded.read) readFields.push(field);
    }
    const written = new Set(writeFields.map((f) => f.name));
    this.declaredNames = new Set(readFields.filter((f) => written.has(f.name)).map((f) => f.name));
    this.readOnlyFields = this.declaredNames.size !== readFields.length;
    const entity = table?.table.entity;
    this.entityAttribute = entity?.attribute;
    this.entityValue = entity?.value ?? '';
    this.entityBytes = entity ? utf8Length(entity.attribute) + utf8Length(entity.value) : 0;
    this.encodeFields = fieldsEncoder(writeFields);
    this.writeCount = writeFields.length;
    this.decodeFields = fieldsDecoder(readFields, this.proto);
  }

  toItem(entity: T): Record<string, AttributeValue> {
    if (entity === null || typeof entity !== 'object') {
      throw valueError.at(this.className, valueRule.wrongType(`an object (a ${this.className})`, entity));
    }
    const item: Record<string, AttributeValue> = {};
    let bound: number;
    try {
      bound = this.encodeFields(entity, item, 1);
    } catch (error) {
      throw toPublicError(error, this.className);
    }
    if (this.isTable) {
      if (this.entityAttribute !== undefined) {
        item[this.entityAttribute] = { S: this.entityValue };
        bound += this.entityBytes;
      }
      const size = sizeIfTooLarge(item, bound);
      if (size !== undefined) throw valueError.itemTooLarge(this.className, size, ITEM_SIZE_LIMIT);
    }
    return item;
  }

  /** The upper bound of the item's size that toItem checks against 400 KB (for tests of the bound). */
  itemBound(entity: T): number {
    return this.encodeFields(entity, {}, 1);
  }

  fromItem(item: Record<string, AttributeValue>): T {
    if (item === null || typeof item !== 'object') {
      throw valueError.at(this.className, valueRule.wrongType('an item (a map of AttributeValues)', item));
    }
    if (this.entityAttribute !== undefined && !this.owns(item)) {
      throw valueError.at(this.className, valueRule.otherEntity(this.entityAttribute, this.entityValue, item[this.entityAttribute]));
    }
    try {
      return this.decodeMap(item);
    } catch (error) {
      throw toPublicError(error, this.className);
    }
  }

  owns(item: Record<string, AttributeValue>): boolean {
    return this.entityAttribute === undefined || item[this.entityAttribute]?.S === this.entityValue;
  }

  encodeMap(entity: object, level: number): Record<string, AttributeValue> {
    checkContainerLevel(level);
    const out: Record<string, AttributeValue> = {};
    const start = meter.bound;
    let bound = this.encodeFields(entity, out, level + 1);
    // A nested document read with keys its class does not declare writes them back (extras.ts).
    if (!this.isTable) bound += writeExtras(entity, out);
    // The fields' own bound replaces what their encoders metered (counted in it already).
    meter.bound = start + 3 + bound + this.writeCount;
    return out;
  }

  decodeMap(map: Record<string, AttributeValue>): T {
    const instance = this.decodeFields(map);
    if (!this.isTable) keepExtras(instance, map, this.declaredNames, this.readOnlyFields ? -1 : decoded.fields);
    return instance as T;
  }
}

const modelCodecs = new WeakMap<Constructor, CompiledCodec<object>>();
const documentCodecs = new WeakMap<Constructor, CompiledCodec<object>>();
const notDocuments = new WeakSet<object>();

/** The codec of a class used as a nested document (the M of an attribute); compiled once. */
export function documentCodecFor<T extends object>(cls: Constructor<T>): DocumentCodec<T> {
  let codec = documentCodecs.get(cls);
  if (!codec) {
    codec = new CompiledCodec<object>(cls, getDocumentSchema(cls));
    documentCodecs.set(cls, codec);
  }
  return codec as unknown as DocumentCodec<T>;
}

/** The document codec of an instance's class, or undefined when the class has no @Attribute fields. */
export function documentCodecForClass(cls: Function): DocumentCodec<object> | undefined {
  if (notDocuments.has(cls)) return undefined;
  const known = documentCodecs.get(cls as Constructor);
  if (known) return known;
  if (!isDocumentClass(cls)) {
    notDocuments.add(cls);
    return undefined;
  }
  return documentCodecFor(cls as Constructor);
}

/** The codec of a table model or nested document class, compiled once per class. */
export function codecFor<T extends object>(Model: Constructor<T>): ModelCodec<T> {
  const known = modelCodecs.get(Model);
  if (known) return known as unknown as ModelCodec<T>;
  let codec: CompiledCodec<object>;
  if (typeof Model === 'function' && isTableModel(Model)) {
    const schema = getModelSchema(Model);
    codec = new CompiledCodec<object>(Model, schema, schema);
  } else if (typeof Model === 'function' && isDocumentClass(Model)) {
    codec = documentCodecFor(Model) as unknown as CompiledCodec<object>;
  } else {
    getModelSchema(Model); // throws the ModelError that says what is missing (no @Table, no attributes)
    throw modelError.of([modelProblem.noTable((Model as { name?: string }).name || String(Model))]);
  }
  modelCodecs.set(Model, codec);
  return codec as unknown as ModelCodec<T>;
}

setDocumentLookup(documentCodecForClass);
