/**
 * Checks an AttributeValue that dynamap did not build itself (a converter's toDynamo result):
 * exactly one type, a value of that type, sets non-empty and without duplicates, numbers DynamoDB
 * accepts, maps with non-empty keys, nesting within DynamoDB's 32 levels. What DynamoDB would
 * refuse is refused here, before sending, naming the rule.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { describeValue, valueRule } from '../errors/value';
import { MAX_CONTAINER_LEVEL, checkMapKey } from './any';
import { fail } from './failure';
import { canonicalNumber, checkNumberText } from './numbers';

const TYPES = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];

function refuse(detail: string): never {
  return fail(valueRule.converterShape(detail));
}

function checkSet(type: string, members: unknown): void {
  if (!Array.isArray(members)) refuse(`${type} must be an array`);
  if (members.length === 0) refuse(`${type} is empty (DynamoDB has no empty sets: return undefined to store nothing)`);
  const seen = new Map<string, unknown>();
  for (const m of members) {
    let id: string;
    if (type === 'SS') {
      if (typeof m !== 'string') refuse(`SS holds ${describeValue(m)}, not a string`);
      id = m;
    } else if (type === 'NS') {
      if (typeof m !== 'string') refuse(`NS holds ${describeValue(m)}, not number text`);
      checkNumberText(m);
      id = canonicalNumber(m);
    } else {
      if (!(m instanceof Uint8Array)) refuse(`BS holds ${describeValue(m)}, not a Uint8Array`);
      id = Buffer.from(m).toString('base64');
    }
    if (seen.has(id)) {
      refuse(type === 'BS' ? 'BS holds the same bytes twice (DynamoDB sets cannot hold duplicates)'
        : m === seen.get(id) ? `${type} holds ${JSON.stringify(m)} twice (DynamoDB sets cannot hold duplicates)`
          : `NS holds ${JSON.stringify(seen.get(id))} and ${JSON.stringify(m)}, one number written twice (DynamoDB sets cannot hold duplicates)`);
    }
    seen.set(id, m);
  }
}

/** `level`: the nesting level of the value (a top-level attribute is 1). */
export function checkAttributeValue(av: unknown, level = 1): AttributeValue {
  if (av === null || typeof av !== 'object' || Array.isArray(av)) refuse(`${describeValue(av)} is not an AttributeValue`);
  const value = av as Record<string, unknown>;
  const types = Object.keys(value).filter((k) => value[k] !== undefined);
  if (types.length !== 1 || !TYPES.includes(types[0])) {
    refuse(`an AttributeValue has exactly one of ${TYPES.join(', ')}; this one has ${types.length ? types.join(', ') : 'none'}`);
  }
  const type = types[0];
  const v = value[type];
  switch (type) {
    case 'S':
      if (typeof v !== 'string') refuse(`S holds ${describeValue(v)}, not a string`);
      break;
    case 'N':
      if (typeof v !== 'string') refuse(`N holds ${describeValue(v)}, not number text`);
      checkNumberText(v);
      break;
    case 'B':
      if (!(v instanceof Uint8Array)) refuse(`B holds ${describeValue(v)}, not a Uint8Array`);
      break;
    case 'BOOL':
      if (typeof v !== 'boolean') refuse(`BOOL holds ${describeValue(v)}, not a boolean`);
      break;
    case 'NULL':
      if (v !== true) refuse(`NULL holds ${describeValue(v)}; it must be true`);
      break;
    case 'SS':
    case 'NS':
    case 'BS':
      checkSet(type, v);
      break;
    case 'L':
      if (!Array.isArray(v)) refuse(`L holds ${describeValue(v)}, not an array`);
      if (level > MAX_CONTAINER_LEVEL) fail(valueRule.tooDeep());
      for (const element of v) checkAttributeValue(element, level + 1);
      break;
    case 'M':
      if (v === null || typeof v !== 'object' || Array.isArray(v)) refuse(`M holds ${describeValue(v)}, not an object`);
      if (level > MAX_CONTAINER_LEVEL) fail(valueRule.tooDeep());
      for (const [key, member] of Object.entries(v)) {
        checkMapKey(key);
        checkAttributeValue(member, level + 1);
      }
      break;
  }
  return av as AttributeValue;
}
