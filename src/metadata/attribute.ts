/**
 * Resolves one recorded property into an AttributeSchema: its kind (explicit `type` first, then
 * `design:type`, then the role's natural kind), attribute name, key type, default and enum.
 */
import type { ModelProblem } from '../errors/classes';
import { modelProblem } from '../errors/model';
import { isClass } from '../errors/shown';
import { exclusionOf, typeHintOf } from './class-transformer';
import { rawModelOf } from './registry';
import {
  ATTRIBUTE_KINDS,
  type AttributeKind,
  type AttributeSchema,
  type Constructor,
  type RawProperty,
  type ResolvedKind,
  type ScalarType,
} from './types';

const KEY_SCALAR: Partial<Record<ResolvedKind, ScalarType>> = {
  string: 'S',
  number: 'N',
  bigint: 'N',
  binary: 'B',
  date: 'S',
  epochSeconds: 'N',
};

/** The scalar type an attribute of this kind is stored as, if it can be a key. */
export function keyScalarOf(attr: Pick<AttributeSchema, 'kind' | 'converter'>): ScalarType | undefined {
  if (attr.converter) return attr.converter.keyType;
  return KEY_SCALAR[attr.kind];
}

/** True when the class (or a parent) has recorded attributes, so it can be a nested document. */
export function isDocumentClass(cls: unknown): cls is Constructor {
  for (let c = cls; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const raw = rawModelOf(c as object);
    if (raw && raw.properties.length > 0) return true;
  }
  return false;
}

interface KindResult {
  kind?: ResolvedKind;
  documentClass?: Constructor;
  problem?: ModelProblem;
}

function kindOfClass(cls: unknown, className: string, prop: string, asList: boolean): KindResult {
  const wrap = (kind: AttributeKind): KindResult => ({ kind: asList ? 'list' : kind });
  switch (cls) {
    case String: return wrap('string');
    case Number: return wrap('number');
    case Boolean: return wrap('boolean');
    case Date: return wrap('date');
    case BigInt: return wrap('bigint');
    case Uint8Array: return wrap('binary');
    case Array: return { kind: 'list' };
    case Object: return wrap('any');
    case Set: return { problem: modelProblem.setNeedsType(className, prop) };
  }
  if (typeof Buffer !== 'undefined' && cls === Buffer) return wrap('binary');
  if (isDocumentClass(cls)) return { kind: asList ? 'documentList' : 'document', documentClass: cls };
  if (typeof cls === 'function') {
    const name = (cls as { name?: string }).name || 'an anonymous class';
    if (cls === Map || cls === Function || cls === Promise || cls === Symbol) {
      return { problem: modelProblem.unsupportedDesignType(className, prop, name) };
    }
    return { problem: modelProblem.plainClass(className, prop, name) };
  }
  return {};
}

/**
 * class-transformer's `@Type(() => X)` names the nested class of a property TypeScript could only
 * emit as Object or Array (a union, an interface, `X[]`) when dynamap was given no `type`.
 */
function kindFromTypeHint(target: Constructor, raw: RawProperty, className: string): KindResult | undefined {
  if (raw.designType !== Object && raw.designType !== Array) return undefined;
  const hint = typeHintOf(target, raw.property);
  if (hint === undefined) return undefined;
  if (isDocumentClass(hint)) return kindOfClass(hint, className, raw.property, raw.designType === Array);
  if (hint === Date && raw.designType === Object) return { kind: 'date' };
  return undefined;
}

/** What the built-in classes given as `type` (as other mappers spell kinds: `type: String`) are written as here. */
const BUILT_IN_KINDS = new Map<Function, string>([
  [String, "'string'"], [Number, "'number'"], [BigInt, "'bigint'"], [Boolean, "'boolean'"], [Date, "'date' (or 'epochSeconds')"],
  [Uint8Array, "'binary'"], [Buffer, "'binary'"], [Array, "'list' (or () => [NestedClass])"], [Object, "'map' (or 'any')"],
  [Set, "'stringSet', 'numberSet' or 'binarySet'"],
]);

