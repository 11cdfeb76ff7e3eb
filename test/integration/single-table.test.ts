/**
 * Single-table design with entity types: two models share one table, each writes its entity type
 * and reads only its own items — queries, scans, counts, index reads, projections, get, batchGet,
 * transactGet — and a key-based update or delete never changes another entity's item.
 */
import 'reflect-metadata';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  Attribute, ConditionError, GlobalIndex, Mapper, PartitionKey, SortKey, Table, ValidationError, Version, beginsWith, exists, fromItem, gte,
  type Query, type TransactionWriter,
} from 'dynamap';
import { deploy } from '../support/deploy';
import { describeOnDynamoDBLocal, testClient, uniquePrefix } from '../support/engine';

@Table({ name: 'Shop', entity: 'Customer' })
@GlobalIndex('byEmail', { partitionKey: 'email', projection: 'KEYS_ONLY' })
class Customer {
  @PartitionKey() pk!: string;
  @SortKey() sk!: string;
  @Attribute() name?: string;
  @Attribute() email?: string;
  @Version() version?: number;
}

@Table({ name: 'Shop', entity: 'Order' })
@GlobalIndex('byEmail', { partitionKey: 'email', projection: 'KEYS_ONLY' })
class Order {
  @PartitionKey() pk!: string;
  @SortKey() sk!: string;
  @Attribute() total?: number;
  @Attribute() email?: string;
}

/** The same table read without an entity type: sees every item. */
@Table({ name: 'Shop' })
class AnyItem {
  @PartitionKey() pk!: string;
  @SortKey() sk!: string;
}

const client = testClient();
const prefix = uniquePrefix();
const mapper = new Mapper({ client, tablePrefix: prefix });

const customer = (id: string, name: string) => Object.assign(new Customer(), { pk: `C#${id}`, sk: 'PROFILE', name, email: `${id}@example.com` });
const order = (customer: string, n: number, total: number) =>
  Object.assign(new Order(), { pk: `C#${customer}`, sk: `ORDER#${n}`, total, email: `${customer}@example.com` });

async function rawItem(pk: string, sk: string) {
  const out = await client.send(new GetItemCommand({ TableName: `${prefix}Shop`, Key: { pk: { S: pk }, sk: { S: sk } } }));
  return out.Item;
}

beforeAll(async () => {
  await mapper.sync([Customer, Order, AnyItem]);
  await mapper.batchPut([customer('ann', 'Ann'), order('ann', 1, 10), order('ann', 2, 25), order('ann', 3, 40), customer('bob', 'Bob')]);
});

describe('writes', () => {
  it('every item carries its entity type in _entity', async () => {
    expect((await rawItem('C#ann', 'PROFILE'))?._entity).toEqual({ S: 'Customer' });
    expect((await rawItem('C#ann', 'ORDER#1'))?._entity).toEqual({ S: 'Order' });
  });

  it('an update that creates the item gives it the entity type, and one of an existing item keeps it', async () => {
    await mapper.update(Order, { pk: 'C#cat', sk: 'ORDER#1' }, { total: 5 });
    expect((await rawItem('C#cat', 'ORDER#1'))?._entity).toEqual({ S: 'Order' });
    const updated = await mapper.update(Order, { pk: 'C#cat', sk: 'ORDER#1' }, { total: 6 });
    expect(updated).toBeInstanceOf(Order);
    expect(updated.total).toBe(6);
  });
});

