/**
 * Messages of the batch operations. Every batch failure says what
 * was not done — `unprocessed` holds the caller's own entities, keys or operations — so nothing
 * is ever silently dropped and the caller can retry exactly the rest.
 */
import { BatchError, ItemTooLargeError, ThrottledError, ValidationError } from './classes';
import { outcomeUnknown } from './operation';
import { shown } from './shown';

export { BatchError };

function causeText(cause: unknown): string {
  const e = cause as { name?: string; message?: string } | undefined;
  return e && typeof e === 'object' ? `${e.name ?? 'Error'}: ${e.message ?? ''}` : String(cause);
}

export const batchError = {
  /** A codec or validation error of one item, re-thrown with the item's place (`item 3`, `key 2 of request 1`) in front. */
  atItem(operation: string, where: string, error: unknown): unknown {
    // A message that names the operation itself (`batchPut: expected an instance...`) keeps one name.
    const at = (message: string) => `${operation} ${where}: ${message.startsWith(`${operation}: `) ? message.slice(operation.length + 2) : message}`;
    if (error instanceof ValidationError) {
      return new ValidationError(error.code, at(error.message), {
        issues: error.issues,
        validationErrors: error.validationErrors,
        cause: error,
      });
    }
    if (error instanceof ItemTooLargeError) return new ItemTooLargeError(at(error.message), error.size);
    return error;
  },
  notAnOperation(index: number, value: unknown): ValidationError {
    return new ValidationError(
      'batch.badOperation',
      `batchWrite item ${index}: expected { put: entity } or { delete: Model, key: {...} }, got ${shown(value)}; nothing was written.`,
    );
  },
  /** Thrown inside the item's build: atItem adds `${operation} item ${index}: ` in front. */
  versionedEntity(className: string, version: unknown): ValidationError {
    return new ValidationError(
      'batch.versionedEntity',
      `this ${className} was ${version === undefined ? 'read from an item without a @Version (a put needs it to still have none)' : `read with @Version ${String(version)}`}, but BatchWriteItem cannot ` +
        'check a version, so writing it could silently overwrite a newer change; nothing was written. Use ' +
        'mapper.transaction() (up to 100 items, versions checked) or put()/save() per item, or pass ' +
        '{ overwriteVersions: true } to write it with version + 1 without the check (last writer wins).',
      { issues: [{ code: 'batch.versionedEntity', path: 'version', message: version === undefined ? 'read without a version' : `read with @Version ${String(version)}` }] },
    );
  },
  /** A write option beside `put` or `delete`/`key` in a batchWrite operation: BatchWriteItem has no conditions or options per item. */
  operationExtra(index: number, extra: readonly string[]): ValidationError {
    return new ValidationError(
      'batch.badOperation',
      `batchWrite item ${index}: ${extra.map((k) => JSON.stringify(k)).join(', ')} cannot be part of an operation, which is ` +
        '{ put: entity } or { delete: Model, key: {...} }: BatchWriteItem takes no condition or options per item. For a conditional write ' +
        'use mapper.put(entity, { condition }) or a transaction; nothing was written.',
    );
  },
  badOption(operation: string, option: string, value: unknown, expected: string): ValidationError {
    return new ValidationError('option.invalid', `${operation}(): option ${option} is ${shown(value)}; expected ${expected}.`);
  },
  throttled(operation: string, total: number, unprocessed: readonly unknown[], attempts: number, cause: unknown): ThrottledError {
    return new ThrottledError(
      `${operation}: ${unprocessed.length} of ${total} items were not ${operation.includes('Get') ? 'read' : 'written'} ` +
        `after ${attempts} attempts in a row without progress (DynamoDB kept returning them as unprocessed or throttling). ` +
        'They are listed in `unprocessed`: retry them later, or raise the table capacity or the mapper retry policy.',
      unprocessed,
      cause,
    );
  },
  failed(operation: string, total: number, unprocessed: readonly unknown[], cause: unknown): BatchError {
    return new BatchError(
      `${operation} stopped: ${causeText(cause)}. ${total - unprocessed.length} of ${total} items were done before; ` +
        'the other ' + `${unprocessed.length} are listed in \`unprocessed\`: fix the cause and retry them.` +
        // A call that got a server error or no answer may have been applied: its items are listed, but not as "not done".
        (outcomeUnknown(cause) && !operation.includes('Get')
          ? ' Those of the call that failed may have been written (it got a server error or no answer); writing them again is harmless: a batch write puts or deletes whole items.'
          : ''),
      unprocessed,
      cause,
    );
  },
};
