/**
 * Models that share a table must agree on it. A disagreement (another sort key, other options, an
 * index declared two ways) used to surface only in sync() or createTableInput(); a put through one
 * of the models reached DynamoDB, which refused it with its own words, or worse, accepted it. Now
 * every operation refuses it at the model's first use, before anything is sent.
 */
import 'reflect-metadata';
import { Attribute, GlobalIndex, Mapper, ModelError, PartitionKey, SortKey, Table } from 'dynamap';

const sent: unknown[] = [];
const client = { send: (command: unknown) => { sent.push(command); return Promise.reject(new Error('a request was sent')); } } as never;

@Table({ name: 'Shared', entity: 'Order' })
class Order { @PartitionKey() pk!: string; @SortKey() sk!: string; @Attribute() total?: number; }

/** Declares the table's sort key under another attribute name (and type). */
@Table({ name: 'Shared', entity: 'Customer' })
class Customer { @PartitionKey() pk!: string; @SortKey({ name: 'sortKey' }) sk!: number; }

/** Its own definition is broken (two partition keys): refused where it is used, but it does not stop the table's other models. */
@Table({ name: 'Agreeing', entity: 'Broken' })
class Broken { @PartitionKey() a!: string; @PartitionKey() b!: string; }

@Table({ name: 'Agreeing', entity: 'Note' })
@GlobalIndex('byText', { partitionKey: 'text' })
class Note { @PartitionKey() pk!: string; @SortKey() sk!: string; @Attribute() text?: string; }

const order = Object.assign(new Order(), { pk: 'c#1', sk: 'o#1', total: 3 });
const customer = Object.assign(new Customer(), { pk: 'c#1', sk: 1 });
/** The model used is named first. */
const MISMATCH = /(Order and Customer|Customer and Order) share table "Shared" but declare different table keys \((Order|Customer): HASH "pk" \([SN]\), RANGE "(sk|sortKey)" \([SN]\); (Order|Customer): HASH "pk" \([SN]\), RANGE "(sk|sortKey)" \([SN]\)\)/;

