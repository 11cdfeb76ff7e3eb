/**
 * Which operators fit which values, by the category of the value at the path (resolve-path.ts).
 * These are DynamoDB's own rules, checked before sending so the error names the model and path
 * instead of coming back as "Invalid ConditionExpression: Incorrect operand type".
 */
import { expressionError } from '../errors/expression';
import type { ResolvedPath, ValueCategory } from './resolve-path';

interface Rule {
  readonly allowed: readonly ValueCategory[];
  /** How the message says what the operator applies to. */
  readonly text: string;
}

const ORDERED: Rule = { allowed: ['string', 'number', 'binary', 'unknown'], text: 'strings, numbers, binaries and dates' };

export const RULES = {
  '<': ORDERED,
  '<=': ORDERED,
  '>': ORDERED,
  '>=': ORDERED,
  between: ORDERED,
  beginsWith: { allowed: ['string', 'binary', 'unknown'], text: 'strings and binaries' },
  contains: { allowed: ['string', 'set', 'list', 'unknown'], text: 'strings (a substring), sets (a member) and lists (an element)' },
  size: { allowed: ['string', 'binary', 'set', 'list', 'map', 'unknown'], text: 'strings, binaries, sets, lists and maps' },
  increment: { allowed: ['number', 'unknown'], text: 'numbers' },
  decrement: { allowed: ['number', 'unknown'], text: 'numbers' },
  add: { allowed: ['number', 'set', 'unknown'], text: 'numbers and sets' },
  deleteFromSet: { allowed: ['set', 'unknown'], text: 'sets' },
  append: { allowed: ['list', 'unknown'], text: 'lists' },
  prepend: { allowed: ['list', 'unknown'], text: 'lists' },
} as const satisfies Record<string, Rule>;

export type RuledOperator = keyof typeof RULES;

/** The name users wrote, for messages. */
const SHOWN: Record<RuledOperator, string> = {
  '<': 'lt()',
  '<=': 'lte()',
  '>': 'gt()',
  '>=': 'gte()',
  between: 'between()',
  beginsWith: 'beginsWith()',
  contains: 'contains()',
  size: 'size()',
  increment: 'increment()',
  decrement: 'decrement()',
  add: 'add()',
  deleteFromSet: 'deleteFromSet()',
  append: 'append()',
  prepend: 'prepend()',
};

export function checkFits(model: string, path: ResolvedPath, operator: RuledOperator): void {
  const rule: Rule = RULES[operator];
  if (!rule.allowed.includes(path.category)) {
    throw expressionError.operatorKind(model, path.source, SHOWN[operator], path.kindLabel, rule.text);
  }
}