/**
 * `type: MovieInfo` (the class itself, where a function returning it belongs) or `type: String`:
 * calling the first throws and the second returns a string, so both would read as a broken type
 * function. Says what to write instead.
 */
function classGivenAsType(type: Function): { given: string; write: string } | undefined {
  const builtIn = BUILT_IN_KINDS.get(type);
  if (builtIn) return { given: `the built-in ${type.name}`, write: builtIn };
  if (isClass(type)) {
    return { given: `the class ${type.name || '(anonymous)'} itself`, write: `() => ${type.name || 'TheClass'} (a function that returns the class)` };
  }
  return undefined;
}

/**
 * The kinds an explicit `type` may name for a property whose emitted design:type is one of these
 * (`@Attribute({ type: 'number' }) name?: string` would only fail at the first write, blaming the
 * value). Other design types (Object for unions and interfaces, classes) are not checked.
 */
const KINDS_OF_DESIGN_TYPE = new Map<unknown, readonly string[]>([
  [String, ['string']], [Number, ['number', 'bigint']], [Boolean, ['boolean']], [BigInt, ['bigint']],
  [Date, ['date', 'epochSeconds']], [Array, ['list']], [Set, ['stringSet', 'numberSet', 'binarySet']],
  [Uint8Array, ['binary']], [Map, ['map']],
  ...(typeof Buffer !== 'undefined' ? [[Buffer, ['binary']] as const] : []),
]);

/**
 * The problem when an explicit kind (`given` as written) does not fit the property's emitted
 * design:type; none when it fits, when the design type is not one of those checked, or with a
 * converter (which decides what is stored; `type` then only names a kind for keys).
 */
function contradiction(raw: RawProperty, className: string, kind: string, given: string): KindResult | undefined {
  const fits = raw.options.converter ? undefined : KINDS_OF_DESIGN_TYPE.get(raw.designType);
  if (!fits || fits.includes(kind)) return undefined;
  return { problem: modelProblem.typeContradicts(className, raw.property, given, (raw.designType as Function).name, fits) };
}

/**
 * The problem when a class-form type does not fit a property TypeScript types as a class of its
 * own: `() => [Actor]` (a list) on a property holding one Actor, or `() => Actor` on a property
 * typed as an unrelated class. `given` is undefined for a list. A subclass or a base class of the
 * property's class fits (a property typed as a base class may hold a subclass's instances).
 */
function classContradiction(raw: RawProperty, className: string, given: unknown, written: string): KindResult | undefined {
  const design = raw.designType;
  if (raw.options.converter || typeof design !== 'function' || !isClass(design) || design === Object || KINDS_OF_DESIGN_TYPE.has(design) || BUILT_IN_KINDS.has(design)) return undefined;
  if (typeof given === 'function' && (given === design || given.prototype instanceof design || design.prototype instanceof given)) return undefined;
  return { problem: modelProblem.typeContradicts(className, raw.property, written, design.name || '(anonymous class)', [`() => ${design.name || 'TheClass'}`]) };
}

