/** The validation write hook: class-validator on every write unless the mapper says otherwise. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { getMetadataStorage, validate, type ValidationError as ClassValidatorError, type ValidatorOptions } from 'class-validator';
import { decodeAttribute, encodeAttribute } from '../codec';
import { writeError } from '../errors/write';
import { isExpression } from '../expressions';
import { getModelSchema } from '../metadata/schema';
import type { AttributeSchema, Constructor } from '../metadata/types';

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

function documentAttributes(Model: Constructor): readonly AttributeSchema[] {
  let found = documentsOf.get(Model);
  if (found === undefined) {
    found = getModelSchema(Model).attributes.filter((a) => (a.kind === 'document' || a.kind === 'documentList') && !a.converter);
    documentsOf.set(Model, found);
  }
  return found;
}

/**
 * What class-validator checks: the entity, with each nested document as it is stored and will be
 * read back (`item`, the item to write). A plain object given where a nested class is declared is
 * then an instance of that class, with its defaults, so the nested class's rules hold for it (a
 * plain object has no rules: class-validator passed it silently). Properties that are not stored
 * keep their values.
 */
function asStored(entity: object, item: Record<string, AttributeValue> | undefined): object {
  if (item === undefined) return entity;
  const documents = documentAttributes(entity.constructor as Constructor);
  if (documents.length === 0) return entity;
  const target = Object.assign(Object.create(Object.getPrototypeOf(entity) as object) as Record<string, unknown>, entity);
  for (const attr of documents) {
    const av = item[attr.name];
    if (av !== undefined) target[attr.property] = decodeAttribute(attr, av);
  }
  return target;
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
      target[path] = document && value !== null ? storedForm(document, value) : value;
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
  try {
    const av = encodeAttribute(attr, value, attr.property);
    return av === undefined ? value : decodeAttribute(attr, av);
  } catch {
    return value;
  }
}

/** `only` for a partial entity: the properties it holds (read, set by the caller, or by the hooks). */
export function ownPropertyOf(entity: object): (property: string) => boolean {
  return (property) => Object.prototype.hasOwnProperty.call(entity, property);
}
