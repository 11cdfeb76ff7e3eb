/**
 * Everything DynamoDB would refuse is refused before sending, as a ValidationError whose code
 * says what and whose message names the model and the property path.
 */
import 'reflect-metadata';
import { ValidationError } from '../../../src/errors/classes';
import { Attribute, PartitionKey, Table } from '../../../src/decorators';
import { missingParentPath } from '../../../src/errors/expression';
import {
  add, and, append, attribute, beginsWith, between, compileCondition, compileKeyCondition, compileProjection, compileUpdate, contains,
  deleteFromSet, exists, ExpressionContext, gt, gte, ifNotExists, increment, isIn, isType, lt, ne, not, or, remove, size,
} from '../../../src/expressions';
import type { AttributeTypeName, Condition, IndexKeyCondition, KeyCondition, UpdateChanges } from '../../../src/expressions';
import { Movie, movie } from './fixtures';

/** Runs `fn`, expects a ValidationError, returns `code: message`. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    return `${e.code}: ${e.message}`;
  }
  throw new Error('expected a ValidationError');
}

// The casts below bypass the types on purpose: these are the runtime checks behind them.
const cond = (c: unknown) => () => compileCondition(Movie, c as Condition<Movie>);
const upd = (c: unknown) => () => compileUpdate(Movie, c as UpdateChanges<Movie>);
const key = (c: unknown, index?: string) => () => (index
  ? compileKeyCondition(Movie, c as IndexKeyCondition<Movie>, { index })
  : compileKeyCondition(Movie, c as KeyCondition<Movie>));

describe('paths', () => {
  it('an unknown property, with close names', () => {
    expect(refusal(cond({ ratng: 1 }))).toBe(
      'expression.unknownPath: Movie: no property "ratng" in Movie (did you mean "rating"?). Paths use property names, not attribute names.');
  });
  it('an attribute name written instead of the property name', () => {
    expect(refusal(cond({ 'info.release_date': 1 }))).toBe(
      'expression.unknownPath: Movie: "info.release_date": no property "release_date" in info (MovieInfo) (did you mean "releaseDate"?). ' +
        'Paths use property names, not attribute names.');
  });
  it('an attribute compared with itself (DynamoDB refuses it)', () => {
    expect(refusal(cond({ rating: gte(attribute('rating')) }))).toBe(
      'expression.sameAttribute: Movie: rating is compared with itself: DynamoDB refuses a comparison of an attribute with itself ' +
        '("the first operand must be distinct"). Compare it with another attribute or a value.');
    expect(() => compileCondition(Movie, { rating: gte(attribute('views')) })).not.toThrow();
  });
  it('an empty quoted map key (DynamoDB has no empty attribute names)', () => {
    expect(refusal(cond({ 'meta[""]': 1 }))).toMatch(/the quoted name at position 5 is empty \(DynamoDB has no empty attribute names\)/);
  });
  it('a method is not a path', () => {
    expect(refusal(cond({ describe: 1 }))).toMatch(/^expression\.unknownPath: Movie: no property "describe" in Movie/);
  });
  it('a path into a scalar, an index into a document, a name into a list', () => {
    expect(refusal(cond({ 'rating.x': 1 }))).toBe('expression.notNested: Movie: "rating.x": rating is a number; it has no property "x".');
    expect(refusal(cond({ 'info[0]': 1 }))).toBe('expression.notNested: Movie: "info[0]": info is a MovieInfo document; it has no list index [0].');
    expect(refusal(cond({ 'notes.x': 1 }))).toBe('expression.notNested: Movie: "notes.x": notes is a list; it has no property "x".');
    expect(refusal(cond({ 'tags[0]': 'a' }))).toBe('expression.notNested: Movie: "tags[0]": tags is a stringSet; it has no list index [0].');
  });
  it('malformed paths', () => {
    expect(refusal(cond({ 'info..rating': 1 }))).toBe(
      `expression.badPath: Movie: property path "info..rating" is malformed: a name is missing before "." at position 5. Write paths like 'info.rating' or 'info.actors[0]'.`);
    expect(refusal(cond({ 'notes[x]': 1 }))).toMatch(/\[x\] is not a list index/);
    expect(refusal(cond({ 'notes[1': 1 }))).toMatch(/"\[" at position 5 is not closed/);
    expect(refusal(cond({ 'info.': 1 }))).toMatch(/it ends with "\."/);
    expect(refusal(cond({ '': 1 }))).toMatch(/it is empty/);
  });
  it('a path that is not a string says so (regression: project([\'n\']) said "it is empty")', () => {
    expect(refusal(() => compileProjection(Movie, [['rating']] as never))).toBe(
      "expression.badPath: Movie: a property path must be a string, like 'info.rating'; got an array (1 element(s)): " +
      "a builder's .project() takes each path as its own argument: .project('title', 'info.rating').");
    expect(refusal(() => compileProjection(Movie, [5] as never))).toBe("expression.badPath: Movie: a property path must be a string, like 'info.rating'; got 5.");
  });
  it('the error carries the path as an issue', () => {
    try {
      compileCondition(Movie, { ratng: 1 } as Condition<Movie>);
    } catch (e) {
      expect((e as ValidationError).issues).toEqual([{ code: 'expression.unknownPath', path: 'ratng', message: expect.stringContaining('ratng') }]);
    }
  });
});

describe('operators that do not fit the attribute kind', () => {
  it.each([
    ['beginsWith on a number', cond({ rating: beginsWith('1') }), 'beginsWith() cannot be used on rating, a number: beginsWith() applies to strings and binaries.'],
    ['lt on a boolean', cond({ released: lt(true as never) }), 'lt() cannot be used on released, a boolean: lt() applies to strings, numbers, binaries and dates.'],
    ['between on a set', cond({ tags: between('a', 'b') }), 'between() cannot be used on tags, a stringSet: between() applies to strings, numbers, binaries and dates.'],
    ['contains on a number', cond({ rating: contains(1) }), 'contains() cannot be used on rating, a number: contains() applies to strings (a substring), sets (a member) and lists (an element).'],
    ['size of a number', cond(size('rating').gt(1)), 'size() cannot be used on rating, a number: size() applies to strings, binaries, sets, lists and maps.'],
    ['ADD to a string', upd({ genre: add(1) }), 'add() cannot be used on genre, a string: add() applies to numbers and sets.'],
    ['increment a list', upd({ notes: increment(1) }), 'increment() cannot be used on notes, a list: increment() applies to numbers.'],
    ['deleteFromSet on a list', upd({ notes: deleteFromSet(new Set(['a'])) }), 'deleteFromSet() cannot be used on notes, a list: deleteFromSet() applies to sets.'],
    ['append on a set', upd({ tags: append(['a']) }), 'append() cannot be used on tags, a stringSet: append() applies to lists.'],
    ['append on a document', upd({ info: append(['a']) }), 'append() cannot be used on info, a MovieInfo document: append() applies to lists.'],
  ])('%s', (_name, fn, message) => {
    expect(refusal(fn)).toBe(`expression.operatorKind: Movie: ${message}`);
  });

  it('operands of the wrong shape', () => {
    expect(refusal(upd({ tags: add('a' as never) }))).toBe("expression.badOperand: Movie: tags: add() needs a Set; got \"a\".");
    expect(refusal(upd({ views: increment('1' as never) }))).toBe('expression.badOperand: Movie: views: increment() needs a number or bigint; got "1".');
    expect(refusal(cond({ genre: beginsWith(5 as never) }))).toBe('expression.badOperand: Movie: genre: beginsWith() needs a string (or binary data); got 5.');
    expect(refusal(upd({ tags: add(new Set()) }))).toMatch(/^expression\.emptySet: Movie: tags: add\(\) with an empty set/);
    // Not the condition wording ("no stored form to compare with... notExists()").
    expect(refusal(upd({ tags: ifNotExists(new Set<string>()) }))).toBe(
      'expression.emptySet: Movie: tags: ifNotExists() with an empty set does nothing and DynamoDB refuses empty sets; leave it out.');
    expect(refusal(cond({ genre: isType('STRING' as AttributeTypeName) }))).toMatch(/^expression\.badType: Movie: genre: isType\("STRING"\)/);
  });

  it('values the codec refuses keep the codec error (naming Model.path)', () => {
    expect(refusal(cond({ rating: 'x' }))).toBe('value.type: Movie.rating: expected a number, got the string "x"');
  });

  it('operators in the wrong place', () => {
    expect(refusal(cond({ rating: add(1) }))).toMatch(/^expression\.updateInCondition: Movie: rating: an update operator/);
    expect(refusal(upd({ rating: gt(1) }))).toMatch(/^expression\.conditionInUpdate: Movie: rating: a condition operator/);
    // and() where a value belongs, and operators without their path inside and().
    expect(refusal(cond({ rating: and({ rating: gt(1) }) as never }))).toBe(
      'expression.conditionAsValue: Movie: rating: and(), or() and not() combine whole conditions; they are not a value of one path. ' +
        'Write and({ rating: gte(low) }, { rating: lt(high) }), or between(low, high) for a range.');
    expect(refusal(() => and(gte(1) as never, lt(3) as never))).toMatch(
      /^expression\.notACondition: a comparison operator where a condition belongs: an operator needs the path it applies to/);
  });
});

describe('condition rules', () => {
  it('empty and() / or() / {}', () => {
    expect(refusal(cond(and()))).toBe('expression.emptyLogical: Movie: an empty condition ({}, or and() of nothing) tests nothing: give at least one path ({ rating: gte(8) }), or leave it out.');
    // Inside or() and not(), an empty {} is named as what the user wrote (regression: it said "and() needs...").
    expect(refusal(cond(or({}, { rating: 1 })))).toMatch(/^expression.emptyLogical: Movie: an empty condition \(\{\}, or and\(\) of nothing\)/);
    expect(refusal(cond(not({})))).toMatch(/^expression.emptyLogical: Movie: an empty condition/);
    expect(refusal(cond(or()))).toBe('expression.emptyLogical: Movie: or() needs at least one condition.');
    expect(refusal(cond(or()))).toMatch(/^expression\.emptyLogical: Movie: or\(\)/);
    expect(refusal(cond({}))).toMatch(/^expression\.emptyLogical/);
    expect(refusal(cond(not({})))).toMatch(/^expression\.emptyLogical/);
  });
  it('undefined values, and values with no stored form', () => {
    expect(refusal(cond({ genre: undefined }))).toBe(
      'expression.undefinedValue: Movie: genre: the value is undefined. To test that the attribute is absent use notExists(); to compare, give a value; ' +
      'for an optional filter, leave the property out when it has no value (`...(x === undefined ? {} : { genre: x })`): an undefined is never ' +
      'dropped from a condition, where it could widen what a write is allowed to overwrite.');
    expect(refusal(cond({ 'info.rating': undefined }))).toContain('{ "info.rating": x }');
    expect(refusal(cond({ tags: new Set() }))).toMatch(/^expression\.unencodable: Movie: tags: /);
  });
  it('isIn with none or more than 100 values', () => {
    expect(refusal(cond({ genre: isIn() }))).toBe('expression.emptyIn: Movie: genre: isIn() needs at least one value.');
    const many = Array.from({ length: 101 }, (_, i) => `g${i}`);
    expect(refusal(cond({ genre: isIn(...many) }))).toBe(
      'expression.tooManyIn: Movie: genre: isIn() has 101 values; DynamoDB allows at most 100. Split the condition with or().');
    expect(() => compileCondition(Movie, { genre: isIn(...many.slice(0, 100)) })).not.toThrow();
  });
  it('between with the low bound above the high bound (numbers exactly, strings by UTF-8 bytes)', () => {
    expect(refusal(cond({ rating: between(5, 1) }))).toBe(
      'expression.betweenOrder: Movie: rating: between(5, 1) has its low bound above its high bound, which DynamoDB refuses. Swap them.');
    expect(refusal(cond({ genre: between('b', 'a') }))).toMatch(/^expression\.betweenOrder/);
    // JavaScript (UTF-16 code units) orders '😀' before '｡'; DynamoDB (UTF-8 bytes: F0.. vs EF..) after it.
    expect(refusal(cond({ genre: between('😀', '｡') }))).toMatch(/^expression\.betweenOrder/);
    expect(() => compileCondition(Movie, { genre: between('｡', '😀') })).not.toThrow();
    expect(() => compileCondition(Movie, { rating: between(1, 1) })).not.toThrow();
  });
  it('an expression over 4 KB', () => {
    const long = Array.from({ length: 300 }, (_, i) => ({ [`meta.k${i}`]: ne(i) }));
    expect(refusal(cond(and(...long)))).toMatch(
      /^expression\.tooLong: Movie: the condition expression is \d{4} bytes long; DynamoDB allows 4 KB \(4096 bytes\), counting what dynamap adds .*Simplify the condition/);
    const ex = new ExpressionContext();
    expect(refusal(() => ex.filter(movie, and(...long)))).toMatch(/the filter expression is/);
  });
  it('names and values over 2 MB together, before any request', () => {
    const big = 'x'.repeat(700_000);
    const other = 'y'.repeat(700_000); // equal values share one placeholder: a different one counts again
    expect(refusal(upd({ 'info.actors': [other], meta: { a: big }, notes: [big] }))).toMatch(
      /^expression\.attributesTooLarge: Movie: with the update, the request's expression attribute names and values take 2100\d{3} bytes; DynamoDB allows 2 MB/);
    expect(() => compileUpdate(Movie, { 'info.actors': [other], meta: { a: big } })).not.toThrow();
    // The request's names and values count together: a condition added to a large update can tip it over.
    const ex = new ExpressionContext();
    ex.update(movie, { 'info.actors': [other], meta: { a: big } });
    expect(refusal(() => ex.condition(movie, { notes: [big] }))).toMatch(/^expression\.attributesTooLarge: Movie: with the condition/);
  });
  it('not an object', () => {
    expect(refusal(cond(42))).toBe(
      'expression.notACondition: Movie: a condition must be an object of property paths ({ rating: gte(8) }) or a node from and/or/not/size; got 42.');
    expect(refusal(cond(gt(1)))).toMatch(/^expression\.notACondition/);
  });
});

describe('update rules', () => {
  it('two changes of overlapping paths', () => {
    expect(refusal(upd({ info: {}, 'info.rating': 1 }))).toBe(
      'expression.overlappingPaths: Movie: the update changes both info and info.rating, which overlap; DynamoDB refuses that. ' +
        "Change the parent only (with the child's new value inside), or the child only.");
    expect(refusal(upd({ 'info.rating': 1, 'info["rating"]': remove() }))).toMatch(/^expression\.overlappingPaths/);
    expect(() => compileUpdate(Movie, { 'notes[0]': 'a', 'notes[1]': 'b', 'info.rating': 1, 'info.actors': ['x'] })).not.toThrow();
  });
  it('the primary key cannot be updated', () => {
    expect(refusal(upd({ title: 'x' }))).toBe(
      "expression.updateKey: Movie: title is part of the table's primary key, which DynamoDB cannot update: delete the item and put it with the new key.");
  });
  it('no changes', () => {
    expect(refusal(upd({}))).toMatch(/^expression\.emptyUpdate: Movie: the update has no changes/);
    expect(refusal(upd({ genre: undefined }))).toMatch(/^expression\.emptyUpdate/);
  });
  it('removing a required attribute, at the top or nested (put and save refuse such an entity)', () => {
    class Inner {
      @Attribute({ type: 'string', required: true }) must?: string;
      @Attribute({ type: 'string' }) may?: string;
    }
    @Table({ name: 'Strict' })
    class Strict {
      @PartitionKey({ type: 'string' }) id!: string;
      @Attribute({ type: 'string', required: true }) req?: string;
      @Attribute({ type: () => Inner }) inner?: Inner;
    }
    expect(refusal(() => compileUpdate(Strict, { req: remove() }))).toBe(
      'expression.removeRequired: Strict: req is required (@Attribute({ required: true })), so the update cannot remove it: set another value instead.');
    expect(refusal(() => compileUpdate(Strict, { 'inner.must': remove() }))).toMatch(/^expression\.removeRequired: Strict: inner\.must is required/);
    expect(compileUpdate(Strict, { 'inner.may': remove() }).expression).toBe('REMOVE #n0.#n1');
  });
  it('an index key set to a value put would refuse (empty, too long), and null takes the item out of the index', () => {
    expect(refusal(upd({ genre: '' }))).toBe(
      'key.empty: Movie.genre: an empty string cannot be a value of the partition key of index \"byGenre\": DynamoDB refuses empty strings and binaries in table and index keys. Give it a value, or leave it undefined (the item is then not in the index)');
    expect(refusal(upd({ genre: 'x'.repeat(2049) }))).toMatch(/^key\.tooLong: Movie\.genre: a value of the partition key of index "byGenre" is 2049 bytes/);
    expect(refusal(upd({ genre: ifNotExists('') }))).toMatch(/^key\.empty/);
    expect(compileUpdate(Movie, { genre: null as never }).expression).toBe('REMOVE #n0');
  });
  it('a fraction added to a bigint attribute (the item could not be read back)', () => {
    expect(refusal(upd({ budget: add(1.5) }))).toBe('value.type: Movie.budget: expected a bigint, got the number 1.5');
    expect(refusal(upd({ budget: increment(0.5) }))).toMatch(/^value\.type: Movie\.budget/);
    expect(compileUpdate(Movie, { budget: add(2n) }).values).toEqual({ ':v0': { N: '2' } });
  });
  it('missingParentPath names the paths and says to set the parent first', () => {
    const e = missingParentPath('Movie', ['info.rating']);
    expect(e).toBeInstanceOf(ValidationError);
    expect(`${e.code}: ${e.message}`).toBe(
      'expression.missingParentPath: Movie: the update changes the nested path info.rating, but its parent does not exist in the ' +
        'stored item as a map or list (it is missing, holds another type, or the item does not exist), and DynamoDB only changes a nested path inside an existing map or list. ' +
        'Set the parent first (e.g. { info: {...} }), or write the whole item with put().');
  });
});

describe('key condition rules', () => {
  it('an empty or over-long key value (DynamoDB refuses them in key conditions too)', () => {
    expect(refusal(key({ year: 1994, title: '' }))).toBe(
      'key.empty: Movie.title: an empty string cannot be a value of the sort key: DynamoDB refuses empty strings and binaries in table and index keys. Give the key a value');
    expect(refusal(key({ year: 1994, title: beginsWith('') }))).toMatch(/^key\.empty: Movie\.title/);
    expect(refusal(key({ year: 1994, title: between('', 'b') }))).toMatch(/^key\.empty: Movie\.title/);
    expect(refusal(key({ genre: '' }, 'byGenre'))).toMatch(/^key\.empty: Movie\.genre: an empty string cannot be a value of the partition key/);
    expect(refusal(key({ year: 1994, title: 'x'.repeat(1025) }))).toMatch(/^key\.tooLong: Movie\.title: a value of the sort key is 1025 bytes/);
  });
  it('a non-key attribute, listing the keys it could use', () => {
    expect(refusal(key({ year: 1, genre: 'x' }))).toBe(
      'expression.keyNotKey: Movie: genre is not a key of the table of Movie: a key condition can only use year, title. Put other conditions in a filter.');
    expect(refusal(key({ genre: 'x', title: 'y' }, 'byGenre'))).toBe(
      'expression.keyNotKey: Movie: title is not a key of index "byGenre": a key condition can only use genre, rating. Put other conditions in a filter.');
    expect(refusal(key({ year: 1, 'info.rating': 1 }))).toMatch(/^expression\.keyNotKey: Movie: info\.rating is not a key/);
  });
  it('no partition key, or not an equality on it', () => {
    expect(refusal(key({ title: 'x' }))).toBe(
      'expression.keyMissingPartition: Movie: a key condition on the table of Movie needs the partition key year with a value (equality).');
    expect(refusal(key({}))).toMatch(/^expression\.keyMissingPartition/);
    expect(refusal(key({ year: gt(1) }))).toBe(
      'expression.keyPartitionOperator: Movie: year is the partition key: DynamoDB only allows equality on it (a value or eq()), not >.');
  });
  it('a sort key operator DynamoDB does not allow', () => {
    expect(refusal(key({ year: 1, title: contains('x') }))).toBe(
      'expression.keySortOperator: Movie: title is the sort key: DynamoDB allows =, <, <=, >, >=, BETWEEN and begins_with on it, not contains(). Put other conditions in a filter.');
    expect(refusal(key({ year: 1, title: ne('x') }))).toMatch(/not ne\(\)/);
    expect(refusal(key({ year: 1, title: isIn('x') }))).toMatch(/not isIn\(\)/);
    expect(refusal(key({ year: 1, title: exists() }))).toMatch(/not exists\(\)/);
    expect(refusal(key(and({ year: 1 }, size('title').gt(1))))).toMatch(/not size\(\)/);
  });
  it('or/not, a key twice, an unknown index', () => {
    expect(refusal(key(or({ year: 1 }, { year: 2 })))).toMatch(/^expression\.keyLogical: .*or\(\) is not allowed/);
    expect(refusal(key(and({ year: 1 }, { year: 2 })))).toBe('expression.keyTwice: Movie: year appears twice in the key condition; DynamoDB allows one condition per key.');
    expect(refusal(key({ genre: 'x' }, 'byGenr'))).toBe('expression.unknownIndex: Movie: there is no index "byGenr"; the model\'s indexes are byViews, byGenre.');
  });
  it('a beginsWith on a numeric sort key', () => {
    expect(refusal(key({ genre: 'x', rating: beginsWith('1') }, 'byGenre'))).toMatch(/^expression\.operatorKind: Movie: beginsWith\(\) cannot be used on rating/);
  });
});

describe('projection rules', () => {
  it('empty, or unknown paths', () => {
    expect(refusal(() => compileProjection(Movie, []))).toBe('expression.emptyProjection: Movie: a projection needs at least one property path.');
    expect(refusal(() => compileProjection(Movie, ['titl' as 'title']))).toMatch(/^expression\.unknownPath: Movie: no property "titl" in Movie \(did you mean "title"\?\)/);
  });
});

it('no error for what is allowed on an `any`-kind value', () => {
  expect(() => compileUpdate(Movie, { 'meta.n': add(1), 'meta.s': add(new Set(['a'])), 'meta.l': append([1]), 'meta.d': deleteFromSet(new Set([1])) })).not.toThrow();
  expect(() => compileCondition(Movie, { 'meta.a': beginsWith('x'), 'meta.b': contains(1), 'meta.c': lt(1) })).not.toThrow();
});
