/** The builders without a database: what is refused, with which message, and immutability. */
import 'reflect-metadata';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Attribute, GlobalIndex, LocalIndex, Mapper, PartitionKey, SortKey, Table, ValidationError, gte, lt, or } from 'dynamap';

@Table({ name: 'Movies' })
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating' })
@GlobalIndex('byDirector', { partitionKey: 'director' })
@LocalIndex('byRating', { sortKey: 'rating' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
  @Attribute() director?: string;
}

const client = new DynamoDBClient({ region: 'local' });
const send = jest.spyOn(client, 'send');
const mapper = new Mapper({ client });

afterEach(() => expect(send).not.toHaveBeenCalled());

function thrown(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('a key condition on properties that are not keys of the target', () => {
  it('names the keys of the target, the indexes where the property is a key, and the filter', () => {
    const err = thrown(() => mapper.query(Movie, { genre: 'Drama' }));
    expect(err.code).toBe('query.notAKey');
    expect(err.issues).toEqual([expect.objectContaining({ code: 'query.notAKey', path: 'genre' })]);
    expect(err.message).toBe(
      'Movie: genre is not a key of the table, so it cannot be in the key condition. The keys of the table are ' +
        'year (partition) and title (sort). genre is a key of index "byGenre" (genre (partition) and rating (sort)): ' +
        'query there with { index: "byGenre" }. To test genre on this query, put it in .filter({ genre: ... }).',
    );
  });

  it('on an index, points back at the table and at the other indexes', () => {
    const err = thrown(() => mapper.query(Movie, { genre: 'x', rating: gte(1), year: 1 }, { index: 'byGenre' }));
    expect(err.message).toMatch(/year is not a key of index "byGenre".*keys of index "byGenre" are genre \(partition\) and rating \(sort\)\. year is a key of the table \(year \(partition\) and title \(sort\)\), index "byRating"/);
    expect(thrown(() => mapper.query(Movie, { director: 'x' }, { index: 'byRating' })).message).toMatch(/index: "byDirector"/);
  });

  it('an empty key condition asks for the partition key', () => {
    const err = thrown(() => mapper.query(Movie, {}, { index: 'byDirector' }));
    expect(err.code).toBe('query.emptyKeyCondition');
    expect(err.message).toMatch(/partition key of index "byDirector": \{ director: value \}.*mapper\.scan/);
  });

  it('key condition rules of the expression layer apply when compiling (or/not, operators)', () => {
    expect(thrown(() => mapper.query(Movie, or({ year: 1 }, { year: 2 }) as never).toInput()).code).toBe('expression.keyLogical');
    expect(thrown(() => mapper.query(Movie, { year: gte(1) }).toInput()).code).toBe('expression.keyPartitionOperator');
  });
});

describe('options and methods refused', () => {
  it('an unknown index lists the model\'s indexes', () => {
    const err = thrown(() => mapper.scan(Movie, { index: 'byGenr' }));
    expect(err.code).toBe('query.unknownIndex');
    expect(err.message).toBe(
      'Movie: there is no index "byGenr"; the model\'s indexes are "byRating", "byDirector", "byGenre". ' +
        'Declare it with @GlobalIndex/@LocalIndex, or leave `index` out to use the table.',
    );
  });

  it('consistent() on a global index (query and scan); allowed on a local index', () => {
    const err = thrown(() => mapper.query(Movie, { genre: 'x' }, { index: 'byGenre' }).consistent());
    expect(err.code).toBe('query.consistentOnGlobalIndex');
    expect(err.message).toMatch(/global secondary index.*Drop \.consistent\(\)/);
    expect(thrown(() => mapper.scan(Movie, { index: 'byDirector' }).consistent()).code).toBe('query.consistentOnGlobalIndex');
    expect(mapper.query(Movie, { year: 1 }, { index: 'byRating' }).consistent().toInput().ConsistentRead).toBe(true);
  });

  it.each([
    ['limit', 0], ['limit', 1.5], ['limit', -3], ['limit', Number.POSITIVE_INFINITY], ['limit', '5'],
    ['pageSize', 0], ['pageSize', Number.NaN], ['segments', 0], ['segments', 1_000_001], ['segments', 2.5],
  ])('%s(%p) is a ValidationError', (method, n) => {
    const builder = mapper.scan(Movie) as unknown as Record<string, (n: unknown) => unknown>;
    const err = thrown(() => builder[method](n));
    expect(err.code).toBe(`query.invalid${method[0].toUpperCase()}${method.slice(1)}`);
    expect(err.message).toMatch(new RegExp(`\\.${method}\\(.*\\): expected a whole number from 1`));
  });

  it('segments as a scan option is checked too; segments on a query is refused', () => {
    expect(thrown(() => mapper.scan(Movie, { segments: 0 })).code).toBe('query.invalidSegments');
    expect(thrown(() => mapper.query(Movie, { year: 1 }, { segments: 2 } as never)).code).toBe('query.segmentsOnQuery');
  });

  it('project() needs a path; an unknown path is refused when compiled', () => {
    expect(thrown(() => mapper.scan(Movie).project()).code).toBe('expression.emptyProjection');
    expect(thrown(() => mapper.scan(Movie).project('titel' as never).toInput()).code).toBe('expression.unknownPath');
  });

  it('startAfter() with a bad cursor throws at the call', () => {
    expect(thrown(() => mapper.scan(Movie).startAfter('garbage')).code).toBe('cursor.invalid');
  });
});

describe('immutability', () => {
  it('every method returns a new frozen builder and leaves the original as it was', () => {
    const base = mapper.query(Movie, { year: 1994 });
    const before = base.toInput();
    const derived = [
      base.filter({ genre: 'x' }), base.project('title'), base.limit(1), base.pageSize(2), base.reverse(), base.consistent(),
    ];
    for (const d of derived) {
      expect(d).not.toBe(base);
      expect(Object.isFrozen(d)).toBe(true);
      expect(d.toInput()).not.toEqual(before);
    }
    expect(base.toInput()).toEqual(before);
    expect(base.toInput()).toEqual({
      TableName: 'Movies', KeyConditionExpression: '#n0 = :v0',
      ExpressionAttributeNames: { '#n0': 'year' }, ExpressionAttributeValues: { ':v0': { N: '1994' } },
    });
  });

  it('a builder refined in two directions keeps them apart', () => {
    const base = mapper.scan(Movie).filter({ genre: 'a' });
    const one = base.filter({ rating: 1 });
    const two = base.filter({ director: 'b' });
    expect(one.toInput().FilterExpression).toBe('#n0 = :v0 AND #n1 = :v1');
    expect(one.toInput().ExpressionAttributeNames).toEqual({ '#n0': 'genre', '#n1': 'rating' });
    expect(two.toInput().ExpressionAttributeNames).toEqual({ '#n0': 'genre', '#n1': 'director' });
    expect(base.toInput().FilterExpression).toBe('#n0 = :v0');
  });

  it('changing what toInput() returned does not change the builder', () => {
    const q = mapper.query(Movie, { year: 1994 });
    const input = q.toInput();
    input.ExpressionAttributeNames!['#n0'] = 'hacked';
    input.TableName = 'Other';
    expect(q.toInput().ExpressionAttributeNames).toEqual({ '#n0': 'year' });
    expect(q.toInput().TableName).toBe('Movies');
  });
});

describe('conditions are taken when given', () => {
  it('.filter(undefined) is refused at the call, naming the model, instead of dropping .limit() from the request', () => {
    expect(() => mapper.query(Movie, { year: 1985 }).filter(undefined as never)).toThrow(/^Movie: a condition must be/);
  });

  it('changing the caller\'s condition objects later changes neither the builder nor what it sends', () => {
    const key: Record<string, unknown> = { year: 1985 };
    const filter: Record<string, unknown> = { rating: gte(5) };
    const query = mapper.query(Movie, key as never).filter(filter as never);
    const before = query.toInput();
    key.year = 1999;
    filter.rating = lt(2);
    expect(query.toInput()).toEqual(before);
    expect(query.limit(3).toInput()).toMatchObject({ KeyConditionExpression: before.KeyConditionExpression, FilterExpression: before.FilterExpression, ExpressionAttributeValues: before.ExpressionAttributeValues });
  });
});
