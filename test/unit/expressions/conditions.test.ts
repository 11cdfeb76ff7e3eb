/**
 * Exact compiled text of every condition operator, the object form, and and/or/not nesting.
 */
import {
  and, attribute, beginsWith, between, compileCondition, contains, eq, exists, gt, gte, isIn, isType, lt, lte, ne, not, notExists, or, size,
} from '../../../src/expressions';
import type { Condition } from '../../../src/expressions';
import { compileUpdate } from '../../../src/expressions';
import { Attribute, PartitionKey, Table } from '../../../src/decorators';
import { Movie } from './fixtures';

describe('conditions compile to exact expressions', () => {
  it.each([
    ['eq', { genre: eq('Drama') }, '#n0 = :v0', { ':v0': { S: 'Drama' } }],
    ['literal means eq', { genre: 'Drama' }, '#n0 = :v0', { ':v0': { S: 'Drama' } }],
    ['ne', { genre: ne('Drama') }, '#n0 <> :v0', { ':v0': { S: 'Drama' } }],
    ['lt', { rating: lt(5) }, '#n0 < :v0', { ':v0': { N: '5' } }],
    ['lte', { rating: lte(5) }, '#n0 <= :v0', { ':v0': { N: '5' } }],
    ['gt', { rating: gt(5) }, '#n0 > :v0', { ':v0': { N: '5' } }],
    ['gte', { rating: gte(5) }, '#n0 >= :v0', { ':v0': { N: '5' } }],
    ['between', { rating: between(1, 5) }, '#n0 BETWEEN :v0 AND :v1', { ':v0': { N: '1' }, ':v1': { N: '5' } }],
    ['beginsWith', { genre: beginsWith('Dr') }, 'begins_with(#n0, :v0)', { ':v0': { S: 'Dr' } }],
    ['contains on a string', { genre: contains('ram') }, 'contains(#n0, :v0)', { ':v0': { S: 'ram' } }],
    ['contains on a set', { tags: contains('classic') }, 'contains(#n0, :v0)', { ':v0': { S: 'classic' } }],
    ['contains on a number set', { scores: contains(7) }, 'contains(#n0, :v0)', { ':v0': { N: '7' } }],
    ['contains on a list', { notes: contains('x') }, 'contains(#n0, :v0)', { ':v0': { S: 'x' } }],
    ['isIn', { genre: isIn('Drama', 'Comedy') }, '#n0 IN (:v0, :v1)', { ':v0': { S: 'Drama' }, ':v1': { S: 'Comedy' } }],
    ['isType', { meta: isType('M') }, 'attribute_type(#n0, :v0)', { ':v0': { S: 'M' } }],
  ] as const)('%s', (_name, condition, expression, values) => {
    expect(compileCondition(Movie, condition)).toEqual({ expression, names: { '#n0': Object.keys(condition)[0] }, values });
  });

  it('exists and notExists use no value', () => {
    expect(compileCondition(Movie, { genre: exists() })).toEqual({
      expression: 'attribute_exists(#n0)', names: { '#n0': 'genre' }, values: undefined,
    });
    expect(compileCondition(Movie, { genre: notExists() })).toEqual({
      expression: 'attribute_not_exists(#n0)', names: { '#n0': 'genre' }, values: undefined,
    });
  });

  it('size(path) compares the size', () => {
    expect(compileCondition(Movie, size('tags').gt(3))).toEqual({
      expression: 'size(#n0) > :v0', names: { '#n0': 'tags' }, values: { ':v0': { N: '3' } },
    });
    expect(compileCondition(Movie, size('info.actors').between(1, 4)).expression).toBe('size(#n0.#n1) BETWEEN :v0 AND :v1');
    const ops = [size('genre').eq(1), size('genre').ne(1), size('genre').lt(1), size('genre').lte(1), size('genre').gte(1)];
    expect(ops.map((c) => compileCondition(Movie, c).expression)).toEqual([
      'size(#n0) = :v0', 'size(#n0) <> :v0', 'size(#n0) < :v0', 'size(#n0) <= :v0', 'size(#n0) >= :v0',
    ]);
  });

  it('an object with several keys is their AND, in key order', () => {
    expect(compileCondition(Movie, { 'info.rating': gte(8), genre: 'Drama' })).toEqual({
      expression: '#n0.#n1 >= :v0 AND #n2 = :v1',
      names: { '#n0': 'info', '#n1': 'rating', '#n2': 'genre' },
      values: { ':v0': { N: '8' }, ':v1': { S: 'Drama' } },
    });
  });

  it('and/or/not take objects and nodes; nested logic is parenthesised', () => {
    expect(compileCondition(Movie, or({ genre: 'Drama' }, { rating: gt(9) }, not({ tags: exists() }))).expression)
      .toBe('#n0 = :v0 OR #n1 > :v1 OR NOT (attribute_exists(#n2))');
    expect(compileCondition(Movie, and({ genre: 'Drama' }, size('tags').gt(3))).expression)
      .toBe('#n0 = :v0 AND size(#n1) > :v1');
    expect(compileCondition(Movie, and(or({ genre: 'A' }, { genre: 'B' }), { rating: gt(1), views: lt(9) })).expression)
      .toBe('(#n0 = :v0 OR #n0 = :v1) AND #n1 > :v2 AND #n2 < :v3');
    expect(compileCondition(Movie, or({ genre: 'A', rating: 1 }, not(or({ genre: 'B' }, { views: 2 })))).expression)
      .toBe('(#n0 = :v0 AND #n1 = :v1) OR NOT (#n0 = :v2 OR #n2 = :v3)');
  });

  it('flattens and(and(a, b), c), and and() of one condition is that condition', () => {
    expect(compileCondition(Movie, and(and({ genre: 'A' }, { rating: 1 }), { views: 2 })).expression)
      .toBe('#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2');
    expect(compileCondition(Movie, and({ genre: 'A' })).expression).toBe('#n0 = :v0');
  });

  it('reuses one placeholder for a repeated name segment and for an equal value', () => {
    expect(compileCondition(Movie, { rating: 8, views: 8, 'info.rating': between(8, 9) })).toEqual({
      expression: '#n0 = :v0 AND #n1 = :v0 AND #n2.#n0 BETWEEN :v0 AND :v1',
      names: { '#n0': 'rating', '#n1': 'views', '#n2': 'info' },
      values: { ':v0': { N: '8' }, ':v1': { N: '9' } },
    });
  });

  it('builds nodes as plain data', () => {
    expect({ ...and({ genre: 'Drama' }, { rating: gte(8) }) }).toMatchObject({
      type: 'and',
      conditions: [
        { type: 'compare', left: { type: 'path', path: 'genre' }, comparator: '=', value: 'Drama' },
        { type: 'compare', left: { type: 'path', path: 'rating' }, comparator: '>=', value: 8 },
      ],
    });
  });
});

