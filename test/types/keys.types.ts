/**
 * Type tests for declared keys (`declare readonly [KEY]?: [pk, sk?]`): compiled by `npm run
 * typecheck`. Every `@ts-expect-error` line must stay an error, for the reason its comment gives.
 */
import 'reflect-metadata';
import { Attribute, GlobalIndex, INDEXES, KEY, LocalIndex, Mapper, PartitionKey, SortKey, Table, beginsWith, between, gte, compileKeyCondition, increment } from '../../src';
import type { BatchGetOneOptions, Constructor, GetOptions, KeyOf, Projection, QueryOptions } from '../../src';

class Info {
  @Attribute() directors?: string[];
  @Attribute() rating?: number;
  @Attribute() plot?: string;
}

@Table()
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating' })
class Movie {
  declare readonly [KEY]?: ['year', 'title'];
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
  @Attribute() info?: Info;
  @Attribute() actors?: string[];
  @Attribute({ type: () => [Info] }) versions?: Info[];
  describe(): string {
    return this.title;
  }
}

@Table()
class Note {
  declare readonly [KEY]?: ['id'];
  @PartitionKey() id!: string;
  @Attribute() text?: string;
}

/** Declared indexes: index names and their key conditions are typed. */
@Table()
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating' })
@LocalIndex('byRating', { sortKey: 'rating' })
class Film {
  declare readonly [KEY]?: ['year', 'title'];
  declare readonly [INDEXES]?: { byGenre: ['genre', 'rating']; byRating: ['year', 'rating'] };
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
}

@Table()
// @ts-expect-error an index decorator must name an index the model declares in [INDEXES]
@GlobalIndex('byGenr', { partitionKey: 'genre' })
class MisnamedIndex {
  declare readonly [INDEXES]?: { byGenre: ['genre'] };
  @PartitionKey() id!: string;
  @Attribute() genre?: string;
}
void MisnamedIndex;

/** No declaration: keys stay any top-level properties, checked at runtime. */
@Table()
class Loose {
  @PartitionKey() id!: string;
  @SortKey() at!: number;
}

declare const mapper: Mapper;

// KeyOf is exactly the declared key.
const exact: KeyOf<Movie> = { year: 1985, title: 'After Hours' };
const exactNote: KeyOf<Note> = { id: 'n1' };
void exact, exactNote;

export async function keys(): Promise<void> {
  await mapper.get(Movie, { year: 1985, title: 'After Hours' });
  await mapper.delete(Note, { id: 'n1' });
  await mapper.update(Movie, { year: 1985, title: 'x' }, { rating: 8 });
  await mapper.batchGet(Movie, [{ year: 1985, title: 'x' }]);
  await mapper.transactGet([[Movie, { year: 1985, title: 'x' }], [Note, { id: 'n1' }]]);
  await mapper.transaction((tx) => { tx.delete(Note, { id: 'n1' }).check(Movie, { year: 1, title: 'x' }, { rating: gte(1) }); });
  // @ts-expect-error the sort key is missing
  await mapper.get(Movie, { year: 1985 });
  // @ts-expect-error an empty key
  await mapper.get(Movie, {});
  // @ts-expect-error a property that is not part of the key
  await mapper.get(Movie, { year: 1985, title: 'x', genre: 'Drama' });
  // @ts-expect-error the sort key is missing in delete
  await mapper.delete(Movie, { year: 1985 });
  // @ts-expect-error the sort key is missing in update
  await mapper.update(Movie, { year: 1985 }, { rating: 8 });
  // @ts-expect-error the sort key is missing in batchGet
  await mapper.batchGet(Movie, [{ year: 1985 }]);
  // @ts-expect-error a key of the wrong type
  await mapper.get(Note, { id: 1 });
  // @ts-expect-error a declared key property cannot be updated (DynamoDB cannot change a key)
  await mapper.update(Movie, { year: 1985, title: 'x' }, { title: 'y' });
  // @ts-expect-error nor incremented
  await mapper.update(Movie, { year: 1985, title: 'x' }, { year: increment(1) });
  // Undeclared: any subset of the properties (the runtime checks it).
  await mapper.get(Loose, { id: 'a' });
}

