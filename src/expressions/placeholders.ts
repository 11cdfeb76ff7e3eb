/**
 * Placeholder allocation for one request: `#n0, #n1...` for name segments and `:v0, :v1...` for
 * values, numbered in the order they are first used (so the output is deterministic and tests
 * can assert exact strings), one placeholder per distinct name and per equal value. Every name
 * segment goes through a placeholder, always: an alias derived from the name itself could
 * collide (`a-b` and `a_b`), and reserved words, dots, dashes and digits then need no rules.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { utf8Length, valueSize } from '../codec';
import type { AttributePath } from './ast';

export class Placeholders {
  private readonly nameOf = new Map<string, string>();
  private readonly valueOf = new Map<string, string>();
  private readonly nameMap: Record<string, string> = {};
  private readonly valueMap: Record<string, AttributeValue> = {};
  /** Bytes of ExpressionAttributeNames and ExpressionAttributeValues together (placeholders included). */
  bytes = 0;

  /** The `#nK` placeholder of one name segment. */
  name(segment: string): string {
    let p = this.nameOf.get(segment);
    if (p === undefined) {
      p = `#n${this.nameOf.size}`;
      this.nameOf.set(segment, p);
      this.nameMap[p] = segment;
      this.bytes += p.length + utf8Length(segment);
    }
    return p;
  }

  /** The `:vK` placeholder of a value; an equal value (same type, same content) reuses it. */
  value(value: AttributeValue): string {
    const key = valueKey(value);
    let p = this.valueOf.get(key);
    if (p === undefined) {
      p = `:v${this.valueOf.size}`;
      this.valueOf.set(key, p);
      this.valueMap[p] = value;
      this.bytes += p.length + valueSize(value);
    }
    return p;
  }

  /** `#n0.#n1[2]`: each name segment through its placeholder, list indexes as numbers. */
  path(path: AttributePath): string {
    let out = '';
    for (const element of path) {
      if (typeof element === 'number') out += `[${element}]`;
      else out += (out ? '.' : '') + this.name(element);
    }
    return out;
  }

  /** ExpressionAttributeNames, or undefined when empty (DynamoDB refuses an empty map). */
  names(): Record<string, string> | undefined {
    return this.nameOf.size ? { ...this.nameMap } : undefined;
  }

  /** ExpressionAttributeValues, or undefined when empty. */
  values(): Record<string, AttributeValue> | undefined {
    return this.valueOf.size ? { ...this.valueMap } : undefined;
  }
}

/** A canonical text of an AttributeValue, for reuse of equal values (binaries by their bytes). */
function valueKey(value: AttributeValue): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // `this[key]` is the value before toJSON, so a Buffer and a Uint8Array of equal bytes agree.
    const original = this[key];
    if (original instanceof Uint8Array) {
      return { $bytes: Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64') };
    }
    return v;
  });
}
