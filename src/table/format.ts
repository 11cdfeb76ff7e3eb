/**
 * Short, stable text for key schemas and projections, used in every "declared vs actual" message
 * so that the same thing always reads the same way.
 */
import type { AttributeDefinition, KeySchemaElement, Projection } from '@aws-sdk/client-dynamodb';

/** `HASH "year" (N), RANGE "title" (S)`; the type is left out when no definition is known. */
export function formatKeySchema(
  keySchema: readonly KeySchemaElement[] | undefined,
  definitions: readonly AttributeDefinition[] | undefined,
): string {
  if (!keySchema || keySchema.length === 0) return 'no key';
  return sortKeySchema(keySchema)
    .map((k) => {
      const type = definitions?.find((d) => d.AttributeName === k.AttributeName)?.AttributeType;
      return `${k.KeyType} ${JSON.stringify(k.AttributeName)}${type ? ` (${type})` : ''}`;
    })
    .join(', ');
}

/** `ALL`, `KEYS_ONLY` or `INCLUDE ["a", "b"]` (attribute names sorted). */
export function formatProjection(projection: Projection | undefined): string {
  const type = projection?.ProjectionType ?? 'ALL';
  if (type !== 'INCLUDE') return type;
  return `INCLUDE ${JSON.stringify([...(projection?.NonKeyAttributes ?? [])].sort())}`;
}

/** HASH first, then RANGE: DynamoDB's order, whatever order a description came in. */
export function sortKeySchema(keySchema: readonly KeySchemaElement[]): KeySchemaElement[] {
  return [...keySchema].sort((a, b) => (a.KeyType === b.KeyType ? 0 : a.KeyType === 'HASH' ? -1 : 1));
}

/** True when two key schemas name the same attributes in the same roles (types are compared separately). */
export function sameKeySchema(a: readonly KeySchemaElement[] | undefined, b: readonly KeySchemaElement[] | undefined): boolean {
  const x = sortKeySchema(a ?? []);
  const y = sortKeySchema(b ?? []);
  return x.length === y.length && x.every((k, i) => k.AttributeName === y[i].AttributeName && k.KeyType === y[i].KeyType);
}

/** True when two projections keep the same attributes (INCLUDE lists compared as sets). */
export function sameProjection(a: Projection | undefined, b: Projection | undefined): boolean {
  return formatProjection(a) === formatProjection(b);
}
