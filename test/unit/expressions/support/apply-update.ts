/**
 * Applies a resolved update to a raw item the way DynamoDB does (as DynamoDB Local shows it):
 * every operand is read from the item before the update, a nested path needs its parent map or
 * list (REMOVE included), SET past the end of a list appends, DELETE of the last members removes
 * the set, arithmetic is exact. Throws UpdateRefused where DynamoDB answers ValidationException.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributePath, ResolvedUpdate, ResolvedUpdateAction } from '../../../../src/expressions';
import { equal, valueAt, type Item } from './evaluator';

export type RefusalReason = 'invalidPath' | 'operandType';

export const REFUSAL_MESSAGES: Record<RefusalReason, string> = {
  invalidPath: 'The document path provided in the update expression is invalid for update',
  operandType: 'An operand in the update expression has an incorrect data type',
};

/**
 * DynamoDB's ValidationException for an update. When several actions are invalid, which one an
 * engine reports differs (DynamoDB Local and dynalite disagree), so all are kept.
 */
export class UpdateRefused extends Error {
  constructor(readonly reasons: ReadonlySet<RefusalReason>) {
    super([...reasons].map((r) => REFUSAL_MESSAGES[r]).join(' | '));
  }

  /** The ValidationException messages an engine may answer with. */
  messages(): string[] {
    return [...this.reasons].map((r) => REFUSAL_MESSAGES[r]);
  }
}

class Refusal {
  constructor(readonly reason: RefusalReason) {}
}

/** Exact integer arithmetic on N text (the generators only make integers). */
function arithmetic(a: string, sign: '+' | '-', b: string): string {
  if (!/^-?\d+$/.test(a) || !/^-?\d+$/.test(b)) throw new Error(`evaluator: non-integer arithmetic ${a} ${sign} ${b}`);
  return String(sign === '+' ? BigInt(a) + BigInt(b) : BigInt(a) - BigInt(b));
}

type SetKey = 'SS' | 'NS' | 'BS';
function setKeyOf(v: AttributeValue): SetKey | undefined {
  return v.SS ? 'SS' : v.NS ? 'NS' : v.BS ? 'BS' : undefined;
}

function members(v: AttributeValue, key: SetKey): AttributeValue[] {
  const list = (v[key] ?? []) as (string | Uint8Array)[];
  return list.map((m) => (key === 'SS' ? { S: m as string } : key === 'NS' ? { N: m as string } : { B: m as Uint8Array }));
}

function toSet(key: SetKey, list: AttributeValue[]): AttributeValue {
  if (key === 'SS') return { SS: list.map((m) => m.S!) };
  if (key === 'NS') return { NS: list.map((m) => m.N!) };
  return { BS: list.map((m) => m.B!) };
}

/** The new value of the action's path computed from the item before the update; 'remove' to delete it. */
function newValue(before: Item, action: ResolvedUpdateAction): AttributeValue | 'remove' | 'keep' {
  const current = valueAt(before, action.path);
  switch (action.type) {
    case 'set':
      return action.value;
    case 'remove':
      return 'remove';
    case 'copy': {
      // DynamoDB refuses a SET from an attribute the item does not have.
      const source = valueAt(before, action.from);
      if (source === undefined) throw new Refusal('invalidPath');
      return source;
    }
    case 'ifNotExists':
      return current === undefined ? action.value : 'keep';
    case 'copyIfNotExists': {
      if (current !== undefined) return 'keep';
      const source = valueAt(before, action.from);
      if (source === undefined) throw new Refusal('invalidPath');
      return source;
    }
    case 'incrementFrom': {
      const source = valueAt(before, action.from);
      if (source === undefined) throw new Refusal('invalidPath');
      const base = current ?? { N: '0' };
      if (base.N === undefined || source.N === undefined) throw new Refusal('operandType');
      return { N: arithmetic(base.N, action.sign, source.N) };
    }
    case 'increment': {
      const base = current ?? { N: '0' };
      if (base.N === undefined) throw new Refusal('operandType');
      return { N: arithmetic(base.N, action.sign, action.by.N!) };
    }
    case 'append': {
      const base = current ?? { L: [] };
      if (!base.L) throw new Refusal('operandType');
      return { L: action.position === 'end' ? [...base.L, ...action.values.L!] : [...action.values.L!, ...base.L] };
    }
    case 'add': {
      if (current === undefined) return action.value;
      if (action.value.N !== undefined) {
        if (current.N === undefined) throw new Refusal('operandType');
        return { N: arithmetic(current.N, '+', action.value.N) };
      }
      const key = setKeyOf(action.value)!;
      if (setKeyOf(current) !== key) throw new Refusal('operandType');
      const merged = members(current, key);
      for (const m of members(action.value, key)) if (!merged.some((x) => equal(x, m))) merged.push(m);
      return toSet(key, merged);
    }
    case 'deleteFromSet': {
      if (current === undefined) return 'keep';
      const key = setKeyOf(action.value)!;
      if (setKeyOf(current) !== key) throw new Refusal('operandType');
      const gone = members(action.value, key);
      const left = members(current, key).filter((m) => !gone.some((g) => equal(g, m)));
      return left.length ? toSet(key, left) : 'remove';
    }
  }
}

/** The parent container of a path in `item` (the item itself for a top-level path), checked for the step's kind. */
function parentOf(item: Item, path: AttributePath): AttributeValue {
  const parent = path.length === 1 ? { M: item } : valueAt(item, path.slice(0, -1));
  const step = path[path.length - 1];
  const fits = typeof step === 'number' ? parent?.L !== undefined : parent?.M !== undefined;
  if (!parent || !fits) throw new Refusal('invalidPath');
  return parent;
}

function write(item: Item, path: AttributePath, value: AttributeValue | 'remove'): void {
  const parent = parentOf(item, path);
  const step = path[path.length - 1];
  if (typeof step === 'number') {
    const list = parent.L!;
    if (value === 'remove') {
      if (step < list.length) list.splice(step, 1);
    } else if (step < list.length) list[step] = value;
    else list.push(value);
  } else if (value === 'remove') delete parent.M![step];
  else parent.M![step] = value;
}

/** The item after the update (a new object; `item` is not changed), or UpdateRefused. */
export function applyUpdate(item: Item, update: ResolvedUpdate): Item {
  const before = structuredClone(item);
  const reasons = new Set<RefusalReason>();
  const planned: { path: AttributePath; value: AttributeValue | 'remove' | 'keep' }[] = [];
  for (const action of update.actions) {
    try {
      parentOf(before, action.path); // DynamoDB checks every path against the item before the update
      planned.push({ path: action.path, value: newValue(before, action) });
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      reasons.add(e.reason);
    }
  }
  if (reasons.size) throw new UpdateRefused(reasons);
  const after = structuredClone(item);
  for (const { path, value } of planned) if (value !== 'keep') write(after, path, value);
  return after;
}
