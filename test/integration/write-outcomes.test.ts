/**
 * What a write reports, and what the entity it returns allows next (regressions from the
 * concurrency and data probes).
 */
import 'reflect-metadata';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { Attribute, ConditionError, Mapper, PartitionKey, Table, ValidationError, Version, increment } from 'dynamap';
import { testClient, uniquePrefix } from '../support/engine';

@Table({ name: 'Outcomes' })
class Counter {
  @PartitionKey() id!: string;
  @Attribute() title?: string;
  @Attribute() count?: number;
}

@Table({ name: 'OutcomesVersioned' })
class Doc {
  @PartitionKey() id!: string;
  @Attribute() title?: string;
  @Attribute() state?: string;
  @Version() version?: number;
}

@Table({ name: 'Outcomes' })
class Typed {
  @PartitionKey() id!: string;
  @Attribute() code?: number;   // stored as S by other code
  @Attribute() count?: number;
}

const client = testClient();
const prefix = uniquePrefix();
const mapper = new Mapper({ client, tablePrefix: prefix });

async function stored(table: string, id: string) {
  return (await client.send(new GetItemCommand({ TableName: prefix + table, Key: { id: { S: id } }, ConsistentRead: true }))).Item;
}

beforeAll(async () => {
  await mapper.sync([Counter, Doc]);
});

describe("update(..., { returnValues: 'ALL_OLD' })", () => {
  it('returns the entity as read before the update; save() of it writes only what changes from there (regression: a whole put undid the update)', async () => {
    await mapper.put(Object.assign(new Counter(), { id: 'old', title: 'a', count: 1 }));
    const before = (await mapper.update(Counter, { id: 'old' }, { count: 2 }, { returnValues: 'ALL_OLD' }))!;
    expect(before).toMatchObject({ title: 'a', count: 1 });
    before.title = 'edited';
    await mapper.save(before);
    expect(await stored('Outcomes', 'old')).toEqual({ id: { S: 'old' }, title: { S: 'edited' }, count: { N: '2' } });
  });
});

describe('update() whose returned item the model cannot read', () => {
  it('says the update was applied and not to retry it (regression: a ValidationError that read as "nothing sent")', async () => {
    await client.send(new PutItemCommand({ TableName: `${prefix}Outcomes`, Item: { id: { S: 'typed' }, code: { S: 'A1' }, count: { N: '1' } } }));
    const error = await mapper.update(Typed, { id: 'typed' }, { count: increment(1) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'update.resultUnreadable' });
    expect((error as Error).message).toMatch(/^update of Typed \{ id: "typed" \} was applied, but the item it returned cannot be read as Typed: .*code.*Do not retry the update/);
    expect((error as ValidationError).issues[0]).toMatchObject({ path: 'code' });
    expect((await stored('Outcomes', 'typed'))?.count).toEqual({ N: '2' });
  });
});

describe('ConditionError on a versioned write with a condition of its own', () => {
  it('names both possible causes, not only another writer', async () => {
    const doc = await mapper.put(Object.assign(new Doc(), { id: 'c1', state: 'open' }));
    const error = await mapper.put(Object.assign(doc, { title: 'x' }), { condition: { state: 'closed' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionError);
    expect((error as Error).message).toMatch(/its @Version no longer matches\), or your condition was false for the stored item/);
    const plain = await mapper.put(Object.assign(new Doc(), { id: 'c1' })).catch((e: unknown) => e);
    expect((plain as Error).message).not.toMatch(/your condition/);
    const deleted = await mapper.delete(doc, { condition: { state: 'closed' } }).catch((e: unknown) => e);
    expect((deleted as Error).message).toMatch(/or your condition was false/);
    const updated = await mapper.update(Doc, { id: 'c1' }, { title: 'y' }, { condition: { version: 1, state: 'closed' } }).catch((e: unknown) => e);
    expect((updated as Error).message).toMatch(/or your condition was false/);
    expect(await stored('OutcomesVersioned', 'c1')).toMatchObject({ version: { N: '1' } });
  });
});
