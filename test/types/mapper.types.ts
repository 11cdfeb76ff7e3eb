/**
 * Type tests for the Mapper's item operations: compiled by `npm run typecheck`; every
 * `@ts-expect-error` must stay an error.
 */
import 'reflect-metadata';
import { Attribute, Mapper, PartitionKey, SortKey, Table, increment } from '../../src';
import type { Constructor, IndexKeyCondition, KeyCondition, KeyOf } from '../../src';

@Table()
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() rating?: number;
  @Attribute() views?: number;
  describe(): string {
    return this.title;
  }
}

declare const mapper: Mapper;

export async function itemTypes(): Promise<void> {
  const updated: Movie = await mapper.update(Movie, { year: 1985, title: 'x' }, { views: increment(1) });
  void updated;
  const old: Movie | undefined = await mapper.update(Movie, { year: 1985, title: 'x' }, { rating: 1 }, { returnValues: 'ALL_OLD' });
  void old;
  // @ts-expect-error ALL_OLD may find no item: the result can be undefined
  const notNarrowed: Movie = await mapper.update(Movie, { year: 1985, title: 'x' }, { rating: 1 }, { returnValues: 'ALL_OLD' });
  void notNarrowed;

  await mapper.get(Movie, { year: 1985, title: 'x' }, { project: ['title', 'rating'] });
  // @ts-expect-error a misspelt projection path
  await mapper.get(Movie, { year: 1985, title: 'x' }, { project: ['ratin'] });
  const projected: Movie[] = await mapper.batchGet(Movie, [{ year: 1985, title: 'x' }], { project: ['title', 'rating'] });
  void projected;
  // @ts-expect-error a misspelt projection path in batchGet
  await mapper.batchGet(Movie, [{ year: 1985, title: 'x' }], { project: ['ratin'] });
  // @ts-expect-error no projection with several models
  await mapper.batchGet([[Movie, [{ year: 1985, title: 'x' }]]], { project: ['title'] });
  // @ts-expect-error a misspelt key property
  await mapper.get(Movie, { yeer: 1985, title: 'x' });
  // @ts-expect-error a key value of the wrong type
  await mapper.get(Movie, { year: '1985', title: 'x' });
  // @ts-expect-error a method is not a key property
  await mapper.delete(Movie, { describe: () => 'x' });
  // @ts-expect-error a misspelt path in update changes
  await mapper.update(Movie, { year: 1985, title: 'x' }, { ratin: 8 });
  // @ts-expect-error a value of the wrong type in update changes
  await mapper.update(Movie, { year: 1985, title: 'x' }, { rating: 'eight' });
  // @ts-expect-error increment() on a string attribute
  await mapper.update(Movie, { year: 1985, title: 'x' }, { title: increment(1) });
  // @ts-expect-error a misspelt path in a put condition
  await mapper.put(new Movie(), { condition: { ratin: 1 } });
}

export async function entityArguments(): Promise<void> {
  const movie = new Movie();
  // The entity's own type comes back, methods and all.
  const put: Movie = await mapper.put(movie, { condition: { rating: 1 } });
  const saved: Movie = await mapper.save(movie);
  const many: Movie[] = await mapper.batchPut([movie, new Movie()]);
  await mapper.delete(movie, { condition: { rating: 1 } });
  await mapper.transaction((tx) => { tx.put(movie).delete(movie); });
  void put.describe(), saved, many;
}

/**
 * Generic code over entities (a repository layer) compiles. (A compile-time refusal of a class
 * passed as an entity, `mapper.delete(Movie)` with its key forgotten, was tried and dropped: every
 * such check also refuses a plain type parameter T here. The runtime refuses it before sending.)
 */
export class Repository<T extends object> {
  constructor(private readonly mapper: Mapper, private readonly Model: Constructor<T>) {}
  find(key: KeyOf<T>): Promise<T | undefined> { return this.mapper.get(this.Model, key); }
  findMany(keys: KeyOf<T>[]): Promise<T[]> { return this.mapper.batchGet(this.Model, keys); }
  byKey(condition: KeyCondition<T>): Promise<T[]> { return this.mapper.query(this.Model, condition).all(); }
  byIndex(index: string | undefined, condition: IndexKeyCondition<T>): Promise<T[]> { return this.mapper.query(this.Model, condition, { index }).all(); }
  save(entity: T): Promise<T> { return this.mapper.put(entity, { overwrite: false }); }
  update(entity: T): Promise<T> { return this.mapper.save(entity); }
  remove(entity: T): Promise<void> { return this.mapper.delete(entity); }
  saveAll(entities: T[]): Promise<T[]> { return this.mapper.batchPut(entities); }
  inTransaction(entity: T): Promise<void> { return this.mapper.transaction((tx) => { tx.put(entity).delete(entity); }); }
}

/** What a mapper holds inside (client, prefix, policies) and a writer's own closing are not public. */
export async function internalsStayInternal(mapper: Mapper): Promise<void> {
  // @ts-expect-error the mapper's context is private
  void mapper.context;
  await mapper.transaction((tx) => {
    // @ts-expect-error only the mapper closes a transaction writer
    tx.close();
  });
  const models: readonly Constructor[] = [];
  await mapper.sync(models); // a readonly list is accepted
}
