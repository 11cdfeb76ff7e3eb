/**
 * Exact outputs of the pure input builders (buildQueryInput, buildScanInput, requestInput,
 * requestLimit) and of toInput().
 */
import 'reflect-metadata';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  Attribute, GlobalIndex, LocalIndex, Mapper, PartitionKey, SortKey, Table, beginsWith, between, gte, lt, or,
} from 'dynamap';
import { getModelSchema } from '../../../src/metadata/schema';
import { buildQueryInput, buildScanInput, requestInput, type ReadState } from '../../../src/mapper/query';
import { requestLimit } from '../../../src/mapper/query/inputs';

class MovieInfo {
  @Attribute() rating?: number;
  @Attribute() plot?: string;
}

@Table({ name: 'Movies' })
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating', projection: 'ALL' })
@GlobalIndex('byDirector', { partitionKey: 'director', projection: 'KEYS_ONLY' })
@LocalIndex('byRating', { sortKey: 'rating', projection: ['genre'] })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
  @Attribute({ name: 'directed_by' }) director?: string;
  @Attribute() info?: MovieInfo;
}

const mapper = new Mapper({ client: new DynamoDBClient({ region: 'local' }), tablePrefix: 'dev-' });
const schema = getModelSchema(Movie);

function state(patch: Partial<ReadState>): ReadState {
  return { operation: 'query', schema, filters: [], reverse: false, consistent: false, ...patch };
}

describe('buildQueryInput', () => {
  it('key condition, filter and projection share one set of placeholders, in that order', () => {
    const compiled = buildQueryInput('dev-Movies', state({
      keyCondition: { year: 1992, title: beginsWith('A') },
      filters: [{ rating: gte(8) }],
      projection: ['genre', 'info.rating'],
      reverse: true,
      consistent: true,
    }));
    expect(compiled.base).toEqual({
      TableName: 'dev-Movies',
      KeyConditionExpression: '#n0 = :v0 AND begins_with(#n1, :v1)',
      FilterExpression: '#n2 >= :v2',
      ProjectionExpression: '#n3, #n4.#n2, #n0, #n1',
      ExpressionAttributeNames: { '#n0': 'year', '#n1': 'title', '#n2': 'rating', '#n3': 'genre', '#n4': 'info' },
      ExpressionAttributeValues: { ':v0': { N: '1992' }, ':v1': { S: 'A' }, ':v2': { N: '8' } },
      ScanIndexForward: false,
      ConsistentRead: true,
    });
    // The keys are read for cursors; the table key stays on the (partial) entities.
    expect(compiled.strip).toEqual([]);
    expect(compiled.complete).toBe(false);
  });

  it('the count input has Select COUNT, no projection, and only the names its expressions use', () => {
    const compiled = buildQueryInput('dev-Movies', state({ keyCondition: { year: 1992 }, projection: ['genre'] }));
    expect(compiled.countBase).toEqual({
      TableName: 'dev-Movies',
      KeyConditionExpression: '#n0 = :v0',
      ExpressionAttributeNames: { '#n0': 'year' },
      ExpressionAttributeValues: { ':v0': { N: '1992' } },
      Select: 'COUNT',
    });
  });

  it('a global index query names the index and uses the attribute names of its keys', () => {
    const index = schema.indexByName.get('byDirector')!;
    const compiled = buildQueryInput('Movies', state({ index, keyCondition: { director: 'Mann' } }));
    expect(compiled.base).toEqual({
      TableName: 'Movies',
      IndexName: 'byDirector',
      KeyConditionExpression: '#n0 = :v0',
      ExpressionAttributeNames: { '#n0': 'directed_by' },
      ExpressionAttributeValues: { ':v0': { S: 'Mann' } },
    });
    expect(compiled.complete).toBe(false); // KEYS_ONLY
  });

  it('a projection that names the keys strips nothing; items of the table are complete', () => {
    expect(buildQueryInput('M', state({ keyCondition: { year: 1 }, projection: ['title', 'year'] })).strip).toEqual([]);
    expect(buildQueryInput('M', state({ keyCondition: { year: 1 } })).complete).toBe(true);
    const byGenre = schema.indexByName.get('byGenre')!;
    expect(buildQueryInput('M', state({ index: byGenre, keyCondition: { genre: 'x' } })).complete).toBe(true);
  });

  it('on an index, a projection also reads the index keys, and drops those that are not the table key', () => {
    const index = schema.indexByName.get('byRating')!;
    const compiled = buildQueryInput('M', state({ index, keyCondition: { year: 1994, rating: lt(5) }, projection: ['genre'] }));
    expect(compiled.base.ProjectionExpression).toBe('#n2, #n0, #n3, #n1');
    expect(compiled.base.ExpressionAttributeNames).toEqual({ '#n0': 'year', '#n1': 'rating', '#n2': 'genre', '#n3': 'title' });
    expect(compiled.strip).toEqual(['rating']);
  });

  it('several filters are ANDed', () => {
    const compiled = buildQueryInput('M', state({
      keyCondition: { year: 1 }, filters: [{ genre: 'Drama' }, or({ rating: gte(8) }, { rating: lt(2) })],
    }));
    expect(compiled.base.FilterExpression).toBe('#n1 = :v1 AND (#n2 >= :v2 OR #n2 < :v3)');
  });
});