describe('reads return only the model\'s own items', () => {
  it('query: the customer and the orders under one partition key, each through its model', async () => {
    const orders = await mapper.query(Order, { pk: 'C#ann' }).all();
    expect(orders.map((o) => o.sk)).toEqual(['ORDER#1', 'ORDER#2', 'ORDER#3']);
    expect(orders.every((o) => o instanceof Order)).toBe(true);
    const customers = await mapper.query(Customer, { pk: 'C#ann' }).all();
    expect(customers.map((c) => c.name)).toEqual(['Ann']);
    expect(await mapper.query(AnyItem, { pk: 'C#ann' }).count()).toBe(4);
  });

  it('with a filter, a limit, a page size, a count and a projection', async () => {
    expect((await mapper.query(Order, { pk: 'C#ann' }).filter({ total: gte(20) }).all()).map((o) => o.total)).toEqual([25, 40]);
    // The PROFILE item sorts after the orders: a limit must not stop on it.
    expect((await mapper.query(Customer, { pk: 'C#ann' }).limit(1).all()).map((c) => c.sk)).toEqual(['PROFILE']);
    expect((await mapper.query(Order, { pk: 'C#ann' }).pageSize(1).limit(2).all()).map((o) => o.sk)).toEqual(['ORDER#1', 'ORDER#2']);
    expect(await mapper.query(Order, { pk: 'C#ann' }).count()).toBe(3);
    expect(await mapper.query(Customer, { pk: 'C#ann', sk: beginsWith('ORDER') }).count()).toBe(0);
    const projected = await mapper.query(Order, { pk: 'C#ann' }).project('total').all();
    expect(projected.map((o) => ({ ...o }))).toEqual([
      { pk: 'C#ann', sk: 'ORDER#1', total: 10 }, { pk: 'C#ann', sk: 'ORDER#2', total: 25 }, { pk: 'C#ann', sk: 'ORDER#3', total: 40 },
    ]);
  });

  it('first() reads a few items, then twice as many each request, not a 1 MB page', async () => {
    const watched = testClient();
    const limits: unknown[] = [];
    watched.middlewareStack.add((next) => async (args) => {
      limits.push((args.input as { Limit?: number }).Limit);
      return next(args);
    }, { step: 'initialize', name: 'recordLimit' });
    const reader = new Mapper({ client: watched, tablePrefix: prefix });
    // The profile sorts after the three orders: requests of 1, 2 and 4 items find it.
    expect((await reader.query(Customer, { pk: 'C#ann' }).first())?.name).toBe('Ann');
    expect(limits).toEqual([1, 2, 4]);
  });

  it('scan and a KEYS_ONLY index (the index projects the entity type)', async () => {
    const customers = await mapper.scan(Customer).all();
    expect(customers.map((c) => c.name).sort()).toEqual(['Ann', 'Bob']);
    const byEmail = await mapper.query(Order, { email: 'ann@example.com' }, { index: 'byEmail' }).all();
    expect(byEmail.map((o) => o.sk).sort()).toEqual(['ORDER#1', 'ORDER#2', 'ORDER#3']);
    expect(await mapper.query(Customer, { email: 'ann@example.com' }, { index: 'byEmail' }).count()).toBe(1);
  });

  it('get, with and without a projection, and batchGet: another entity\'s item is not found', async () => {
    expect(await mapper.get(Customer, { pk: 'C#ann', sk: 'ORDER#1' })).toBeUndefined();
    expect(await mapper.get(Customer, { pk: 'C#ann', sk: 'ORDER#1' }, { project: ['name'] })).toBeUndefined();
    expect((await mapper.get(Order, { pk: 'C#ann', sk: 'ORDER#1' }, { project: ['total'] }))?.total).toBe(10);
    const found = await mapper.batchGet(Order, [{ pk: 'C#ann', sk: 'PROFILE' }, { pk: 'C#ann', sk: 'ORDER#2' }]);
    expect(found.map((o) => o.sk)).toEqual(['ORDER#2']);
    const projected = await mapper.batchGet(Customer, [{ pk: 'C#ann', sk: 'PROFILE' }, { pk: 'C#ann', sk: 'ORDER#2' }], { project: ['name'] });
    expect(projected.map((c) => ({ ...c }))).toEqual([{ pk: 'C#ann', sk: 'PROFILE', name: 'Ann' }]);
  });

  it('an item without the entity type (written before the model had one) is no one\'s', async () => {
    await client.send(new PutItemCommand({ TableName: `${prefix}Shop`, Item: { pk: { S: 'C#old' }, sk: { S: 'ORDER#1' }, total: { N: '1' } } }));
    expect(await mapper.get(Order, { pk: 'C#old', sk: 'ORDER#1' })).toBeUndefined();
    expect(await mapper.query(Order, { pk: 'C#old' }).all()).toEqual([]);
    const item = (await rawItem('C#old', 'ORDER#1'))!;
    expect(() => fromItem(Order, item)).toThrow(ValidationError);
    expect(() => fromItem(Order, item)).toThrow(/Order: the item is not of entity type "Order": its "_entity" attribute is missing/);
  });
});