async function refusal(call: () => unknown): Promise<Error> {
  try {
    await call();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a refusal');
}

describe('models sharing a table with different keys', () => {
  beforeEach(() => { sent.length = 0; });

  const calls: [string, (mapper: Mapper) => unknown][] = [
    ['put', (m) => m.put(order)],
    ['put of the other model', (m) => m.put(customer)],
    ['get', (m) => m.get(Order, { pk: 'c#1', sk: 'o#1' })],
    ['update', (m) => m.update(Order, { pk: 'c#1', sk: 'o#1' }, { total: 4 })],
    ['delete', (m) => m.delete(Order, { pk: 'c#1', sk: 'o#1' })],
    ['save', (m) => m.save(order)],
    ['query', (m) => m.query(Order, { pk: 'c#1' }).all()],
    ['scan', (m) => m.scan(Customer).all()],
    ['batchPut', (m) => m.batchPut([order])],
    ['batchGet', (m) => m.batchGet(Order, [{ pk: 'c#1', sk: 'o#1' }])],
    ['transaction', (m) => m.transaction((tx) => { tx.put(order); })],
    ['transactGet', (m) => m.transactGet([[Order, { pk: 'c#1', sk: 'o#1' }]])],
  ];

  it.each(calls)('%s is refused before anything is sent, naming both models and their keys', async (_name, call) => {
    const error = await refusal(() => call(new Mapper({ client })));
    expect(error).toBeInstanceOf(ModelError);
    expect(error.message).toMatch(MISMATCH);
    expect(sent).toEqual([]);
  });

  it('is refused by sync() and createTableInput() too, as before', async () => {
    const mapper = new Mapper({ client });
    expect(() => mapper.createTableInput(Order)).toThrow(MISMATCH);
    await expect(mapper.sync([Order, Customer])).rejects.toThrow(MISMATCH);
    expect(sent).toEqual([]);
  });
});

describe('a model whose own definition is broken, on a table other models share', () => {
  beforeEach(() => { sent.length = 0; });

  it("does not stop the other models' reads and writes (they are sent)", async () => {
    const mapper = new Mapper({ client });
    const note = Object.assign(new Note(), { pk: 'n', sk: '1', text: 'hi' });
    await expect(mapper.put(note)).rejects.toMatchObject({ cause: new Error('a request was sent') });
    await expect(mapper.query(Note, { text: 'hi' }, { index: 'byText' }).all()).rejects.toMatchObject({ cause: new Error('a request was sent') });
    expect(sent).toHaveLength(2);
  });

  it('is refused where it is used, and by createTableInput() of the table', async () => {
    const mapper = new Mapper({ client });
    await expect(mapper.put(Object.assign(new Broken(), { a: 'x', b: 'y' }))).rejects.toThrow(/Broken has 2 partition keys/);
    expect(() => mapper.createTableInput(Note)).toThrow(/Broken has 2 partition keys/);
    expect(sent).toEqual([]);
  });
});

describe('a subclass without @Table of its own', () => {
  beforeEach(() => { sent.length = 0; });

  it('is its parent model in the parent\'s table (entity type included), not a second model of it', async () => {
    @Table({ name: 'Zoo', entity: 'Animal' })
    class Animal { @PartitionKey() id!: string; }
    class Dog extends Animal { @Attribute() bark?: string; }
    const mapper = new Mapper({ client });
    await expect(mapper.put(Object.assign(new Dog(), { id: 'rex', bark: 'woof' }))).rejects.toMatchObject({ cause: new Error('a request was sent') });
    expect(sent).toHaveLength(1);
    expect(mapper.createTableInput(Dog).TableName).toBe('Zoo');
  });
});

describe('a class extending an entity model (a subclass, a nested document)', () => {
  beforeEach(() => { sent.length = 0; });

  it('does not make the model a second owner of its entity type (regression: every put/get of the parent was refused)', async () => {
    @Table({ name: 'Orders', entity: 'Order' })
    class Purchase {
      @PartitionKey() pk!: string;
      @Attribute() total?: number;
      @Attribute({ type: () => [Revision] }) history?: Revision[];
    }
    // Used only as a nested document of its parent; and a subclass adding an attribute.
    class Revision extends Purchase { @Attribute() revisedAt?: Date; }
    class BigPurchase extends Purchase { @Attribute() extra?: string; }
    const mapper = new Mapper({ client });
    const p = Object.assign(new Purchase(), { pk: 'p', total: 1, history: [Object.assign(new Revision(), { pk: 'p', total: 0, revisedAt: new Date(0) })] });
    await expect(mapper.put(p)).rejects.toMatchObject({ cause: new Error('a request was sent') });
    await expect(mapper.get(Purchase, { pk: 'p' })).rejects.toMatchObject({ cause: new Error('a request was sent') });
    await expect(mapper.put(Object.assign(new BigPurchase(), { pk: 'b', extra: 'x' }))).rejects.toMatchObject({ cause: new Error('a request was sent') });
    expect(sent).toHaveLength(3);
    expect(mapper.createTableInput(Purchase).TableName).toBe('Orders');
  });

  it('a read of several models checks every model\'s table, not only the first one\'s', async () => {
    @Table({ name: 'Mixed', entity: 'Plain' })
    class Plain { @PartitionKey() pk!: string; @SortKey() sk!: string; }
    // Its own @Table names other options than its parent's: the parent no longer fits the table.
    @Table({ name: 'Mixed', entity: 'Fancy', stream: 'NEW_IMAGE' })
    class Fancy extends Plain { @Attribute() colour?: string; }
    const mapper = new Mapper({ client });
    const error = await refusal(() => mapper.query([Fancy, Plain], { pk: 'x' }).all());
    expect(error).toBeInstanceOf(ModelError);
    expect(error.message).toMatch(/(Plain and Fancy|Fancy and Plain) share table "Mixed" but declare different @Table options/);
    expect(sent).toEqual([]);
  });
});

describe('a subclass under its parent\'s @Table that adds an index', () => {
  beforeEach(() => { sent.length = 0; });

  it('is the same entity type: the parent stays usable and the table gets the index (regression: the parent was refused as a second owner)', async () => {
    @Table({ name: 'IndexedShop', entity: 'Order' })
    class ShopOrder { @PartitionKey() pk!: string; @SortKey() sk!: string; @Attribute() status?: string; }
    @GlobalIndex('byStatus', { partitionKey: 'status' })
    class IndexedOrder extends ShopOrder {}
    const mapper = new Mapper({ client });
    await expect(mapper.put(Object.assign(new ShopOrder(), { pk: 'a', sk: '1' }))).rejects.toMatchObject({ cause: new Error('a request was sent') });
    await expect(mapper.get(ShopOrder, { pk: 'a', sk: '1' })).rejects.toMatchObject({ cause: new Error('a request was sent') });
    await expect(mapper.query(IndexedOrder, { status: 'open' }, { index: 'byStatus' }).all()).rejects.toMatchObject({ cause: new Error('a request was sent') });
    expect(sent).toHaveLength(3);
    expect(mapper.createTableInput(ShopOrder).GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byStatus']);
  });

  it('two @Table classes of one line with the same key are two models: options that differ are refused by either', async () => {
    @Table({ name: 'Tagged', entity: 'Plain', tags: { team: 'a' } })
    class Plain { @PartitionKey() pk!: string; }
    @Table({ name: 'Tagged', entity: 'Fancy' })
    class Fancy extends Plain { @Attribute() colour?: string; }
    const mapper = new Mapper({ client });
    expect(() => mapper.createTableInput(Fancy)).toThrow(/share table "Tagged" but declare different @Table options \(tags/);
    await expect(mapper.put(Object.assign(new Fancy(), { pk: 'x' }))).rejects.toBeInstanceOf(ModelError);
    expect(sent).toEqual([]);
  });
});

describe('a template (an abstract base holding the partition key)', () => {
  beforeEach(() => { sent.length = 0; });

  it('is left out of every model\'s table, not only its subclasses\' (regression: a sibling model was refused against it)', async () => {
    @Table({ name: 'Templated' })
    abstract class Entity { @PartitionKey() pk!: string; }
    class Invoice extends Entity { @SortKey() sk!: string; }
    @Table({ name: 'Templated' })
    class Client { @PartitionKey() pk!: string; @SortKey() sk!: string; }
    const mapper = new Mapper({ client });
    await expect(mapper.put(Object.assign(new Client(), { pk: 'c', sk: '1' }))).rejects.toMatchObject({ cause: new Error('a request was sent') });
    await expect(mapper.put(Object.assign(new Invoice(), { pk: 'c', sk: '2' }))).rejects.toMatchObject({ cause: new Error('a request was sent') });
    expect(mapper.createTableInput(Client).KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
    expect(sent).toHaveLength(2);
  });

  it('a class that only adds attributes but redeclares a key away is checked against its base (it would send an item without the sort key)', async () => {
    @Table({ name: 'Redeclared' })
    class Base { @PartitionKey() pk!: string; @SortKey() sk!: string; }
    class Sub extends Base { @Attribute({ type: 'string' }) declare sk: string; }
    const mapper = new Mapper({ client });
    await expect(mapper.put(Object.assign(new Sub(), { pk: 'a', sk: 'b' }))).rejects.toBeInstanceOf(ModelError);
    expect(sent).toEqual([]);
  });
});