function resolveKind(target: Constructor, raw: RawProperty, className: string): KindResult {
  const { type } = raw.options;
  if (type !== undefined) {
    if (typeof type === 'string') {
      if (!(ATTRIBUTE_KINDS as readonly string[]).includes(type)) return { problem: modelProblem.badKind(className, raw.property, type) };
      if (type === 'any') return { kind: type };
      return contradiction(raw, className, type, type) ?? { kind: type as AttributeKind };
    }
    if (typeof type === 'function') {
      const misuse = classGivenAsType(type);
      if (misuse) return { problem: modelProblem.classAsType(className, raw.property, misuse.given, misuse.write) };
      let target: unknown;
      try {
        target = (type as () => unknown)();
      } catch {
        return { problem: modelProblem.badKind(className, raw.property, 'a type function that throws') };
      }
      const found = Array.isArray(target)
        ? (target.length === 1 ? kindOfClass(target[0], className, raw.property, true) : { problem: modelProblem.badKind(className, raw.property, 'an array that is not [Class]') })
        : kindOfClass(target, className, raw.property, false);
      // `() => Address` on a property TypeScript types as a string (or `() => [Address]` on a Set): fails only at the first write.
      if (found.kind) {
        const given = Array.isArray(target) ? `() => [${(target[0] as Function)?.name ?? '?'}]` : `() => ${(target as Function)?.name ?? '?'}`;
        const refused = contradiction(raw, className, found.kind === 'documentList' ? 'list' : found.kind, given) ??
          classContradiction(raw, className, Array.isArray(target) ? undefined : target, given);
        if (refused) return refused;
      }
      // A function that returns no class (undefined from an import cycle, a string): never drop the property silently.
      if (!found.kind && !found.problem) {
        const returned = Array.isArray(target) ? target[0] : target;
        return { problem: modelProblem.typeReturnedNoClass(className, raw.property, returned === null ? 'null' : typeof returned) };
      }
      return found;
    }
    return { problem: modelProblem.badKind(className, raw.property, type) };
  }
  if (raw.options.converter) return { kind: 'any' };
  const hinted = kindFromTypeHint(target, raw, className);
  if (hinted) return hinted;
  if (raw.designType === undefined && raw.role === 'attribute') {
    // class-transformer's @Type names the class, but not whether the property holds one or a list.
    const hint = typeHintOf(target, raw.property);
    if (typeof hint === 'function' && (isDocumentClass(hint) || hint === Date)) {
      return { problem: modelProblem.typeHintWithoutMetadata(className, raw.property, hint === Date ? undefined : hint.name || 'TheClass') };
    }
  }
  // A union (`Date | null`, `number | null` under strictNullChecks) is emitted as Object: for the
  // lifecycle decorators, whose kind is fixed, that says nothing (below); for others it means 'any'.
  const unionOnLifecycle = raw.designType === Object && (raw.role === 'version' || raw.role === 'createdAt' || raw.role === 'updatedAt' || raw.role === 'ttl');
  if (raw.designType !== undefined && !unionOnLifecycle) {
    const r = kindOfClass(raw.designType, className, raw.property, false);
    // A ttl typed `number` holds epoch seconds already; a ttl typed Date is converted.
    if (raw.role === 'ttl' && r.kind === 'date') return { kind: 'epochSeconds' };
    if (r.kind || r.problem) return r;
  }
  switch (raw.role) {
    case 'version': return { kind: 'number' };
    case 'createdAt':
    case 'updatedAt': return { kind: 'date' };
    // A Date or a number of seconds: without a design:type the two cannot be told apart, and a guess
    // would hand a number property a Date.
    case 'ttl': return raw.designType === undefined || unionOnLifecycle ? { problem: modelProblem.ttlTypeUnknown(className, raw.property, raw.source) } : { kind: 'epochSeconds' };
  }
  return { problem: modelProblem.unknownType(className, raw.property, raw.source) };
}

function enumValuesOf(value: unknown): (string | number)[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return [...value];
  if (value && typeof value === 'object') {
    // A numeric TypeScript enum also maps values back to names; keep the forward entries only.
    const obj = value as Record<string, string | number>;
    return Object.keys(obj).filter((k) => !/^\d+$/.test(k)).map((k) => obj[k]);
  }
  return undefined;
}

const ROLE_KINDS: Partial<Record<RawProperty['role'], { decorator: string; allowed: ResolvedKind[]; text: string }>> = {
  version: { decorator: '@Version', allowed: ['number'], text: 'a number' },
  createdAt: { decorator: '@CreatedAt', allowed: ['date', 'epochSeconds'], text: "a Date (type 'date' or 'epochSeconds')" },
  updatedAt: { decorator: '@UpdatedAt', allowed: ['date', 'epochSeconds'], text: "a Date (type 'date' or 'epochSeconds')" },
  ttl: { decorator: '@TimeToLive', allowed: ['epochSeconds', 'number'], text: 'a Date or a number of epoch seconds' },
};

