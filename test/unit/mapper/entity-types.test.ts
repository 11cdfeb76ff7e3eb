/**
 * Single-table entity types (@Table({ entity })): the schema facts and their refusals, the table
 * definition of models sharing a table, the codec, and the exact inputs of every builder that
 * writes or filters on the entity attribute.
 */
import 'reflect-metadata';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  Attribute, GlobalIndex, LocalIndex, Mapper, ModelError, compileCondition, compileProjection, compileUpdate, PartitionKey, SortKey, Table, ValidationError, defineModel, fromItem, getModelSchema, gte,
  toItem,
} from 'dynamap';
import { codecFor } from '../../../src/codec';
import type { MapperContext } from '../../../src/mapper/context';
import { createContext } from '../../../src/mapper/create-context';
import { buildDeleteInput, buildGetInput, buildPutInput, buildUpdateInput } from '../../../src/mapper/item-inputs';
import { buildQueryInput, buildScanInput, type ReadState } from '../../../src/mapper/query';
import { requestLimit } from '../../../src/mapper/query/inputs';
import { createTableInput } from '../../../src/table/definition';

@Table({ name: 'App', entity: 'User' })
@GlobalIndex('byEmail', { partitionKey: 'email', projection: 'KEYS_ONLY' })
@GlobalIndex('byName', { partitionKey: 'name', projection: ['email'] })
@LocalIndex('byCreated', { sortKey: 'created' })
class User {
  @PartitionKey() pk!: string;
  @SortKey() sk!: string;
  @Attribute() name?: string;
  @Attribute() email?: string;
  @Attribute() created?: string;
}

@Table({ name: 'App', entity: 'Order' })
class Order {
  @PartitionKey() pk!: string;
  @SortKey() sk!: string;
  @Attribute() total?: number;
}

@Table({ name: 'Kinds', entity: 'Cat', entityAttribute: 'kind' })
class Cat {
  @PartitionKey() id!: string;
}

const ctx: MapperContext = createContext({ client: undefined as never, tablePrefix: 'dev-' });
const userKey = { pk: 'U#1', sk: 'PROFILE' };
const KEY = { pk: { S: 'U#1' }, sk: { S: 'PROFILE' } };

function modelError(define: () => void): ModelError {
  try {
    define();
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error('no ModelError');
}

describe('the schema', () => {
  it('records the entity type and its attribute (_entity unless named)', () => {
    expect(getModelSchema(User).table.entity).toEqual({ attribute: '_entity', value: 'User' });
    expect(getModelSchema(Cat).table.entity).toEqual({ attribute: 'kind', value: 'Cat' });
    expect(getModelSchema(Order).table.entity).toEqual({ attribute: '_entity', value: 'Order' });
  });

  it('projects the entity attribute into every index that does not project everything', () => {
    const byName = new Map(getModelSchema(User).indexes.map((i) => [i.name, i.projection]));
    expect(byName.get('byEmail')).toEqual({ type: 'INCLUDE', nonKeyAttributes: ['_entity'] });
    expect(byName.get('byName')).toEqual({ type: 'INCLUDE', nonKeyAttributes: ['email', '_entity'] });
    expect(byName.get('byCreated')).toEqual({ type: 'ALL' });
  });

  it('refuses an empty entity, entityAttribute alone, a bad attribute name, and a property stored in the entity attribute', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ entity: '' }, /Bad1: option entity is ""; expected a non-empty string/],
      [{ entityAttribute: 'kind' }, /Bad2: option entityAttribute is "kind"; expected used together with `entity`/],
      [{ entity: 'X', entityAttribute: '__proto__' }, /Bad3: option entityAttribute is "__proto__"; expected an attribute name of 1 to 255 bytes/],
    ];
    cases.forEach(([table, message], i) => {
      class Bad { pk!: string; }
      Object.defineProperty(Bad, 'name', { value: `Bad${i + 1}` });
      const error = modelError(() => {
        defineModel(Bad, { table: table as never, attributes: { pk: { role: 'partitionKey', type: 'string' } } });
        getModelSchema(Bad);
      });
      expect(error.message).toMatch(message);
    });
    const taken = modelError(() => {
      @Table({ name: 'App', entity: 'Thing' })
      class Thing {
        @PartitionKey() pk!: string;
        @Attribute({ name: '_entity' }) kind?: string;
      }
      getModelSchema(Thing);
    });
    expect(taken.problems[0]).toMatchObject({ code: 'model.entityAttributeTaken', className: 'Thing', property: 'kind' });
    expect(taken.message).toMatch(/Thing\.kind is stored as "_entity", the attribute that holds Thing's entity type/);
  });
});

