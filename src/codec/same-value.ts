/**
 * Deep equality of two AttributeValues as DynamoDB compares them: numbers by value (`1.0` is `1`),
 * sets as sets, binaries by their bytes (a Uint8Array, or base64 text as in Streams records and
 * exports). Used by the save() diff and by the table-key round-trip check (key-form.ts).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { storedBytes } from './bytes';
import { canonicalNumber } from './numbers';

function bytesText(value: unknown): string {
  return Buffer.from(storedBytes(value as Uint8Array | string)).toString('base64');
}

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
      return bytesText(va) === bytesText(vb);
    case 'SS': {
      const sa = va as string[]; const sb = vb as string[];
      return sa.length === sb.length && sa.every((x) => sb.includes(x));
    }
    case 'NS': {
      const sa = (va as string[]).map(canonicalNumber); const sb = (vb as string[]).map(canonicalNumber);
      return sa.length === sb.length && sa.every((x) => sb.includes(x));
    }
    case 'BS': {
      const sa = (va as Uint8Array[]).map(bytesText);
      const sb = (vb as Uint8Array[]).map(bytesText);
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
