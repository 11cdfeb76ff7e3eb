/**
 * Keys: a key object of property values (`{ year: 1985, title: 'After Hours' }`) → the key
 * AttributeValue map of the table or of one index, compiled once per table/index. Every problem of
 * a key (missing, extra, wrongly typed, empty, too long) is reported together, naming Class.property.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '../errors/classes';
import { valueError, valueRule } from '../errors/value';
import type { AttributeSchema, IndexSchema, ModelSchema } from '../metadata/types';
import { comparisonCodecOf } from './document';
import { fail, mapKeySegment, toPublicError } from './failure';
import type { Encoder } from './kinds';
import { codegenAllowed } from './fields';
import { checkKeyValue, PARTITION_KEY_LIMIT, SORT_KEY_LIMIT } from './key-value';

interface KeyPart {
  readonly property: string;
  readonly name: string;
  readonly role: string;
  readonly limit: number;
  readonly scalarType: string | undefined;
  readonly encode: Encoder;
  readonly expected: string | undefined;
  readonly accepts: (value: unknown) => boolean;
}

interface KeyCodec {
  readonly className: string;
  readonly parts: readonly KeyPart[];
  readonly properties: ReadonlySet<string>;
  readonly propertyList: readonly string[];
  /** The common case only — every part valid, nothing else in the key — else undefined (see fastKeyEncoder). */
  readonly fast: (source: Record<string, unknown>) => Record<string, AttributeValue> | undefined;
}

const anything = () => true;

/** What a key property of each kind must be given as, for 'key.type' (a converter accepts anything). */
function typeRule(attr: AttributeSchema): { expected: string | undefined; accepts: (value: unknown) => boolean } {
  if (attr.converter) return { expected: undefined, accepts: anything };
  switch (attr.kind) {
    case 'string':
      return { expected: 'a string', accepts: (v) => typeof v === 'string' };
    case 'number':
      return { expected: 'a number', accepts: (v) => typeof v === 'number' };
    case 'bigint':
      return { expected: 'a bigint (or an integer number)', accepts: (v) => typeof v === 'bigint' || Number.isInteger(v) };
    case 'binary':
      return { expected: 'a Uint8Array or Buffer', accepts: (v) => v instanceof Uint8Array || v instanceof ArrayBuffer };
    case 'date':
      return { expected: 'a Date', accepts: (v) => v instanceof Date };
    case 'epochSeconds':
      return { expected: 'a Date or a number of epoch seconds', accepts: (v) => v instanceof Date || typeof v === 'number' };
    default:
      return { expected: undefined, accepts: anything };
  }
}

const keyCodecs = new WeakMap<object, KeyCodec>();

function keyCodecOf(schema: ModelSchema, index?: IndexSchema): KeyCodec {
  const owner: object = index ?? schema;
  let codec = keyCodecs.get(owner);
  if (codec) return codec;
  const keys = index ?? schema.key;
  const suffix = index ? ` of index "${index.name}"` : '';
  const parts: KeyPart[] = [];
  const add = (attr: AttributeSchema, role: string, limit: number) => {
    const { expected, accepts } = typeRule(attr);
    parts.push({
      property: attr.property,
      name: attr.name,
      role: role + suffix,
      limit,
      scalarType: attr.scalarType,
      encode: comparisonCodecOf(attr).encode,
      expected,
      accepts,
    });
  };
  add(keys.partitionKey, 'partition key', PARTITION_KEY_LIMIT);
  if (keys.sortKey) add(keys.sortKey, 'sort key', SORT_KEY_LIMIT);
  const propertyList = parts.map((p) => p.property);
  codec = { className: schema.className, parts, properties: new Set(propertyList), propertyList, fast: fastKeyEncoder(parts) };
  keyCodecs.set(owner, codec);
  return codec;
}

const lit = (text: string) => JSON.stringify(text);

/**
 * The key encoder of the common case, a valid key: it answers undefined at the first thing that is
 * not plainly right (a missing, wrongly typed or refused value, another property), and the checking
 * path (encodeWith) then encodes the key again and reports every problem. Generated per key (see
 * fields.ts) so that each property is read and each attribute written under a constant name, and
 * no array is allocated: the key is encoded on every get, delete, update and batch read.
 */
