/**
 * Type tests for expressions: compiled by `npm run typecheck`. Every `@ts-expect-error` line must
 * stay an error, and each is an error for the reason its comment gives (and no other): the
 * surrounding lines show the same call with that one thing right.
 */
import 'reflect-metadata';
import {
  add, and, append, beginsWith, between, compileCondition, compileKeyCondition, compileProjection, compileUpdate, contains,
  decrement, deleteFromSet, eq, exists, gt, gte, ifNotExists, increment, isIn, isType, lt, ne, not, notExists, or, prepend,
  remove, size, attribute,
} from '../../src/expressions';
import type { Condition, KeyCondition, KeyOf, Path, PathValue, Projection, UpdateChanges } from '../../src/expressions';

class Actor {
  name?: string;
  born?: number;
}
class Info {
  rating?: number;
  releaseDate?: Date;
  actors?: string[];
  cast?: Actor[];
  lead?: Actor;
  summary(): string {
    return '';
  }
}
class Level6 { z?: number }
class Level5 { l6?: Level6 }
class Level4 { l5?: Level5 }
class Level3 { l4?: Level4 }
class Level2 { l3?: Level3 }
class Level1 { l2?: Level2 }
class Tree { label?: string; children?: Tree[] }

class Movie {
  year!: number;
  title!: string;
  subtitle?: string | null;
  labels?: Map<string, string>;
  genre?: 'Drama' | 'Comedy';
  rating?: number;
  info?: Info;
  tags?: Set<string>;
  notes?: string[];
  poster?: Uint8Array;
  released?: boolean;
  budget?: bigint;
  meta?: Record<string, number>;
  extra?: unknown;
  deep?: Level1;
  tree?: Tree;
  describe(): string {
    return this.title;
  }
}

declare function filter(condition: Condition<Movie>): void;
declare function update(changes: UpdateChanges<Movie>): void;
declare function project(paths: Projection<Movie>): void;
declare function query(key: KeyCondition<Movie>): void;
declare function get(key: KeyOf<Movie>): void;

// ---- Path and PathValue
const paths: Path<Movie>[] = ['year', 'info.rating', 'info.actors[0]', 'info.cast[3].name', 'meta.anything', 'extra.a[1].b', 'deep.l2.l3.l4.l5.l6.z'];
// @ts-expect-error a misspelt path
const misspelt: Path<Movie> = 'info.ratin';
// @ts-expect-error methods are not paths
const method: Path<Movie> = 'describe';
// @ts-expect-error methods of nested classes are not paths either
const nestedMethod: Path<Movie> = 'info.summary';
// @ts-expect-error a scalar has no nested paths
const intoScalar: Path<Movie> = 'rating.x';
const rating: PathValue<Movie, 'info.rating'> = 8;
// @ts-expect-error the value at info.rating is a number
const ratingText: PathValue<Movie, 'info.rating'> = '8';
const actor: PathValue<Movie, 'info.actors[2]'> = 'Tom';
const bornAt: PathValue<Movie, 'info.cast[0].born'> = 1970;
const metaValue: PathValue<Movie, 'meta.views'> = 3;
// @ts-expect-error a misspelt path 7 levels down is still caught
const deepMisspelt: Path<Movie> = 'deep.l2.l3.l4.l5.l6.y';
// A recursive model is bounded: precise paths to the depth limit, any string below it.
const treePath: Path<Movie> = 'tree.children[0].children[1].label';
// @ts-expect-error a misspelt path in a recursive model, within the depth limit
const treeMisspelt: Path<Movie> = 'tree.children[0].labl';
const belowLimit: Path<Movie> = 'tree.children[0].children[1].children[2].children[3].children[4].anything';

// ---- Copying an attribute in an update: the source path is typed too
update({ rating: attribute('info.rating') });
// Another attribute as the increment, or as the value if missing.
update({ rating: increment(attribute('info.rating')), 'info.rating': ifNotExists(attribute('rating')) });
// A possibly-undefined amount (undefined: 1).
const by: number | undefined = Math.random() > 2 ? 3 : undefined;
update({ rating: increment(by), budget: decrement(by) });
// @ts-expect-error increment by another attribute on a string path
update({ genre: increment(attribute('rating')) });
// @ts-expect-error increment by a path the model does not have
update({ rating: decrement(attribute('info.ratin')) });
// @ts-expect-error attribute() of a path the model does not have, as an update value
update({ rating: attribute('info.ratin') });
// A Map with string keys is stored as a map: its keys are paths, of its value type.
update({ 'labels.color': 'red', labels: new Map([['a', 'b']]) });
filter({ 'labels.color': beginsWith('r') });
// @ts-expect-error a number into a Map<string, string>
update({ 'labels.color': 5 });
// A key with a dot, quoted, below a Record, a Map or an unknown value (docs/expressions.md); of the value type.
filter({ 'meta["a.b"]': 1, 'labels["x.y"]': beginsWith('r'), 'extra["k.z"].deeper': 'v' });
update({ 'meta["a.b"]': increment(1) });
project(['meta["a.b"]', 'labels["x.y"]']);
// @ts-expect-error a string into a Record<string, number>, quoted key or not
filter({ 'meta["a.b"]': 'one' });
// @ts-expect-error a quoted key below a class with declared properties is not a path
filter({ 'info["rating"]': 1 });
// @ts-expect-error an unterminated quoted key is not a path (the runtime refuses it too)
filter({ 'extra["a.b': 1 });
// @ts-expect-error a string copied into a number
update({ rating: attribute('title') });
// @ts-expect-error a number property incremented by a string attribute
update({ rating: increment(attribute('title')) });

