/** The rules every key value obeys (table and index keys): its scalar type, not empty, not too long. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { valueRule } from '../errors/value';
import { fail } from './failure';
import { utf8Length } from './size';

/** 2048 bytes for a partition key value, 1024 for a sort key value. */
export const PARTITION_KEY_LIMIT = 2048;
export const SORT_KEY_LIMIT = 1024;

export function checkKeyValue(av: AttributeValue, scalarType: string | undefined, role: string, limit: number): void {
  const v = av as unknown as Record<string, unknown>;
  if (scalarType !== undefined && v[scalarType] === undefined) {
    fail(valueRule.keyType(role, `stored as ${scalarType}`, v.NULL !== undefined ? null : av));
  }
  if (typeof v.S === 'string') {
    const s = v.S;
    if (s.length === 0) fail(valueRule.keyEmpty(role, 'string'));
    if (s.length * 3 > limit) {
      const size = utf8Length(s);
      if (size > limit) fail(valueRule.keyTooLong(role, size, limit));
    }
  } else if (v.B instanceof Uint8Array) {
    if (v.B.byteLength === 0) fail(valueRule.keyEmpty(role, 'binary'));
    if (v.B.byteLength > limit) fail(valueRule.keyTooLong(role, v.B.byteLength, limit));
  }
}
