/** The validation write hook: class-validator on every write unless the mapper says otherwise. */
import { validate, type ValidatorOptions } from 'class-validator';
import { writeError } from '../errors/write';
import { isExpression } from '../expressions';
import type { Constructor } from '../metadata/types';

const OPTIONS: ValidatorOptions = {
  // Models without class-validator decorators are valid, not "unknown values".
  forbidUnknownValues: false,
  validationError: { target: false, value: true },
};

/** Throws ValidationError (carrying class-validator's errors) if the entity fails its checks. */
export async function validateEntity(entity: object, className: string, index?: number): Promise<void> {
  const errors = await validate(entity, OPTIONS);
  if (errors.length) throw writeError.classValidator(className, errors, index);
}

/**
 * Checks the plain values of an update as a partial entity: top-level literal values only (nested
 * paths and operators such as increment() are not entity values); missing properties are skipped.
 */
export async function validateChanges(Model: Constructor, changes: object, className: string): Promise<void> {
  const target = Object.create(Model.prototype as object) as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    if (path.includes('.') || path.includes('[') || isExpression(value)) continue;
    target[path] = value;
  }
  const errors = await validate(target, { ...OPTIONS, skipMissingProperties: true });
  if (errors.length) throw writeError.classValidator(className, errors);
}