describe('inheritance', () => {
  it('a subclass with its own @Table has its own entity type; one without inherits its parent\'s (the pair is one type, not two owners of it)', () => {
    @Table({ name: 'App', entity: 'Base' })
    class Base { @PartitionKey() pk!: string; @SortKey() sk!: string; }
    @Table({ name: 'App', entity: 'Special' })
    class Special extends Base { @Attribute() extra?: string; }
    class Copy extends Base { @Attribute() other?: string; }
    expect(getModelSchema(Special).table.entity).toEqual({ attribute: '_entity', value: 'Special' });
    expect(toItem(Object.assign(new Special(), { pk: 'p', sk: 's' }))._entity).toEqual({ S: 'Special' });
    expect(getModelSchema(Copy).table.entity).toEqual({ attribute: '_entity', value: 'Base' });
    expect(createTableInput([getModelSchema(Base), getModelSchema(Copy)]).TableName).toBe('App');
    // A subclass whose own @Table names its parent's type again is a second owner of it: refused.
    @Table({ name: 'AppAgain', entity: 'First' })
    class First { @PartitionKey() pk!: string; @SortKey() sk!: string; }
    @Table({ name: 'AppAgain', entity: 'First' })
    class Again extends First { @Attribute() more?: string; }
    expect(() => createTableInput([getModelSchema(First), getModelSchema(Again)])).toThrow(/both have the entity type "First"/);
  });
});

describe('the table definition of models sharing a table', () => {
  it('puts the entity attribute in the projections of the CreateTable input', () => {
    const input = createTableInput([getModelSchema(User), getModelSchema(Order)]);
    expect(Object.fromEntries(input.GlobalSecondaryIndexes!.map((g) => [g.IndexName, g.Projection]))).toEqual({
      byEmail: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['_entity'] },
      byName: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['email', '_entity'] },
    });
  });

  it('a model without an entity type may declare the same index (it gets the entity attribute too)', () => {
    @Table({ name: 'App' })
    @GlobalIndex('byEmail', { partitionKey: 'email', projection: 'KEYS_ONLY' })
    @GlobalIndex('byName', { partitionKey: 'name', projection: ['email'] })
    class Everyone {
      @PartitionKey() pk!: string;
      @SortKey() sk!: string;
      @Attribute() name?: string;
      @Attribute() email?: string;
    }
    for (const models of [[Everyone, User], [User, Everyone]]) {
      const input = createTableInput(models.map((m) => getModelSchema(m)));
      expect(Object.fromEntries(input.GlobalSecondaryIndexes!.map((g) => [g.IndexName, g.Projection]))).toEqual({
        byEmail: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['_entity'] },
        byName: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['email', '_entity'] },
      });
    }
  });

  it('refuses two models with the same entity type, or their types in different attributes', () => {
    // A table of their own: once registered, models that disagree on a table refuse every use of it.
    @Table({ name: 'Clash', entity: 'User' })
    class Member { @PartitionKey() pk!: string; @SortKey() sk!: string; }
    @Table({ name: 'Clash', entity: 'Order' })
    class Purchase { @PartitionKey() pk!: string; @SortKey() sk!: string; }
    @Table({ name: 'Clash', entity: 'User' })
    class Admin {
      @PartitionKey() pk!: string;
      @SortKey() sk!: string;
    }
    @Table({ name: 'Clash', entity: 'Item', entityAttribute: 'type' })
    class Item {
      @PartitionKey() pk!: string;
      @SortKey() sk!: string;
    }
    const same = modelError(() => createTableInput([getModelSchema(Purchase), getModelSchema(Admin), getModelSchema(Member)]));
    expect(same.message).toMatch(/Admin and Member share table "Clash" and both have the entity type "User", so their reads cannot tell/);
    const other = modelError(() => createTableInput([getModelSchema(Purchase), getModelSchema(Item)]));
    expect(other.message).toMatch(/Purchase and Item share table "Clash" but keep their entity types in different attributes \("_entity" in Purchase, "type" in Item\)/);
  });
});

describe('the codec', () => {
  it('writes the entity type into every item and reads only items of it', () => {
    const user = Object.assign(new User(), { ...userKey, name: 'Ann' });
    const item = toItem(user);
    expect(item).toEqual({ ...KEY, name: { S: 'Ann' }, _entity: { S: 'User' } });
    expect(fromItem(User, item)).toBeInstanceOf(User);
    expect(codecFor(User).owns(item)).toBe(true);
    expect(codecFor(Order).owns(item)).toBe(false);
    expect(() => fromItem(Order, item)).toThrow(ValidationError);
    expect(() => fromItem(Order, item)).toThrow('Order: the item is not of entity type "Order": its "_entity" attribute is "User", expected "Order"');
    expect(() => fromItem(Cat, { id: { S: 'c' }, kind: { N: '1' } })).toThrow(/its "kind" attribute is not a string/);
  });
});

