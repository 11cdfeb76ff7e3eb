/**
 * Expressions as data: conditions, filters, updates, key conditions and projections, written as
 * typed objects and compiled with every name and value behind a placeholder.
 * Run it: `npm run example:expressions` (embedded DynamoDB).
 */
import 'reflect-metadata';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  Attribute, Mapper, PartitionKey, SortKey, Table, Version,
  add, and, append, attribute, beginsWith, between, compileCondition, compileUpdate, contains, deleteFromSet, exists, gt, gte,
  ifNotExists, increment, isIn, lt, not, notExists, or, remove, size,
} from 'dynamap';
import { startEmbeddedDynamoDB } from './support/embedded-dynamodb';

class Address {
  @Attribute() road?: string;
  @Attribute() city?: string;
}

/** Attribute names that would break hand-written expressions: reserved words, dots, dashes. */
@Table({ name: 'Venues' })
export class Venue {
  @PartitionKey() name!: string;                                 // NAME is reserved
  @SortKey({ name: 'date' }) day!: string;                       // DATE is reserved
  @Attribute({ name: 'status' }) status?: string;                // STATUS is reserved
  @Attribute({ name: 'seat-count' }) seats?: number;             // a dash
  @Attribute({ name: 'geo.zone' }) zone?: string;                // a dot inside one name
  @Attribute() address?: Address;
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Attribute() acts?: string[];
  @Attribute() views?: number;
  @Attribute() firstSeen?: Date;
  @Version() version?: number;
}

export async function expressionsExample(client: DynamoDBClient, log: (line: string) => void = console.log): Promise<void> {
  const mapper = new Mapper({ client, tablePrefix: 'example-' });
  await mapper.sync([Venue]);

  // The compile API, for code that calls the SDK directly: exact text, names and values.
  const condition = compileCondition(Venue, { status: 'open', seats: gt(100), zone: beginsWith('eu') });
  log(`condition: ${condition.expression}  names ${JSON.stringify(condition.names)}`);

  await mapper.put(Object.assign(new Venue(), {
    name: 'Paradiso', day: '2026-11-25', status: 'open', seats: 1500, zone: 'eu-west',
    address: Object.assign(new Address(), { road: 'Weteringschans 6', city: 'Amsterdam' }),
    tags: new Set(['music', 'church']), acts: ['Opening act'],
  }), { condition: { name: notExists() } });

  // Updates: SET, nested SET (siblings untouched), arithmetic, list_append, ADD, DELETE, REMOVE.
  const key = { name: 'Paradiso', day: '2026-11-25' };
  const updated = await mapper.update(Venue, key, {
    'address.city': 'Amsterdam-Centrum',
    views: ifNotExists(0),
    acts: append(['Headliner']),
    tags: add(new Set(['late-night'])),
    firstSeen: ifNotExists(new Date('2026-01-01T00:00:00Z')),
  }, { condition: and({ status: 'open' }, size('acts').lt(10)) });
  log(`updated: city ${updated?.address?.city}, road ${updated?.address?.road}, acts ${updated?.acts?.join(' + ')}, ` +
    `tags ${[...(updated?.tags ?? [])].sort().join(', ')}, version ${updated?.version}`);

  const again = await mapper.update(Venue, key, { views: increment(5), tags: deleteFromSet(new Set(['church'])), zone: remove() });
  log(`again: views ${again?.views}, tags ${[...(again?.tags ?? [])].sort().join(', ')}, zone ${again?.zone ?? '(removed)'}`);

  const update = compileUpdate(Venue, { views: increment(1), 'address.road': 'Max Euweplein' });
  log(`update text: ${update.expression}`);
  // The compiled pieces go straight into an SDK command:
  await client.send(new UpdateItemCommand({
    TableName: 'example-Venues',
    Key: { name: { S: 'Paradiso' }, date: { S: '2026-11-25' } },
    UpdateExpression: update.expression,
    ExpressionAttributeNames: update.names,
    ExpressionAttributeValues: update.values,
  }));

  // Filters and key conditions in queries and scans.
  for (const day of ['2026-11-26', '2026-11-27', '2026-12-01']) {
    await mapper.put(Object.assign(new Venue(), {
      name: 'Paradiso', day, status: day < '2026-12' ? 'open' : 'sold-out', seats: 1500, views: day < '2026-12' ? 900 : 4200,
    }));
  }
  const november = await mapper.query(Venue, { name: 'Paradiso', day: between('2026-11-01', '2026-11-30') }).all();
  const filtered = await mapper.scan(Venue).filter(or(
    { status: isIn('sold-out', 'closed') },
    and({ tags: contains('music') }, not({ zone: exists() })),
  )).project('day', 'status').all();
  log(`query november: ${november.length} days; scan filter: ${filtered.map((v) => `${v.day} ${v.status}`).join(', ')}`);
  const cheap = await mapper.scan(Venue).filter({ seats: lt(100) }).count();
  log(`venues under 100 seats: ${cheap}`);
  // Two attributes of the same item compared: seat-count against views (both escaped, no values).
  const popular = mapper.scan(Venue).filter({ views: gte(attribute('seats')) });
  log(`filter on two attributes: ${popular.toInput().FilterExpression}  names ${JSON.stringify(popular.toInput().ExpressionAttributeNames)}; ` +
    `days with at least as many views as seats: ${(await popular.all()).map((v) => v.day).join(', ')}`);
  // An attribute as a bound of between (written out as >= AND <=, what BETWEEN means).
  const busy = mapper.scan(Venue).filter({ views: between(attribute('seats'), 5000) });
  log(`views between the seat count and 5000: ${busy.toInput().FilterExpression}; ${(await busy.all()).map((v) => v.day).join(', ')}`);
  // Another attribute in an update: a full house adds every seat to the views (SET views = if_not_exists(views, 0) + seat-count).
  const full = await mapper.update(Venue, { name: 'Paradiso', day: '2026-11-26' }, { views: increment(attribute('seats')) });
  log(`after a full house: views ${full.views}`);
  // An attribute as the operand of contains/beginsWith: the acts that name the venue itself. Compiled
  // only here: the embedded engine of the examples (dynalite) cannot evaluate it; DynamoDB can.
  const named = compileCondition(Venue, { acts: contains(attribute('name')), zone: beginsWith(attribute('status')) });
  log(`acts naming the venue: ${named.expression}  names ${JSON.stringify(named.names)}`);
  // An update creates a missing item (DynamoDB's UpdateItem is an upsert); a condition on the
  // partition key makes it update only an item that exists.
  const missing = await mapper.update(Venue, { name: 'Nowhere', day: '2026-11-25' }, { views: 1 }, { condition: { name: exists() } })
    .catch((error: unknown) => error);
  log(`update of a missing venue with { name: exists() }: ${(missing as Error).name}; stored: ${await mapper.get(Venue, { name: 'Nowhere', day: '2026-11-25' }) ?? 'nothing'}`);
}

if (require.main === module) {
  void (async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const db = await startEmbeddedDynamoDB();
    try {
      await expressionsExample(db.client);
    } finally {
      await db.stop();
    }
  })();
}
