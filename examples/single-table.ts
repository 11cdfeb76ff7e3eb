/**
 * Single-table design: customers and their orders in one table, under one partition key per
 * customer. Each model has an entity type (@Table({ entity })): its items carry it in `_entity`,
 * and its reads return only its own items, so one partition holds both kinds safely.
 * `npm run example:single-table` runs it on an embedded DynamoDB.
 */
import 'reflect-metadata';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  Attribute, ConditionError, GlobalIndex, Mapper, PartitionKey, SortKey, Table, TimeToLive, beginsWith, gte,
} from 'dynamap';
import { startEmbeddedDynamoDB } from './support/embedded-dynamodb';

@Table({ name: 'Shop', entity: 'Customer' })
export class Customer {
  @PartitionKey() pk!: string;          // CUSTOMER#<id>
  @SortKey() sk!: string;               // PROFILE
  @Attribute() name!: string;
  @Attribute() email!: string;
}

@Table({ name: 'Shop', entity: 'Order' })
@GlobalIndex('byStatus', { partitionKey: 'status', sortKey: 'total', projection: 'KEYS_ONLY' })
export class Order {
  @PartitionKey() pk!: string;          // CUSTOMER#<id>
  @SortKey() sk!: string;               // ORDER#<date>
  @Attribute() total!: number;
  @Attribute() status!: 'open' | 'shipped';
  // Epoch seconds kept as a number (type: 'number'; without decorator metadata, tsx and esbuild
  // need it to tell a number from a Date). sync() enables TTL on the table for it.
  @TimeToLive({ type: 'number' }) expiresAt?: number;
}

const customer = (id: string, name: string): Customer =>
  Object.assign(new Customer(), { pk: `CUSTOMER#${id}`, sk: 'PROFILE', name, email: `${id}@example.com` });
const order = (id: string, date: string, total: number, status: Order['status']): Order =>
  Object.assign(new Order(), { pk: `CUSTOMER#${id}`, sk: `ORDER#${date}`, total, status, ...(status === 'shipped' ? { expiresAt: 1_893_456_000 } : {}) });

export async function singleTableExample(client: DynamoDBClient, log: (line: string) => void = console.log): Promise<void> {
  const mapper = new Mapper({ client, tablePrefix: 'example-' });
  await mapper.sync([Customer, Order]);   // one table; its index projects _entity too

  await mapper.batchPut([
    customer('ann', 'Ann'),
    order('ann', '2026-11-01', 30, 'shipped'),
    order('ann', '2026-11-20', 55, 'open'),
    customer('bob', 'Bob'),
    order('bob', '2026-11-21', 12, 'open'),
  ]);
  const raw = await client.send(new GetItemCommand({ TableName: 'example-Shop', Key: { pk: { S: 'CUSTOMER#ann' }, sk: { S: 'PROFILE' } } }));
  log(`stored: ${JSON.stringify(raw.Item?._entity)}`);

  // One partition, two entity types: each model reads its own.
  const [ann] = await mapper.query(Customer, { pk: 'CUSTOMER#ann' }).all();
  const orders = await mapper.query(Order, { pk: 'CUSTOMER#ann', sk: beginsWith('ORDER#') }).all();
  log(`${ann.name}: ${orders.map((o) => `${o.sk.slice(6)} ${o.total} (${o.status})`).join(', ')}`);
  log(`shipped order expires (TTL, epoch seconds): ${typeof orders[0].expiresAt} ${orders[0].expiresAt}`);
  log(`customers: ${(await mapper.scan(Customer).all()).map((c) => c.name).sort().join(', ')}; orders: ${await mapper.scan(Order).count()}`);

  // Both entity types in one request: each item an instance of its own model.
  const partition = await mapper.query([Customer, Order], { pk: 'CUSTOMER#bob' }).all();
  log(`one query: ${partition.map((item) => (item instanceof Order ? `Order ${item.total}` : `Customer ${item.name}`)).join(', ')}`);
  const everything = await mapper.scan([Customer, Order]).all();
  log(`one scan of both types: ${everything.filter((i) => i instanceof Customer).length} customers, ${everything.filter((i) => i instanceof Order).length} orders`);

  // An index read, filtered to the model's entity type.
  const big = await mapper.query(Order, { status: 'open', total: gte(20) }, { index: 'byStatus' }).all();
  log(`open orders of 20 or more: ${big.map((o) => `${o.pk.slice(9)} ${o.total}`).join(', ')}`);

  // A key that holds another entity's item: get finds nothing, update and delete change nothing.
  log(`get(Order, Ann's profile key): ${String(await mapper.get(Order, { pk: 'CUSTOMER#ann', sk: 'PROFILE' }))}`);
  try {
    await mapper.update(Order, { pk: 'CUSTOMER#ann', sk: 'PROFILE' }, { status: 'shipped' });
  } catch (error) {
    log(`update(Order, Ann's profile key): ${error instanceof ConditionError ? 'ConditionError' : String(error)}`);
  }
}

if (require.main === module) {
  void (async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const db = await startEmbeddedDynamoDB();
    try {
      await singleTableExample(db.client);
    } finally {
      await db.stop();
    }
  })();
}
