/**
 * A table key read from an item must be written back as the same key, or the entity names another
 * item: get() misses it, save() and delete(entity) act on nothing, put() makes a second item. Most
 * kinds read a key one-to-one; these do not, and are checked when read:
 *  - `date`: other ISO-8601 forms read as the same instant (`2020-01-01T00:00:00Z` is written back
 *    as `2020-01-01T00:00:00.000Z`, another string, so another key);
 *  - `epochSeconds`: a fraction of a second (`1700000000.5` is written back as `1700000000`);
 *  - a converter, which may not give back what it read.
 * Numbers need no check: DynamoDB compares N keys as numbers (`1.0` is `1`), and a number that
 * would not come back exactly is already refused (`value.imprecise`).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { valueRule } from '../errors/value';
import { shown } from '../errors/shown';
import { fail } from './failure';
import type { AttributeCodec, AttributeSpec, Decoder, Encoder } from './kinds';
import { sameValue } from './same-value';

/** The decoder of a table key attribute: the kind's, checked to write the key back unchanged where it may not. */
export function tableKeyDecoder(spec: AttributeSpec, codec: AttributeCodec): Decoder {
  if (spec.kind !== 'date' && spec.kind !== 'epochSeconds' && spec.converter === undefined) return codec.decode;
  return (av) => {
    const value = codec.decode(av);
    if (value === null || value === undefined) return value;
    let back: AttributeValue | undefined;
    try {
      back = codec.encode(value, 1);
    } catch {
      back = undefined;
    }
    if (back === undefined || !sameValue(av, back)) fail(valueRule.keyNotWrittenBack(shown(av), back === undefined ? 'nothing (its encoder refuses the value read)' : shown(back)));
    return value;
  };
}

/**
 * The encoder of a table key attribute. An `epochSeconds` key given a number with a fraction would
 * be stored as given (1700000000.5) and then refused by every read (a Date holds milliseconds, and
 * is written back in whole seconds): refused when written instead.
 */
export function tableKeyFieldEncoder(spec: AttributeSpec, codec: AttributeCodec): Encoder {
  if (spec.kind !== 'epochSeconds' || spec.converter !== undefined) return codec.encode;
  return (value, level) => {
    if (typeof value === 'number' && !Number.isInteger(value)) fail(valueRule.fractionalKeySeconds(value));
    return codec.encode(value, level);
  };
}
