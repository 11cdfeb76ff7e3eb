/**
 * What each entity looked like when it was read, so save() can write only what changed. Kept in a
 * WeakMap: entities stay plain instances, and a snapshot dies with its entity.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const snapshots = new WeakMap<object, Record<string, AttributeValue>>();

export function remember(entity: object, item: Record<string, AttributeValue>): void {
  snapshots.set(entity, item);
}

export function snapshotOf(entity: object): Record<string, AttributeValue> | undefined {
  return snapshots.get(entity);
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
    case 'S': case 'N': case 'BOOL': case 'NULL':
      return va === vb;
    case 'B':
      return Buffer.compare(Buffer.from(va as Uint8Array), Buffer.from(vb as Uint8Array)) === 0;
    case 'SS': case 'NS': {
      const sa = va as string[]; const sb = vb as string[];
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
