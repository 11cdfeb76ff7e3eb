/** The validation write hook: class-validator on every write unless the mapper says otherwise. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { getMetadataStorage, validate, type ValidationError as ClassValidatorError, type ValidatorOptions } from 'class-validator';
import { decodeAttribute, encodeAttribute } from '../codec';
import { writeError } from '../errors/write';
import { isExpression } from '../expressions';
import { getDocumentSchema, getModelSchema } from '../metadata/schema';
import type { AttributeSchema, Constructor } from '../metadata/types';
import type { Snapshot } from './snapshots';

const OPTIONS: ValidatorOptions = {
  // Models without class-validator decorators are valid, not "unknown values".
  forbidUnknownValues: false,
  validationError: { target: false, value: true },
};

const rulesOf = new WeakMap<Function, boolean>();

/**
 * Whether class-validator has any rule for the class (its own or inherited), read once per class:
 * decorators declare rules when the class is defined, and a class without rules is valid, so its
 * writes skip class-validator entirely (which otherwise costs a walk over every class's rules
 * and a few promises per entity).
 */
export function hasValidationRules(cls: Function): boolean {
  let known = rulesOf.get(cls);
  if (known === undefined) {
    // always=true, strictGroups=false, no groups: every rule of the class and its ancestors.
    known = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false).length > 0;
    rulesOf.set(cls, known);
  }
  return known;
}

/** The nested-document attributes of a model (top level), read once per class. */
const documentsOf = new WeakMap<Function, readonly AttributeSchema[]>();

function documentAttributes(Model: Constructor, nested = false): readonly AttributeSchema[] {
  let found = documentsOf.get(Model);
  if (found === undefined) {
    const schema = nested ? getDocumentSchema(Model) : getModelSchema(Model);
    found = schema.attributes.filter((a) => (a.kind === 'document' || a.kind === 'documentList') && !a.converter && a.documentClass !== undefined);
    documentsOf.set(Model, found);
  }
  return found;
}

/** One document or list of documents given, merged with what is stored (see asStored). */
function mergedValue(attr: AttributeSchema, given: unknown, stored: unknown): unknown {
  // `stored` is the caller's own value when the codec does not read it back (a write-only field
  // copied over): nothing to merge, and nothing of the caller's may be written into.
  if (given === stored || given === null || typeof given !== 'object' || stored === null || typeof stored !== 'object') return given;
  return attr.kind === 'documentList'
    ? (Array.isArray(given) && Array.isArray(stored) ? mergedList(given, stored, attr.documentClass!) : given)
    : mergedDocument(given, stored, attr.documentClass!);
}

/**
 * What class-validator checks: the entity, with each nested document as it will be stored where
 * that differs from the value given: a plain object given where a nested class is declared (it has
 * no rules; stored and read back, it is that class) becomes the class's instance, with the class's
 * defaults and keeping the plain object's other fields (a write-only or excluded field is still
 * checked); an instance of the class (or a subclass) missing a default gets it, keeping its own
 * prototype and fields. The entity itself is checked when nothing differs (no copy: a copy loses
 * its private fields). A value the codec cannot read back is checked as given (the write reports it).
 */
function asStored(entity: object, item: Record<string, AttributeValue> | undefined): object {
  if (item === undefined) return entity;
  const documents = documentAttributes(entity.constructor as Constructor);
  if (documents.length === 0) return entity;
  let target: Record<string, unknown> | undefined;
  for (const attr of documents) {
    const given = (entity as Record<string, unknown>)[attr.property];
    const av = item[attr.name];
    if (given === undefined || given === null || av === undefined) continue;
    let stored: unknown;
    try {
      stored = decodeAttribute(attr, av);
    } catch {
      continue;
    }
    const merged = mergedValue(attr, given, stored);
    if (merged !== given) (target ??= Object.assign(Object.create(Object.getPrototypeOf(entity) as object) as Record<string, unknown>, entity))[attr.property] = merged;
  }
  return target ?? entity;
}

/**
 * A nested document value the codec does not read back (a write-only field), as its class would
 * hold it: plain objects given an instance of the declared class (new objects, the caller's are
 * not touched), at every depth; instances as they are.
 */
function asClass(attr: AttributeSchema, value: unknown): unknown {
  if (attr.kind === 'documentList') return Array.isArray(value) ? value.map((element) => plainAsClass(element, attr.documentClass!)) : value;
  return plainAsClass(value, attr.documentClass!);
}

function plainAsClass(value: unknown, cls: Constructor): unknown {
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null) return value;
  const out = Object.assign(Object.create(cls.prototype as object) as Record<string, unknown>, value);
  for (const attr of documentAttributes(cls, true)) {
    if (out[attr.property] !== undefined) out[attr.property] = asClass(attr, out[attr.property]);
  }
  return out;
}

function mergedList(given: readonly unknown[], stored: readonly unknown[], cls: Constructor): unknown {
  let out: unknown[] | undefined;
  given.forEach((element, i) => {
    const merged = mergedDocument(element, stored[i], cls);
    if (merged !== element) (out ??= [...given])[i] = merged;
  });
  return out ?? given;
}

