/**
 * Compiled expressions on a real engine (raw SDK commands, no Mapper): the DESIGN.md examples,
 * awkward attribute names, nested updates that leave siblings alone, the engine's answer for a
 * missing parent (which the mapper turns into `missingParentPath`), and the robust forms of
 * increment/append on missing attributes.
 */
import 'reflect-metadata';
import {
  CreateTableCommand, DeleteTableCommand, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand, UpdateItemCommand,
  waitUntilTableExists, type AttributeValue, type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { codecFor } from '../../src/codec';
import { Attribute, GlobalIndex, PartitionKey, SortKey, Table } from '../../src/decorators';
import {
  add, and, append, beginsWith, contains, deleteFromSet, ExpressionContext, gt, gte, increment, lt, missingParentPath, not,
  notExists, or, prepend, remove, size,
} from '../../src/expressions';
import type { Condition, UpdateChanges } from '../../src/expressions';
import { getModelSchema } from '../../src/metadata';
import { testClient, uniquePrefix } from '../support/engine';

const client = testClient();
const MOVIES = `${uniquePrefix()}expr-movies`;
const AWKWARD = `${uniquePrefix()}expr-awkward`;

class MovieInfo {
  @Attribute({ name: 'release_date' }) releaseDate?: Date;
  @Attribute() rating?: number;
  @Attribute() actors?: string[];
}

@Table({ name: MOVIES })
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating', projection: 'ALL' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
  @Attribute() views?: number;
  @Attribute() info?: MovieInfo;
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Attribute() notes?: string[];
}

@Table({ name: AWKWARD })
class Awkward {
  @PartitionKey({ name: 'name' }) id!: string;
  @Attribute({ name: 'status' }) state?: string;
  @Attribute({ name: 'a.b' }) dotted?: number;
  @Attribute({ name: 'a-b' }) dashed?: number;
  @Attribute({ name: '1st' }) first?: string;
  @Attribute({ name: '🎉 ünï' }) party?: string[];
  @Attribute({ name: '#n0' }) hash?: string;
  @Attribute({ name: ':v0' }) colon?: number;
}

const movies = getModelSchema(Movie);
const awkward = getModelSchema(Awkward);

function movie(fields: Partial<Movie>): Record<string, AttributeValue> {
  return codecFor(Movie).toItem(Object.assign(new Movie(), fields));
}

function maps(ex: ExpressionContext) {
  const names = ex.names();
  const values = ex.values();
  return { ...(names ? { ExpressionAttributeNames: names } : {}), ...(values ? { ExpressionAttributeValues: values } : {}) };
}

async function createTable(input: CreateTableCommandInput): Promise<void> {
  await client.send(new CreateTableCommand(input));
  await waitUntilTableExists({ client, maxWaitTime: 20, minDelay: 0.1, maxDelay: 0.5 }, { TableName: input.TableName });
}

async function update(key: Record<string, AttributeValue>, changes: UpdateChanges<Movie>, condition?: Condition<Movie>) {
  const ex = new ExpressionContext();
  const compiled = ex.update(movies, changes);
  const input = {
    TableName: MOVIES, Key: key, UpdateExpression: compiled.expression, ReturnValues: 'ALL_NEW' as const,
    ...(condition ? { ConditionExpression: ex.condition(movies, condition) } : {}),
  };
  const out = await client.send(new UpdateItemCommand({ ...input, ...maps(ex) }));
  return { item: codecFor(Movie).fromItem(out.Attributes!), compiled };
}

async function query(key: object, filter?: Condition<Movie>, index?: string): Promise<string[]> {
  const ex = new ExpressionContext();
  const out = await client.send(new QueryCommand({
    TableName: MOVIES,
    ...(index ? { IndexName: index } : {}),
    KeyConditionExpression: ex.keyCondition(movies, index, key),
    ...(filter ? { FilterExpression: ex.filter(movies, filter) } : {}),
    ProjectionExpression: ex.projection(movies, ['title']),
    ...maps(ex),
  }));
  return (out.Items ?? []).map((i) => i.title.S!).sort();
}

