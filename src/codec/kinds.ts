/**
 * One codec per attribute kind: how a property value becomes an AttributeValue and back. Compiled
 * once per attribute (a closure per kind, enum and converter folded in), so encoding an item is a
 * loop over precomputed functions. `null` is stored as NULL for every kind (keys excepted, see
 * document.ts); decoders read NULL back as null.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Constructor, Converter, ResolvedKind } from '../metadata/types';
import { valueRule } from '../errors/value';
import { checkContainerLevel, dateToIso, isOpaqueBuiltIn, marshallAt, marshallFields, marshallList, unmarshallAt, unmarshallList, unmarshallMap } from './any';
import { copyBytes, storedByteSet, storedBytes, withOwnBytes } from './bytes';
import { outsideEnum } from './enum-checks';
import { timeFromIso } from './dates';
import { CodecFailure, fail, withReadSegment, withSegment } from './failure';
import type { DocumentCodec, DocumentCodecs } from './types';
import { bigintToN, nToBigint, nToNumber, numberToN } from './numbers';
import { decodeNumberSet, encodeBinaryMember, encodeBinarySet, encodeNumberMember, encodeNumberSet, encodeStringSet } from './sets';
import { meter } from './size';
import { checkAttributeValue } from './attribute-value';

/** The facts a codec is compiled from: the schema's, or the effective ones after class-transformer's @Type. */
export interface AttributeSpec {
  readonly kind: ResolvedKind;
  readonly anyFromDesignType?: true;
  readonly documentClass?: Constructor;
  readonly converter?: Converter;
  readonly enumValues?: readonly (string | number)[];
}

/**
 * Kinds whose encoders add the size bound of what they create to the meter (size.ts), so a field
 * of one of them (without a converter) is bounded by the meter's growth; other kinds have a fixed
 * bound or are bounded from their AttributeValue.
 */
export const METERED_KINDS: ReadonlySet<string> = new Set(['list', 'map', 'any', 'document', 'documentList', 'stringSet', 'numberSet', 'binarySet']);

/** `level` is the nesting level of the value: a top-level attribute is 1. Failures are CodecFailures. */
export type Encoder = (value: unknown, level: number) => AttributeValue | undefined;
export type Decoder = (av: AttributeValue) => unknown;

export interface AttributeCodec {
  /** A defined value → its AttributeValue; undefined for an empty set (or a converter that returns undefined). */
  readonly encode: Encoder;
  readonly decode: Decoder;
  /** One member of a set, element of a list (documentList: a document), else a generic value. */
  readonly encodeElement: (value: unknown, level: number) => AttributeValue;
}

const NULL = (): AttributeValue => ({ NULL: true });

function stored(av: AttributeValue): string {
  const keys = av && typeof av === 'object' ? Object.keys(av) : [];
  return keys.length === 1 ? keys[0] : 'something else';
}

/** The decoder's answer for anything but the expected type: NULL is null, the rest is refused. */
function other(av: AttributeValue, expected: string): null {
  if (av === null || typeof av !== 'object') fail(valueRule.badAttributeValue(av));
  if (av.NULL === true) return null;
  const type = stored(av);
  // The expected type with a payload of the wrong shape ({ S: 5 }, { BOOL: 'false' }, { M: 'x' }): malformed, not another type.
  if (expected.startsWith(`${type} `) || !WELL_FORMED[type]?.((av as unknown as Record<string, unknown>)[type])) fail(valueRule.malformedAttributeValue(av));
  return fail(valueRule.storedAs(type, expected));
}

/** What each AttributeValue type holds, for telling a value of another type from a malformed one. */
const WELL_FORMED: Record<string, (payload: unknown) => boolean> = {
  S: (p) => typeof p === 'string',
  N: (p) => typeof p === 'string',
  B: (p) => p instanceof Uint8Array || typeof p === 'string',
  BOOL: (p) => typeof p === 'boolean',
  NULL: (p) => p === true,
  SS: Array.isArray,
  NS: Array.isArray,
  BS: Array.isArray,
  L: Array.isArray,
  M: (p) => isObjectLike(p),
};

