/**
 * The per-class hot path: walking a class's fields to write an item's attributes, or to fill a new
 * instance from an item. Two implementations of the same contract:
 *
 * - generated (the default): one function per class, built once with `new Function` from the
 *   field list, so every property access has a constant name (monomorphic, no keyed lookups),
 *   branches for defaults/keys exist only where a field needs them, and the common scalar cases
 *   (string, boolean) are inlined. Names only enter the source as JSON string literals.
 * - a plain loop over the field array, used where code generation is not allowed (a Content
 *   Security Policy without 'unsafe-eval') or when DYNAMAP_NO_CODEGEN=1.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ValueRule } from '../errors/value';
import { marshallList, marshallPlainObject } from './any';
import { isoFromTime } from './dates';
import { fail, withReadSegment, withSegment } from './failure';
import { checkKeyValue } from './key-value';
import { encodeStringSet } from './sets';
import { meter, valueSizeBound } from './size';
import type { Decoder, Encoder } from './kinds';
import type { DocumentCodec } from './types';

/**
 * Kinds whose common case the generated encoder writes inline, falling back to the kind's encoder
 * for anything else (null, a wrong type, an out-of-range number: the encoder then fails or writes
 * NULL). Only for attributes without a converter or enum, whose encoder is exactly the kind's.
 * Why: code that runs between two SDK calls runs with cold caches, and there a call chain per
 * attribute (field encoder → kind encoder → number/date/list helper) cost about twice the same
 * work written out in one function (measured in a put+get through a local client).
 */
export type PlainKind = 'string' | 'boolean' | 'number' | 'date' | 'stringSet' | 'list' | 'map' | 'document';

/** A nested document attribute's class prototype and (lazily, classes may be recursive) its codec. */
export interface PlainDocument {
  readonly proto: object;
  readonly codec: () => DocumentCodec<object>;
}

export interface Field {
  readonly property: string;
  readonly name: string;
  /** Path segment for messages: `.rating`. */
  readonly segment: string;
  readonly encode: Encoder;
  readonly decode: Decoder;
  /** The kind when encode/decode are exactly that kind's plain codec (its common case inlined when generated). */
  readonly plain: PlainKind | undefined;
  /** For plain `document` fields whose instances cannot be opaque built-ins: the class to recognize. */
  readonly document: PlainDocument | undefined;
  readonly required: boolean;
  readonly missing: ValueRule;
  readonly hasDefault: boolean;
  readonly defaultValue: unknown;
  readonly defaultFn: (() => unknown) | undefined;
  /** Table models: a table key (null counts as missing). */
  readonly tableKey: boolean;
  /** Table models: a key of an index only (null is omitted, so the item stays out of the sparse index). */
  readonly indexKey: boolean;
  /** Byte limit of a key value (table or index), 0 for other attributes. */
  readonly keyLimit: number;
  readonly keyRole: string;
  readonly scalarType: string | undefined;
  /** UTF-8 bytes of the attribute name (item size). */
  readonly nameBytes: number;
  /** An upper bound of the value's size when the kind fixes one (number, boolean, date), else -1. */
  readonly fixedBound: number;
  /** The kind's encoder meters what it creates (size.ts): the value's bound is the meter's growth. */
  readonly metered: boolean;
}

/** Writes the fields into `out`; returns an upper bound of their size (names + values), for the 400 KB check. */
export type FieldsEncoder = (entity: object, out: Record<string, AttributeValue>, level: number) => number;
export type FieldsDecoder = (map: Record<string, AttributeValue>) => object;

function loopEncoder(fields: readonly Field[]): FieldsEncoder {
  const length = fields.length;
  return (entity, out, level) => {
    const source = entity as Record<string, unknown>;
    let bound = 0;
    let i = 0;
    try {
      for (; i < length; i++) {
        const f = fields[i];
        let value = source[f.property];
        if (value === undefined || (value === null && f.tableKey)) {
          if (f.hasDefault) value = f.defaultFn !== undefined ? f.defaultFn() : f.defaultValue;
          if (value === undefined || (value === null && f.tableKey)) {
            if (f.required) fail(f.missing);
            continue;
          }
        }
        if (value === null && f.indexKey) continue;
        const metered = meter.bound;
        const av = f.encode(value, level);
        if (av === undefined) {
          if (f.required) fail(f.missing);
          continue;
        }
        if (f.keyLimit !== 0) checkKeyValue(av, f.scalarType, f.keyRole, f.keyLimit);
        out[f.name] = av;
        // A metered field's +1 covers the NULL its encoder returns for null without metering it.
        bound += f.nameBytes + (f.fixedBound >= 0 ? f.fixedBound : f.metered ? 1 + meter.bound - metered : valueSizeBound(av));
      }
    } catch (error) {
      throw withSegment(error, fields[i].segment);
    }
    return bound;
  };
}