describe('values are encoded with the attribute codec', () => {
  it('a Date compares as stored (ISO text); a nested renamed attribute by its attribute name', () => {
    expect(compileCondition(Movie, { 'info.releaseDate': lt(new Date('2000-01-01T00:00:00Z')) })).toEqual({
      expression: '#n0.#n1 < :v0',
      names: { '#n0': 'info', '#n1': 'release_date' },
      values: { ':v0': { S: '2000-01-01T00:00:00.000Z' } },
    });
  });

  it('list elements by index, and nested classes inside lists', () => {
    expect(compileCondition(Movie, { 'info.actors[0]': 'Tom', 'info.cast[2].name': beginsWith('T') })).toEqual({
      expression: '#n0.#n1[0] = :v0 AND begins_with(#n0.#n2[2].#n3, :v1)',
      names: { '#n0': 'info', '#n1': 'actors', '#n2': 'cast', '#n3': 'full-name' },
      values: { ':v0': { S: 'Tom' }, ':v1': { S: 'T' } },
    });
  });

  it('a whole nested document compares as its map; a list of documents element by its class codec', () => {
    const info = compileCondition(Movie, { 'info.lead': { name: 'Ann', born: 1970 } });
    expect(info.names).toEqual({ '#n0': 'info', '#n1': 'lead.actor' });
    expect(info.values).toEqual({ ':v0': { M: { 'full-name': { S: 'Ann' }, born: { N: '1970' } } } });
    const cast = compileCondition(Movie, { 'info.cast': contains({ name: 'Bo' }) });
    expect(cast.values).toEqual({ ':v0': { M: { 'full-name': { S: 'Bo' } } } });
  });

  it('beyond the schema (a map attribute) values are marshalled generically', () => {
    // A map key holding a dot is written quoted; the typed paths do not model that form, hence the cast.
    const quoted = { 'meta["a.b"]': 'x' } as Condition<Movie>;
    expect(compileCondition(Movie, and({ 'meta.source.id': 42, 'meta.flags[1]': true }, quoted))).toEqual({
      expression: '#n0.#n1.#n2 = :v0 AND #n0.#n3[1] = :v1 AND #n0.#n4 = :v2',
      names: { '#n0': 'meta', '#n1': 'source', '#n2': 'id', '#n3': 'flags', '#n4': 'a.b' },
      values: { ':v0': { N: '42' }, ':v1': { BOOL: true }, ':v2': { S: 'x' } },
    });
  });

  it('sets, binaries, booleans and bigints', () => {
    expect(compileCondition(Movie, { tags: new Set(['a', 'b']) }).values).toEqual({ ':v0': { SS: ['a', 'b'] } });
    expect(compileCondition(Movie, { poster: beginsWith(new Uint8Array([1, 2])) }).values).toEqual({ ':v0': { B: new Uint8Array([1, 2]) } });
    expect(compileCondition(Movie, { released: true }).values).toEqual({ ':v0': { BOOL: true } });
    expect(compileCondition(Movie, { budget: gt(12345678901234567890n) }).values).toEqual({ ':v0': { N: '12345678901234567890' } });
  });
});