/**
 * One nested document given (of class `cls`), as class-validator should see it (see asStored),
 * at every depth: `given` itself when it is already that. Only the decoded object (fresh) is ever
 * written into, never the caller's.
 */
function mergedDocument(given: unknown, stored: unknown, cls: Constructor): unknown {
  if (given === stored || given === null || typeof given !== 'object' || stored === null || typeof stored !== 'object') return given;
  const proto = Object.getPrototypeOf(given) as object | null;
  const own = given as Record<string, unknown>;
  const from = stored as Record<string, unknown>;
  const documents = documentAttributes(cls, true);
  if (proto === Object.prototype || proto === null) {
    // The class's instance as read back, with the given object's fields the codec does not read back
    // (a nested document among them, never read back: its class's instance made from the given object).
    for (const key of Object.keys(own)) if (from[key] === undefined && own[key] !== undefined) from[key] = own[key];
    for (const attr of documents) {
      const value = own[attr.property];
      if (value === undefined) continue;
      from[attr.property] = from[attr.property] === value ? asClass(attr, value) : mergedValue(attr, value, from[attr.property]);
    }
    return from;
  }
  let changes: Record<string, unknown> | undefined;
  for (const key of Object.keys(from)) {
    if (own[key] === undefined && from[key] !== undefined) (changes ??= {})[key] = from[key];   // a default the caller left out
  }
  for (const attr of documents) {
    const merged = mergedValue(attr, own[attr.property], from[attr.property]);
    if (merged !== own[attr.property]) (changes ??= {})[attr.property] = merged;
  }
  return changes === undefined ? given : Object.assign(Object.create(proto) as Record<string, unknown>, own, changes);
}

/**
 * Throws ValidationError (carrying class-validator's errors) if the entity fails its checks.
 * `item`: the item that will be written, whose nested documents are checked as stored.
 * `only`: check only these properties (a partial entity: the others were not read and are not written).
 */
export async function validateEntity(
  entity: object, className: string, index?: number, item?: Record<string, AttributeValue>, only?: (property: string) => boolean,
): Promise<void> {
  if (!hasValidationRules(entity.constructor)) return;
  let errors = await checked(asStored(entity, item), className);
  if (only) errors = errors.filter((e) => only(e.property));
  if (errors.length) throw writeError.classValidator(className, errors, index);
}

/**
 * Checks an update as a partial entity: the key (an update may create the item) and the top-level
 * plain values, a nested document as it will be stored (defaults applied, a plain object as its
 * class), `remove()` as a missing value and `null` as null (a required property refuses both).
 * Only those properties' errors count: a rule on another property (`@IsDefined() title`) is not
 * this update's business. Nested paths and operators (increment, append...) are not entity
 * values and are not checked.
 */
export async function validateChanges(Model: Constructor, changes: object, className: string, key?: object): Promise<void> {
  if (!hasValidationRules(Model)) return;
  const target = Object.create(Model.prototype as object) as Record<string, unknown>;
  const properties = new Set<string>();
  if (key) {
    for (const [property, value] of Object.entries(key)) {
      target[property] = value;
      properties.add(property);
    }
  }
  const documents = documentAttributes(Model);
  for (const [path, value] of Object.entries(changes)) {
    if (path.includes('.') || path.includes('[') || value === undefined) continue;
    if (isExpression(value)) {
      if ((value as { type?: unknown }).type !== 'remove') continue;
      target[path] = undefined;
    } else {
      const document = documents.find((a) => a.property === path);
      // An empty set is stored as nothing (DynamoDB has no empty sets: the update removes the attribute).
      target[path] = value instanceof Set && value.size === 0 ? undefined : document && value !== null ? storedForm(document, value) : value;
    }
    properties.add(path);
  }
  const errors = (await checked(target, className)).filter((e) => properties.has(e.property));
  if (errors.length) throw writeError.classValidator(className, errors);
}

/** class-validator's errors for the target; a rule that throws (a custom or async constraint) is a ValidationError with its error as cause. */
async function checked(target: object, className: string): Promise<ClassValidatorError[]> {
  try {
    return await validate(target, OPTIONS);
  } catch (error) {
    throw writeError.validatorThrew(className, error);
  }
}

/** A nested document's value as it will be stored and read back; as given when the codec refuses it (the write reports that). */
function storedForm(attr: AttributeSchema, value: unknown): unknown {
  let stored: unknown;
  try {
    const av = encodeAttribute(attr, value, attr.property);
    if (av === undefined) return value;
    stored = decodeAttribute(attr, av);
  } catch {
    return value;
  }
  return mergedValue(attr, value, stored);
}

/**
 * `only` for an entity read in part: the properties it holds (read, set by the caller, or by the
 * hooks), except those read in part (`info.rating`): their unread fields are not written either.
 */
export function heldProperties(entity: object, snapshot: Snapshot): (property: string) => boolean {
  const partly = new Set<string>();
  if (snapshot.partlyRead) {
    for (const attr of getModelSchema(entity.constructor as Constructor).attributes) if (snapshot.partlyRead.has(attr.name)) partly.add(attr.property);
  }
  return (property) => Object.prototype.hasOwnProperty.call(entity, property) && !partly.has(property);
}
