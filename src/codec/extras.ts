/**
 * Keys of a stored nested document that its class does not declare (written by another service,
 * or by an older or newer version of the model). The instance read from it carries them, hidden
 * (see adopt.ts), and writes them back: save() of one changed field of a nested document, or put()
 * of the read entity, no longer deletes what other code keeps in that map. They follow the
 * instance: moved to another list position or another entity, they go with it; a new instance has
 * none. Top-level attributes need no such care: save() writes only the attributes that changed.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { Adopt } from './adopt';

type Extras = Record<string, AttributeValue>;

class ExtrasSlot extends Adopt {
  #extras: Extras;

  private constructor(target: object, extras: Extras) {
    super(target);
    this.#extras = extras;
  }

  /** On a fresh instance, just hydrated (so always extensible: the constructor did not run). */
  static write(target: object, extras: Extras): void {
    new ExtrasSlot(target, extras);
  }

  static read(target: object): Extras | undefined {
    return #extras in target ? (target as ExtrasSlot).#extras : undefined;
  }
}

/** Records the keys of `map` outside `declared` on `instance`; nothing when there are none (the common case). */
export function keepExtras(instance: object, map: Record<string, AttributeValue>, declared: ReadonlySet<string>): void {
  let extras: Extras | undefined;
  for (const key in map) {
    if (!declared.has(key) && Object.prototype.hasOwnProperty.call(map, key)) {
      extras ??= Object.create(null) as Extras;
      extras[key] = map[key];
    }
  }
  if (extras !== undefined) ExtrasSlot.write(instance, extras);
}

/** The undeclared keys `instance` was read with, if any. */
export function extrasOf(instance: object): Extras | undefined {
  return ExtrasSlot.read(instance);
}
