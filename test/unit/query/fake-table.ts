/**
 * A fake DynamoDB for unit tests of paging: a client whose `send` answers Query/Scan from an array
 * of items in key order, honouring Limit, ExclusiveStartKey, Select COUNT and Segment/TotalSegments
 * (items dealt to segments round-robin), with the filter given as a JS predicate.
 */
import { DynamoDBClient, type AttributeValue } from '@aws-sdk/client-dynamodb';

type Item = Record<string, AttributeValue>;

export interface FakeOptions {
  /** The attribute names of a start key, in order. */
  readonly keyNames: readonly string[];
  /** Applied when the request has a FilterExpression. */
  readonly filter?: (item: Item) => boolean;
  /** Called before each answer; may throw (an AWS error) or delay. */
  readonly before?: (input: Record<string, unknown>, call: number) => Promise<void> | void;
}

export interface FakeClient {
  readonly client: DynamoDBClient;
  readonly inputs: Record<string, unknown>[];
}

function sameKey(item: Item, key: Item, names: readonly string[]): boolean {
  return names.every((n) => JSON.stringify(item[n]) === JSON.stringify(key[n]));
}

export function fakeClient(items: readonly Item[], options: FakeOptions): FakeClient {
  const client = new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const inputs: Record<string, unknown>[] = [];
  jest.spyOn(client, 'send').mockImplementation((async (command: { input: Record<string, unknown> }) => {
    const input = command.input;
    inputs.push(input);
    await options.before?.(input, inputs.length);
    const total = input.TotalSegments as number | undefined;
    const mine = total === undefined ? [...items] : items.filter((_, i) => i % total === (input.Segment as number));
    const ordered = input.ScanIndexForward === false ? mine.reverse() : mine;
    const esk = input.ExclusiveStartKey as Item | undefined;
    const from = esk ? ordered.findIndex((i) => sameKey(i, esk, options.keyNames)) + 1 : 0;
    const limit = (input.Limit as number | undefined) ?? Number.MAX_SAFE_INTEGER;
    const read = ordered.slice(from, from + limit);
    const more = from + read.length < ordered.length;
    const kept = input.FilterExpression && options.filter ? read.filter(options.filter) : read;
    const last = read[read.length - 1];
    const lastKey = more && last ? Object.fromEntries(options.keyNames.map((n) => [n, last[n]])) : undefined;
    const copy = kept.map((i) => ({ ...i }));
    return {
      ...(input.Select === 'COUNT' ? {} : { Items: copy }),
      Count: kept.length,
      ScannedCount: read.length,
      ...(lastKey ? { LastEvaluatedKey: lastKey } : {}),
      $metadata: {},
    };
  }) as never);
  return { client, inputs };
}
