/** The validation write hook: class-validator on every write unless the mapper says otherwise. */
import { getMetadataStorage, validate, type ValidatorOptions } from 'class-validator';
import { writeError } from '../errors/write';
import { isExpression } from '../expressions';
import type { Constructor } from '../metadata/types';

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

/** Throws ValidationError (carrying class-validator's errors) if the entity fails its checks. */
export async function validateEntity(entity: object, className: string, index?: number): Promise<void> {
  if (!hasValidationRules(entity.constructor)) return;
  const errors = await validate(entity, OPTIONS);
  if (errors.length) throw writeError.classValidator(className, errors, index);
}

/**
 * Checks the plain values of an update as a partial entity: top-level literal values only (nested
 * paths and operators such as increment() are not entity values); missing properties are skipped.
 */
export async function validateChanges(Model: Constructor, changes: object, className: string): Promise<void> {
  if (!hasValidationRules(Model)) return;
  const target = Object.create(Model.prototype as object) as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    if (path.includes('.') || path.includes('[') || isExpression(value)) continue;
    target[path] = value;
  }
  const errors = await validate(target, { ...OPTIONS, skipMissingProperties: true });
  if (errors.length) throw writeError.classValidator(className, errors);
}
