/**
 * Exact compiled text of every update action, clause order, nested paths and the list of nested
 * paths the mapper needs for "set the parent first".
 */
import {
  add, append, attribute, compileUpdate, decrement, deleteFromSet, ifNotExists, increment, prepend, remove,
} from '../../../src/expressions';
import { Movie } from './fixtures';

describe('updates compile to exact expressions', () => {
  it('SET a literal', () => {
    expect(compileUpdate(Movie, { rating: 8 })).toEqual({
      expression: 'SET #n0 = :v0', names: { '#n0': 'rating' }, values: { ':v0': { N: '8' } }, nestedPaths: [],
    });
  });

  it('increment / decrement: a missing attribute counts as 0', () => {
    expect(compileUpdate(Movie, { views: increment(1) })).toEqual({
      expression: 'SET #n0 = if_not_exists(#n0, :v0) + :v1',
      names: { '#n0': 'views' },
      values: { ':v0': { N: '0' }, ':v1': { N: '1' } },
      nestedPaths: [],
    });
    expect(compileUpdate(Movie, { views: increment() }).values).toEqual({ ':v0': { N: '0' }, ':v1': { N: '1' } });
    expect(compileUpdate(Movie, { views: decrement(2) }).expression).toBe('SET #n0 = if_not_exists(#n0, :v0) - :v1');
    expect(compileUpdate(Movie, { budget: increment(10n ** 20n) }).values).toEqual({ ':v0': { N: '0' }, ':v1': { N: '100000000000000000000' } });
  });

  it('a bigint added to a number attribute is refused, as a write of one is (regression: the item became unreadable)', () => {
    for (const change of [increment(2n ** 64n as never), decrement(1n as never), add(1n as never)]) {
      expect(() => compileUpdate(Movie, { views: change })).toThrow(
        /^Movie: views: (increment|decrement|add)\(\) needs a number \(the attribute is a 'number': declare it 'bigint' for integers beyond 2\^53\); got \d+n\.$/);
    }
  });

  it('ifNotExists', () => {
    expect(compileUpdate(Movie, { premiere: ifNotExists(new Date('2001-02-03T00:00:00Z')) })).toEqual({
      expression: 'SET #n0 = if_not_exists(#n0, :v0)',
      names: { '#n0': 'premiere' },
      values: { ':v0': { S: '2001-02-03T00:00:00.000Z' } },
      nestedPaths: [],
    });
  });

  it('append / prepend: list_append, a missing list counts as empty', () => {
    expect(compileUpdate(Movie, { notes: append(['a', 'b']) })).toEqual({
      expression: 'SET #n0 = list_append(if_not_exists(#n0, :v0), :v1)',
      names: { '#n0': 'notes' },
      values: { ':v0': { L: [] }, ':v1': { L: [{ S: 'a' }, { S: 'b' }] } },
      nestedPaths: [],
    });
    expect(compileUpdate(Movie, { notes: prepend(['z']) })).toEqual({
      expression: 'SET #n0 = list_append(:v0, if_not_exists(#n0, :v1))',
      names: { '#n0': 'notes' },
      values: { ':v0': { L: [{ S: 'z' }] }, ':v1': { L: [] } },
      nestedPaths: [],
    });
  });

  it('append to a list of documents encodes each element with the class codec', () => {
    expect(compileUpdate(Movie, { 'info.cast': append([{ name: 'Ann', born: 1970 }]) }).values).toEqual({
      ':v0': { L: [] }, ':v1': { L: [{ M: { 'full-name': { S: 'Ann' }, born: { N: '1970' } } }] },
    });
  });

  it('add: a number or members of a set', () => {
    expect(compileUpdate(Movie, { views: add(3) })).toEqual({
      expression: 'ADD #n0 :v0', names: { '#n0': 'views' }, values: { ':v0': { N: '3' } }, nestedPaths: [],
    });
    expect(compileUpdate(Movie, { tags: add(new Set(['classic'])) })).toEqual({
      expression: 'ADD #n0 :v0', names: { '#n0': 'tags' }, values: { ':v0': { SS: ['classic'] } }, nestedPaths: [],
    });
    expect(compileUpdate(Movie, { scores: add(new Set([1, 2])) }).values).toEqual({ ':v0': { NS: ['1', '2'] } });
  });

  it('deleteFromSet: DELETE', () => {
    expect(compileUpdate(Movie, { tags: deleteFromSet(new Set(['old'])) })).toEqual({
      expression: 'DELETE #n0 :v0', names: { '#n0': 'tags' }, values: { ':v0': { SS: ['old'] } }, nestedPaths: [],
    });
  });

  it('remove: REMOVE, without values', () => {
    expect(compileUpdate(Movie, { genre: remove() })).toEqual({
      expression: 'REMOVE #n0', names: { '#n0': 'genre' }, values: undefined, nestedPaths: [],
    });
    expect(compileUpdate(Movie, { 'info.actors[1]': remove() }).expression).toBe('REMOVE #n0.#n1[1]');
  });

  it('clauses come as SET, REMOVE, ADD, DELETE, each in the order of the changes', () => {
    expect(compileUpdate(Movie, {
      tags: deleteFromSet(new Set(['x'])),
      views: add(1),
      genre: remove(),
      rating: 8,
      'info.rating': 8.5,
      notes: append(['n']),
      meta: remove(),
    })).toEqual({
      expression: 'SET #n0 = :v0, #n1.#n0 = :v1, #n2 = list_append(if_not_exists(#n2, :v2), :v3) REMOVE #n3, #n4 ADD #n5 :v4 DELETE #n6 :v5',
      names: { '#n0': 'rating', '#n1': 'info', '#n2': 'notes', '#n3': 'genre', '#n4': 'meta', '#n5': 'views', '#n6': 'tags' },
      values: {
        ':v0': { N: '8' }, ':v1': { N: '8.5' }, ':v2': { L: [] }, ':v3': { L: [{ S: 'n' }] }, ':v4': { N: '1' }, ':v5': { SS: ['x'] },
      },
      nestedPaths: ['info.rating'],
    });
  });

  it('a nested path changes only that path, and is listed in nestedPaths', () => {
    expect(compileUpdate(Movie, { 'info.releaseDate': new Date(0), 'info.cast[0].name': 'Bo', 'meta.a.b': 1 })).toEqual({
      expression: 'SET #n0.#n1 = :v0, #n0.#n2[0].#n3 = :v1, #n4.#n5.#n6 = :v2',
      names: { '#n0': 'info', '#n1': 'release_date', '#n2': 'cast', '#n3': 'full-name', '#n4': 'meta', '#n5': 'a', '#n6': 'b' },
      values: { ':v0': { S: '1970-01-01T00:00:00.000Z' }, ':v1': { S: 'Bo' }, ':v2': { N: '1' } },
      nestedPaths: ['info.releaseDate', 'info.cast[0].name', 'meta.a.b'],
    });
  });

  it('a whole nested document is SET as its map', () => {
    expect(compileUpdate(Movie, { info: { rating: 9, actors: ['A'] } }).values).toEqual({
      ':v0': { M: { rating: { N: '9' }, actors: { L: [{ S: 'A' }] } } },
    });
  });

  it('undefined values are skipped; a value stored as nothing (an empty set) is a REMOVE', () => {
    expect(compileUpdate(Movie, { genre: undefined, rating: 1 }).expression).toBe('SET #n0 = :v0');
    expect(compileUpdate(Movie, { tags: new Set<string>(), rating: 1 }).expression).toBe('SET #n0 = :v0 REMOVE #n1');
  });
});

describe('copying an attribute', () => {
  it('SET path = other path, with the other changes in order', () => {
    expect(compileUpdate(Movie, { views: attribute('rating'), rating: 5, 'info.rating': attribute('rating') })).toEqual({
      expression: 'SET #n0 = #n1, #n1 = :v0, #n2.#n1 = #n1',
      names: { '#n0': 'views', '#n1': 'rating', '#n2': 'info' },
      values: { ':v0': { N: '5' } },
      nestedPaths: ['info.rating'],
    });
  });
});
