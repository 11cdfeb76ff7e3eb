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
import { storedBytes } from './bytes';
import { setKey } from './failure';
import { utf8Length, valueSizeBound } from './size';

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

/**
 * Records the keys of `map` outside `declared` on `instance`. `found` is how many declared keys
 * the map had (the decoder counted them): a map with no more keys than that has no extras, the
 * common case, which costs one count of its keys.
 */
export function keepExtras(instance: object, map: Record<string, AttributeValue>, declared: ReadonlySet<string>, found: number): void {
  let keys = 0;
  for (const key in map) if (++keys > found) break;
  if (keys <= found) return;
  let extras: Extras | undefined;
  for (const key in map) {
    if (!declared.has(key) && Object.prototype.hasOwnProperty.call(map, key)) {
      extras ??= Object.create(null) as Extras;
      extras[key] = ownCopy(map[key]); // never shared with the item read (nor base64 text kept as text)
    }
  }
  if (extras !== undefined) ExtrasSlot.write(instance, extras);
}

/** Writes the extras `instance` was read with into `out` (copies: never shared with the item written); returns their size bound. */
export function writeExtras(instance: object, out: Record<string, AttributeValue>): number {
  const extras = ExtrasSlot.read(instance);
  if (extras === undefined) return 0;
  let bound = 0;
  for (const key in extras) {
    // Written from the instance (a write-only attribute it was given a value for): the instance's value wins.
    if (Object.prototype.hasOwnProperty.call(out, key)) continue;
    const av = ownCopy(extras[key]);
    setKey(out, key, av);
    bound += 1 + utf8Length(key) + valueSizeBound(av);
  }
  return bound;
}

/** A deep copy of an AttributeValue; binaries as bytes (base64 text, the JSON form, decoded). */
function ownCopy(av: AttributeValue): AttributeValue {
  if (av === null || typeof av !== 'object') return av;
  if (av.M !== undefined && av.M !== null && typeof av.M === 'object') {
    const m: Record<string, AttributeValue> = {};
    for (const key of Object.keys(av.M)) setKey(m, key, ownCopy(av.M[key]));
    return { M: m };
  }
  if (Array.isArray(av.L)) return { L: av.L.map(ownCopy) };
  if (av.B !== undefined) return { B: storedBytes(av.B) };
  if (Array.isArray(av.BS)) return { BS: av.BS.map((b) => storedBytes(b)) };
  if (Array.isArray(av.SS)) return { SS: [...av.SS] };
  if (Array.isArray(av.NS)) return { NS: [...av.NS] };
  return { ...av };
}