describe('request inputs', () => {
  it('get with a projection reads the entity attribute', () => {
    expect(buildGetInput<User>(ctx.plan(User), userKey, { project: ['name'] })).toEqual({
      TableName: 'dev-App',
      Key: KEY,
      ProjectionExpression: '#n0, #n1, #n2, #n3',
      ExpressionAttributeNames: { '#n0': 'name', '#n1': 'pk', '#n2': 'sk', '#n3': '_entity' },
    });
  });

  it('update: sets the entity type if absent and requires the item to be missing or of the type, ANDed with a condition', () => {
    const out = buildUpdateInput<Order>(ctx, getModelSchema(Order), userKey, { total: 3 }, { condition: { total: gte(1) } }, new Date());
    expect(out.input).toEqual({
      TableName: 'dev-App',
      Key: KEY,
      UpdateExpression: 'SET #n0 = :v0, #n1 = if_not_exists(#n1, :v1)',
      ConditionExpression: '#n0 >= :v2 AND (attribute_not_exists(#n2) OR #n1 = :v1)',
      ExpressionAttributeNames: { '#n0': 'total', '#n1': '_entity', '#n2': 'pk' },
      ExpressionAttributeValues: { ':v0': { N: '3' }, ':v1': { S: 'Order' }, ':v2': { N: '1' } },
      ReturnValues: 'ALL_NEW',
    });
  });

  it('put: the same guard, ANDed with overwrite: false', () => {
    const order = Object.assign(new Order(), { ...userKey, total: 2 });
    expect(buildPutInput(ctx.plan(Order), order, {}).input).toEqual({
      TableName: 'dev-App',
      Item: { ...KEY, total: { N: '2' }, _entity: { S: 'Order' } },
      ConditionExpression: 'attribute_not_exists(#n0) OR #n1 = :v0',
      ExpressionAttributeNames: { '#n0': 'pk', '#n1': '_entity' },
      ExpressionAttributeValues: { ':v0': { S: 'Order' } },
    });
    expect(buildPutInput(ctx.plan(Order), order, { overwrite: false }).input.ConditionExpression)
      .toBe('attribute_not_exists(#n0) AND (attribute_not_exists(#n0) OR #n1 = :v0)');
  });

  it('delete by key: the same guard', () => {
    expect(buildDeleteInput(ctx, getModelSchema(Cat), { id: 'c1' }, {}).input).toEqual({
      TableName: 'dev-Kinds',
      Key: { id: { S: 'c1' } },
      ConditionExpression: 'attribute_not_exists(#n0) OR #n1 = :v0',
      ExpressionAttributeNames: { '#n0': 'id', '#n1': 'kind' },
      ExpressionAttributeValues: { ':v0': { S: 'Cat' } },
    });
  });

  it('query: the entity filter after the caller\'s; the Limit of each request', () => {
    const state: ReadState = {
      operation: 'query', schema: getModelSchema(User), keyCondition: { pk: 'U#1' }, filters: [{ name: 'Ann' }], reverse: false, consistent: false,
      projection: ['email'],
    };
    expect(buildQueryInput('dev-App', state).base).toEqual({
      TableName: 'dev-App',
      KeyConditionExpression: '#n0 = :v0',
      FilterExpression: '#n1 = :v1 AND #n2 = :v2',
      ProjectionExpression: '#n3, #n0, #n4, #n2',
      ExpressionAttributeNames: { '#n0': 'pk', '#n1': 'name', '#n2': '_entity', '#n3': 'email', '#n4': 'sk' },
      ExpressionAttributeValues: { ':v0': { S: 'U#1' }, ':v1': { S: 'Ann' }, ':v2': { S: 'User' } },
    });
    expect(buildQueryInput('dev-App', { ...state, filters: [], projection: undefined }).countBase).toMatchObject({
      FilterExpression: '#n1 = :v1', ExpressionAttributeNames: { '#n0': 'pk', '#n1': '_entity' }, Select: 'COUNT',
    });
    // The entity filter alone: the items still wanted, then twice as many each request (within pageSize).
    expect([0, 1, 2, 3].map((round) => requestLimit({ ...state, filters: [] }, 5, round))).toEqual([5, 10, 20, 40]);
    expect([0, 1, 2].map((round) => requestLimit({ ...state, filters: [], pageSize: 12 }, 5, round))).toEqual([5, 10, 12]);
    // With the caller's filter too: pageSize (here none: a full 1 MB page).
    expect(requestLimit(state, 5, 0)).toBeUndefined();
  });

  it('scan: the caller\'s filter and the entity filter, in a custom entity attribute', () => {
    expect(buildScanInput('dev-Kinds', { operation: 'scan', schema: getModelSchema(Cat), filters: [{ id: 'c' }], reverse: false, consistent: false }).base).toEqual({
      TableName: 'dev-Kinds',
      FilterExpression: '#n0 = :v0 AND #n1 = :v1',
      ExpressionAttributeNames: { '#n0': 'id', '#n1': 'kind' },
      ExpressionAttributeValues: { ':v0': { S: 'c' }, ':v1': { S: 'Cat' } },
    });
  });
});

