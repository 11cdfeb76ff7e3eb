/** Exact outputs of the pure single-item builders (house rule: every buildXInput has an exact test). */
import 'reflect-metadata';
import { Attribute, CreatedAt, PartitionKey, SortKey, Table, UpdatedAt, Version, lt } from 'dynamap';
import { codecFor } from '../../../src/codec';
import { getModelSchema } from '../../../src/metadata';
import type { MapperContext } from '../../../src/mapper/context';
import { createContext } from '../../../src/mapper/create-context';
import { buildDeleteInput, buildGetInput, buildPutInput, buildUpdateInput } from '../../../src/mapper/item-inputs';
import { buildSaveInput } from '../../../src/mapper/save-input';
import { canonicalNumber } from '../../../src/codec';

@Table({ name: 'Movies' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() rating?: number;
  @Attribute({ name: 'status' }) state?: string;
  @Version() version?: number;
  @CreatedAt() createdAt?: Date;
  @UpdatedAt() updatedAt?: Date;
}

@Table({ name: 'Notes' })
class Note {
  @PartitionKey() id!: string;
  @Attribute() text?: string;
}

const schema = getModelSchema(Movie);
const ctx: MapperContext = createContext({ client: undefined as never, tablePrefix: 'dev-' });
const now = new Date('2026-11-25T12:00:00.000Z');
const NOW = { S: '2026-11-25T12:00:00.000Z' };

describe('buildPutInput', () => {
  it('a new versioned entity: version 1, timestamps, attribute_not_exists on the partition key', () => {
    const m = Object.assign(new Movie(), { year: 1985, title: 'After Hours', rating: 7 });
    const out = buildPutInput(ctx.plan(Movie), m, {}, now);
    expect(out.input).toEqual({
      TableName: 'dev-Movies',
      Item: { year: { N: '1985' }, title: { S: 'After Hours' }, rating: { N: '7' }, version: { N: '1' }, createdAt: NOW, updatedAt: NOW },
      ConditionExpression: 'attribute_not_exists(#n0)',
      ExpressionAttributeNames: { '#n0': 'year' },
    });
    expect(out.assign).toEqual({ version: 1, createdAt: now, updatedAt: now });
    expect(m.version).toBeUndefined(); // assigned only after the write succeeds
  });

  it('a read entity: version + 1, requires the read version, ANDed with the caller condition', () => {
    const m = Object.assign(new Movie(), { year: 1985, title: 'After Hours', version: 3, createdAt: new Date('2020-01-01T00:00:00Z') });
    const out = buildPutInput(ctx.plan(Movie), m, { condition: { rating: lt(5) }, returnOldOnFailure: true }, now);
    expect(out.input).toEqual({
      TableName: 'dev-Movies',
      Item: { year: { N: '1985' }, title: { S: 'After Hours' }, version: { N: '4' }, createdAt: { S: '2020-01-01T00:00:00.000Z' }, updatedAt: NOW },
      ConditionExpression: '#n0 < :v0 AND #n1 = :v1',
      ExpressionAttributeNames: { '#n0': 'rating', '#n1': 'version' },
      ExpressionAttributeValues: { ':v0': { N: '5' }, ':v1': { N: '3' } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('overwrite: false on an unversioned model', () => {
    const out = buildPutInput(ctx.plan(Note), Object.assign(new Note(), { id: 'a' }), { overwrite: false }, now);
    expect(out.input).toEqual({
      TableName: 'dev-Notes', Item: { id: { S: 'a' } },
      ConditionExpression: 'attribute_not_exists(#n0)', ExpressionAttributeNames: { '#n0': 'id' },
    });
  });
});

describe('which writes are not resent after a server error (writeOnce)', () => {
  @Table({ name: 'Typed', entity: 'User' })
  class User { @PartitionKey() id!: string; @Attribute() name?: string; }

  it('a conditional put or delete, and every update; not a write whose only condition is the entity-type guard', () => {
    const note = Object.assign(new Note(), { id: 'a' });
    const user = Object.assign(new User(), { id: 'u' });
    expect(buildPutInput(ctx.plan(Note), note, {}, now).op.writeOnce).toBeFalsy();
    expect(buildPutInput(ctx.plan(Note), note, { overwrite: false }, now).op.writeOnce).toBe(true);
    expect(buildPutInput(ctx.plan(Movie), Object.assign(new Movie(), { year: 1, title: 't' }), {}, now).op.writeOnce).toBe(true);
    const guarded = buildPutInput(ctx.plan(User), user, {}, now);
    expect(guarded.input.ConditionExpression).toBeDefined();   // the entity-type guard
    expect(guarded.op.writeOnce).toBe(false);
    expect(buildPutInput(ctx.plan(User), user, { condition: { name: 'x' } }, now).op.writeOnce).toBe(true);
    expect(buildDeleteInput(ctx, getModelSchema(User), { id: 'u' }, {}).op.writeOnce).toBe(false);
    expect(buildDeleteInput<User>(ctx, getModelSchema(User), { id: 'u' }, { condition: { name: 'x' } }).op.writeOnce).toBe(true);
    expect(buildUpdateInput(ctx, getModelSchema(Note), { id: 'a' }, { text: 'x' }, {}, now).op.writeOnce).toBe(true);
  });
});

describe('buildGetInput', () => {
  it('key, consistent read and projection', () => {
    expect(buildGetInput<Movie>(ctx.plan(Movie), { year: 1985, title: 'After Hours' }, { consistent: true, project: ['title', 'state'] })).toEqual({
      TableName: 'dev-Movies',
      Key: { year: { N: '1985' }, title: { S: 'After Hours' } },
      ConsistentRead: true,
      ProjectionExpression: '#n0, #n1, #n2',
      ExpressionAttributeNames: { '#n0': 'title', '#n1': 'status', '#n2': 'year' },
    });
  });
});

describe('buildDeleteInput', () => {
  it('by entity: requires the read version', () => {
    const m = Object.assign(new Movie(), { year: 1985, title: 'After Hours', version: 2 });
    expect(buildDeleteInput(ctx, schema, { year: 1985, title: 'After Hours' }, {}, m).input).toEqual({
      TableName: 'dev-Movies',
      Key: { year: { N: '1985' }, title: { S: 'After Hours' } },
      ConditionExpression: '#n0 = :v0',
      ExpressionAttributeNames: { '#n0': 'version' },
      ExpressionAttributeValues: { ':v0': { N: '2' } },
    });
  });
});

describe('buildUpdateInput', () => {
  it('adds the hooks: ADD version, SET updatedAt, createdAt only if absent', () => {
    const out = buildUpdateInput(ctx, schema, { year: 1985, title: 'After Hours' }, { rating: 8 }, {}, now);
    expect(out.input).toEqual({
      TableName: 'dev-Movies',
      Key: { year: { N: '1985' }, title: { S: 'After Hours' } },
      UpdateExpression: 'SET #n0 = :v0, #n1 = if_not_exists(#n1, :v0), #n2 = :v1 ADD #n3 :v2',
      ExpressionAttributeNames: { '#n0': 'updatedAt', '#n1': 'createdAt', '#n2': 'rating', '#n3': 'version' },
      ExpressionAttributeValues: { ':v0': NOW, ':v1': { N: '8' }, ':v2': { N: '1' } },
      ReturnValues: 'ALL_NEW',
    });
  });

  it('an undefined version or timestamp in the changes leaves the hooks on (regression: a DTO spread with version: undefined skipped the increment)', () => {
    const key = { year: 1985, title: 'After Hours' };
    const plain = buildUpdateInput(ctx, schema, key, { rating: 8 }, {}, now).input;
    expect(buildUpdateInput(ctx, schema, key, { rating: 8, version: undefined, updatedAt: undefined, createdAt: undefined }, {}, now).input).toEqual(plain);
    // The tx.update path goes through buildUpdateInput too (see transaction/actions.ts).
  });

  it('refuses a version in the changes (the hook increments it); an explicit timestamp wins over the hook', () => {
    const key = { year: 1985, title: 'After Hours' };
    expect(() => buildUpdateInput(ctx, schema, key, { rating: 8, version: 10 }, {}, now)).toThrow(
      'Movie: version is the @Version, which update() increments by itself (ADD 1): to require a version, pass { condition: { version: n } }; ' +
      'to write the entity whole with its next version, use put() or save().');
    const at = new Date('2001-02-03T04:05:06.000Z');
    const out = buildUpdateInput(ctx, schema, key, { rating: 8, updatedAt: at }, {}, now).input;
    expect(out.UpdateExpression).toBe('SET #n0 = :v0, #n1 = if_not_exists(#n1, :v1), #n2 = :v2 ADD #n3 :v3');
    expect(out.ExpressionAttributeValues).toMatchObject({ ':v0': { S: '2001-02-03T04:05:06.000Z' }, ':v1': NOW });
  });
});

describe('an update without changes', () => {
  it('is refused even when hooks (version, timestamps) would write something, which would create an item', () => {
    for (const changes of [{}, { rating: undefined }]) {
      expect(() => buildUpdateInput(ctx, schema, { year: 1985, title: 'After Hours' }, changes, {}, now)).toThrow(
        'Movie: the update has no changes (undefined values are skipped; use remove() to delete an attribute).');
    }
  });
});

describe('buildSaveInput', () => {
  it('writes only changed attributes, requires the item and its version', () => {
    const m: Movie = Object.assign(new Movie(), {
      year: 1985, title: 'After Hours', rating: 7, state: 'draft', version: 2, createdAt: new Date('2020-01-01T00:00:00.000Z'),
    });
    const snapshot = codecFor(Movie).toItem(m);
    m.rating = 8;
    m.state = undefined;
    const out = buildSaveInput(ctx, schema, m, { item: snapshot, partial: false }, now);
    expect(out.update!.input).toEqual({
      TableName: 'dev-Movies',
      Key: { year: { N: '1985' }, title: { S: 'After Hours' } },
      UpdateExpression: 'SET #n0 = :v0, #n1 = :v1, #n2 = :v2 REMOVE #n3',
      ConditionExpression: 'attribute_exists(#n4) AND #n1 = :v3',
      ExpressionAttributeNames: { '#n0': 'rating', '#n1': 'version', '#n2': 'updatedAt', '#n3': 'status', '#n4': 'year' },
      ExpressionAttributeValues: { ':v0': { N: '8' }, ':v1': { N: '3' }, ':v2': NOW, ':v3': { N: '2' } },
      ReturnValues: 'NONE',
    });
  });

  it('sends nothing when nothing changed', () => {
    const m = Object.assign(new Movie(), { year: 1985, title: 'After Hours', rating: 7, version: 2 });
    expect(buildSaveInput(ctx, schema, m, { item: codecFor(Movie).toItem(m), partial: false }, now).update).toBeUndefined();
  });
});

describe('canonical numbers in the save diff', () => {
  it('a number DynamoDB returns in another notation is no change', () => {
    const m = Object.assign(new Movie(), { year: 1985, title: 'After Hours', rating: 1e21, version: 2 });
    const asReturned = { ...codecFor(Movie).toItem(m), rating: { N: '1000000000000000000000' } };
    expect(buildSaveInput(ctx, schema, m, { item: asReturned, partial: false }, now).update).toBeUndefined();
  });
});

describe('canonicalNumber', () => {
  it.each([
    ['1e+21', '1000000000000000000000'], ['1e-7', '0.0000001'], ['10', '1e1'], ['-0.50', '-5e-1'], ['0', '0.000'], ['007', '7'],
  ])('%s equals %s', (a, b) => {
    expect(canonicalNumber(a)).toBe(canonicalNumber(b));
  });
  it('keeps different numbers apart', () => {
    expect(canonicalNumber('9007199254740993')).not.toBe(canonicalNumber('9007199254740992'));
    expect(canonicalNumber('-1')).not.toBe(canonicalNumber('1'));
  });
});