describe('key-based writes leave another entity\'s item alone', () => {
  it('put, update, delete and save() of a new entity through the wrong model fail with ConditionError and change nothing', async () => {
    const before = await rawItem('C#ann', 'ORDER#3');
    const impostor = Object.assign(new Customer(), { pk: 'C#ann', sk: 'ORDER#3', name: 'not an order' });
    await expect(mapper.put(impostor)).rejects.toThrow(ConditionError);
    await expect(mapper.save(impostor)).rejects.toThrow(ConditionError);
    await expect(mapper.update(Customer, { pk: 'C#ann', sk: 'ORDER#3' }, { name: 'not an order' })).rejects.toThrow(ConditionError);
    await expect(mapper.update(Customer, { pk: 'C#ann', sk: 'ORDER#3' }, { name: 'not an order' })).rejects.toThrow(
      'update of Customer { pk: "C#ann", sk: "ORDER#3" } failed its condition: the condition was false for the stored item, ' +
      'or the key holds another entity\'s item (its "_entity" is not "Customer": use the model of that item; an item written before ' +
      'the model had an entity type has no "_entity" at all: add it to such items, see docs/models.md).');
    await expect(mapper.delete(Customer, { pk: 'C#ann', sk: 'ORDER#3' })).rejects.toThrow(ConditionError);
    expect(await rawItem('C#ann', 'ORDER#3')).toEqual(before);
  });

  it('save() of a read entity writes its changes, guarded by version and entity type', async () => {
    const bob = (await mapper.get(Customer, { pk: 'C#bob', sk: 'PROFILE' }))!;
    bob.name = 'Robert';
    await mapper.save(bob);
    expect(await rawItem('C#bob', 'PROFILE')).toMatchObject({ name: { S: 'Robert' }, _entity: { S: 'Customer' }, version: { N: '2' } });
    await mapper.delete(bob);
    expect(await rawItem('C#bob', 'PROFILE')).toBeUndefined();
  });
});

describe('an index created before the model had an entity type', () => {
  it('makes sync fail, saying the index lacks the entity attribute, instead of reads that find nothing', async () => {
    @Table({ name: 'Legacy' })
    @GlobalIndex('byEmail', { partitionKey: 'email', projection: 'KEYS_ONLY' })
    class Before {
      @PartitionKey() pk!: string;
      @Attribute() email?: string;
    }
    @Table({ name: 'Legacy', entity: 'Account', entityAttribute: 'kind' })
    @GlobalIndex('byEmail', { partitionKey: 'email', projection: 'KEYS_ONLY' })
    class After {
      @PartitionKey() pk!: string;
      @Attribute() email?: string;
    }
    deploy(Before);
    await mapper.sync([Before]);
    deploy(After);
    await expect(mapper.sync([After])).rejects.toThrow(/global index "byEmail" projection: declared INCLUDE \["kind"\], actual KEYS_ONLY, without "kind"/);
  });
});

describeOnDynamoDBLocal('transactions on DynamoDB Local', () => {
  it('transactGet answers undefined for another entity\'s item; tx.update of one cancels the transaction', async () => {
    const [c, o] = await mapper.transactGet([[Customer, { pk: 'C#ann', sk: 'ORDER#1' }], [Order, { pk: 'C#ann', sk: 'ORDER#1' }]]);
    expect(c).toBeUndefined();
    expect(o?.total).toBe(10);
    await expect(mapper.transaction((tx) => {
      tx.update(Order, { pk: 'C#ann', sk: 'ORDER#1' }, { total: 11 });
      tx.update(Customer, { pk: 'C#ann', sk: 'ORDER#2' }, { name: 'x' });
    })).rejects.toMatchObject({ reasons: [expect.objectContaining({ code: 'None' }), expect.objectContaining({ code: 'ConditionalCheckFailed' })] });
    expect((await mapper.get(Order, { pk: 'C#ann', sk: 'ORDER#1' }))?.total).toBe(10);
  });

  it('tx.check, tx.delete by key and tx.save of a new entity refuse another entity\'s item', async () => {
    const before = await rawItem('C#ann', 'ORDER#2');
    const key = { pk: 'C#ann', sk: 'ORDER#2' };
    const attempts: ((tx: TransactionWriter) => void)[] = [
      (tx) => tx.check(Customer, key, { pk: exists() }),   // true of the Order item: only the guard refuses it
      (tx) => tx.delete(Customer, key),
      (tx) => tx.save(Object.assign(new Customer(), { ...key, name: 'x' })),
    ];
    for (const attempt of attempts) {
      await expect(mapper.transaction(attempt)).rejects.toMatchObject({ reasons: [expect.objectContaining({ code: 'ConditionalCheckFailed' })] });
    }
    expect(await rawItem('C#ann', 'ORDER#2')).toEqual(before);
  });
});