export function keyConditions(): void {
  mapper.query(Movie, { year: 1985 });
  mapper.query(Movie, { year: 1985, title: beginsWith('A') });
  // An index's key condition names the index's keys.
  mapper.query(Movie, { genre: 'Drama', rating: gte(8) }, { index: 'byGenre' });
  compileKeyCondition(Movie, { year: 1985, title: 'x' });
  compileKeyCondition(Movie, { genre: 'Drama' }, { index: 'byGenre' });
  // An index that may be undefined: checked at runtime against the table or the index.
  const maybe: string | undefined = Math.random() > 0.5 ? 'byGenre' : undefined;
  mapper.query(Movie, { genre: 'Drama' }, { index: maybe });
  compileKeyCondition(Movie, { genre: 'Drama' }, { index: maybe });
  const options: QueryOptions = {};
  mapper.query(Movie, { year: 1985 }, options);
  // @ts-expect-error the table's partition key is required
  mapper.query(Movie, { title: 'x' });
  // @ts-expect-error a property that is not a table key, without { index }
  mapper.query(Movie, { year: 1985, genre: 'Drama' });
  // @ts-expect-error a range operator on the partition key
  mapper.query(Movie, { year: gte(1985) });
  // @ts-expect-error the table's partition key is required in compileKeyCondition too
  compileKeyCondition(Movie, { title: 'x' });
}

// The decorators must agree with the declaration.
@Table()
class Mismatch {
  declare readonly [KEY]?: ['id', 'at'];
  // @ts-expect-error @PartitionKey on a property the declaration does not name as the partition key
  @PartitionKey() other!: string;
  // @ts-expect-error @SortKey on the declared partition key
  @SortKey() id!: string;
  at?: number;
}
void Mismatch;

@Table()
class NoSortKey {
  declare readonly [KEY]?: ['id'];
  @PartitionKey() id!: string;
  // @ts-expect-error the declaration has no sort key
  @SortKey() at!: number;
}
void NoSortKey;

@Table()
class Misdeclared {
  declare readonly [KEY]?: ['nope'];
  // @ts-expect-error the decorator disagrees with the declaration
  @PartitionKey() id!: string;
}
// @ts-expect-error a declaration naming a property the model does not have makes every key an error
void mapper.get(Misdeclared, { id: 'a' });

// Projections: a model that declares its key gets entities typed with the key, the projected paths and the methods.
export async function projections(): Promise<void> {
  const [m] = await mapper.query(Movie, { year: 1985 }).project('rating', 'info.directors').all();
  const year: number = m.year;
  const title: string = m.title;
  const rating: number | undefined = m.rating;
  const directors: string[] | undefined = m.info?.directors;
  void year, title, rating, directors, m.describe();
  // @ts-expect-error genre was not projected
  void m.genre;
  // @ts-expect-error info.plot was not projected (only info.directors)
  void m.info?.plot;
  const got = await mapper.get(Movie, { year: 1985, title: 'x' }, { project: ['genre'] });
  const genre: string | undefined = got?.genre;
  void genre;
  // @ts-expect-error rating was not projected in get
  void got?.rating;
  const [b] = await mapper.batchGet(Movie, [{ year: 1985, title: 'x' }], { project: ['actors[0]'] });
  // A path through a list index keeps the list's type.
  const actors: string[] | undefined = b.actors;
  void actors;
  // @ts-expect-error info was not projected in batchGet
  void b.info;
  for await (const s of mapper.scan(Movie).project('info')) {
    const plot: string | undefined = s.info?.plot;
    void plot;
    // @ts-expect-error genre was not projected in the scan
    void s.genre;
  }
  // The page's items, first() and a filter on unprojected paths are typed alike.
  const page = await mapper.scan(Movie).filter({ genre: 'Drama' }).project('rating').page();
  void page.items[0]?.rating;
  // @ts-expect-error genre was filtered on, not projected
  void page.items[0]?.genre;
  const [t, n] = await mapper.transactGet([[Movie, { year: 1985, title: 'x' }, { project: ['genre'] }], [Note, { id: 'n' }]]);
  void t?.genre, n?.text;
  // @ts-expect-error rating was not projected in transactGet
  void t?.rating;
  // Paths through a list index: the elements come back packed, each with only the fields read inside it.
  const listed = await mapper.get(Movie, { year: 1985, title: 'x' }, { project: ['versions[1].plot', 'versions[3].plot'] });
  const plots: (string | undefined)[] | undefined = listed?.versions?.map((v) => v.plot);
  void plots;
  // @ts-expect-error only plot was read inside the elements
  void listed?.versions?.[0]?.rating;
  const wholeElements = await mapper.get(Movie, { year: 1985, title: 'x' }, { project: ['versions[0]', 'versions[2].plot'] });
  // A whole element and a partial one: only what both have is certain.
  void wholeElements?.versions?.[0]?.plot;
  // @ts-expect-error rating may be missing (an element read for its plot only)
  void wholeElements?.versions?.[0]?.rating;
  const wholeOne = await mapper.get(Movie, { year: 1985, title: 'x' }, { project: ['versions[0]'] });
  const elementRating: number | undefined = wholeOne?.versions?.[0]?.rating;
  void elementRating;
  // Options held in a variable, or passed through a generic wrapper, compile (the projection is then not known: the model's type).
  const options: GetOptions<Movie> = { consistent: true };
  const viaVariable: Movie | undefined = await mapper.get(Movie, { year: 1985, title: 'x' }, options);
  const maybe = undefined as Projection<Movie> | undefined;
  const viaMaybe: Movie[] = await mapper.batchGet(Movie, [{ year: 1985, title: 'x' }], { consistent: true, project: maybe });
  void viaVariable, viaMaybe;
  class Repository<T extends object> {
    constructor(private readonly Model: Constructor<T>) {}
    find(key: KeyOf<T>, findOptions?: GetOptions<T>): Promise<T | undefined> {
      return mapper.get(this.Model, key, findOptions);
    }
    many(keys: readonly KeyOf<T>[], manyOptions?: BatchGetOneOptions<T>): Promise<T[]> {
      return mapper.batchGet(this.Model, keys, manyOptions);
    }
  }
  void new Repository(Movie).find({ year: 1985, title: 'x' });
  // @ts-expect-error a batchWrite delete without the declared sort key
  await mapper.batchWrite([{ delete: Movie, key: { year: 1985 } }]);
  // @ts-expect-error the key is still checked when the options are a variable
  await mapper.get(Movie, { year: 1985 }, options);
  // Undeclared keys: the entity is typed as the model.
  const [loose] = await mapper.query(Loose, { id: 'a' }).project('at').all();
  void loose.id, loose.at;
  // A whole entity without a projection.
  const whole = await mapper.get(Movie, { year: 1985, title: 'x' });
  void whole?.genre;
}

