/**
 * Every name segment goes through a placeholder, whatever it is (reserved words, dots, dashes,
 * leading digits, emoji, non-ASCII, strings that look like placeholders), and one
 * ExpressionContext shares placeholders across the expressions of a request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  add, beginsWith, compileCondition, compileUpdate, contains, ExpressionContext, gt, remove,
} from '../../../src/expressions';
import { defineModel, getModelSchema, type AttributeDefinition } from '../../../src/metadata';
import { Awkward, awkward, movie } from './fixtures';

/** What an expression may contain besides placeholders: DynamoDB's syntax, never a user string. */
const SYNTAX = /^(?:#n\d+|:v\d+|\[\d+\]|[.,() ]|=|<>|<=|>=|<|>|AND|OR|NOT|BETWEEN|IN|SET|REMOVE|ADD|DELETE|[+-]|attribute_exists|attribute_not_exists|attribute_type|begins_with|contains|size|if_not_exists|list_append)+$/;

describe('attribute names are always placeholders', () => {
  it('reserved words, dots, dashes, leading digits, emoji, non-ASCII and placeholder look-alikes', () => {
    const c = compileCondition(Awkward, {
      id: 'x', state: 'y', dotted: 1, dashed: 2, first: 'z', party: beginsWith('🎉'), size: gt(3), hash: 'h', colon: 'c', underscored: 4,
    });
    expect(c.expression).toBe(
      '#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 = :v3 AND #n4 = :v4 AND begins_with(#n5, :v5) AND #n6 > :v6 AND #n7 = :v7 AND #n8 = :v8 AND #n9 = :v9',
    );
    expect(c.names).toEqual({
      '#n0': 'name', '#n1': 'status', '#n2': 'a.b', '#n3': 'a-b', '#n4': '1st', '#n5': '🎉 party', '#n6': 'Größe',
      '#n7': '#n0', '#n8': ':v0', '#n9': 'a_b',
    });
    expect(c.expression).toMatch(SYNTAX);
  });

  it('`a-b` and `a_b` get distinct placeholders (no alias is derived from a name)', () => {
    const c = compileUpdate(Awkward, { dashed: 1, underscored: 2, dotted: remove() });
    expect(c.expression).toBe('SET #n0 = :v0, #n1 = :v1 REMOVE #n2');
    expect(c.names).toEqual({ '#n0': 'a-b', '#n1': 'a_b', '#n2': 'a.b' });
  });

  it('every DynamoDB reserved word as an attribute name stays out of the expression', () => {
    const words = readFileSync(join(__dirname, 'dynamodb-reserved-words.txt'), 'utf8')
      .split('\n').map((w) => w.trim()).filter(Boolean);
    expect(words.length).toBeGreaterThan(500);
    class Reserved {
      [property: string]: unknown;
    }
    const attributes: Record<string, AttributeDefinition> = { pk: { name: 'pk', type: 'string', role: 'partitionKey' } };
    words.forEach((w, i) => {
      attributes[`p${i}`] = { name: w.toLowerCase(), type: 'string' };
    });
    defineModel(Reserved, { table: { name: 'Reserved' }, attributes });
    const schema = getModelSchema(Reserved);
    // Chunks keep each expression under the 4 KB limit.
    for (let start = 0; start < words.length; start += 100) {
      const ctx = new ExpressionContext();
      const condition = Object.fromEntries(words.slice(start, start + 100).map((_w, j) => [`p${start + j}`, contains('x')]));
      const expression = ctx.condition(schema, condition);
      expect(expression).toMatch(SYNTAX);
      expect(Object.values(ctx.names() ?? {})).toEqual(words.slice(start, start + 100).map((w) => w.toLowerCase()));
    }
  });
});

describe('ExpressionContext shares placeholders across the expressions of one request', () => {
  it('key condition, filter and projection of a query: numbering continues, names and values are reused', () => {
    const ex = new ExpressionContext();
    expect(ex.keyCondition(movie, undefined, { year: 1994, title: beginsWith('A') })).toBe('#n0 = :v0 AND begins_with(#n1, :v1)');
    expect(ex.filter(movie, { rating: gt(8), 'info.rating': gt(8) })).toBe('#n2 > :v2 AND #n3.#n2 > :v2');
    expect(ex.projection(movie, ['title', 'info.rating', 'year'])).toBe('#n1, #n3.#n2, #n0');
    expect(ex.names()).toEqual({ '#n0': 'year', '#n1': 'title', '#n2': 'rating', '#n3': 'info' });
    expect(ex.values()).toEqual({ ':v0': { N: '1994' }, ':v1': { S: 'A' }, ':v2': { N: '8' } });
  });

  it('update plus condition of an UpdateItem', () => {
    const ex = new ExpressionContext();
    const update = ex.update(movie, { version: add(1), 'info.rating': 9 });
    expect(update).toEqual({ expression: 'SET #n0.#n1 = :v0 ADD #n2 :v1', nestedPaths: ['info.rating'] });
    expect(ex.condition(movie, { version: 1 })).toBe('#n2 = :v1');
    expect(ex.names()).toEqual({ '#n0': 'info', '#n1': 'rating', '#n2': 'version' });
    expect(ex.values()).toEqual({ ':v0': { N: '9' }, ':v1': { N: '1' } });
  });

  it('names() and values() are undefined while empty (DynamoDB refuses empty maps)', () => {
    const ex = new ExpressionContext();
    expect(ex.names()).toBeUndefined();
    expect(ex.values()).toBeUndefined();
    ex.projection(awkward, ['id']);
    expect(ex.names()).toEqual({ '#n0': 'name' });
    expect(ex.values()).toBeUndefined();
  });

  it('equal binary values share a placeholder whether Buffer or Uint8Array', () => {
    const ex = new ExpressionContext();
    expect(ex.condition(movie, { poster: Buffer.from([1, 2]), 'meta.p': new Uint8Array([1, 2]) })).toBe('#n0 = :v0 AND #n1.#n2 = :v0');
  });

  it('is deterministic: the same input gives the same output', () => {
    const build = () => {
      const ex = new ExpressionContext();
      return [ex.condition(movie, { genre: 'A', rating: gt(1) }), ex.names(), ex.values()];
    };
    expect(build()).toEqual(build());
  });
});
