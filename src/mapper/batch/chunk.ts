/** Splitting work into requests DynamoDB accepts: 25 writes or 100 keys per batch call. */

export const WRITE_CHUNK = 25;
export const GET_CHUNK = 100;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
