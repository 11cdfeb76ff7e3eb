/**
 * String, number and binary sets (JS `Set`) ⇄ SS / NS / BS. An empty set is no value at all
 * (DynamoDB has no empty sets), so it encodes to undefined and the attribute is omitted.
 * Members that are different in JS but equal once encoded (1 and 1n, two Uint8Arrays with the
 * same bytes) are refused: DynamoDB sets cannot hold duplicates. Messages name the set, not the
 * member (set members have no index).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { valueRule } from '../errors/value';
import { fail } from './failure';
import { bigintToN, canonicalNumber, exactNumber, numberToN } from './numbers';
import { copyBytes } from './bytes';
import { meter } from './size';

export function encodeStringSet(set: ReadonlySet<unknown>): AttributeValue | undefined {
  if (set.size === 0) return undefined;
  const out = Array.from(set);
  let bound = 0;
  for (let i = 0; i < out.length; i++) {
    const member = out[i];
    if (typeof member !== 'string') fail(valueRule.wrongType('a string (a member of a string set)', member));
    bound += member.length * 3;
  }
  meter.bound += bound;
  return { SS: out as string[] };
}

export function encodeNumberMember(member: unknown): string {
  if (typeof member === 'number') return numberToN(member);
  if (typeof member === 'bigint') return bigintToN(member);
  return fail(valueRule.wrongType('a number or bigint (a member of a number set)', member));
}

/** `readAsNumbers`: the set is read back as numbers (the numberSet kind), so a bigint member must be one a number holds exactly. */
export function encodeNumberSet(set: ReadonlySet<unknown>, readAsNumbers = false): AttributeValue | undefined {
  if (set.size === 0) return undefined;
  const out: string[] = new Array(set.size);
  let i = 0;
  let bigints = false;
  let bound = 0;
  for (const member of set) {
    if (typeof member === 'bigint') {
      bigints = true;
      // Read back, the member must be the number it is, written the way JavaScript writes it (2n ** 60n
      // is exactly 2 ** 60, but its digits read back as a number that JavaScript writes 1152921504606847000).
      if (readAsNumbers && canonicalNumber(String(Number(member))) !== canonicalNumber(String(member))) fail(valueRule.inexactSetMember(member));
    }
    const text = encodeNumberMember(member);
    bound += text.length + 3;
    out[i++] = text;
  }
  meter.bound += bound;
  // Distinct JS numbers have distinct texts; only a bigint can collide with a number (1 and 1n),
  // and for a set read back as numbers, with the number it reads back as (2 ** 60 and 2n ** 60n).
  if (bigints) {
    const seen = new Set<string>();
    for (const text of out) {
      const key = readAsNumbers ? String(+text) : canonicalNumber(text);
      if (seen.has(key)) fail(valueRule.duplicateSetMember(`two members of the set are the number ${text} once encoded (1 and 1n, say)`));
      seen.add(key);
    }
  }
  return { NS: out };
}

export function encodeBinaryMember(member: unknown): Uint8Array {
  if (member instanceof Uint8Array || member instanceof ArrayBuffer) return copyBytes(member);
  return fail(valueRule.wrongType('a Uint8Array or Buffer (a member of a binary set)', member));
}

export function encodeBinarySet(set: ReadonlySet<unknown>): AttributeValue | undefined {
  if (set.size === 0) return undefined;
  const out: Uint8Array[] = new Array(set.size);
  let i = 0;
  let bound = 0;
  for (const member of set) {
    const bytes = encodeBinaryMember(member);
    bound += bytes.byteLength;
    out[i++] = bytes;
  }
  meter.bound += bound;
  if (out.length > 1) {
    const seen = new Set<string>();
    for (const bytes of out) {
      const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      if (seen.has(content)) fail(valueRule.duplicateSetMember(`two members of the set hold the same ${bytes.byteLength} bytes`));
      seen.add(content);
    }
  }
  return { BS: out };
}

export function decodeNumberSet(members: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < members.length; i++) {
    const text = members[i];
    const n = exactNumber(text);
    // Only a member's shortest form reads as a number, so two members can no longer read as one; kept as a guard.
    if (n === undefined || out.has(n)) fail(valueRule.impreciseInSet(text));
    out.add(n);
  }
  return out;
}
