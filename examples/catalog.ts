/**
 * A product catalog: what attributes can be and what dynamap refuses before sending.
 * Converters, defaults, required attributes, enums, class-transformer's @Exclude and @Type, a local
 * index, a model declared without decorators, toItem/fromItem and the schemas, the error classes,
 * conditional deletes, signed cursors, a dry-run sync and a sync that finds a table it cannot use.
 * `npm run example:catalog` runs it on an embedded DynamoDB.
 */
import 'reflect-metadata';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Exclude, Type } from 'class-transformer';
import { Min } from 'class-validator';
import {
  Attribute, BatchError, ConditionError, DynamapError, DynamoError, ItemTooLargeError, LocalIndex, Mapper, ModelError,
  PartitionKey, SortKey, SyncError, Table, ThrottledError, TransactionError, ValidationError,
  compileKeyCondition, compileProjection, decrement, defineModel, eq, fromItem, getDocumentSchema, getModelSchema, isType, lte, ne,
  prepend, toItem, type Converter,
} from 'dynamap';
import { startEmbeddedDynamoDB } from './support/embedded-dynamodb';

/** Money as whole cents and a currency, stored as one string ("1999 EUR"), read back exactly. */
export class Money {
  constructor(readonly cents: bigint, readonly currency: string) {}
  toString(): string {
    return `${this.cents / 100n}.${String(this.cents % 100n).padStart(2, '0')} ${this.currency}`;
  }
}

const money: Converter<Money> = {
  toDynamo: (m) => ({ S: `${m.cents} ${m.currency}` }),
  fromDynamo: (av) => {
    const [cents, currency] = av.S!.split(' ');
    return new Money(BigInt(cents!), currency!);
  },
};

export enum Status { Draft = 'draft', Live = 'live', Retired = 'retired' }

export class Supplier {
  @Attribute() name?: string;
  @Attribute() country?: string;
}
/** What an API hands over: a plain object, typed by an interface. */
interface SupplierData { name?: string; country?: string }

@Table({ name: 'Products' })
@LocalIndex('byStock', { sortKey: 'stock' })     // the table's partition key, another sort key
export class Product {
  @PartitionKey() category!: string;
  @SortKey() sku!: string;
  @Attribute({ required: true }) name!: string;
  @Attribute({ converter: money }) price?: Money;
  @Attribute({ type: 'string', enum: Status, default: Status.Draft }) status?: Status;
  @Attribute() @Min(0) stock?: number;                        // class-validator, checked on every write
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Attribute() history?: string[];
  @Exclude() @Attribute() draftNotes?: string;                // class-transformer: never stored
  @Type(() => Supplier) @Attribute() supplier?: SupplierData; // stored and read back as a Supplier
}

/** A model declared without decorators (plain JavaScript would do the same). */
export class Review {
  sku!: string;
  at!: string;
  stars!: number;
  text?: string;
}
defineModel(Review, {
  table: { name: 'Reviews' },
  attributes: {
    sku: { role: 'partitionKey', type: 'string' },
    at: { role: 'sortKey', type: 'string' },
    stars: { type: 'number' },
    text: { type: 'string' },
  },
});

/** A table someone created elsewhere with another key: sync() refuses to use it. */
@Table({ name: 'Shelves' })
export class Shelf {
  @PartitionKey() code!: string;
}

