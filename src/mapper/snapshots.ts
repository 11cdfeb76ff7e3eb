/**
 * What each entity looked like when it was read, so save() can write only what changed. Kept in a
 * WeakMap: entities stay plain instances, and a snapshot dies with its entity.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** The item as read; `partial` when it was read with a projection (attributes may be missing). */
export interface Snapshot {
  readonly item: Record<string, AttributeValue>;
  readonly partial: boolean;
}

const snapshots = new WeakMap<object, Snapshot>();

export function remember(entity: object, item: Record<string, AttributeValue>, partial = false): void {
  snapshots.set(entity, { item, partial });
}

export function snapshotOf(entity: object): Snapshot | undefined {
  return snapshots.get(entity);
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
  snapshots.delete(entity);
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