/**
 * How many of its fields the last decodeFields call found in the map (set by every decoder, read
 * right after by the caller: the nested-document codec, to skip looking for undeclared keys).
 */
export const decoded = { fields: 0 };

function loopDecoder(fields: readonly Field[], proto: object): FieldsDecoder {
  const length = fields.length;
  // A name Object.prototype also has (`constructor`) must be the item's own, not the inherited member.
  const ownOnly = fields.map((f) => f.name in Object.prototype);
  return (map) => {
    const entity = Object.create(proto) as Record<string, unknown>;
    let i = 0;
    let found = 0;
    try {
      for (; i < length; i++) {
        const f = fields[i];
        const av = ownOnly[i] && !Object.prototype.hasOwnProperty.call(map, f.name) ? undefined : map[f.name];
        if (av !== undefined) {
          entity[f.property] = f.decode(av);
          found++;
        }
      }
    } catch (error) {
      throw withReadSegment(error, fields[i].segment);
    }
    decoded.fields = found;
    return entity;
  };
}

const lit = (text: string) => JSON.stringify(text);

/** Numbers DynamoDB accepts, as one expression (NaN fails every comparison): 0, and 1E-130 ≤ |v| < 1E+126. */
const NUMBER_IN_RANGE = '(v >= 1e-130 ? v < 1e126 : v <= -1e-130 ? v > -1e126 : v === 0)';

/**
 * The inline branch of a plain field's common case (see PlainKind), or '' when it has none. It
 * writes the attribute and its size bound; anything else falls through to the field's encoder.
 */
function inlineBranch(f: Field, k: number, keyCheck: string): string {
  const name = lit(f.name);
  // A metered kind's bound: what its helper metered, +1 as in the generic branch.
  const metered = (expression: string) => `m = MT.bound; out[${name}] = ${expression}; b += ${f.nameBytes + 1} + MT.bound - m;`;
  switch (f.plain) {
    case 'string': {
      // The key rules (not empty, not over the byte limit) checked in full only when they may fail.
      const check = f.keyLimit !== 0 ? ` if (v.length === 0 || v.length * 3 > ${f.keyLimit}) ${keyCheck.trim()}` : '';
      return `else if (typeof v === 'string') { av = { S: v };${check} out[${name}] = av; b += ${f.nameBytes} + v.length * 3; }`;
    }
    case 'boolean':
      return `else if (typeof v === 'boolean') { out[${name}] = { BOOL: v }; b += ${f.nameBytes + 1}; }`;
    case 'number':
      // A number key needs no check: its N text is never empty nor near a key's byte limit.
      return `else if (typeof v === 'number' && ${NUMBER_IN_RANGE}) { out[${name}] = { N: '' + v }; b += ${f.nameBytes + f.fixedBound}; }`;
    case 'date':
      // An ISO date is never empty nor near a key's byte limit either.
      return `else if (v instanceof Date && (t = v.getTime()) === t) { out[${name}] = { S: ISO(t) }; b += ${f.nameBytes + f.fixedBound}; }`;
    case 'stringSet':
      return `else if (v instanceof Set && v.size !== 0) { ${metered('SS(v)')} }`;
    case 'list':
      return `else if (Array.isArray(v)) { ${metered('{ L: ML(v, level) }')} }`;
    case 'map':
      return `else if (typeof v === 'object' && v !== null && OGP(v) === OP) { ${metered('{ M: MPO(v, level) }')} }`;
    case 'document':
      if (f.document === undefined) return '';
      return `else if (typeof v === 'object' && v !== null && OGP(v) === DP${k}) { ${metered(`{ M: (DC${k} || (DC${k} = F[${k}].document.codec())).encodeMap(v, level) }`)} }`;
  }
  return '';
}

