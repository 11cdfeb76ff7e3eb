/**
 * How the codec reports a refused value without building paths on the happy path: the place that
 * finds the problem throws a CodecFailure holding the rule; each enclosing level (a document field,
 * a list index, a map key) prepends its path segment while the failure unwinds; the public entry
 * point turns it into a ValidationError naming the full path (`Movie.info.actors[2]`).
 *
 * A CodecFailure never leaves src/codec: every exported function converts it.
 */
import { valueError, valueRule, type ValueRule } from '../errors/value';

export class CodecFailure {
  /** The path below the entry point, e.g. `.info.actors[2]`. */
  suffix = '';
  constructor(
    readonly rule: ValueRule,
    readonly cause?: unknown,
  ) {}
}

export function fail(rule: ValueRule, cause?: unknown): never {
  throw new CodecFailure(rule, cause);
}

/** Adds one path segment (`.rating`, `[3]`) in front of a failure unwinding through this level. */
export function withSegment(error: unknown, segment: string): unknown {
  if (error instanceof CodecFailure) error.suffix = segment + error.suffix;
  return error;
}

/**
 * withSegment for reading: a TypeError (a malformed stored value the checks did not foresee, e.g.
 * `{ N: 5 }` in an item given to fromItem) becomes a failure at this path too, with the TypeError
 * as its cause. Writing keeps TypeErrors as they are (from a getter of the entity, say).
 */
export function withReadSegment(error: unknown, segment: string): unknown {
  return withSegment(error instanceof TypeError ? new CodecFailure(valueRule.unreadable(error.message), error) : error, segment);
}

/** The path segment for a property or map key: `.name`, or `["odd key"]` when it is not a plain name. */
export function keySegment(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? '.' + key : `[${JSON.stringify(key)}]`;
}

/** A map key in a value's path: as keySegment, but a key of kilobytes is shown by its start and length (a message must stay readable). */
export function mapKeySegment(key: string): string {
  return key.length > 1024 ? `[${JSON.stringify(key.slice(0, 20))}... (${key.length} characters)]` : keySegment(key);
}

/** Converts a failure into the public ValidationError, rooted at `root` (`Movie`, `Movie.info`). */
export function toPublicError(error: unknown, root: string): unknown {
  if (error instanceof CodecFailure) return valueError.at(root + error.suffix, error.rule, error.cause);
  return error;
}

/** Sets a property even when the key is `__proto__` (which plain assignment would treat as the prototype). */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