function isObjectLike(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function encodeBinary(value: unknown): AttributeValue {
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return { B: copyBytes(value) };
  return fail(valueRule.wrongType('a Uint8Array or Buffer', value));
}

function dateFromText(text: string): Date {
  const ms = timeFromIso(text);
  if (ms !== ms) fail(valueRule.invalidStoredDate(text));
  return new Date(ms);
}

/** Epoch seconds → Date; a number beyond a Date's range (±8.64e12 s, e.g. a TTL written in microseconds) is refused. */
function dateFromSeconds(text: string): Date {
  const date = new Date(nToNumber(text) * 1000);
  if (Number.isNaN(date.getTime())) fail(valueRule.invalidStoredDate(text, 'N'));
  return date;
}

function secondsOf(value: unknown): string {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (ms !== ms) fail(valueRule.invalidDate());
    return String(Math.floor(ms / 1000));
  }
  if (typeof value === 'number') return numberToN(value);
  return fail(valueRule.wrongType('a Date (or a number of epoch seconds)', value));
}

function listOf(value: unknown, level: number, element: (value: unknown, level: number) => AttributeValue): AttributeValue[] {
  if (!Array.isArray(value)) fail(valueRule.wrongType('an array', value));
  checkContainerLevel(level);
  const length = value.length;
  const out: AttributeValue[] = new Array(length);
  meter.bound += 3 + length;
  let i = 0;
  try {
    for (; i < length; i++) out[i] = element(value[i], level + 1);
  } catch (error) {
    throw withSegment(error, `[${i}]`);
  }
  return out;
}

/**
 * A `map` attribute: a plain object or a Map, or another object's fields (an instance of a class
 * with @Attribute fields is written through that class's codec). Built-ins whose own fields are
 * not what they hold (a URL, an Error, a Date) are refused instead of being stored as `{}`.
 */
function mapOf(value: unknown, level: number): Record<string, AttributeValue> {
  if (value instanceof Map) return (marshallAt(value, level) as { M: Record<string, AttributeValue> }).M;
  if (!isObjectLike(value) || isOpaqueBuiltIn(value)) return fail(valueRule.wrongType('a plain object or a Map', value));
  return marshallFields(value, level);
}

function genericElement(value: unknown, level: number): AttributeValue {
  if (value === undefined) fail(valueRule.undefinedInList());
  const av = marshallAt(value, level);
  if (av === undefined) fail(valueRule.emptySetInList());
  return av;
}

interface Base {
  encode: Encoder;
  decode: Decoder;
  element?: (value: unknown, level: number) => AttributeValue;
}

