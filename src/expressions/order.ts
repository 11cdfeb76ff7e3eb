/**
 * DynamoDB's order of scalar values: N by numeric value (exactly, no float rounding), S by the
 * bytes of its UTF-8 encoding (not JavaScript's UTF-16 order), B bytewise. Used to refuse
 * `between(high, low)` before sending.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** Negative, zero or positive; undefined when the two values are not of one ordered type. */
export function compareAttributeValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if (a.N !== undefined && b.N !== undefined) return compareDecimalText(a.N, b.N);
  if (a.S !== undefined && b.S !== undefined) return compareBytes(Buffer.from(a.S, 'utf8'), Buffer.from(b.S, 'utf8'));
  if (a.B !== undefined && b.B !== undefined) return compareBytes(a.B, b.B);
  return undefined;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

interface Decimal {
  readonly sign: -1 | 0 | 1;
  /** Significant digits without leading/trailing zeros. */
  readonly digits: string;
  /** Position of the decimal point relative to the first digit (value = 0.digits × 10^point). */
  readonly point: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const whole = m[2];
  const fraction = m[3] ?? '';
  let digits = whole + fraction;
  let point = whole.length + Number(m[4] ?? 0);
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead).replace(/0+$/, '');
  point -= lead;
  if (digits === '') return { sign: 0, digits: '', point: 0 };
  return { sign: m[1] === '-' ? -1 : 1, digits, point };
}

/** Exact comparison of two decimal texts (N values); NaN-like texts compare as equal. */
export function compareDecimalText(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) return 0;
  if (x.sign !== y.sign) return x.sign - y.sign;
  if (x.sign === 0) return 0;
  let magnitude: number;
  if (x.point !== y.point) magnitude = x.point - y.point;
  else {
    const n = Math.max(x.digits.length, y.digits.length);
    const dx = x.digits.padEnd(n, '0');
    const dy = y.digits.padEnd(n, '0');
    magnitude = dx < dy ? -1 : dx > dy ? 1 : 0;
  }
  return x.sign * Math.sign(magnitude);
}
