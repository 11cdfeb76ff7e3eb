/** Messages for refused writes (class-validator failures, bad keys given to operations). */
import { shown } from './shown';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import { ValidationError, type ValidationIssue } from './classes';

function flatten(errors: readonly ClassValidatorError[], prefix: string, out: ValidationIssue[]): void {
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [rule, text] of Object.entries(e.constraints ?? {})) out.push({ code: `validate.${rule}`, path, message: text });
    if (e.children?.length) flatten(e.children, path, out);
  }
}

export const writeError = {
  classValidator(className: string, errors: readonly ClassValidatorError[], index?: number): ValidationError {
    const issues: ValidationIssue[] = [];
    flatten(errors, '', issues);
    const where = index === undefined ? className : `${className} (item ${index})`;
    const lines = issues.map((i) => `  - ${className}.${i.path}: ${i.message} (${i.code.slice('validate.'.length)})`);
    return new ValidationError(
      'validate.failed',
      `${where} failed validation; nothing was written:\n${lines.join('\n')}`,
      { issues, validationErrors: errors },
    );
  },
  /** A class-validator rule (a custom or async constraint) threw instead of answering. */
  validatorThrew(className: string, cause: unknown): ValidationError {
    const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    return new ValidationError(
      'validate.threw',
      `${className}: a class-validator rule threw (${text}) instead of answering; nothing was written. The rule's error is the cause.`,
      { cause },
    );
  },
  notAssignable(operation: string, className: string, properties: readonly string[]): ValidationError {
    return new ValidationError(
      'entity.notAssignable',
      `${operation}(${className}): the entity is frozen or sealed, and the write sets ${properties.join(', ')} on it once it ` +
        'succeeded (version, timestamps, defaults); nothing was written. Pass an entity that can take them, e.g. a copy: ' +
        `Object.assign(new ${className}(), frozen).`,
    );
  },
  notAnEntity(operation: string, value: unknown): ValidationError {
    const what = value === null ? 'null' : typeof value === 'object' ? `a plain ${Array.isArray(value) ? 'array' : 'object'}` : typeof value;
    return new ValidationError(
      'entity.notAnInstance',
      `${operation}: expected an instance of a @Table class, got ${what}. Create it with new Model() or mapper.get(), ` +
        'or use Object.assign(new Model(), data).',
    );
  },
  /** save() of an attribute read in part (a projection of a path inside it): writing it whole would lose the rest. */
  partlyRead(className: string, property: string): ValidationError {
    return new ValidationError(
      'save.partlyRead',
      `save of ${className}: ${property} was read in part (the projection named paths inside it) and has changed; writing it ` +
        `whole would delete what was not read. Read ${property} whole (project '${property}'), or write the change with ` +
        `update(${className}, key, { '${property}.<path>': value }). Nothing was written.`,
    );
  },
  /** The update was applied; reading the item it returned failed (a stored value the model refuses). */
  updateResultUnreadable(className: string, key: string, reason: unknown): ValidationError {
    const inner = reason instanceof ValidationError ? reason : undefined;
    return new ValidationError(
      'update.resultUnreadable',
      `update of ${className}${key} was applied, but the item it returned cannot be read as ${className}: ` +
        `${reason instanceof Error ? reason.message : String(reason)}. Do not retry the update (it would be applied again); ` +
        'fix the stored value or the model, or pass returnValues: \'NONE\'.',
      { issues: inner?.issues ?? [], cause: reason },
    );
  },
  /** put (batchPut, tx.put) of an entity read with a projection: the item would lose what was not read. */
  partialPut(className: string): ValidationError {
    return new ValidationError(
      'put.partialEntity',
      `put of ${className}: this entity was read with a projection (or from an index that does not project everything), so ` +
        'putting it would replace the stored item and delete every attribute it did not read; nothing was written. Use save() ' +
        `to write only what changed, or read the whole item first. To replace the item on purpose, put a new instance: Object.assign(new ${className}(), entity).`,
    );
  },
  /** save() or delete(entity) of a versioned entity read with a projection that left the version out (or of an item without one). */
  versionNotRead(operation: 'save' | 'delete', className: string, property: string): ValidationError {
    const instead = operation === 'delete'
      ? ` (an index that does not project it cannot: read the item with get() first, or delete(${className}, key) deletes without the check)`
      : ` (an index that does not project it cannot: read the item with get() first)`;
    return new ValidationError(
      `${operation}.versionNotRead`,
      `${operation} of ${className}: the entity was read with a projection that left out its @Version property ${property} ` +
        `(or from an item without one), so ${operation}() cannot check it. Include '${property}' in the projection${instead}.`,
    );
  },
  /** save() of an entity whose key property was changed after it was read. */
  keyChanged(className: string, property: string): ValidationError {
    return new ValidationError('save.keyChanged',
      `save of ${className}: key property ${property} changed since the entity was read. ` +
      'A key is the identity of an item: use put() to write a new item (and delete() for the old one).');
  },
  /** A @Version property holding what is not a version dynamap could have written (it counts 1, 2, 3...). */
  badVersion(className: string, property: string, value: unknown): ValidationError {
    return new ValidationError('version.invalid',
      `${className}.${property}: the @Version property holds ${shown(value)}; a version is a whole number from 0 to ${Number.MAX_SAFE_INTEGER - 1} ` +
        'that dynamap counts itself: leave it as it was read (undefined for a new entity), and nothing was written.');
  },
};