/** What to tell the user, by error class: every dynamap error is a DynamapError with a `code`. */
export function explain(error: unknown): string {
  if (error instanceof ConditionError) return `ConditionError (${error.code})`;
  if (error instanceof ItemTooLargeError) return `ItemTooLargeError: ${error.size} bytes, over DynamoDB's 400 KB`;
  if (error instanceof ValidationError) return `ValidationError ${error.code}${error.issues[0]?.path ? ` at ${error.issues[0].path}` : ''}`;
  if (error instanceof ModelError) return `ModelError: ${error.problems.map((p) => p.code).join(', ')}`;
  if (error instanceof SyncError) return `SyncError ${error.code} on ${error.table}`;
  if (error instanceof TransactionError) return `TransactionError: ${error.reasons.map((r) => r.code).join(', ')}`;
  if (error instanceof ThrottledError) return `ThrottledError: ${error.unprocessed.length} unprocessed, raise capacity or retry later`;
  if (error instanceof BatchError) return `BatchError: ${error.unprocessed.length} unprocessed (${(error.cause as { name?: string })?.name})`;
  if (error instanceof DynamoError) return `DynamoError (${(error.cause as { name?: string })?.name})`;
  if (error instanceof DynamapError) return `DynamapError ${error.code}`;
  return `not a dynamap error: ${String(error)}`;
}

/** The error `work` rejects with, explained (or "no error"). */
async function outcome(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return 'no error';
  } catch (error) {
    return explain(error);
  }
}

function product(sku: string, name: string, cents: bigint, stock: number): Product {
  return Object.assign(new Product(), { category: 'tools', sku, name, price: new Money(cents, 'EUR'), stock });
}