describe('a custom entity attribute, end to end', () => {
  @Table({ name: 'Pets', entity: 'Cat', entityAttribute: 'kind' })
  class Cat {
    @PartitionKey() owner!: string;
    @SortKey() name!: string;
  }
  @Table({ name: 'Pets', entity: 'Dog', entityAttribute: 'kind' })
  class Dog {
    @PartitionKey() owner!: string;
    @SortKey() name!: string;
    @Attribute() breed?: string;
  }

  it('writes, reads and tells the types apart by "kind"', async () => {
    await mapper.sync([Cat, Dog]);
    await mapper.put(Object.assign(new Cat(), { owner: 'ann', name: 'Tom' }));
    await mapper.put(Object.assign(new Dog(), { owner: 'ann', name: 'Rex', breed: 'collie' }));
    const raw = await client.send(new GetItemCommand({ TableName: `${prefix}Pets`, Key: { owner: { S: 'ann' }, name: { S: 'Tom' } } }));
    expect(raw.Item?.kind).toEqual({ S: 'Cat' });
    expect((await mapper.query(Dog, { owner: 'ann' }).all()).map((d) => d.name)).toEqual(['Rex']);
    expect(await mapper.get(Dog, { owner: 'ann', name: 'Tom' })).toBeUndefined();
    const pets = await mapper.query([Cat, Dog], { owner: 'ann' }).all();
    expect(pets.map((p) => `${p.constructor.name} ${p.name}`)).toEqual(['Dog Rex', 'Cat Tom']);
  });
});

describe('one query or scan of several entity types', () => {
  it('returns each item as an instance of its own model, in key order', async () => {
    const items = await mapper.query([Customer, Order], { pk: 'C#ann' }).all();
    expect(items.map((i) => `${i.constructor.name} ${i.sk}`)).toEqual(['Order ORDER#1', 'Order ORDER#2', 'Order ORDER#3', 'Customer PROFILE']);
    const profile = items.find((i): i is Customer => i instanceof Customer)!;
    expect(profile.name).toBe('Ann');
    // Only the models named: an item of another entity type in the partition is not returned.
    expect((await mapper.query([Order, Customer], { pk: 'C#ann' }).reverse().limit(2).all()).map((i) => i.sk)).toEqual(['PROFILE', 'ORDER#3']);
    expect(await mapper.query([Customer, Order], { pk: 'C#ann' }).count()).toBe(4);
  });

  it('pages with cursors, an index, and a scan', async () => {
    const q = mapper.query([Customer, Order], { pk: 'C#ann' }).pageSize(3);
    const first = await q.page();
    const second = await q.page(first.cursor);
    expect([...first.items, ...second.items].map((i) => i.sk)).toEqual(['ORDER#1', 'ORDER#2', 'ORDER#3', 'PROFILE']);
    const byEmail = await mapper.query([Customer, Order], { email: 'ann@example.com' }, { index: 'byEmail' }).all();
    expect(byEmail.map((i) => i.constructor.name).sort()).toEqual(['Customer', 'Order', 'Order', 'Order']);
    const all = await mapper.scan([Customer, Order]).all();
    expect(all.every((i) => i instanceof Customer || i instanceof Order)).toBe(true);
    expect(all.filter((i) => i instanceof Customer).length).toBe(await mapper.scan(Customer).count());
    expect(all.length).toBe((await mapper.scan(AnyItem).all()).filter((i) => i.pk !== 'C#old').length);
    const parallel = await mapper.scan([Customer, Order]).segments(3).all();
    expect(parallel.map((i) => `${i.constructor.name} ${i.pk} ${i.sk}`).sort()).toEqual(all.map((i) => `${i.constructor.name} ${i.pk} ${i.sk}`).sort());
  });

  it('refuses what names one model\'s properties (JavaScript callers: the types have no such methods), and models that cannot be read as one', () => {
    // The builder object is a Query; only its type hides filter() and project().
    const untyped = () => mapper.query([Customer, Order], { pk: 'C#ann' }) as unknown as Query<Customer>;
    expect(() => untyped().filter({ name: 'Ann' })).toThrow(
      'Customer, Order: .filter() names properties of one model, and this reads several: filter or pick fields in code, or read each model on its own.');
    expect(() => untyped().project('sk')).toThrow(ValidationError);
    expect(() => mapper.query([Customer, AnyItem], { pk: 'C#ann' })).toThrow(/AnyItem has no entity type/);
    expect(() => mapper.query([] as never, { pk: 'x' } as never)).toThrow(/names no model/);
  });
});
