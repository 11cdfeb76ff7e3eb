/**
 * Guards for the arguments of the Mapper's public methods, so that null, a wrong type or a
 * missing callback is a ValidationError naming the method — never a TypeError from deep inside.
 */
import { optionError } from '../errors/operation';

/**
 * `undefined` and `null` mean "no options"; anything else must be a plain options object, with
 * only the `known` options when they are given (a misspelt option would otherwise be ignored
 * without a word: `{ overwirte: false }` would overwrite), booleans where `flags` says so.
 */
export function optionsOf<O extends object>(
  value: O | null | undefined, where: string, known?: readonly string[], flags: readonly string[] = [],
): O {
  if (value === undefined || value === null) return {} as O;
  if (typeof value !== 'object' || Array.isArray(value)) throw optionError.invalid(where, 'options', value, 'an options object');
  if (known !== undefined) {
    for (const option in value) {
      if (!known.includes(option) && (value as Record<string, unknown>)[option] !== undefined) throw optionError.unknown(where, option, known);
    }
  }
  for (const flag of flags) {
    const v = (value as Record<string, unknown>)[flag];
    if (v !== undefined && typeof v !== 'boolean') throw optionError.invalid(where, flag, v, 'true or false');
  }
  return value;
}

/** The options each public method takes (see optionsOf). */
export const KNOWN_OPTIONS = {
  mapper: ['client', 'tablePrefix', 'validate', 'retry', 'cursorSecret'],
  sync: ['dryRun', 'timeoutMs', 'pollMs'],
  put: ['condition', 'returnOldOnFailure', 'overwrite'],
  get: ['consistent', 'project'],
  update: ['condition', 'returnOldOnFailure', 'returnValues'],
  delete: ['condition', 'returnOldOnFailure'],
  /** tx.update: a transaction returns no values. */
  txUpdate: ['condition', 'returnOldOnFailure'],
  txCheck: ['returnOldOnFailure'],
  query: ['index', 'segments'], // segments: refused by createQuery with its own message (a scan option)
  scan: ['index', 'filter', 'segments'],
  batchWrite: ['concurrency', 'onProgress', 'retry', 'overwriteVersions'],
  batchDelete: ['concurrency', 'onProgress', 'retry'],
  batchGet: ['concurrency', 'onProgress', 'retry', 'consistent', 'project'],
  transaction: ['clientRequestToken', 'returnOldOnFailure'],
} as const;

export function arrayOf<V>(value: readonly V[] | null | undefined, where: string, what: string): readonly V[] {
  if (!Array.isArray(value)) throw optionError.invalid(where, what, value === undefined ? 'undefined' : value, 'an array');
  return value;
}

export function functionOf<F extends (...args: never[]) => unknown>(value: F, where: string, what: string): F {
  if (typeof value !== 'function') throw optionError.invalid(where, what, value === undefined ? 'undefined' : typeof value, 'a function');
  return value;
}

export function objectOf<V extends object>(value: V | null | undefined, where: string, what: string, expected: string): V {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw optionError.invalid(where, what, value === undefined ? 'undefined' : value, expected);
  }
  return value;
}