function fastKeyEncoder(parts: readonly KeyPart[]): KeyCodec['fast'] {
  if (!codegenAllowed()) {
    return (source) => {
      const out: Record<string, AttributeValue> = {};
      try {
        for (const part of parts) {
          const value = source[part.property];
          if (value === undefined || value === null || !part.accepts(value)) return undefined;
          const av = part.encode(value, 1);
          if (av === undefined) return undefined;
          checkKeyValue(av, part.scalarType, part.role, part.limit);
          out[part.name] = av;
        }
      } catch {
        return undefined;
      }
      for (const property in source) {
        if (source[property] !== undefined && !parts.some((p) => p.property === property)) return undefined;
      }
      return out;
    };
  }
  const lines = parts.map((_, k) => `const A${k} = PARTS[${k}].accepts, E${k} = PARTS[${k}].encode;`);
  lines.push('return function fastKey(s) {', `let ${parts.map((_, k) => `v${k}, a${k}`).join(', ')};`, 'try {');
  parts.forEach((p, k) => {
    lines.push(`v${k} = s[${lit(p.property)}]; if (v${k} === undefined || v${k} === null || !A${k}(v${k})) return undefined;`);
    lines.push(`a${k} = E${k}(v${k}, 1); if (a${k} === undefined) return undefined;`);
    lines.push(`K(a${k}, PARTS[${k}].scalarType, PARTS[${k}].role, PARTS[${k}].limit);`);
  });
  lines.push('} catch (e) { return undefined; }');
  lines.push(`for (const k in s) if (${parts.map((p) => `k !== ${lit(p.property)}`).join(' && ')} && s[k] !== undefined) return undefined;`);
  lines.push(`return { ${parts.map((p, k) => `${lit(p.name)}: a${k}`).join(', ')} };`, '};');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('PARTS', 'K', lines.join('\n'))(parts, checkKeyValue) as KeyCodec['fast'];
}

function encodePart(part: KeyPart, value: unknown, propertyList: readonly string[]): AttributeValue {
  if (value === undefined || value === null) fail(valueRule.keyMissing(part.property, part.role, propertyList));
  if (!part.accepts(value)) fail(valueRule.keyType(part.role, part.expected ?? 'a key value', value));
  const av = part.encode(value, 1);
  if (av === undefined) fail(valueRule.keyMissing(part.property, part.role, propertyList));
  checkKeyValue(av, part.scalarType, part.role, part.limit);
  return av;
}

/** A key object → the key AttributeValue map of the table, or of `index` (its partition and sort key). */
export function encodeKey(schema: ModelSchema, key: object, index?: IndexSchema): Record<string, AttributeValue> {
  return encodeWith(keyCodecOf(schema, index), key);
}

/** encodeKey for the table key of one model, with the key codec looked up once (for per-model plans). */
export function tableKeyEncoder(schema: ModelSchema): (key: object) => Record<string, AttributeValue> {
  const codec = keyCodecOf(schema);
  return (key) => encodeWith(codec, key);
}

function encodeWith(codec: KeyCodec, key: object): Record<string, AttributeValue> {
  if (key === null || typeof key !== 'object') throw valueError.at(codec.className, valueRule.keyNotObject(key));
  const source = key as Record<string, unknown>;
  const fast = codec.fast(source);
  if (fast !== undefined) return fast;
  // Not plainly valid: encode it again, reporting every problem together.
  const out: Record<string, AttributeValue> = {};
  let errors: ValidationError[] | undefined;
  for (const part of codec.parts) {
    try {
      out[part.name] = encodePart(part, source[part.property], codec.propertyList);
    } catch (error) {
      const refused = toPublicError(error, `${codec.className}.${part.property}`);
      if (!(refused instanceof ValidationError)) throw refused;
      (errors ??= []).push(refused);
    }
  }
  for (const property of Object.keys(source)) {
    if (codec.properties.has(property) || source[property] === undefined) continue;
    (errors ??= []).push(valueError.at(codec.className + mapKeySegment(property), valueRule.keyExtra(property, codec.propertyList)));
  }
  if (errors) throw valueError.combine(`the key of ${codec.className}`, errors);
  return out;
}

/** The table key of an entity, as a key object of property values: `{ year: 1985, title: 'After Hours' }`. */
export function keyOf<T extends object>(schema: ModelSchema, entity: T): Partial<T> {
  const source = entity as Record<string, unknown>;
  const key: Record<string, unknown> = {};
  const pk = schema.key.partitionKey.property;
  key[pk] = source[pk];
  const sk = schema.key.sortKey?.property;
  if (sk !== undefined) key[sk] = source[sk];
  return key as Partial<T>;
}

/**
 * An update's new value of an index key attribute (an update cannot change the table key): the
 * rules put applies to it — type, not empty, not too long. `path` names it in the error.
 */
export function checkIndexKeyValue(schema: ModelSchema, attr: AttributeSchema, av: AttributeValue, path: string): void {
  for (const index of schema.indexes) {
    const role = index.partitionKey === attr ? 'partition key' : index.sortKey === attr ? 'sort key' : undefined;
    if (role === undefined) continue;
    try {
      checkKeyValue(av, attr.scalarType, `${role} of index "${index.name}"`, role === 'partition key' ? PARTITION_KEY_LIMIT : SORT_KEY_LIMIT);
    } catch (error) {
      throw toPublicError(error, path);
    }
  }
}

/** A value a key condition compares a key with: not empty, not longer than a key value can be (DynamoDB refuses both). */
export function checkKeyConditionValue(av: AttributeValue, role: 'partition key' | 'sort key', path: string, scalarType?: string): void {
  try {
    // The key's type too: null (NULL) or a converter's other type would reach DynamoDB otherwise.
    checkKeyValue(av, scalarType, role, role === 'partition key' ? PARTITION_KEY_LIMIT : SORT_KEY_LIMIT);
  } catch (error) {
    throw toPublicError(error, path);
  }
}
