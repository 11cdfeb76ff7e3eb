/**
 * Item identity for deduplication: the table name and the encoded key values. Keys are compared
 * after encoding, so two keys the user wrote differently but DynamoDB stores alike (a Date and its
 * ISO string, say) are one item, exactly as DynamoDB would see them.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { canonicalNumber } from '../../codec';
import type { ModelSchema } from '../../metadata/types';

function scalarText(value: AttributeValue): string {
  if (value.S !== undefined) return `S${value.S}`;
  // DynamoDB answers with its own form of a number (1e-7 comes back as 0.0000001): compare canonically.
  if (value.N !== undefined) return `N${canonicalNumber(value.N)}`;
  if (value.B !== undefined) return `B${Buffer.from(value.B).toString('base64')}`;
  // Key attributes are S, N or B; the codec refuses anything else before we get here.
  return `?${JSON.stringify(value)}`;
}

/** A string naming one item of one table; equal strings mean the same item. */
export function itemIdentity(table: string, key: Record<string, AttributeValue>, schema: ModelSchema): string {
  const pk = key[schema.key.partitionKey.name];
  const sk = schema.key.sortKey ? key[schema.key.sortKey.name] : undefined;
  // \u0000 cannot occur in a table name and is escaped nowhere, so the parts cannot run together.
  return `${table}\u0000${pk ? scalarText(pk) : ''}\u0000${sk ? scalarText(sk) : ''}`;
}

/** The key attributes of a full item (what a Put request is identified by). */
export function keyOfItem(schema: ModelSchema, item: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const key: Record<string, AttributeValue> = { [schema.key.partitionKey.name]: item[schema.key.partitionKey.name] };
  if (schema.key.sortKey) key[schema.key.sortKey.name] = item[schema.key.sortKey.name];
  return key;
}

/** The table key of an item in property terms, for messages: `{ pk: "CUSTOMER#1", sk: 3 }`. */
export function itemKeyText(schema: ModelSchema, item: Record<string, AttributeValue>): string {
  const parts: string[] = [];
  for (const attr of [schema.key.partitionKey, schema.key.sortKey]) {
    if (!attr) continue;
    const v = item[attr.name];
    const text = v?.S !== undefined ? JSON.stringify(v.S) : v?.N !== undefined ? v.N : v?.B !== undefined ? `<${v.B.byteLength} bytes>` : 'missing';
    parts.push(`${attr.property}: ${text}`);
  }
  return `{ ${parts.join(', ')} }`;
}