describe('comparing two attributes', () => {
  it('the right side is a path placeholder, shared with the same path elsewhere in the request', () => {
    expect(compileCondition(Movie, { rating: gt(attribute('views')), views: gt(5) })).toEqual({
      expression: '#n0 > #n1 AND #n1 > :v0',
      names: { '#n0': 'rating', '#n1': 'views' },
      values: { ':v0': { N: '5' } },
    });
    expect(compileCondition(Movie, not({ 'info.rating': eq(attribute('rating')) })).expression).toBe('NOT (#n0.#n1 = #n1)');
  });
});

describe('enum attributes in conditions', () => {
  it('compare with a value since removed from the enum (old items must be found), while an update still refuses it', () => {
    @Table({ name: 'EnumConditions' })
    class Widget {
      @PartitionKey({ type: 'string' }) id!: string;
      @Attribute({ type: 'string', enum: ['red', 'green'] }) color?: string;
      @Attribute({ type: 'list', enum: ['a', 'b'] }) labels?: string[];
    }
    expect(compileCondition(Widget, { color: 'blue' }).values).toEqual({ ':v0': { S: 'blue' } });
    expect(compileCondition(Widget, { color: isIn('blue', 'red') }).values).toEqual({ ':v0': { S: 'blue' }, ':v1': { S: 'red' } });
    expect(compileCondition(Widget, { labels: contains('z') }).values).toEqual({ ':v0': { S: 'z' } });
    expect(() => compileUpdate(Widget, { color: 'blue' })).toThrow(expect.objectContaining({ code: 'value.enum' }));
  });

  it('also inside nested documents compared whole (a document, a list of them)', () => {
    class Part { @Attribute({ type: 'string', enum: ['red'] }) color?: string; @Attribute({ type: 'number' }) n?: number; }
    @Table({ name: 'EnumNested' })
    class Holder {
      @PartitionKey({ type: 'string' }) id!: string;
      @Attribute({ type: () => Part }) part?: Part;
      @Attribute({ type: () => [Part] }) parts?: Part[];
    }
    const old = Object.assign(new Part(), { color: 'blue', n: 1 });
    expect(compileCondition(Holder, { part: old }).values).toEqual({ ':v0': { M: { color: { S: 'blue' }, n: { N: '1' } } } });
    expect(compileCondition(Holder, { parts: contains(old) }).values).toEqual({ ':v0': { M: { color: { S: 'blue' }, n: { N: '1' } } } });
    expect(() => compileUpdate(Holder, { part: old })).toThrow(expect.objectContaining({ code: 'value.enum' }));
  });
});

describe('contains() on an attribute a converter stores (no keyType)', () => {
  const prefixed = { toDynamo: (v: string) => ({ S: `USER#${v}` }), fromDynamo: (av: { S?: string }) => av.S!.slice(5) };
  @Table({ name: 'Converted' })
  class Login {
    @PartitionKey({ type: 'string' }) id!: string;
    @Attribute({ converter: prefixed }) user?: string;
  }

  it('sends the operand as given (a fragment cannot go through a converter that changes whole values); beginsWith() converts its prefix', () => {
    expect(compileCondition(Login, { user: contains('bob') as never }).values).toEqual({ ':v0': { S: 'bob' } });
    expect(compileCondition(Login, { user: beginsWith('al') as never }).values).toEqual({ ':v0': { S: 'USER#al' } });
  });

  it('the same with keyType S (a string attribute to expressions)', () => {
    @Table({ name: 'ConvertedKeyed' })
    class Keyed { @PartitionKey({ type: 'string' }) id!: string; @Attribute({ converter: { ...prefixed, keyType: 'S' } }) user?: string; }
    expect(compileCondition(Keyed, { user: contains('bob') }).values).toEqual({ ':v0': { S: 'bob' } });
    expect(compileCondition(Keyed, { user: beginsWith('al') }).values).toEqual({ ':v0': { S: 'USER#al' } });
  });
});
