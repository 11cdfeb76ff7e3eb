/**
 * Type tests for mapper.query / mapper.scan: compiled by `npm run typecheck`. Each
 * `@ts-expect-error` must stay an error; if one stops being an error, tsc fails.
 */
import 'reflect-metadata';
import {
  Attribute, GlobalIndex, Mapper, PartitionKey, SortKey, Table, beginsWith, contains, gte,
  type Page, type Query, type Scan,
} from 'dynamap';

class Info {
  @Attribute() rating?: number;
  @Attribute() actors?: string[];
}

@Table()
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating' })
export class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
  @Attribute() info?: Info;
  label(): string {
    return this.title;
  }
}

declare const mapper: Mapper;

export async function typed(): Promise<void> {
  // Builders are generic over the model instance type, and keep it through every method.
  const q: Query<Movie> = mapper.query(Movie, { year: 1994, title: beginsWith('A') })
    .filter({ rating: gte(8), 'info.actors': contains('Tom Hanks') })
    .project('title', 'info.rating')
    .limit(10).pageSize(5).reverse().consistent().startAfter(undefined);
  const s: Scan<Movie> = mapper.scan(Movie, { index: 'byGenre', filter: { genre: 'Drama' }, segments: 4 }).segments(2);
  mapper.query(Movie, { genre: 'Drama', rating: gte(8) }, { index: 'byGenre' });

  const page: Page<Movie> = await q.page();
  const items: Movie[] = page.items;
  const cursor: string | undefined = page.cursor;
  const all: Movie[] = await s.all();
  const first: Movie | undefined = await q.first();
  const count: number = await s.count();
  for await (const movie of q) movie.label();
  for await (const p of s.pages()) p.items.map((m) => m.label());
  void [items, cursor, all, first, count];
}

export async function refused(): Promise<void> {
  // @ts-expect-error a misspelt key property
  mapper.query(Movie, { yeer: 1994 });
  // @ts-expect-error a key value of the wrong type
  mapper.query(Movie, { year: '1994' });
  // @ts-expect-error an operator a key condition does not allow (contains)
  mapper.query(Movie, { year: 1994, title: contains('x') });
  // @ts-expect-error the index option is a string
  mapper.query(Movie, { year: 1994 }, { index: 5 });
  // @ts-expect-error a misspelt filter path
  mapper.scan(Movie).filter({ ratin: 5 });
  // @ts-expect-error an operator that does not fit the value (gte of a string on a number)
  mapper.scan(Movie).filter({ rating: gte('8') });
  // @ts-expect-error a misspelt scan option filter path
  mapper.scan(Movie, { filter: { genr: 'x' } });
  // @ts-expect-error a misspelt projection path
  mapper.scan(Movie).project('titel');
  // @ts-expect-error a nested projection path that does not exist
  mapper.scan(Movie).project('info.ratin');
  // @ts-expect-error a scan has no order
  mapper.scan(Movie).reverse();
  // @ts-expect-error a query has no segments
  mapper.query(Movie, { year: 1 }).segments(2);
  // @ts-expect-error limit takes a number
  mapper.scan(Movie).limit('10');
  // @ts-expect-error a cursor is a string
  mapper.scan(Movie).startAfter(42);
  // @ts-expect-error items are Movies
  const wrong: string[] = (await mapper.scan(Movie).page()).items;
  // @ts-expect-error first() may find nothing
  const sure: Movie = await mapper.scan(Movie).first();
  // @ts-expect-error a Scan is not a Query
  const asQuery: Query<Movie> = mapper.scan(Movie);
  void [wrong, sure, asQuery];
}

@Table({ name: 'Shop', entity: 'Customer' })
export class Customer {
  @PartitionKey() pk!: string;
  @SortKey() sk!: string;
  @Attribute() name!: string;
}

@Table({ name: 'Shop', entity: 'Order' })
export class Order {
  @PartitionKey() pk!: string;
  @SortKey() sk!: string;
  @Attribute() total!: number;
}

export async function severalEntityTypes(): Promise<void> {
  // A read of several entity types yields the union of their instances.
  const items: (Customer | Order)[] = await mapper.query([Customer, Order], { pk: 'C#1', sk: beginsWith('ORDER#') }).all();
  const scanned: Page<Customer | Order> = await mapper.scan([Customer, Order], { segments: 2 }).page();
  for (const item of items) void (item instanceof Order ? item.total : item.name);
  // @ts-expect-error the items may be Customers
  const orders: Order[] = await mapper.query([Customer, Order], { pk: 'C#1' }).all();
  // @ts-expect-error the key condition uses the first model's key properties
  mapper.query([Customer, Order], { id: 'C#1' });
  // @ts-expect-error a scan of several models takes no filter option
  mapper.scan([Customer, Order], { filter: { name: 'x' } });
  // @ts-expect-error at least one model
  mapper.query([], { pk: 'C#1' });
  // @ts-expect-error no filter on a read of several models (it names one model's properties)
  mapper.query([Customer, Order], { pk: 'C#1' }).filter({ pk: 'x' });
  // @ts-expect-error not after another method either
  mapper.query([Customer, Order], { pk: 'C#1' }).limit(5).reverse().project('pk');
  // @ts-expect-error nor on a scan
  mapper.scan([Customer, Order]).segments(2).filter({ pk: 'x' });
  const page: Page<Customer | Order> = await mapper.query([Customer, Order], { pk: 'C#1' }).limit(5).pageSize(2).startAfter(undefined).page();
  const counted: number = await mapper.scan([Customer, Order]).count();
  for await (const item of mapper.query([Customer, Order], { pk: 'C#1' }).reverse()) void item.pk;
  void [page, counted];
  void [scanned, orders];
}
