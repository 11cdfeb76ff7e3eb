/**
 * Numbers as DynamoDB sees them: decimal text (N) of at most 38 significant digits, magnitude
 * 1E-130 to 9.9999999999999999999999999999999999999E+125, no NaN or Infinity. Reading refuses
 * to lose precision: an N that a JS number cannot hold exactly is an error, never a rounded value.
 */
import { valueRule } from '../errors/value';
import { fail } from './failure';

/** The smallest double whose shortest text is at least 1E+126 (every double >= it is refused). */
const TOO_LARGE = 1e126;
/** The double nearest 1E-130: a non-zero double below it has a text below 1E-130. */
const TOO_SMALL = 1e-130;
const MAX_DIGITS = 38;
const MAX_EXPONENT = 125;
const MIN_EXPONENT = -130;

/** A JS number as N text, or a failure naming the rule it breaks. */
export function numberToN(n: number): string {
  if (n !== n || n === Infinity || n === -Infinity) fail(valueRule.notFinite(n));
  const a = n < 0 ? -n : n;
  if (a >= TOO_LARGE) fail(valueRule.numberTooLarge(String(n)));
  if (a < TOO_SMALL && a !== 0) fail(valueRule.numberTooSmall(String(n)));
  return String(n); // -0 becomes "0"; a double has at most 17 significant digits
}

/** A bigint as N text: exact, any size DynamoDB can hold. */
export function bigintToN(b: bigint): string {
  const text = b.toString();
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  const length = text.length - start;
  if (length - 1 > MAX_EXPONENT) fail(valueRule.numberTooLarge(text));
  let end = text.length;
  while (end > start + 1 && text.charCodeAt(end - 1) === 48) end--;
  const digits = end - start;
  if (digits > MAX_DIGITS) fail(valueRule.tooManyDigits(text, digits));
  return text;
}

/** A decimal in normal form: value = (neg ? -1 : 1) × 0.d1d2d3… × 10^(exponent + 1); zero has digits ''. */
export interface Decimal {
  readonly negative: boolean;
  /** Significant digits, no leading or trailing zeros ('' for zero). */
  readonly digits: string;
  /** Exponent of the first significant digit (scientific notation): 1234 → 3, 0.05 → -2. */
  readonly exponent: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses decimal text (`-12.50`, `1e+21`, `.5`); undefined when it is not a number. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int.length + frac.length === 0) return undefined;
  const mantissa = int + frac;
  let first = 0;
  while (first < mantissa.length && mantissa.charCodeAt(first) === 48) first++;
  if (first === mantissa.length) return { negative: false, digits: '', exponent: 0 };
  let last = mantissa.length;
  while (mantissa.charCodeAt(last - 1) === 48) last--;
  const e = m[4] === undefined ? 0 : Number(m[4]);
  return { negative: m[1] === '-', digits: mantissa.slice(first, last), exponent: int.length - 1 - first + e };
}

/** A canonical text for an N value, equal for equal numbers (`1`, `1.0`, `1e0` → `1e0`). */
export function canonicalNumber(text: string): string {
  const d = parseDecimal(text);
  if (!d) return text;
  return d.digits === '' ? '0' : `${d.negative ? '-' : ''}${d.digits}e${d.exponent}`;
}

/** Checks decimal text against DynamoDB's number rules (for N text that did not come from a JS number). */
export function checkNumberText(text: string): string {
  const d = parseDecimal(text);
  if (!d) fail(valueRule.notNumberText(text));
  if (d.digits === '') return text;
  if (d.exponent > MAX_EXPONENT) fail(valueRule.numberTooLarge(text));
  if (d.exponent < MIN_EXPONENT) fail(valueRule.numberTooSmall(text));
  if (d.digits.length > MAX_DIGITS) fail(valueRule.tooManyDigits(text, d.digits.length));
  return text;
}

/** True for short plain decimals (`-12.5`, `1985`): at most 15 digits, so a double holds them exactly. */
function isShortPlainDecimal(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 15) return false;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === length) return false;
  let dot = false;
  let digits = 0;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

function sameDecimal(a: Decimal, b: Decimal): boolean {
  return a.digits === b.digits && (a.digits === '' || (a.negative === b.negative && a.exponent === b.exponent));
}

/**
 * Reads N text as a JS number when that loses nothing: the text is the number's shortest form,
 * what JS (numberToN) writes for it, so 0.1 and 1e21 read back as written and a read entity put
 * back writes the same DynamoDB number. Otherwise undefined (the caller says why): 2^60 written in
 * full (1152921504606846976, a Java long) is exact in a double, but JS writes it back as
 * 1152921504606847000, another number for DynamoDB.
 */
export function exactNumber(text: string): number | undefined {
  const n = +text;
  if (isShortPlainDecimal(text)) return n;
  const d = parseDecimal(text);
  if (!d) fail(valueRule.notNumberText(text));
  if (n !== n || n === Infinity || n === -Infinity) return undefined;
  const back = parseDecimal(String(n));
  return back && sameDecimal(d, back) ? n : undefined;
}

/**
 * A fraction a double cannot hold exactly, read as the nearest double: DynamoDB adds in decimal,
 * so increment(0.1) of 0.30000000000000004 stores 0.40000000000000004, and refusing to read it made
 * the item (and every query of its partition) unreadable. Only below 2^53, where the integer part
 * stays exact and the loss is in the last digits of the fraction. Undefined for an integer (an
 * integer a double cannot hold is another integer: bigint is the type for it).
 */
function nearestFraction(text: string): number | undefined {
  const d = parseDecimal(text);
  if (!d || d.digits === '' || d.exponent + 1 >= d.digits.length) return undefined;
  const n = +text;
  return Math.abs(n) < 2 ** 53 ? n : undefined;
}

/**
 * N text → number: exact when a double holds it; a fraction below 2^53 to the nearest double
 * (see nearestFraction); an integer a double cannot hold is refused (bigint holds it).
 */
export function nToNumber(text: string): number {
  const n = exactNumber(text) ?? nearestFraction(text);
  if (n === undefined) fail(valueRule.imprecise(text));
  return n;
}

/** N text → bigint; refuses a non-integer. */
export function nToBigint(text: string): bigint {
  if (/^-?\d+$/.test(text)) return BigInt(text);
  const d = parseDecimal(text);
  if (!d) fail(valueRule.notNumberText(text));
  if (d.digits === '') return 0n;
  if (d.exponent + 1 < d.digits.length) fail(valueRule.notInteger(text));
  return BigInt((d.negative ? '-' : '') + d.digits + '0'.repeat(d.exponent + 1 - d.digits.length));
}

/** N text → number when exact, else bigint for an integer; a non-integer that a double cannot hold is refused. */
export function nToNumberOrBigint(text: string, onImprecise: (text: string) => never): number | bigint {
  const n = exactNumber(text);
  if (n !== undefined) return n;
  const d = parseDecimal(text);
  if (d && d.exponent + 1 >= d.digits.length) return nToBigint(text);
  return nearestFraction(text) ?? onImprecise(text);
}

/** Bytes an N value takes in DynamoDB's item size (the rule dynalite reproduces from the service). */
export function numberSize(text: string): number {
  const d = parseDecimal(text);
  if (!d || d.digits === '') return 1;
  const n = d.digits.length;
  return 1 + Math.ceil(n / 2) + (n % 2 || d.exponent % 2 ? 0 : 1) + (d.negative ? 1 : 0);
}