function encoderSource(fields: readonly Field[]): string {
  const lines: string[] = [];
  fields.forEach((f, k) => {
    lines.push(`const E${k} = F[${k}].encode;`);
    if (f.plain === 'document' && f.document !== undefined) lines.push(`const DP${k} = F[${k}].document.proto; let DC${k};`);
  });
  lines.push('return function encodeFields(e, out, level) {', 'let v, av, m, t, b = 0, i = 0;', 'try {');
  fields.forEach((f, k) => {
    const missing = f.tableKey ? '(v === undefined || v === null)' : 'v === undefined';
    const keyCheck = f.keyLimit !== 0 ? ` K(av, F[${k}].scalarType, F[${k}].keyRole, F[${k}].keyLimit);` : '';
    const name = lit(f.name);
    lines.push(`i = ${k}; v = e[${lit(f.property)}];`);
    if (f.hasDefault) lines.push(`if (${missing}) v = ${f.defaultFn ? `F[${k}].defaultFn()` : `F[${k}].defaultValue`};`);
    lines.push(`if (${missing}) {${f.required ? ` fail(F[${k}].missing);` : ''} }`);
    if (f.indexKey) lines.push('else if (v === null) {}');
    const inline = inlineBranch(f, k, keyCheck);
    if (inline) lines.push(inline);
    lines.push(f.metered ? `else { m = MT.bound; av = E${k}(v, level);` : `else { av = E${k}(v, level);`);
    // A metered field's +1 covers the NULL its encoder returns for null without metering it.
    const bound = f.fixedBound >= 0 ? String(f.nameBytes + f.fixedBound) : f.metered ? `${f.nameBytes + 1} + MT.bound - m` : `${f.nameBytes} + SB(av)`;
    lines.push(`if (av !== undefined) {${keyCheck} out[${name}] = av; b += ${bound}; }`);
    if (f.required) lines.push(`else fail(F[${k}].missing);`);
    lines.push('}');
  });
  lines.push('} catch (error) { throw W(error, F[i].segment); }', 'return b;', '};');
  return lines.join('\n');
}

function decoderSource(fields: readonly Field[]): string {
  const lines: string[] = [];
  fields.forEach((_, k) => lines.push(`const D${k} = F[${k}].decode;`));
  lines.push('const H = Object.prototype.hasOwnProperty;', 'return function decodeMap(m) {', 'const o = Object.create(P);', 'let av, i = 0, n = 0;', 'try {');
  fields.forEach((f, k) => {
    const decode = f.plain === 'string' ? `typeof av.S === 'string' ? av.S : D${k}(av)`
      : f.plain === 'boolean' ? `typeof av.BOOL === 'boolean' ? av.BOOL : D${k}(av)`
      : `D${k}(av)`;
    // A name Object.prototype also has (`constructor`, `toString`) must be the item's own, not the inherited member.
    const read = f.name in Object.prototype ? `H.call(m, ${lit(f.name)}) ? m[${lit(f.name)}] : undefined` : `m[${lit(f.name)}]`;
    lines.push(`i = ${k}; av = ${read}; if (av !== undefined) { o[${lit(f.property)}] = ${decode}; n++; }`);
  });
  lines.push('} catch (error) { throw W(error, F[i].segment); }', 'DN.fields = n;', 'return o;', '};');
  return lines.join('\n');
}

let codegen: boolean | undefined;

/** Whether `new Function` may be used (see the top of this file); decided once. */
export function codegenAllowed(): boolean {
  if (codegen === undefined) {
    codegen = typeof process === 'undefined' || process.env?.DYNAMAP_NO_CODEGEN !== '1';
    if (codegen) {
      try {
        codegen = new Function('return 1')() === 1;
      } catch {
        codegen = false;
      }
    }
  }
  return codegen;
}

/** The function that writes a class's fields into an item (generated when allowed). */
export function fieldsEncoder(fields: readonly Field[]): FieldsEncoder {
  if (!codegenAllowed()) return loopEncoder(fields);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const make = new Function('F', 'fail', 'K', 'W', 'SB', 'MT', 'ISO', 'SS', 'ML', 'MPO', 'OGP', 'OP', encoderSource(fields)) as (...args: unknown[]) => FieldsEncoder;
  return make(fields, fail, checkKeyValue, withSegment, valueSizeBound, meter, isoFromTime, encodeStringSet, marshallList, marshallPlainObject,
    Object.getPrototypeOf, Object.prototype);
}

/** The function that fills a new instance of `proto` from an item (generated when allowed). */
export function fieldsDecoder(fields: readonly Field[], proto: object): FieldsDecoder {
  if (!codegenAllowed()) return loopDecoder(fields, proto);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const make = new Function('F', 'P', 'W', 'DN', decoderSource(fields)) as (...args: unknown[]) => FieldsDecoder;
  return make(fields, proto, withReadSegment, decoded);
}