function baseCodec(spec: AttributeSpec, documents: DocumentCodecs): Base {
  switch (spec.kind) {
    case 'string':
      return {
        encode: (v) => (typeof v === 'string' ? { S: v } : v === null ? NULL() : fail(valueRule.wrongType('a string', v))),
        decode: (av) => (typeof av.S === 'string' ? av.S : other(av, 'S (a string)')),
      };
    case 'number':
      return {
        encode: (v) => (typeof v === 'number' ? { N: numberToN(v) } : v === null ? NULL() : fail(valueRule.wrongType('a number', v))),
        decode: (av) => (typeof av.N === 'string' ? nToNumber(av.N) : other(av, 'N (a number)')),
      };
    case 'bigint':
      return {
        encode: (v) => {
          if (typeof v === 'bigint') return { N: bigintToN(v) };
          if (typeof v === 'number' && Number.isInteger(v)) {
            // Beyond 2^53 the number is already not the integer that was written (2**60 + 2 is 2**60).
            if (!Number.isSafeInteger(v)) fail(valueRule.unsafeInteger(v));
            return { N: numberToN(v) };
          }
          return v === null ? NULL() : fail(valueRule.wrongType('a bigint', v));
        },
        decode: (av) => (typeof av.N === 'string' ? nToBigint(av.N) : other(av, 'N (a number)')),
      };
    case 'boolean':
      return {
        encode: (v) => (typeof v === 'boolean' ? { BOOL: v } : v === null ? NULL() : fail(valueRule.wrongType('a boolean', v))),
        decode: (av) => (typeof av.BOOL === 'boolean' ? av.BOOL : other(av, 'BOOL (a boolean)')),
      };
    case 'binary':
      return {
        encode: (v) => (v === null ? NULL() : encodeBinary(v)),
        decode: (av) => (av.B !== undefined && av.B !== null ? storedBytes(av.B) : other(av, 'B (binary)')),
      };
    case 'date':
      return {
        encode: (v) => (v instanceof Date ? { S: dateToIso(v) } : v === null ? NULL() : fail(valueRule.wrongType('a Date', v))),
        decode: (av) => (typeof av.S === 'string' ? dateFromText(av.S) : other(av, 'S (an ISO-8601 date)')),
      };
    case 'epochSeconds':
      return {
        encode: (v) => (v === null ? NULL() : { N: secondsOf(v) }),
        decode: (av) => (typeof av.N === 'string' ? dateFromSeconds(av.N) : other(av, 'N (epoch seconds)')),
      };
    case 'stringSet':
      return {
        encode: (v) => (v instanceof Set ? encodeStringSet(v) : v === null ? NULL() : fail(valueRule.wrongType('a Set of strings', v))),
        decode: (av) => (Array.isArray(av.SS) && av.SS.every((m) => typeof m === 'string') ? new Set(av.SS) : other(av, 'SS (a string set)')),
        element: (v) => (typeof v === 'string' ? { S: v } : fail(valueRule.wrongType('a string (a member of a string set)', v))),
      };
    case 'numberSet':
      return {
        // Read back as numbers: a bigint member must be one a number holds exactly.
        encode: (v) => (v instanceof Set ? encodeNumberSet(v, true) : v === null ? NULL() : fail(valueRule.wrongType('a Set of numbers', v))),
        decode: (av) => (Array.isArray(av.NS) ? decodeNumberSet(av.NS) : other(av, 'NS (a number set)')),
        element: (v) => ({ N: encodeNumberMember(v) }),
      };
    case 'binarySet':
      return {
        encode: (v) => (v instanceof Set ? encodeBinarySet(v) : v === null ? NULL() : fail(valueRule.wrongType('a Set of Uint8Arrays', v))),
        decode: (av) => (Array.isArray(av.BS) ? storedByteSet(av.BS) : other(av, 'BS (a binary set)')),
        element: (v) => ({ B: encodeBinaryMember(v) }),
      };
    case 'list':
      return {
        encode: (v, level) =>
          Array.isArray(v) ? { L: marshallList(v, level) } : v === null ? NULL() : fail(valueRule.wrongType('an array', v)),
        decode: (av) => (Array.isArray(av.L) ? unmarshallList(av.L) : other(av, 'L (a list)')),
      };
    case 'map':
      return {
        encode: (v, level) => (v === null ? NULL() : { M: mapOf(v, level) }),
        decode: (av) => (isObjectLike(av.M) ? unmarshallMap(av.M as Record<string, AttributeValue>) : other(av, 'M (a map)')),
      };
    case 'any':
      if (spec.anyFromDesignType) {
        // `born?: Date | null` is emitted as Object: stored as text, the Date would come back a string.
        return { encode: (v, level) => (v instanceof Date ? fail(valueRule.dateInObjectType()) : marshallAt(v, level)), decode: unmarshallAt };
      }
      return { encode: marshallAt, decode: unmarshallAt };
    case 'document':
    case 'documentList':
      return documentCodecs(spec, documents);
  }
  return fail(valueRule.unsupported(spec.kind));
}