// ---- Conditions
filter({ 'info.rating': gte(8), genre: 'Drama' });
// @ts-expect-error gte(8) on a string path
filter({ genre: gte(8) });
// Another attribute of the item as the right side: its path is checked against the model.
filter({ rating: gte(attribute('info.rating')), title: ne(attribute('genre')) });
// @ts-expect-error attribute() of a path the model does not have
filter({ rating: gte(attribute('info.ratin')) });
// @ts-expect-error attributes of kinds that never compare (a number and a string)
filter({ rating: gt(attribute('title')) });
// @ts-expect-error a string prefix from a number attribute
filter({ title: beginsWith(attribute('rating')) });
// @ts-expect-error a between bound of another kind
filter({ rating: between(attribute('title'), 10) });
// A date compares with strings and numbers (stored as S, or as epoch seconds), and attributes of unknown type with anything.
filter({ 'info.releaseDate': gte(attribute('title')), extra: eq(attribute('rating')) });
filter({ rating: lt(attribute('info.releaseDate')) });
// Attributes as between's bounds and among isIn's candidates, mixed with values.
filter({ rating: between(attribute('info.rating'), 10), year: isIn(1994, attribute('rating')) });
filter({ rating: between(0, attribute('info.rating')) });
// The value type given explicitly, as before attribute() bounds and candidates existed.
filter({ rating: between<number>(1, 5), genre: isIn<'Drama' | 'Comedy'>('Drama') });
// @ts-expect-error a bound that is a path the model does not have
filter({ rating: between(attribute('info.ratin'), 10) });
// @ts-expect-error an isIn candidate that is a path the model does not have
filter({ year: isIn(1994, attribute('ratin')) });
// @ts-expect-error a value bound of the wrong type next to an attribute bound
filter({ rating: between(attribute('info.rating'), 'ten') });
// Another attribute as the prefix of beginsWith (string and binary paths) or the operand of contains (strings, sets, lists).
filter({ title: beginsWith(attribute('genre')), tags: contains(attribute('title')), notes: contains(attribute('genre')) });
// @ts-expect-error beginsWith(attribute()) on a number path (beginsWith is for strings and binaries)
filter({ rating: beginsWith(attribute('title')) });
// @ts-expect-error contains(attribute()) on a number path
filter({ rating: contains(attribute('title')) });
// @ts-expect-error beginsWith(attribute()) of a path the model does not have
filter({ title: beginsWith(attribute('titel')) });
// @ts-expect-error contains(attribute()) of a path the model does not have
filter({ tags: contains(attribute('titel')) });
// @ts-expect-error a misspelt path in a condition object
filter({ 'info.ratin': gte(8) });
// @ts-expect-error a literal of the wrong type
filter({ rating: 'high' });
// null where the property may hold it (stored as NULL), with eq/ne too; not where it may not.
filter({ subtitle: null });
filter({ subtitle: ne(null) });
// @ts-expect-error rating cannot hold null
filter({ rating: null });
// @ts-expect-error 'Thriller' is not one of the genre's values
filter({ genre: 'Thriller' });
filter({ genre: beginsWith('Dr'), poster: beginsWith(new Uint8Array([1])) });
// @ts-expect-error beginsWith only on strings and binaries
filter({ rating: beginsWith('8') });
filter({ released: true, 'info.releaseDate': lt(new Date()), budget: between(1n, 2n) });
filter({ released: ne(true) });
// @ts-expect-error lt() needs an ordered value: a boolean is not
lt(true);
filter({ tags: contains('classic'), notes: contains('x'), genre: contains('ram') });
// @ts-expect-error contains() on a set of strings takes a string
filter({ tags: contains(1) });
// @ts-expect-error contains() does not apply to numbers
filter({ rating: contains(1) });
filter({ genre: isIn('Drama', 'Comedy'), rating: ne(3), title: eq('x') });
// @ts-expect-error isIn() values of the wrong type
filter({ rating: isIn('1', '2') });
filter({ genre: exists(), rating: notExists(), extra: isType('M') });
// @ts-expect-error isType takes a DynamoDB type name
filter({ extra: isType('STRING') });
filter(and({ genre: 'Drama' }, size('tags').gt(3)));
filter(or({ genre: 'Drama' }, { rating: gt(9) }, not({ tags: exists() })));
// @ts-expect-error a misspelt path inside and()
filter(and({ genre: 'Drama' }, { ratin: 1 }));
// @ts-expect-error a value of the wrong type inside or()
filter(or({ genre: 'Drama' }, { rating: '9' }));
// @ts-expect-error a misspelt path inside not()
filter(not({ tagz: exists() }));
// @ts-expect-error size() of a misspelt path
filter(and({ genre: 'Drama' }, size('tagz').gt(3)));
// @ts-expect-error size() of a number
filter(size('rating').gt(3));
// A node built without a model fits any model (it is checked at runtime against the schema).
const loose = and({ anything: 1 });
filter(loose);
// @ts-expect-error a node built for another model does not fit
filter(and<Actor>({ name: 'x' }));
compileCondition(Movie, and({ genre: 'Drama' }, { rating: gt(8) }));
// @ts-expect-error compileCondition checks paths against the model it is given
compileCondition(Movie, { ratin: 1 });
// @ts-expect-error ...also inside nested nodes: a misspelt path in or(not(...))
compileCondition(Movie, or({ year: 1 }, not({ titl: 'x' })));

