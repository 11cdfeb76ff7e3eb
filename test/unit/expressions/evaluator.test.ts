/**
 * The reference evaluator used by the property-based integration test encodes DynamoDB's
 * semantics as DynamoDB Local shows them; these pin the facts it relies on.
 */
import type { ResolvedCondition, ResolvedUpdate } from '../../../src/expressions';
import { applyUpdate, UpdateRefused } from './support/apply-update';
import { evaluate, type Item } from './support/evaluator';

const item: Item = {
  s: { S: 'é😀' }, n: { N: '2' }, ss: { SS: ['a', 'b'] }, l: { L: [{ N: '1' }, { S: 'x' }] }, m: { M: { k: { N: '1' } } },
};
const path = (p: string) => ({ type: 'path' as const, path: [p] });

describe('evaluate (conditions)', () => {
  it('a comparison with a missing attribute is false, except <> which is true', () => {
    const c = (comparator: '=' | '<>' | '<'): ResolvedCondition => ({ type: 'compare', left: path('zz'), comparator, value: { N: '1' } });
    expect([evaluate(c('='), item), evaluate(c('<>'), item), evaluate(c('<'), item)]).toEqual([false, true, false]);
  });
  it('size() of a string counts UTF-16 code units; size of a number is no value', () => {
    expect(evaluate({ type: 'compare', left: { type: 'size', path: ['s'] }, comparator: '=', value: { N: '3' } }, item)).toBe(true);
    expect(evaluate({ type: 'compare', left: { type: 'size', path: ['n'] }, comparator: '<>', value: { N: '3' } }, item)).toBe(true);
  });
  it('numbers by value, sets unordered, strings by UTF-8 bytes', () => {
    expect(evaluate({ type: 'compare', left: path('n'), comparator: '=', value: { N: '2.0' } }, item)).toBe(true);
    expect(evaluate({ type: 'compare', left: path('ss'), comparator: '=', value: { SS: ['b', 'a'] } }, item)).toBe(true);
    expect(evaluate({ type: 'compare', left: path('s'), comparator: '>', value: { S: '｡' } }, item)).toBe(false);
    expect(evaluate({ type: 'contains', path: ['l'], value: { N: '1.0' } }, item)).toBe(true);
  });
});

describe('applyUpdate', () => {
  const update = (actions: ResolvedUpdate['actions']): ResolvedUpdate => ({ type: 'update', actions, nestedPaths: [] });
  it('increments from 0, appends to a missing list, removes an emptied set', () => {
    expect(applyUpdate(item, update([
      { type: 'increment', path: ['c'], sign: '+', by: { N: '2' } },
      { type: 'append', path: ['nl'], position: 'end', values: { L: [{ S: 'a' }] } },
      { type: 'deleteFromSet', path: ['ss'], value: { SS: ['a', 'b'] } },
    ]))).toEqual({ ...item, c: { N: '2' }, nl: { L: [{ S: 'a' }] }, ss: undefined });
  });
  it('SET past the end of a list appends', () => {
    expect(applyUpdate(item, update([{ type: 'set', path: ['l', 9], value: { N: '3' } }])).l).toEqual({ L: [{ N: '1' }, { S: 'x' }, { N: '3' }] });
  });
  it('refuses a nested path below a missing parent (REMOVE too) and arithmetic on a string, reporting every reason', () => {
    const refused = (actions: ResolvedUpdate['actions']) => {
      try {
        applyUpdate(item, update(actions));
      } catch (e) {
        return [...(e as UpdateRefused).reasons];
      }
      return [];
    };
    expect(refused([{ type: 'remove', path: ['zz', 'a'] }])).toEqual(['invalidPath']);
    expect(refused([{ type: 'set', path: ['s', 0], value: { N: '1' } }, { type: 'increment', path: ['s'], sign: '+', by: { N: '1' } }]))
      .toEqual(['invalidPath', 'operandType']);
  });
});
