/**
 * Guards for the arguments of the Mapper's public methods, so that null, a wrong type or a
 * missing callback is a ValidationError naming the method — never a TypeError from deep inside.
 */
import { argumentError, optionError } from '../errors/operation';
import type { ModelSchema } from '../metadata/types';
import type { RetryPolicy } from './context';

/** The options a method takes, and which of them are true/false flags (see optionsOf). */
export interface OptionSpec {
  readonly known: readonly string[];
  readonly flags?: readonly string[];
  /** Options let through for the method's own message (a scan option on a query), not listed as options. */
  readonly unlisted?: readonly string[];
}

/**
 * `undefined` and `null` mean "no options"; anything else must be a plain options object, with
 * only the `spec`'s options when one is given (a misspelt option would otherwise be ignored
 * without a word: `{ overwirte: false }` would overwrite), and booleans for its flags.
 */
export function optionsOf<O extends object>(value: O | null | undefined, where: string, spec?: OptionSpec): O {
  if (value === undefined || value === null) return {} as O;
  if (typeof value !== 'object' || Array.isArray(value)) throw optionError.invalid(where, 'options', value, 'an options object');
  if (spec === undefined) return value;
  const options = value as Record<string, unknown>;
  for (const option in options) {
    if (!spec.known.includes(option) && options[option] !== undefined) throw optionError.unknown(where, option, spec.unlisted ? spec.known.filter((k) => !spec.unlisted!.includes(k)) : spec.known);
  }
  for (const flag of spec.flags ?? []) {
    const v = options[flag];
    if (v !== undefined && typeof v !== 'boolean') throw optionError.invalid(where, flag, v, 'true or false');
  }
  return value;
}

const CONDITION: OptionSpec = { known: ['condition', 'returnOldOnFailure'], flags: ['returnOldOnFailure'] };
const BATCH = ['concurrency', 'onProgress', 'retry'];

/** The options of each public method. */
export const OPTIONS = {
  mapper: { known: ['client', 'tablePrefix', 'validate', 'retry', 'cursorSecret'], flags: ['validate'] },
  sync: { known: ['dryRun', 'timeoutMs', 'pollMs'], flags: ['dryRun'] },
  put: { known: ['condition', 'returnOldOnFailure', 'overwrite'], flags: ['overwrite', 'returnOldOnFailure'] },
  get: { known: ['consistent', 'project'], flags: ['consistent'] },
  update: { known: ['condition', 'returnOldOnFailure', 'returnValues'], flags: ['returnOldOnFailure'] },
  /** delete, and in transactions update and delete (a transaction returns no values). */
  condition: CONDITION,
  check: { known: ['returnOldOnFailure'], flags: ['returnOldOnFailure'] },
  // segments: refused by createQuery with its own message (a scan option).
  query: { known: ['index', 'segments'], unlisted: ['segments'] },
  scan: { known: ['index', 'filter', 'segments'] },
  batchWrite: { known: [...BATCH, 'overwriteVersions'], flags: ['overwriteVersions'] },
  batchDelete: { known: BATCH },
  batchGet: { known: [...BATCH, 'consistent', 'project'], flags: ['consistent'] },
  transaction: { known: ['clientRequestToken', 'returnOldOnFailure'], flags: ['returnOldOnFailure'] },
  /** The options of one transactGet request: [Model, key, { project }]. */
  transactGetRequest: { known: ['project'] },
  retry: { known: ['attempts', 'baseDelayMs', 'maxDelayMs', 'jitter'] },
} satisfies Record<string, OptionSpec>;

/** A `retry` option (of new Mapper() or of a batch call), checked: an object of known, valid settings. */
export function retryOf(value: unknown, where: string): Partial<RetryPolicy> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw optionError.invalid(where, 'retry', value, '{ attempts?, baseDelayMs?, maxDelayMs?, jitter? }');
  }
  const r = optionsOf(value as Partial<RetryPolicy>, `${where} retry`, OPTIONS.retry);
  for (const k of ['attempts', 'baseDelayMs', 'maxDelayMs'] as const) {
    const v = r[k];
    if (v !== undefined && (!Number.isInteger(v) || v < (k === 'attempts' ? 1 : 0))) {
      throw optionError.invalid(where, `retry.${k}`, v, k === 'attempts' ? 'a whole number of at least 1' : 'a whole number of milliseconds');
    }
  }
  if (r.jitter !== undefined && r.jitter !== 'full' && r.jitter !== 'none') throw optionError.invalid(where, 'retry.jitter', r.jitter, "'full' or 'none'");
  // Only the settings given: spread over the defaults, an explicit undefined would replace one
  // (attempts: undefined retried throttling for ever, maxDelayMs: undefined without any wait).
  const given: Partial<RetryPolicy> = {};
  for (const k of Object.keys(r) as (keyof RetryPolicy)[]) if (r[k] !== undefined) (given as Record<string, unknown>)[k] = r[k];
  return given;
}

export function arrayOf<V>(value: readonly V[] | null | undefined, where: string, what: string): readonly V[] {
  if (!Array.isArray(value)) throw argumentError.invalid(where, `the ${what}`, value, 'an array');
  const hole = firstHole(value);
  if (hole >= 0) throw argumentError.invalid(where, `${what}[${hole}]`, undefined, 'an element (the array has a hole there)');
  return value;
}

/** The index of the first missing element of a sparse array (`[, x]`), which map/forEach skip; -1 if none. */
export function firstHole(value: readonly unknown[]): number {
  for (let i = 0; i < value.length; i++) if (!(i in value)) return i;
  return -1;
}

export function functionOf<F extends (...args: never[]) => unknown>(value: F, where: string, what: string): F {
  if (typeof value !== 'function') {
    throw argumentError.invalid(where, what, value, 'a function');
  }
  return value;
}

export function objectOf<V extends object>(value: V | null | undefined, where: string, what: string, expected: string): V {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw argumentError.invalid(where, `the ${what}`, value, expected);
  }
  return value;
}

/** "a key object { year, title }": what a key argument of the model looks like, for messages. */
export function keyShape(schema: ModelSchema): string {
  const { partitionKey, sortKey } = schema.key;
  return `a key object { ${partitionKey.property}${sortKey ? `, ${sortKey.property}` : ''} }`;
}

/** A duration option: undefined, or a finite number of milliseconds above 0. */
export function millisecondsOf(value: unknown, where: string, option: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)) {
    throw optionError.invalid(where, option, value, 'a number of milliseconds above 0');
  }
}