describe('what DynamoDB would refuse in a read, refused before sending', () => {
  const refused = (fn: () => unknown) => {
    try { fn(); } catch (e) { return `${(e as { code: string }).code}: ${(e as Error).message}`; }
    return 'nothing';
  };

  it('a query filter on a key of what it reads (put it in the key condition); a scan may filter on keys', () => {
    expect(refused(() => mapper.query(Movie, { year: 1994 }).filter({ title: beginsWith('A') }).toInput())).toBe(
      'query.filterOnKey: Movie: the filter uses title, a key of the table: DynamoDB refuses key attributes in a query\'s filter. Put the condition in the key condition.');
    expect(refused(() => mapper.query(Movie, { genre: 'Drama' }, { index: 'byGenre' }).filter({ rating: gte(8) }).toInput())).toMatch(
      /^query\.filterOnKey: Movie: the filter uses rating, a key of index "byGenre"/);
    // The table's keys are not the index's: a filter on them is fine on an index query, as on a scan.
    expect(refused(() => mapper.query(Movie, { genre: 'Drama' }, { index: 'byGenre' }).filter({ title: beginsWith('A') }).toInput())).toBe('nothing');
    expect(refused(() => mapper.scan(Movie).filter({ year: lt(2000) }).toInput())).toBe('nothing');
  });

  it('a filter of an index, or a projection of a global index, on what it does not project; a local index reads the table for a projection', () => {
    expect(refused(() => mapper.query(Movie, { director: 'X' }, { index: 'byDirector' }).project('genre').toInput())).toBe(
      'query.notProjected: Movie: the projection uses genre, which global index "byDirector" does not project: a read of a global ' +
        'index sees only what it projects. Add genre to the index\'s projection (a new index), or read the table.');
    expect(refused(() => mapper.query(Movie, { director: 'X' }, { index: 'byDirector' }).filter({ genre: 'Drama' }).toInput())).toMatch(
      /^query\.notProjected: Movie: the filter uses genre/);
    // A scan of the index may filter on it (DynamoDB finds the items simply without the attribute).
    expect(refused(() => mapper.scan(Movie, { index: 'byDirector' }).filter({ genre: 'Drama' }).toInput())).toBe('nothing');
    expect(refused(() => mapper.query(Movie, { director: 'X' }, { index: 'byDirector' }).project('title').toInput())).toBe('nothing');
    expect(refused(() => mapper.query(Movie, { year: 1994 }, { index: 'byRating' }).project('info').toInput())).toBe('nothing');
    // A local index's query cannot filter on what it does not project (DynamoDB Local: "Secondary index
    // byRating does not project one or more filter attributes"); on what it projects, it can.
    expect(refused(() => mapper.query(Movie, { year: 1994 }, { index: 'byRating' }).filter({ info: { plot: 'x' } }).toInput())).toBe(
      'query.notProjected: Movie: the filter uses info, which index "byRating" does not project: a query of an index filters only on ' +
        'what it projects. Add info to the index\'s projection (a new index), filter the results yourself, or read the table.');
    expect(refused(() => mapper.query(Movie, { year: 1994 }, { index: 'byRating' }).filter({ genre: 'Drama' }).toInput())).toBe('nothing');
    expect(refused(() => mapper.scan(Movie, { index: 'byRating' }).filter({ info: { plot: 'x' } }).toInput())).toBe('nothing');
  });
});

