/**
 * What each entity looked like when it was read (or written), so save() can write only what
 * changed. The snapshot lives on the entity itself, under a symbol, as a non-enumerable property:
 * invisible to Object.keys, JSON.stringify, spread, Object.assign, class-transformer and jest's
 * toEqual, and it dies with its entity. (A WeakMap did the same job, but V8 charges a WeakMap
 * with many short-lived keys about 1-3 µs per entry in hashing and GC work — every read entity
 * is one — against ~0.3 µs for a property.) Entities that cannot take a property (sealed, frozen,
 * non-extensible) use a WeakMap, which is also consulted first, so freezing a remembered entity
 * keeps save() correct.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** The item as read; `partial` when it was read with a projection (attributes may be missing). */
export interface Snapshot {
  readonly item: Record<string, AttributeValue>;
  readonly partial: boolean;
}

const SNAPSHOT: unique symbol = Symbol('dynamap.snapshot');
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * What is stored: the item itself for a complete read (no wrapper to allocate on every get and
 * put), a Partial for a read with a projection.
 */
class Partial {
  constructor(readonly item: Record<string, AttributeValue>) {}
}
type Stored = Record<string, AttributeValue> | Partial;

/** Snapshots of entities that cannot take the property; FORGOTTEN hides a stale property. */
const elsewhere = new WeakMap<object, Stored | typeof FORGOTTEN>();
const FORGOTTEN = Symbol('dynamap.forgotten');

type Carrier = { [SNAPSHOT]?: Stored };

export function remember(entity: object, item: Record<string, AttributeValue>, partial = false): void {
  const stored: Stored = partial ? new Partial(item) : item;
  if (!Object.isExtensible(entity)) {
    elsewhere.set(entity, stored);
  } else if (hasOwn.call(entity, SNAPSHOT)) {
    (entity as Carrier)[SNAPSHOT] = stored;
  } else {
    Object.defineProperty(entity, SNAPSHOT, { value: stored, writable: true, configurable: true, enumerable: false });
  }
}

function snapshot(stored: Stored | undefined): Snapshot | undefined {
  if (stored === undefined) return undefined;
  return stored instanceof Partial ? { item: stored.item, partial: true } : { item: stored, partial: false };
}

export function snapshotOf(entity: object): Snapshot | undefined {
  const other = elsewhere.get(entity);
  if (other !== undefined) return other === FORGOTTEN ? undefined : snapshot(other);
  return hasOwn.call(entity, SNAPSHOT) ? snapshot((entity as Carrier)[SNAPSHOT]) : undefined;
}

/**
 * A number in one canonical form, so that '1e+21' (how JavaScript writes it) and
 * '1000000000000000000000' (how DynamoDB returns it) compare equal: sign, significant digits
 * without leading/trailing zeros, exponent.
 */
export function canonicalNumber(n: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(n.trim());
  if (!m) return n;
  const [, sign, int = '', frac = '', exp = '0'] = m;
  let digits = (int + frac).replace(/^0+/, '');
  let exponent = Number(exp) - frac.length;
  if (digits === '') return '0';
  const trailing = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  return `${sign === '-' ? '-' : ''}${digits}e${exponent}`;
}

export function forget(entity: object): void {
  if (hasOwn.call(entity, SNAPSHOT) && !Reflect.deleteProperty(entity, SNAPSHOT)) elsewhere.set(entity, FORGOTTEN);
  else elsewhere.delete(entity);
}

/** Deep equality of two AttributeValues (sets compared as sets). */
export function sameValue(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a)[0] as keyof AttributeValue;
  const kb = Object.keys(b)[0] as keyof AttributeValue;
  if (ka !== kb) return false;
  const va = a[ka] as unknown;
  const vb = b[kb] as unknown;
  switch (ka) {
    case 'N':
      return va === vb || canonicalNumber(va as string) === canonicalNumber(vb as string);
    case 'S': case 'BOOL': case 'NULL':
      return va === vb;
    case 'B':
      return Buffer.compare(Buffer.from(va as Uint8Array), Buffer.from(vb as Uint8Array)) === 0;
    case 'SS': {
      const sa = va as string[]; const sb = vb as string[];
      return sa.length === sb.length && sa.every((x) => sb.includes(x));
    }
    case 'NS': {
      const sa = (va as string[]).map(canonicalNumber); const sb = (vb as string[]).map(canonicalNumber);
      return sa.length === sb.length && sa.every((x) => sb.includes(x));
    }
    case 'BS': {
      const sa = (va as Uint8Array[]).map((x) => Buffer.from(x).toString('base64'));
      const sb = (vb as Uint8Array[]).map((x) => Buffer.from(x).toString('base64'));
      return sa.length === sb.length && sa.every((x) => sb.includes(x));
    }
    case 'L': {
      const la = va as AttributeValue[]; const lb = vb as AttributeValue[];
      return la.length === lb.length && la.every((x, i) => sameValue(x, lb[i]));
    }
    case 'M': {
      const ma = va as Record<string, AttributeValue>; const mb = vb as Record<string, AttributeValue>;
      const keys = Object.keys(ma);
      return keys.length === Object.keys(mb).length && keys.every((k) => sameValue(ma[k], mb[k]));
    }
  }
  return false;
}