// A condition held in a variable keeps its model: not taken for another model's filter (a parent's fits a subclass).
class Shelf { name?: string; rating?: number }
class SpecialMovie extends Movie { special?: boolean }
declare function filterSpecial(condition: Condition<SpecialMovie>): void;
const forShelf: Condition<Shelf> = { rating: 1 };
const forMovie: Condition<Movie> = { rating: 1 };
// @ts-expect-error a condition typed for another model
filter(forShelf);
filter(forMovie);
filterSpecial(forMovie);

// ---- Updates
update({ rating: 8, 'info.rating': 8.5, genre: 'Comedy', 'info.lead': { name: 'Ann' } });
update({ rating: increment(1), budget: increment(5n), tags: add(new Set(['x'])), notes: append(['n']) });
update({ 'info.actors': prepend(['a']), tags: deleteFromSet(new Set(['y'])), genre: remove(), title: ifNotExists('t') });
update({ rating: add(2), budget: decrement(), genre: undefined });
// remove() where the model lets the value be missing: optional properties, list elements, map keys.
update({ subtitle: remove(), 'info.rating': remove(), 'notes[1]': remove(), 'meta.anyKey': remove(), 'meta["a.b"]': remove(), 'labels.k': remove() });
// @ts-expect-error remove() of a property declared present (`title!: string`): it would read back undefined
update({ title: remove() });
// @ts-expect-error a misspelt path in an update
update({ ratin: 1 });
// @ts-expect-error a literal of the wrong type
update({ rating: 'high' });
// @ts-expect-error add() on a string
update({ genre: add(1) });
// @ts-expect-error add() of a number set to a string set
update({ tags: add(new Set([1])) });
// @ts-expect-error increment() on a string
update({ title: increment(1) });
// @ts-expect-error a bigint increment of a number attribute
update({ rating: increment(1n) });
// @ts-expect-error append() only on arrays
update({ genre: append(['x']) });
// @ts-expect-error append() elements of the wrong type
update({ notes: append([1]) });
// @ts-expect-error deleteFromSet() only on sets
update({ notes: deleteFromSet(new Set(['x'])) });
// @ts-expect-error ifNotExists() of the wrong type
update({ rating: ifNotExists('x') });
compileUpdate(Movie, { rating: increment(1) });
// @ts-expect-error compileUpdate checks the changes against the model
compileUpdate(Movie, { rating: append([1]) });

// ---- Projections
project(['title', 'info.rating', 'info.actors[0]']);
// @ts-expect-error a misspelt projection path
project(['title', 'info.ratin']);
compileProjection(Movie, ['year', 'title']);
// @ts-expect-error compileProjection checks paths against the model
compileProjection(Movie, ['yaer']);

// ---- Key conditions and keys
query({ year: 1985, title: beginsWith('A') });
// @ts-expect-error a key condition takes values only: DynamoDB has no attribute operand there
query({ year: 1985, title: beginsWith(attribute('genre')) });
query({ year: eq(1985), title: between('A', 'M') });
// @ts-expect-error a key value of the wrong type
query({ year: '1985' });
// @ts-expect-error contains() is not a key condition operator
query({ year: 1985, title: contains('A') });
// @ts-expect-error ne() is not a key condition operator
query({ year: 1985, title: ne('A') });
// @ts-expect-error keys are top-level properties
query({ year: 1985, 'info.rating': 1 });
compileKeyCondition(Movie, { genre: 'Drama', rating: gte(8) }, { index: 'byGenre' });
get({ year: 1985, title: 'After Hours' });
// @ts-expect-error a misspelt key property
get({ year: 1985, titel: 'After Hours' });

export {
  paths, misspelt, method, nestedMethod, intoScalar, rating, ratingText, actor, bornAt, metaValue, deepMisspelt, treePath, treeMisspelt,
  belowLimit,
};
