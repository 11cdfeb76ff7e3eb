/**
 * Messages for values, keys and items refused by the codec. Each message names the class and
 * property path (`Movie.info.rating`), the rule that refused the value, and what to do instead.
 *
 * The codec builds a `ValueRule` (code + the text after the path) where the problem is found, and
 * turns it into a ValidationError once the full property path is known (`valueError.at`).
 */
import { ItemTooLargeError, ValidationError } from './classes';
import { shown, shownName } from './shown';

/** A refused value, before the path is known: a code and the sentence that follows the path. */
export interface ValueRule {
  readonly code: string;
  readonly rule: string;
}

export const MAX_NUMBER_TEXT = '9.9999999999999999999999999999999999999E+125';

/** A short, safe description of a value for messages (never the whole of a large value). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `the string "${value.slice(0, 37)}..." (${value.length} characters)` : `the string ${JSON.stringify(value)}`;
    case 'number':
      return `the number ${String(value)}`;
    case 'bigint':
      return `the bigint ${String(value)}n`;
    case 'boolean':
      return `the boolean ${String(value)}`;
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (Array.isArray(value)) return `an array (${value.length} elements)`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an Invalid Date' : `the Date ${value.toISOString()}`;
  if (value instanceof Uint8Array) return `binary data (${value.byteLength} bytes)`;
  if (value instanceof Set) return `a Set (${value.size} members)`;
  if (value instanceof Map) return `a Map (${value.size} entries)`;
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  const name = proto?.constructor?.name;
  return proto === null || proto === Object.prototype || !name ? 'an object' : `an instance of ${name}`;
}

function r(code: string, rule: string): ValueRule {
  return { code: `value.${code}`, rule };
}

function k(code: string, rule: string): ValueRule {
  return { code: `key.${code}`, rule };
}

/** The part of an AttributeValue a message looks at. */
interface AttributeValueLike {
  readonly S?: string;
}

/** The rules, by what was refused. */
/** Whether N text is an integer (`12`, `1.20E+3`), for advice: bigint holds integers only. */
function isIntegerText(text: string): boolean {
  const m = /^-?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return false;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  return fraction.length <= Number(m[3] ?? 0);
}