beforeAll(async () => {
  await createTable({
    TableName: MOVIES,
    AttributeDefinitions: [
      { AttributeName: 'year', AttributeType: 'N' }, { AttributeName: 'title', AttributeType: 'S' },
      { AttributeName: 'genre', AttributeType: 'S' }, { AttributeName: 'rating', AttributeType: 'N' },
    ],
    KeySchema: [{ AttributeName: 'year', KeyType: 'HASH' }, { AttributeName: 'title', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [{
      IndexName: 'byGenre',
      KeySchema: [{ AttributeName: 'genre', KeyType: 'HASH' }, { AttributeName: 'rating', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  await createTable({
    TableName: AWKWARD,
    AttributeDefinitions: [{ AttributeName: 'name', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'name', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  const items = [
    movie({ year: 1985, title: 'After Hours', genre: 'Comedy', rating: 7.6, tags: new Set(['cult']), info: { actors: ['Griffin Dunne'] } }),
    movie({ year: 1992, title: 'Aladdin', genre: 'Animation', rating: 8, tags: new Set(['disney', 'classic', 'music', 'kids']) }),
    movie({ year: 1992, title: 'A Few Good Men', genre: 'Drama', rating: 7.7, info: { actors: ['Tom Cruise', 'Demi Moore'] } }),
    movie({ year: 1992, title: 'Unforgiven', genre: 'Drama', rating: 8.2, info: { releaseDate: new Date('1992-08-07T00:00:00Z') } }),
    movie({ year: 1994, title: 'Forrest Gump', genre: 'Drama', rating: 8.8, info: { actors: ['Tom Hanks'] } }),
  ];
  for (const Item of items) await client.send(new PutItemCommand({ TableName: MOVIES, Item }));
});

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: MOVIES }));
  await client.send(new DeleteTableCommand({ TableName: AWKWARD }));
});

describe('the DESIGN.md examples on a real engine', () => {
  it('key conditions on the table and on an index', async () => {
    expect(await query({ year: 1985, title: 'After Hours' })).toEqual(['After Hours']);
    expect(await query({ year: 1992, title: beginsWith('A') })).toEqual(['A Few Good Men', 'Aladdin']);
    expect(await query({ genre: 'Drama', rating: gte(8) }, undefined, 'byGenre')).toEqual(['Forrest Gump', 'Unforgiven']);
  });

  it('filters: and/or/not, nested paths, contains, size, a Date as stored', async () => {
    expect(await query({ year: 1992 }, { 'info.actors': contains('Tom Cruise') })).toEqual(['A Few Good Men']);
    expect(await query({ year: 1992 }, or({ genre: 'Animation' }, { rating: gt(8.1) }, not({ 'info.actors': notExists() }))))
      .toEqual(['A Few Good Men', 'Aladdin', 'Unforgiven']);
    expect(await query({ year: 1992 }, and({ genre: 'Animation' }, size('tags').gt(3)))).toEqual(['Aladdin']);
    expect(await query({ year: 1992 }, { 'info.releaseDate': lt(new Date('1993-01-01T00:00:00Z')) })).toEqual(['Unforgiven']);
  });
});

describe('updates on a real engine', () => {
  const key = { year: { N: '1985' }, title: { S: 'After Hours' } };

  it('a nested SET changes that path only, leaving its siblings', async () => {
    const { item } = await update(key, { 'info.rating': 8.5 });
    expect(item.info).toEqual({ rating: 8.5, actors: ['Griffin Dunne'] });
  });

  it('increment and append work on missing attributes; ADD, DELETE, REMOVE and prepend', async () => {
    const { item } = await update(key, { views: increment(2), notes: append(['first']), tags: add(new Set(['noir'])) });
    expect(item).toMatchObject({ views: 2, notes: ['first'], tags: new Set(['cult', 'noir']) });
    const { item: next } = await update(key, {
      views: increment(), notes: prepend(['zeroth']), tags: deleteFromSet(new Set(['cult'])), genre: remove(),
    }, { views: 2 });
    expect(next).toMatchObject({ views: 3, notes: ['zeroth', 'first'], tags: new Set(['noir']) });
    expect(next.genre).toBeUndefined();
  });

  it('a nested path under a missing parent: DynamoDB refuses it, and the compile result names the path', async () => {
    const fresh = { year: { N: '1985' }, title: { S: 'Brazil' } };
    await client.send(new PutItemCommand({ TableName: MOVIES, Item: movie({ year: 1985, title: 'Brazil' }) }));
    const ex = new ExpressionContext();
    const compiled = ex.update(movies, { 'info.rating': 8 });
    const error = await client
      .send(new UpdateItemCommand({ TableName: MOVIES, Key: fresh, UpdateExpression: compiled.expression, ...maps(ex) }))
      .then(() => undefined, (e: Error) => e);
    expect(error?.message).toBe('The document path provided in the update expression is invalid for update');
    expect(compiled.nestedPaths).toEqual(['info.rating']);
    expect(missingParentPath(movies.className, compiled.nestedPaths).message).toMatch(/nested path info\.rating.*Set the parent first \(e\.g\. \{ info: \{\.\.\.\} \}\)/);
    // A REMOVE below a missing parent is refused as well, which is why nestedPaths lists it too.
    const removal = new ExpressionContext();
    const removeCompiled = removal.update(movies, { 'info.rating': remove() });
    const removeError = await client
      .send(new UpdateItemCommand({ TableName: MOVIES, Key: fresh, UpdateExpression: removeCompiled.expression, ...maps(removal) }))
      .then(() => undefined, (e: Error) => e);
    expect(removeError?.message).toBe('The document path provided in the update expression is invalid for update');
    expect(removeCompiled.nestedPaths).toEqual(['info.rating']);
  });
});

describe('awkward attribute names on a real engine', () => {
  it('reserved words, dots, dashes, digits, emoji and placeholder look-alikes in conditions, updates and projections', async () => {
    const item = codecFor(Awkward).toItem(Object.assign(new Awkward(), {
      id: 'x', state: 'new', dotted: 1, dashed: 2, first: 'one', party: ['a'], hash: 'h', colon: 0,
    }));
    const put = new ExpressionContext();
    await client.send(new PutItemCommand({
      TableName: AWKWARD, Item: item, ConditionExpression: put.condition(awkward, { id: notExists() }), ...maps(put),
    }));

    const ex = new ExpressionContext();
    const compiled = ex.update(awkward, { state: 'done', dotted: increment(1), dashed: remove(), party: append(['b']), colon: add(5) });
    const condition = ex.condition(awkward, { first: beginsWith('o'), hash: 'h', party: contains('a'), colon: 0 });
    await client.send(new UpdateItemCommand({
      TableName: AWKWARD, Key: { name: { S: 'x' } }, UpdateExpression: compiled.expression, ConditionExpression: condition, ...maps(ex),
    }));

    const read = new ExpressionContext();
    const projection = read.projection(awkward, ['state', 'dotted', 'dashed', 'party', 'colon', 'hash']);
    const { Item } = await client.send(new GetItemCommand({
      TableName: AWKWARD, Key: { name: { S: 'x' } }, ProjectionExpression: projection, ConsistentRead: true, ...maps(read),
    }));
    expect(Item).toEqual({
      status: { S: 'done' }, 'a.b': { N: '2' }, '🎉 ünï': { L: [{ S: 'a' }, { S: 'b' }] }, ':v0': { N: '5' }, '#n0': { S: 'h' },
    });

    const scan = new ExpressionContext();
    const out = await client.send(new ScanCommand({
      TableName: AWKWARD, FilterExpression: scan.filter(awkward, { state: 'done', 'party[1]': 'b' }), ...maps(scan),
    }));
    expect(out.Count).toBe(1);
  });
});