describe('the compile API', () => {
  it('compileProjection reads the entity attribute; compileUpdate sets it if absent; compileCondition adds nothing', () => {
    expect(compileProjection(Order, ['total'])).toEqual({ expression: '#n0, #n1', names: { '#n0': 'total', '#n1': '_entity' }, values: undefined });
    expect(compileUpdate(Order, { total: 1 })).toMatchObject({
      expression: 'SET #n0 = :v0, #n1 = if_not_exists(#n1, :v1)', names: { '#n0': 'total', '#n1': '_entity' },
      values: { ':v0': { N: '1' }, ':v1': { S: 'Order' } },
    });
    expect(compileCondition(Order, { total: 1 })).toEqual({ expression: '#n0 = :v0', names: { '#n0': 'total' }, values: { ':v0': { N: '1' } } });
  });
});

describe('a read of several entity types', () => {
  const mapper = new Mapper({ client: new DynamoDBClient({ region: 'local' }), tablePrefix: 'dev-' });

  it('filters on the types of the models named (IN), after the key condition', () => {
    expect(mapper.query([User, Order], { pk: 'U#1' }).toInput()).toEqual({
      TableName: 'dev-App',
      KeyConditionExpression: '#n0 = :v0',
      FilterExpression: '#n1 IN (:v1, :v2)',
      ExpressionAttributeNames: { '#n0': 'pk', '#n1': '_entity' },
      ExpressionAttributeValues: { ':v0': { S: 'U#1' }, ':v1': { S: 'User' }, ':v2': { S: 'Order' } },
    });
    expect(mapper.scan([Order]).toInput()).toMatchObject({ FilterExpression: '#n0 = :v0', ExpressionAttributeValues: { ':v0': { S: 'Order' } } });
  });

  it('refuses models that cannot be read as one, naming them and the difference', () => {
    @Table({ name: 'Elsewhere', entity: 'Far' })
    class Far { @PartitionKey() pk!: string; @SortKey() sk!: string; }
    @Table({ name: 'App', entity: 'Flat' })
    class Flat { @PartitionKey() pk!: string; }
    @Table({ name: 'App', entity: 'Typed', entityAttribute: 'type' })
    class Typed { @PartitionKey() pk!: string; @SortKey() sk!: string; }
    @Table({ name: 'App', entity: 'User' })
    class Twin { @PartitionKey() pk!: string; @SortKey() sk!: string; }
    @Table({ name: 'App', entity: 'Projected' })
    @GlobalIndex('byEmail', { partitionKey: 'email', projection: 'ALL' })
    class Projected { @PartitionKey() pk!: string; @SortKey() sk!: string; @Attribute() email?: string; }
    const cases: [() => unknown, string][] = [
      [() => mapper.scan([User, Far]), 'User, Far: a scan of several models reads one table (or one index of it) for all of them, but User is in table "App" and Far in "Elsewhere".'],
      [() => mapper.scan([User, Flat]), 'their table keys differ (User: "pk" (S), "sk" (S); Flat: "pk" (S))'],
      [() => mapper.query([User, Order], { email: 'a' }, { index: 'byEmail' }), 'index "byEmail" differs (User: "email" (S), INCLUDE [_entity]; Order: no such index)'],
      [() => mapper.query([User, Projected], { email: 'a' }, { index: 'byEmail' }),
        'index "byEmail" differs (User: "email" (S), INCLUDE [_entity]; Projected: "email" (S), ALL)'],
      [() => mapper.scan([User, Typed]), 'User keeps its entity type in "_entity" and Typed in "type"'],
      [() => mapper.scan([User, Twin]), 'User and Twin have the same entity type "User"'],
      [() => mapper.scan([User, Order], { filter: { pk: 'x' } } as never), 'the filter option names properties of one model'],
    ];
    for (const [read, message] of cases) {
      expect(read).toThrow(ValidationError);
      expect(read).toThrow(message);
    }
  });
});