export const valueRule = {
  notFinite: (value: number) =>
    r('notANumber', `${String(value)} is not a number DynamoDB can store (NaN and Infinity are refused): give a finite number, or leave the property undefined (it is then not stored)`),
  numberTooLarge: (text: string) =>
    r('numberTooLarge', `${text} is too large for DynamoDB: a number's magnitude is at most ${MAX_NUMBER_TEXT}; ` +
      "scale it to a smaller unit, or store it as text (type: 'string', or a converter)"),
  numberTooSmall: (text: string) =>
    r('numberTooSmall', `${text} is too close to zero for DynamoDB: a non-zero number's magnitude is at least 1E-130; ` +
      "round it to 0, scale it, or store it as text (type: 'string', or a converter)"),
  tooManyDigits: (text: string, digits: number) =>
    r('numberTooPrecise', `${text} has ${digits} significant digits; DynamoDB stores at most 38: ` +
      "round it to 38 digits, or store the exact digits as text (type: 'string', or a converter)"),
  notNumberText: (text: string) =>
    r('badNumber', `${JSON.stringify(text)} is not a number`),
  wrongType: (expected: string, value: unknown) =>
    r('type', `expected ${expected}, got ${describeValue(value)}`),
  invalidDate: () =>
    r('invalidDate', 'an Invalid Date cannot be stored: give a Date whose getTime() is a number'),
  emptyMapKey: () =>
    r('emptyMapKey', 'an empty map key, which DynamoDB refuses (it has no empty attribute names): use a non-empty key'),
  mapKeyTooLong: (bytes: number) =>
    r('mapKeyTooLong', `a map key of ${bytes} bytes, which DynamoDB refuses (attribute names are at most 65,535 bytes): use a shorter key, or store the text as a value`),
  unsafeInteger: (value: number) =>
    r('unsafeInteger', `${String(value)} is beyond 2^53, where a JavaScript number is not the integer it was written as ` +
      `(it cannot hold every integer there; this one holds ${BigInt(value)}): give the value as a bigint`),
  inexactSetMember: (value: bigint) =>
    r('imprecise', `the number set member ${value}n cannot be read back as a JavaScript number (a number set is read as numbers): ` +
      `use numbers within 2^53, or give the attribute a converter that reads the members as bigint`),
  notInteger: (value: unknown) =>
    r('notInteger', `${typeof value === 'string' ? value : describeValue(value)} is not an integer, so it cannot be a bigint`),
  notInEnum: (value: unknown, allowed: readonly (string | number)[]) =>
    r('enum', `${describeValue(value)} is not one of the allowed values (${allowed.map((v) => JSON.stringify(v)).join(', ')})`),
  required: () =>
    r('required', 'is required but is undefined and has no default: give it a value (or a `default` in its decorator)'),
  /** `what`: "two members of the set are the number 1 once encoded (1 and 1n, say)". */
  duplicateSetMember: (member: string) =>
    r('duplicateSetMember', `${member}; DynamoDB sets cannot hold duplicates: keep one of them`),
  tooDeep: () =>
    r('tooDeep', 'maps and lists nest deeper than DynamoDB allows (32 levels: the attribute and at most 31 nested maps/lists, ' +
      'counted from the item\'s root, so a value written at a nested path has fewer left), or an object holds itself (a cycle): ' +
      'flatten the value, or store its deepest part as a JSON string'),
  undefinedInList: () =>
    r('undefinedInList', 'a list element is undefined; DynamoDB lists cannot hold undefined: use null, or remove the element'),
  emptySetInList: () =>
    r('emptySetInList', 'a list element is an empty Set; DynamoDB has no empty sets: remove the element, or use an array'),
  mixedSet: (value: unknown) =>
    r('unsupported', `a Set whose first member is ${describeValue(value)} cannot be stored: DynamoDB sets hold strings, numbers or binaries`),
  unsupported: (value: unknown) =>
    r('unsupported', `${describeValue(value)} cannot be stored: use a string, number, bigint, boolean, null, Uint8Array, Date, ` +
      `Set, array or plain object, decorate the class's fields with @Attribute(), or give the attribute a converter`),
  mapKey: (key: unknown) =>
    r('mapKey', `map key ${describeValue(key)} is not a string: DynamoDB map keys are strings`),
  defaultThrew: (error: unknown) =>
    r('default', `the default function threw: ${error instanceof Error ? error.message : shown(error)}`),
  converterThrew: (direction: 'toDynamo' | 'fromDynamo', error: unknown) =>
    r('converter', `the converter's ${direction} threw: ${error instanceof Error ? error.message : shown(error)}`),
  converterShape: (detail: string) =>
    r('converter', `the converter's toDynamo returned something DynamoDB would refuse: ${detail}`),
  converterResult: (result: unknown) =>
    r('converter', `the converter's toDynamo returned ${describeValue(result)}, not an AttributeValue such as { S: '...' }`),
  // Reading
  storedAs: (type: string, expected: string) =>
    r('storedType', `is stored as ${type}, but the attribute expects ${expected}: fix the stored data or the attribute's type`),
  unreadable: (message: string) =>
    r('badAttributeValue', `could not be read (${message}): a malformed AttributeValue`),
  malformedAttributeValue: (av: unknown) =>
    r('badAttributeValue', `the stored value ${shown(av)} is not a well-formed AttributeValue (S and N hold strings, BOOL a boolean, ` +
      'B bytes or base64 text, SS/NS/BS/L arrays, M an object, NULL true)'),
  badAttributeValue: (value: unknown) =>
    r('badAttributeValue', `${describeValue(value)} is not an AttributeValue (an object with one of S, N, B, SS, NS, BS, M, L, NULL, BOOL)`),
  imprecise: (text: string) =>
    r('imprecise', `the stored number ${text} cannot be read as a JavaScript number and written back unchanged (a number holds it as ` +
      `${String(+text)}): ${isIntegerText(text) ? "declare the attribute with type: 'bigint' (or give it a converter)" : 'give the attribute a converter that keeps the text (a decimal library)'}`),
  impreciseInSet: (text: string) =>
    r('imprecise', `the stored number set holds ${text}, which cannot be read as a JavaScript number and written back unchanged ` +
      `(a number holds it as ${String(+text)}): give the attribute a converter that reads the members as ${isIntegerText(text) ? 'bigint' : 'text (a decimal library)'}`),
  impreciseAny: (text: string) =>
    r('imprecise', `the stored number ${text} is not an integer and cannot be read as a JavaScript number without losing precision: ` +
      `give the attribute a converter`),
  /** `stored`: 'S' for an ISO date, 'N' for epoch seconds (then 'number' reads it as stored). */
  invalidStoredDate: (text: string, stored: 'S' | 'N' = 'S') =>
    r('invalidDate', `the stored date ${JSON.stringify(text)} is not a valid date: fix the stored data, or declare the attribute ` +
      `as type '${stored === 'N' ? 'number' : 'string'}' (or give it a converter) to read it as stored`),
  fractionalKeySeconds: (value: number) =>
    r('keyForm', `the number ${value} has a fraction of a second: an epochSeconds key is read back as a Date and written in whole ` +
      `seconds, so this key could not be read back as itself. Give whole seconds (Math.floor), or declare the key type: 'number'`),
  keyNotWrittenBack: (stored: string, written: string) =>
    r('keyForm', `the stored key value ${stored} would be written back as ${written}, which is another key: the item could not be ` +
      `read again, saved or deleted at its key (and a put would make a second item). Declare the key attribute with a type that ` +
      `keeps the stored form (type: 'string' for dates in other formats, 'number' for fractional seconds), or rewrite the items ` +
      `in the form dynamap writes`),
  itemWithoutKey: (attribute: string, role: string, keys: readonly string[]) =>
    r('itemWithoutKey', `the item has no "${attribute}" attribute (the ${role}), so it is not a whole item of this model` +
      `${keys.length === 1 && keys[0] === 'Item' ? ': it looks like an export or Streams record; pass its Item (record.Item, or record.dynamodb.NewImage)' : ''}`),
  dateInObjectType: () =>
    r('dateInUntypedAttribute', 'is a Date, but TypeScript emitted the property\'s type as Object (a union such as Date | null, ' +
      'an interface or unknown), so it would be stored as text and read back as a string: give the attribute type: \'date\' ' +
      '(or \'epochSeconds\'), or type: \'any\' to store it as text on purpose'),
  otherEntity: (attribute: string, expected: string, stored: AttributeValueLike | undefined) =>
    r('otherEntity', `the item is not of entity type ${JSON.stringify(expected)}: its "${attribute}" attribute is ` +
      `${stored === undefined ? 'missing' : stored.S !== undefined ? JSON.stringify(stored.S) : 'not a string'}, ` +
      `expected ${JSON.stringify(expected)}. Read it with the model of its entity type (items written before the model had ` +
      `@Table({ entity }) need the attribute added)`),
  // Keys
  keyNotObject: (value: unknown) =>
    k('notObject', `a key must be an object of the key properties, got ${describeValue(value)}`),
  keyMissing: (property: string, role: string, keyProps: readonly string[]) =>
    k('missing', `the key has no ${property} (the ${role}); a key is { ${keyProps.join(', ')} }`),
  keyExtra: (property: string, keyProps: readonly string[]) =>
    k('extra', `${shownName(property)} is not part of the key; a key is { ${keyProps.join(', ')} } and nothing else`),
  keyType: (role: string, expected: string, value: unknown) =>
    k('type', `the ${role} must be ${expected}, got ${describeValue(value)}`),
  keyEmpty: (role: string, what: 'string' | 'binary') =>
    k('empty', `an empty ${what} cannot be a value of the ${role}: DynamoDB refuses empty strings and binaries in table and index keys. ` +
      (role.includes(' of index ') ? 'Give it a value, or leave it undefined (the item is then not in the index)' : 'Give the key a value')),
  keyTooLong: (role: string, size: number, max: number) =>
    k('tooLong', `a value of the ${role} is ${size} bytes (UTF-8); DynamoDB allows at most ${max} bytes: ` +
      'shorten it (a key is an identity: keep long text in another attribute, or key by a hash of it)'),
};

