/**
 * Key conditions (table and index keys, every sort key operator) and projections.
 */
import {
  beginsWith, between, compileKeyCondition, compileProjection, eq, gt, gte, lt, lte,
} from '../../../src/expressions';
import { PartitionKey, SortKey, Table } from '../../../src/decorators';
import { Movie } from './fixtures';

describe('key conditions', () => {
  it('a date sort key takes a text prefix (ISO-8601 text); an epochSeconds one (a number) refuses it', () => {
    @Table({ name: 'Readings' }) class Reading { @PartitionKey({ type: 'string' }) sensor!: string; @SortKey({ type: 'date' }) at!: Date; }
    expect(compileKeyCondition(Reading, { sensor: 's1', at: beginsWith('2024-01') })).toEqual({
      expression: '#n0 = :v0 AND begins_with(#n1, :v1)', names: { '#n0': 'sensor', '#n1': 'at' }, values: { ':v0': { S: 's1' }, ':v1': { S: '2024-01' } },
    });
    @Table({ name: 'Ticks' }) class Tick { @PartitionKey({ type: 'string' }) sensor!: string; @SortKey({ type: 'epochSeconds' }) at!: Date; }
    expect(() => compileKeyCondition(Tick, { sensor: 's1', at: beginsWith('17') })).toThrow(/beginsWith\(\) cannot be used on at, a epochSeconds/);
  });

  it('partition key alone, as a value or eq()', () => {
    const expected = { expression: '#n0 = :v0', names: { '#n0': 'year' }, values: { ':v0': { N: '1994' } } };
    expect(compileKeyCondition(Movie, { year: 1994 })).toEqual(expected);
    expect(compileKeyCondition(Movie, { year: eq(1994) })).toEqual(expected);
  });

  it.each([
    ['a value', 'After Hours', '#n0 = :v0 AND #n1 = :v1'],
    ['eq', eq('After Hours'), '#n0 = :v0 AND #n1 = :v1'],
    ['lt', lt('B'), '#n0 = :v0 AND #n1 < :v1'],
    ['lte', lte('B'), '#n0 = :v0 AND #n1 <= :v1'],
    ['gt', gt('B'), '#n0 = :v0 AND #n1 > :v1'],
    ['gte', gte('B'), '#n0 = :v0 AND #n1 >= :v1'],
    ['beginsWith', beginsWith('A'), '#n0 = :v0 AND begins_with(#n1, :v1)'],
  ] as const)('sort key with %s', (_name, sort, expression) => {
    expect(compileKeyCondition(Movie, { year: 1985, title: sort })).toEqual({
      expression, names: { '#n0': 'year', '#n1': 'title' }, values: { ':v0': { N: '1985' }, ':v1': { S: (sort as { value?: string }).value ?? sort } },
    });
  });

  it('sort key with between', () => {
    expect(compileKeyCondition(Movie, { year: 1985, title: between('A', 'M') })).toEqual({
      expression: '#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2',
      names: { '#n0': 'year', '#n1': 'title' },
      values: { ':v0': { N: '1985' }, ':v1': { S: 'A' }, ':v2': { S: 'M' } },
    });
  });

  it('the partition key comes first whatever the key order of the object', () => {
    expect(compileKeyCondition(Movie, { title: beginsWith('A'), year: 1985 }).expression).toBe('#n0 = :v0 AND begins_with(#n1, :v1)');
  });

  it('on a global index and a local index', () => {
    expect(compileKeyCondition(Movie, { genre: 'Drama', rating: gte(8) }, { index: 'byGenre' })).toEqual({
      expression: '#n0 = :v0 AND #n1 >= :v1',
      names: { '#n0': 'genre', '#n1': 'rating' },
      values: { ':v0': { S: 'Drama' }, ':v1': { N: '8' } },
    });
    expect(compileKeyCondition(Movie, { year: 2000, views: gt(100) }, { index: 'byViews' }).expression).toBe('#n0 = :v0 AND #n1 > :v1');
  });
});

describe('projections', () => {
  it('paths in the order given, nested and indexed ones escaped segment by segment', () => {
    expect(compileProjection(Movie, ['title', 'info.rating', 'info.actors[0]', 'year'])).toEqual({
      expression: '#n0, #n1.#n2, #n1.#n3[0], #n4',
      names: { '#n0': 'title', '#n1': 'info', '#n2': 'rating', '#n3': 'actors', '#n4': 'year' },
      values: undefined,
    });
  });

  it('drops duplicates and paths inside another projected path (DynamoDB refuses overlapping paths)', () => {
    expect(compileProjection(Movie, ['info.rating', 'title', 'info', 'title']).expression).toBe('#n0, #n1');
    expect(compileProjection(Movie, ['info.rating', 'title', 'info', 'title']).names).toEqual({ '#n0': 'title', '#n1': 'info' });
  });

  it('renamed nested attributes by their attribute names', () => {
    expect(compileProjection(Movie, ['info.releaseDate', 'info.lead.name']).names).toEqual({
      '#n0': 'info', '#n1': 'release_date', '#n2': 'lead.actor', '#n3': 'full-name',
    });
  });
});