function documentCodecs(spec: AttributeSpec, documents: DocumentCodecs): Base {
  const cls = spec.documentClass as Constructor;
  let codec: DocumentCodec<object> | undefined;
  const doc = () => (codec ??= documents(cls));
  const name = cls.name || 'the nested class';
  const encodeDoc = (v: unknown, level: number): AttributeValue => {
    if (v === null) {
      meter.bound += 1; // a null element of a documentList (a null field is covered by the field)
      return NULL();
    }
    // Any object is written through the class's fields (a plain object, a DTO); a built-in whose
    // own fields are not what it holds (a Date, a URL) is refused instead of being stored as {}.
    if (!isObjectLike(v) || isOpaqueBuiltIn(v)) fail(valueRule.wrongType(`a ${name} (or an object with its fields)`, v));
    return { M: doc().encodeMap(v, level) };
  };
  const decodeDoc = (av: AttributeValue): unknown =>
    isObjectLike(av.M) ? doc().decodeMap(av.M as Record<string, AttributeValue>) : other(av, `M (a ${name})`);
  const element = (v: unknown, level: number): AttributeValue => {
    if (v === undefined) fail(valueRule.undefinedInList());
    return encodeDoc(v, level);
  };
  if (spec.kind === 'document') return { encode: encodeDoc, decode: decodeDoc };
  return {
    encode: (v, level) => (v === null ? NULL() : { L: listOf(v, level, element) }),
    decode: (av) => {
      const list = av.L as AttributeValue[] | undefined;
      if (list === undefined) return other(av, `L (a list of ${name})`);
      const out: unknown[] = new Array(list.length);
      let i = 0;
      try {
        for (; i < list.length; i++) out[i] = decodeDoc(list[i]);
      } catch (error) {
        throw withReadSegment(error, `[${i}]`);
      }
      return out;
    },
    element,
  };
}

function withEnum(base: Base, spec: AttributeSpec): Base {
  const allowedList = spec.enumValues;
  if (!allowedList) return base;
  const allowed = new Set<unknown>(allowedList);
  const check = (v: unknown) => {
    if (outsideEnum(v, allowed)) fail(valueRule.notInEnum(v, allowedList));
  };
  const isCollection = spec.kind === 'stringSet' || spec.kind === 'numberSet' || spec.kind === 'list';
  const encode = base.encode;
  const element = base.element;
  return {
    decode: base.decode,
    encode: isCollection
      ? (v, level) => {
          if (v instanceof Set || Array.isArray(v)) for (const m of v as Iterable<unknown>) check(m);
          return encode(v, level);
        }
      : (v, level) => {
          check(v);
          return encode(v, level);
        },
    element: (v, level) => {
      check(v);
      return element ? element(v, level) : genericElement(v, level);
    },
  };
}

function withConverter(converter: Converter, spec: AttributeSpec): Base {
  const allowedList = spec.enumValues;
  const allowed = allowedList ? new Set<unknown>(allowedList) : undefined;
  return {
    encode: (v, level) => {
      if (allowed && outsideEnum(v, allowed)) fail(valueRule.notInEnum(v, allowedList!));
      let out: unknown;
      try {
        out = converter.toDynamo(v);
      } catch (error) {
        if (error instanceof CodecFailure) throw error;
        return fail(valueRule.converterThrew('toDynamo', error), error);
      }
      if (out === undefined) return undefined;
      if (out === null || typeof out !== 'object' || Array.isArray(out)) fail(valueRule.converterResult(out));
      // dynamap did not build it: check it as DynamoDB would, before sending.
      return withOwnBytes(checkAttributeValue(out, level));
    },
    decode: (av) => {
      try {
        return converter.fromDynamo(withOwnBytes(av, storedBytes));
      } catch (error) {
        if (error instanceof CodecFailure) throw error;
        return fail(valueRule.converterThrew('fromDynamo', error), error);
      }
    },
    element: genericElement,
  };
}

/** Compiles the codec of one attribute. */
export function compileAttributeCodec(spec: AttributeSpec, documents: DocumentCodecs): AttributeCodec {
  const base = spec.converter ? withConverter(spec.converter, spec) : withEnum(baseCodec(spec, documents), spec);
  const element = base.element ?? genericElement;
  return { encode: base.encode, decode: base.decode, encodeElement: element };
}

