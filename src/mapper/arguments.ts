/**
 * Guards for the arguments of the Mapper's public methods, so that null, a wrong type or a
 * missing callback is a ValidationError naming the method — never a TypeError from deep inside.
 */
import { optionError } from '../errors/operation';

/** `undefined` and `null` mean "no options"; anything else must be a plain options object. */
export function optionsOf<O extends object>(value: O | null | undefined, where: string): O {
  if (value === undefined || value === null) return {} as O;
  if (typeof value !== 'object' || Array.isArray(value)) throw optionError.invalid(where, 'options', value, 'an options object');
  return value;
}

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