/** A method of the class (not a field, not an accessor): there is no value to store. */
function isMethod(target: Constructor, property: string): boolean {
  for (let o = target.prototype as object | null; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, property);
    if (d) return typeof d.value === 'function';
  }
  return false;
}

/** The values an enum restricts in a default: a set's or list's members, else the value itself. */
function membersOf(value: unknown): unknown[] {
  return value instanceof Set || Array.isArray(value) ? [...(value as Iterable<unknown>)] : [value];
}

/** Whether a (non-function) default is a value of the kind; documents and 'any' take anything the codec will judge. */
function defaultFits(kind: string, value: unknown): boolean {
  if (value === null) return true; // written as NULL, as a null property is
  switch (kind) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'bigint': return typeof value === 'bigint' || Number.isSafeInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'binary': return value instanceof Uint8Array;
    case 'date': case 'epochSeconds': return value instanceof Date;
    case 'stringSet': case 'numberSet': case 'binarySet': return value instanceof Set;
    case 'list': case 'documentList': return Array.isArray(value);
    case 'map': case 'document': return typeof value === 'object' && value !== null && !Array.isArray(value);
    default: return true;
  }
}

/** What @Attribute (and the key and lifecycle decorators, and defineModel's attributes) may be given. */
const ATTRIBUTE_OPTIONS = ['name', 'type', 'converter', 'default', 'required', 'enum'];