// A Date sort key stored as ISO-8601 text takes a text prefix (a month, a day): checked at runtime
// against the kind (an 'epochSeconds' key is a number and refuses it before sending).
@Table()
class Reading {
  declare readonly [KEY]?: ['sensor', 'at'];
  @PartitionKey() sensor!: string;
  @SortKey() at!: Date;
}
void new Mapper().query(Reading, { sensor: 's1', at: beginsWith('2024-01') });
// @ts-expect-error a Date is not a prefix: give its text
void new Mapper().query(Reading, { sensor: 's1', at: beginsWith(new Date()) });

export async function declaredIndexes(name: string, maybe: 'byGenre' | undefined, typo: 'byGenr' | undefined): Promise<void> {
  mapper.query(Film, { genre: 'Drama' }, { index: 'byGenre' });
  mapper.query(Film, { genre: 'Drama', rating: gte(8) }, { index: 'byGenre' });
  mapper.query(Film, { year: 1985, rating: between(5, 8) }, { index: 'byRating' });
  mapper.scan(Film, { index: 'byGenre' });
  compileKeyCondition(Film, { genre: 'Drama' }, { index: 'byGenre' });
  // @ts-expect-error an index the model does not declare
  mapper.query(Film, { genre: 'Drama' }, { index: 'byGenr' });
  // @ts-expect-error an index the model does not declare, in a scan
  mapper.scan(Film, { index: 'byGenr' });
  // @ts-expect-error the index's partition key is missing
  mapper.query(Film, { rating: gte(8) }, { index: 'byGenre' });
  // @ts-expect-error a property that is not a key of the index
  mapper.query(Film, { genre: 'Drama', title: 'x' }, { index: 'byGenre' });
  // @ts-expect-error a value of the wrong type for the index's key
  mapper.query(Film, { genre: 5 }, { index: 'byGenre' });
  // @ts-expect-error compileKeyCondition checks the index's keys too
  compileKeyCondition(Film, { rating: 8 }, { index: 'byGenre' });
  // @ts-expect-error a possibly-undefined index must be one of the declared ones
  mapper.query(Film, { genre: 'Drama' }, { index: typo });
  // A name held in a string (generic code, configuration) is checked at runtime.
  mapper.query(Film, { genre: 'Drama' }, { index: name });
  mapper.scan(Film, { index: name });
  // With [INDEXES], an index that may be undefined is chosen with a branch (or typed string): a literal union is refused.
  // @ts-expect-error 'byGenre' | undefined: the key condition cannot be checked against "maybe an index"
  mapper.query(Film, { genre: 'Drama' }, { index: maybe });
  // Without [INDEXES], every index name is a string, as before.
  mapper.query(Movie, { genre: 'Drama' }, { index: 'byGenre' });
  mapper.query(Movie, { genre: 'Drama' }, { index: 'anything' });
}
