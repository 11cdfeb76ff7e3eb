/**
 * An item read from DynamoDB as an entity; an item the model cannot read (written by another
 * program or an older model) is refused with its key in the message, so the caller knows which
 * stored item to fix, as a query or batchGet says.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { valueError } from '../errors/value';
import type { ModelCodec } from '../codec';
import type { ModelSchema } from '../metadata/types';
import { itemKeyText } from './batch/keys';

export function readItem<T extends object>(codec: ModelCodec<T>, schema: ModelSchema, item: Record<string, AttributeValue>): T {
  try {
    return codec.fromItem(item);
  } catch (error) {
    throw valueError.inItem(error, itemKeyText(schema, item));
  }
}