export function resolveAttribute(
  target: Constructor, raw: RawProperty, className: string, problems: ModelProblem[],
): AttributeSchema | undefined {
  const { options, property } = raw;
  if (options === null || typeof options !== 'object') {
    problems.push(modelProblem.badOption(className, property, 'options', options,
      typeof options === 'string' ? `an options object: for the attribute name, { name: ${JSON.stringify(options)} }` : 'an options object'));
    return undefined;
  }
  if (isMethod(target, property)) {
    problems.push(modelProblem.decoratedMethod(className, property, raw.source));
    return undefined;
  }
  for (const option of Object.keys(options)) {
    if (!ATTRIBUTE_OPTIONS.includes(option) && (options as Record<string, unknown>)[option] !== undefined) {
      problems.push(modelProblem.unknownOption(className, property, raw.source, option, ATTRIBUTE_OPTIONS));
    }
  }
  const name = options.name ?? property;
  if (typeof name !== 'string' || name.length === 0) {
    problems.push(modelProblem.badAttributeName(className, property, name, 'it must be a non-empty string'));
    return undefined;
  }
  if (name === '__proto__') {
    // Items are plain objects, here and in the AWS SDK: assigning this key sets the prototype
    // instead of adding the attribute, so it would silently not be written or read.
    problems.push(modelProblem.badAttributeName(className, property, name,
      'JavaScript objects (dynamap\'s and the AWS SDK\'s items) cannot carry it as an attribute; choose another with @Attribute({ name })'));
    return undefined;
  }
  let exclusion = exclusionOf(target, property);
  if (exclusion.read || exclusion.write) {
    if (raw.role === 'partitionKey' || raw.role === 'sortKey') {
      problems.push(modelProblem.excludedKey(className, property));
      exclusion = { read: false, write: false };
    } else if (exclusion.read && exclusion.write) {
      // A plain @Exclude(): not stored, not read, not in any expression — as if not decorated.
      return undefined;
    }
  }
  const { kind, documentClass, problem } = resolveKind(target, raw, className);
  if (problem) problems.push(problem);
  if (!kind) return undefined;

  const roleRule = ROLE_KINDS[raw.role];
  if (roleRule && !roleRule.allowed.includes(kind)) {
    problems.push(modelProblem.roleKind(className, property, roleRule.decorator, kind, roleRule.text));
  }
  const converter = options.converter;
  if (converter !== undefined && (typeof converter !== 'object' || typeof converter.toDynamo !== 'function' || typeof converter.fromDynamo !== 'function')) {
    problems.push(modelProblem.badOption(className, property, 'converter', typeof converter, 'an object with toDynamo and fromDynamo functions'));
  } else if (converter?.keyType !== undefined && !['S', 'N', 'B'].includes(converter.keyType)) {
    problems.push(modelProblem.badOption(className, property, 'converter.keyType', converter.keyType, "'S', 'N' or 'B' (the type a key is stored as)"));
  }
  if (options.required !== undefined && typeof options.required !== 'boolean') {
    problems.push(modelProblem.badOption(className, property, 'required', options.required, 'true or false'));
  }
  const enumValues = enumValuesOf(options.enum);
  if (options.enum !== undefined && !enumValues) {
    problems.push(modelProblem.badOption(className, property, 'enum', options.enum, 'an enum object or an array of values'));
  } else if (enumValues && !converter) {
    // Values the attribute's kind cannot hold would make every write fail: say so now.
    const want = kind === 'number' || kind === 'numberSet' ? 'number' : kind === 'string' || kind === 'stringSet' ? 'string' : undefined;
    if (enumValues.length === 0) {
      problems.push(modelProblem.badOption(className, property, 'enum', options.enum, 'at least one allowed value'));
    } else if (want !== undefined && enumValues.some((v) => typeof v !== want)) {
      problems.push(modelProblem.badOption(className, property, 'enum', options.enum, `${want} values, as the attribute is of kind '${kind}'`));
    }
  }
  const scalarType = keyScalarOf({ kind, converter });
  if (raw.role === 'partitionKey' || raw.role === 'sortKey') {
    if (!scalarType) problems.push(modelProblem.keyKind(className, property, raw.role === 'partitionKey' ? 'partition key' : 'sort key', kind));
    if (Buffer.byteLength(name, 'utf8') > 255) {
      problems.push(modelProblem.badAttributeName(className, property, name, 'key attribute names are 1 to 255 bytes'));
    }
  } else if (Buffer.byteLength(name, 'utf8') > 65_535) {
    problems.push(modelProblem.badAttributeName(className, property, `${name.slice(0, 20)}...`, 'attribute names are at most 65,535 bytes'));
  }
  const hasDefault = 'default' in options && options.default !== undefined;
  if (hasDefault && !converter && typeof options.default !== 'function' && !defaultFits(kind, options.default)) {
    // A default the kind cannot hold would make every write without the property fail: say so now.
    problems.push(modelProblem.badOption(className, property, 'default', options.default, `a value of kind '${kind}' (or a function returning one)`));
  } else if (hasDefault && enumValues && typeof options.default !== 'function' && !membersOf(options.default).every((m) => enumValues.includes(m as string | number))) {
    problems.push(modelProblem.badOption(className, property, 'default', options.default, 'one of the enum values'));
  }
  const attr: AttributeSchema = {
    property,
    name,
    kind,
    role: raw.role,
    hasDefault,
    required: options.required === true || raw.role === 'partitionKey' || raw.role === 'sortKey',
    ...(documentClass ? { documentClass } : {}),
    ...(kind === 'any' && options.type === undefined && !converter && raw.designType === Object ? { anyFromDesignType: true as const } : {}),
    ...(converter ? { converter } : {}),
    ...(scalarType ? { scalarType } : {}),
    ...(hasDefault ? { default: options.default } : {}),
    ...(enumValues ? { enumValues: Object.freeze(enumValues) } : {}),
    ...(exclusion.read || exclusion.write ? { exclude: Object.freeze({ ...exclusion }) } : {}),
  };
  return Object.freeze(attr);
}