export async function catalogExample(client: DynamoDBClient, log: (line: string) => void = console.log): Promise<void> {
  const mapper = new Mapper({ client, tablePrefix: 'example-' });

  // What sync would do, without doing it; then the tables themselves.
  const plan = await mapper.sync([Product, Review], { dryRun: true });
  log(`dry run: would create ${plan.created.join(', ')}; local index ${mapper.createTableInput(Product).LocalSecondaryIndexes?.map((i) => i.IndexName).join(', ')}`);
  await mapper.sync([Product, Review]);

  const hammer = Object.assign(product('HAM-1', 'Claw hammer', 1999n, 12), {
    tags: new Set(['steel']), history: ['listed'], draftNotes: 'ask about wooden handles',
    supplier: { name: 'Forge & Co', country: 'DE' },
  });
  await mapper.put(hammer);
  log(`put: status ${hammer.status} (the default), price stored as ${JSON.stringify(toItem(hammer).price)}, ` +
    `draftNotes stored: ${'draftNotes' in toItem(hammer) ? 'yes' : 'no'}`);

  const read = (await mapper.get(Product, { category: 'tools', sku: 'HAM-1' }))!;
  log(`get: ${read.name}, ${read.price} (${read.price instanceof Money ? 'a Money' : typeof read.price}), ` +
    `supplier ${read.supplier?.name} (${read.supplier instanceof Supplier ? 'a Supplier' : 'a plain object'}), draftNotes ${read.draftNotes}`);
  const copy = fromItem(Product, toItem(read));
  log(`fromItem(toItem(x)): a Product ${copy instanceof Product}, same price ${copy.price?.toString() === read.price?.toString()}; ` +
    `schema: ${getModelSchema(Product).attributes.length} attributes, Supplier's: ${getDocumentSchema(Supplier).attributes.map((a) => a.name).join(', ')}`);

  // Refused before anything is sent, each with its class and code.
  const nameless = Object.assign(new Product(), { category: 'tools', sku: 'X-1' });
  log(`no name: ${await outcome(() => mapper.put(nameless))}`);
  log(`status "sold": ${await outcome(() => mapper.put(Object.assign(product('X-2', 'Saw', 999n, 1), { status: 'sold' as Status })))}`);
  log(`stock -1: ${await outcome(() => mapper.put(product('X-3', 'Saw', 999n, -1)))}`);
  log(`a 500 KB history: ${await outcome(() => mapper.put(Object.assign(product('X-4', 'Saw', 999n, 1), { history: ['x'.repeat(500_000)] })))}`);
  log(`put of a Supplier (a nested class, no @Table): ${await outcome(() => mapper.put(Object.assign(new Supplier(), { name: 'Acme' })))}`);

  // A table made elsewhere with another key; and a table never created.
  await client.send(new CreateTableCommand({
    TableName: 'example-Shelves', BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  })).catch((error: { name?: string }) => {
    if (error.name !== 'ResourceInUseException') throw error;    // made by an earlier run
  });
  log(`sync of Shelf: ${await outcome(() => mapper.sync([Shelf]))}`);
  const unsynced = new Mapper({ client, tablePrefix: 'never-synced-' });
  log(`get from a missing table: ${await outcome(() => unsynced.get(Product, { category: 'tools', sku: 'HAM-1' }))}; ` +
    `batchPut: ${await outcome(() => unsynced.batchPut([product('Y-1', 'Drill', 5000n, 3)]))}`);

  // Update operators, guarded by a condition.
  await mapper.batchPut([product('SAW-1', 'Hand saw', 1499n, 4), product('LEV-1', 'Spirit level', 2499n, 2), product('TAP-1', 'Tape', 399n, 40)]);
  const updated = await mapper.update(Product, { category: 'tools', sku: 'HAM-1' },
    { stock: decrement(3), history: prepend(['restocked']), status: Status.Live },
    { condition: { status: ne(Status.Retired), price: isType('S') } });
  log(`update: stock ${updated.stock}, history ${updated.history?.join(' < ')}, status ${updated.status}`);

  // The local index: this category's products by stock.
  const low = await mapper.query(Product, { category: 'tools', stock: lte(5) }, { index: 'byStock' }).all();
  log(`stock <= 5 (byStock): ${low.map((p) => `${p.name} ${p.stock}`).join(', ')}; ` +
    `${compileKeyCondition(Product, { category: 'tools', stock: lte(5) }, { index: 'byStock' }).expression}`);

  // Pages and cursors, signed: a cursor a client changed is refused.
  const signed = new Mapper({ client, tablePrefix: 'example-', cursorSecret: 'catalog cursor secret, 16+ chars' });
  const byName = signed.query(Product, { category: 'tools' }).pageSize(2);
  const first = await byName.page();
  const rest = await byName.startAfter(first.cursor).all();
  let pages = 0;
  for await (const page of byName.pages()) pages += page.items.length > 0 ? 1 : 0;
  const tampered = first.cursor!.slice(0, -2) + (first.cursor!.endsWith('AA') ? 'BB' : 'AA');
  log(`pages of 2: first ${first.items.map((p) => p.sku).join(', ')}, then ${rest.map((p) => p.sku).join(', ')} (${pages} pages); ` +
    `first(): ${(await byName.first())?.sku}; a changed cursor: ${await outcome(() => byName.page(tampered))}`);
  log(`projection: ${compileProjection(Product, ['name', 'supplier.country']).expression}`);

  // A review, through the model declared without decorators.
  await mapper.put(Object.assign(new Review(), { sku: 'HAM-1', at: '2026-11-26', stars: 5, text: 'Solid.' }));
  log(`review: ${(await mapper.query(Review, { sku: 'HAM-1' }).first())?.stars} stars`);

  // A conditional delete that fails hands back the stored item; then one that succeeds.
  const refused = await mapper.delete(Product, { category: 'tools', sku: 'TAP-1' }, { condition: { status: eq(Status.Retired) }, returnOldOnFailure: true })
    .then(() => undefined, (error: unknown) => error);
  const old = (refused as ConditionError).oldItem as { status?: { S?: string } } | undefined;
  log(`delete unless retired: ${explain(refused)}; the stored item: ` +
    `${old ? `status ${old.status?.S}` : 'not returned (dynalite ignores returnOldOnFailure; DynamoDB and DynamoDB Local return it)'}`);
  await mapper.delete(Product, { category: 'tools', sku: 'TAP-1' });
  log(`deleted: ${String(await mapper.get(Product, { category: 'tools', sku: 'TAP-1' }))}`);
}

if (require.main === module) {
  void (async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const db = await startEmbeddedDynamoDB();
    try {
      await catalogExample(db.client);
    } finally {
      await db.stop();
    }
  })();
}