/** A ValidationError for one refused value at a property path such as `Movie.info.rating`. */
function at(path: string, rule: ValueRule, cause?: unknown): ValidationError {
  const message = `${path}: ${rule.rule}`;
  const dot = path.indexOf('.');
  const property = dot >= 0 ? path.slice(dot + 1) : undefined;
  const issue = property === undefined ? { code: rule.code, message } : { code: rule.code, path: property, message };
  return new ValidationError(rule.code, message, cause === undefined ? { issues: [issue] } : { issues: [issue], cause });
}

/** Several refusals at once (e.g. a key with a missing and an extra property) as one ValidationError. */
function combine(subject: string, errors: readonly ValidationError[]): ValidationError {
  if (errors.length === 1) return errors[0];
  const issues = errors.flatMap((e) => e.issues);
  // At most ten listed: a key object with thousands of stray properties must not make a message of thousands of lines.
  const listed = errors.slice(0, 10).map((e) => `  - ${e.message}`);
  if (errors.length > 10) listed.push(`  - and ${errors.length - 10} more (every one is in the error's issues)`);
  const message = `${errors.length} problems with ${subject}:\n` + listed.join('\n');
  return new ValidationError(errors[0].code, message, { issues });
}

export const valueError = {
  at,
  combine,
  itemTooLarge: (className: string, size: number, limit: number) =>
    new ItemTooLargeError(
      `${className}: the item is ${size} bytes; DynamoDB items are at most 400 KB (${limit} bytes, attribute names included). ` +
        'Store large values elsewhere (e.g. S3) and keep a reference, or split the item.',
      size,
    ),
  /** A read item the model refuses, with the item's key, so it can be found among many (a query or scan of a large table). */
  inItem: (error: unknown, key: string): unknown =>
    error instanceof ValidationError
      ? new ValidationError(error.code, `${error.message} (the item with key ${key})`, { issues: error.issues, cause: error })
      : error,
};