describe('buildScanInput and requestInput', () => {
  it('a scan has no key condition; segment, limit and start key are added per request', () => {
    const compiled = buildScanInput('Movies', state({ operation: 'scan', filters: [{ rating: between(1, 2) }] }));
    expect(compiled.base).toEqual({
      TableName: 'Movies',
      FilterExpression: '#n0 BETWEEN :v0 AND :v1',
      ExpressionAttributeNames: { '#n0': 'rating' },
      ExpressionAttributeValues: { ':v0': { N: '1' }, ':v1': { N: '2' } },
    });
    expect(requestInput(compiled.base, { limit: 5, startKey: { year: { N: '1' } }, segment: { index: 2, total: 4 } })).toEqual({
      ...compiled.base, Limit: 5, ExclusiveStartKey: { year: { N: '1' } }, Segment: 2, TotalSegments: 4,
    });
    expect(compiled.base).not.toHaveProperty('Limit'); // the base is never changed
  });

  it('a scan without expressions has no attribute maps (DynamoDB refuses empty ones)', () => {
    expect(buildScanInput('Movies', state({ operation: 'scan' })).base).toEqual({ TableName: 'Movies' });
  });
});

describe('requestLimit', () => {
  it.each([
    [{}, undefined, undefined],
    [{ pageSize: 10 }, undefined, 10],
    [{ pageSize: 10 }, 25, 10],
    [{ pageSize: 10 }, 5, 5],
    [{}, 7, 7],
    [{ pageSize: 10, filters: [{ genre: 'x' }] }, 5, 10],
    [{ filters: [{ genre: 'x' }] }, 5, undefined],
  ])('state %j with %p items still wanted → Limit %p', (patch, remaining, expected) => {
    expect(requestLimit(state(patch as Partial<ReadState>), remaining)).toBe(expected);
  });
});

describe('toInput()', () => {
  it('is the exact QueryCommandInput of the first request', () => {
    const q = mapper.query(Movie, { year: 1992, title: beginsWith('A') })
      .filter({ rating: gte(8) }).project('genre').reverse().consistent().pageSize(10).limit(5);
    expect(q.toInput()).toEqual({
      TableName: 'dev-Movies',
      KeyConditionExpression: '#n0 = :v0 AND begins_with(#n1, :v1)',
      FilterExpression: '#n2 >= :v2',
      ProjectionExpression: '#n3, #n0, #n1',
      ExpressionAttributeNames: { '#n0': 'year', '#n1': 'title', '#n2': 'rating', '#n3': 'genre' },
      ExpressionAttributeValues: { ':v0': { N: '1992' }, ':v1': { S: 'A' }, ':v2': { N: '8' } },
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: 10,
    });
  });

  it('without a filter, limit() below pageSize() is the Limit', () => {
    expect(mapper.query(Movie, { year: 1 }).pageSize(100).limit(3).toInput().Limit).toBe(3);
  });

  it('a parallel scan starts with segment 0', () => {
    expect(mapper.scan(Movie, { index: 'byGenre', segments: 4 }).toInput()).toEqual({
      TableName: 'dev-Movies', IndexName: 'byGenre', Segment: 0, TotalSegments: 4,
    });
  });

  it('after startAfter(cursor), the first request starts there', async () => {
    const q = mapper.query(Movie, { year: 1994 });
    const cursor = (q as unknown as { run: { encode(p: unknown): string } }).run.encode({
      kind: 'key', key: { year: { N: '1994' }, title: { S: 'Speed' } },
    });
    expect(q.startAfter(cursor).toInput().ExclusiveStartKey).toEqual({ year: { N: '1994' }, title: { S: 'Speed' } });
    expect(q.startAfter(cursor).startAfter(undefined).toInput().ExclusiveStartKey).toBeUndefined();
  });
});
