/**
 * How enum membership is checked while encoding.
 * - Off while encoding a value that is compared with what is stored rather than written (a
 *   condition's or filter's value, save()'s diff of an entity against what it read): old items
 *   may hold a value since removed from an enum, at any depth, and must still be found.
 * - Tolerating the values an attribute already held when save() writes it changed: a nested
 *   document whose other field changed keeps its old enum value; a new value outside the enum is
 *   still refused.
 * Writes otherwise always check.
 */
export const enumChecks: { on: boolean; tolerated: ReadonlySet<unknown> | undefined } = { on: true, tolerated: undefined };

/** Runs `encode` with enum checks off (restored after, also on a throw). */
export function comparing<R>(encode: () => R): R {
  const was = enumChecks.on;
  enumChecks.on = false;
  try {
    return encode();
  } finally {
    enumChecks.on = was;
  }
}

/** Runs `encode` accepting, besides each enum's members, the given values (restored after). */
export function tolerating<R>(values: ReadonlySet<unknown>, encode: () => R): R {
  const was = enumChecks.tolerated;
  enumChecks.tolerated = values;
  try {
    return encode();
  } finally {
    enumChecks.tolerated = was;
  }
}

/** Whether an enum check fails for `v` (null is never checked). */
export function outsideEnum(v: unknown, allowed: ReadonlySet<unknown>): boolean {
  return v !== null && enumChecks.on && !allowed.has(v) && !(enumChecks.tolerated !== undefined && enumChecks.tolerated.has(v));
}
