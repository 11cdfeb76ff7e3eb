/**
 * Items without a version number on a model with @Version: written before the model had one, by
 * other code, or with a version stored as NULL (Python's None). Every write path treats an entity
 * read from such an item as "read without a version": it requires that the item still has none.
 * Regressions from the concurrency probe: put() and tx.put of such an entity failed forever (their
 * condition was "no item at this key"), and a NULL version made the item unwritable.
 */
import 'reflect-metadata';
import { GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { Attribute, ConditionError, Mapper, PartitionKey, Table, TransactionError, ValidationError, Version } from 'dynamap';
import { describeOnDynamoDBLocal, testClient, uniquePrefix } from '../support/engine';

@Table({ name: 'Legacy' })
class Doc {
  @PartitionKey() id!: string;
  @Attribute() title?: string;
  @Version() version?: number;
}

const client = testClient();
const prefix = uniquePrefix();
const mapper = new Mapper({ client, tablePrefix: prefix });

async function stored(id: string) {
  return (await client.send(new GetItemCommand({ TableName: `${prefix}Legacy`, Key: { id: { S: id } }, ConsistentRead: true }))).Item;
}

/** An item written by other code: no version, or the one given. */
async function legacy(id: string, version?: AttributeValue) {
  await client.send(new PutItemCommand({
    TableName: `${prefix}Legacy`, Item: { id: { S: id }, title: { S: 'old' }, ...(version ? { version } : {}) },
  }));
}

beforeAll(async () => {
  await mapper.sync([Doc]);
});

describe('put() of an entity read from an item without a version', () => {
  it('writes version 1 when the item still has none', async () => {
    await legacy('p1');
    const doc = (await mapper.get(Doc, { id: 'p1' }))!;
    expect(doc.version).toBeUndefined();
    doc.title = 'new';
    await mapper.put(doc);
    expect(doc.version).toBe(1);
    expect(await stored('p1')).toEqual({ id: { S: 'p1' }, title: { S: 'new' }, version: { N: '1' } });
    // From here on it is an ordinary versioned entity.
    doc.title = 'newer';
    await mapper.put(doc);
    expect((await stored('p1'))?.version).toEqual({ N: '2' });
  });

  it('is refused when someone versioned the item meanwhile, or deleted it, and nothing is written', async () => {
    await legacy('p2');
    const doc = (await mapper.get(Doc, { id: 'p2' }))!;
    await mapper.update(Doc, { id: 'p2' }, { title: 'theirs' });   // gives it version 1
    doc.title = 'mine';
    await expect(mapper.put(doc)).rejects.toBeInstanceOf(ConditionError);
    expect(doc.version).toBeUndefined();
    expect(await stored('p2')).toMatchObject({ title: { S: 'theirs' }, version: { N: '1' } });

    await legacy('p3');
    const gone = (await mapper.get(Doc, { id: 'p3' }))!;
    await mapper.delete(Doc, { id: 'p3' });
    await expect(mapper.put(gone)).rejects.toBeInstanceOf(ConditionError);
    expect(await stored('p3')).toBeUndefined();
  });

  it('batchPut refuses it (a batch cannot check the version), unless overwriteVersions', async () => {
    await legacy('b1');
    const doc = (await mapper.get(Doc, { id: 'b1' }))!;
    const error = await mapper.batchPut([doc]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'batch.versionedEntity', message: expect.stringMatching(/read from an item without a @Version/) });
    expect(await stored('b1')).toEqual({ id: { S: 'b1' }, title: { S: 'old' } });
    await mapper.batchPut([doc], { overwriteVersions: true });
    expect(doc.version).toBe(1);
    // Read with a projection that left the version out: refused as a partial entity, not as "no version".
    const partial = (await mapper.get(Doc, { id: 'b1' }, { project: ['title'] }))!;
    await expect(mapper.batchPut([partial])).rejects.toMatchObject({ code: 'put.partialEntity' });
  });
});

describe('a version stored as NULL', () => {
  it('reads as null; save(), put() and delete(entity) require that it is still NULL', async () => {
    await legacy('n1', { NULL: true });
    const doc = (await mapper.get(Doc, { id: 'n1' }))!;
    expect(doc.version).toBeNull();
    doc.title = 'saved';
    await mapper.save(doc);
    expect(doc.version).toBe(1);
    expect(await stored('n1')).toMatchObject({ title: { S: 'saved' }, version: { N: '1' } });

    await legacy('n2', { NULL: true });
    const put = (await mapper.get(Doc, { id: 'n2' }))!;
    put.title = 'put';
    await mapper.put(put);
    expect(await stored('n2')).toMatchObject({ title: { S: 'put' }, version: { N: '1' } });

    await legacy('n3', { NULL: true });
    const deleted = (await mapper.get(Doc, { id: 'n3' }))!;
    await mapper.delete(deleted);
    expect(await stored('n3')).toBeUndefined();

    // Stale: someone numbered it meanwhile.
    await legacy('n4', { NULL: true });
    const stale = (await mapper.get(Doc, { id: 'n4' }))!;
    // update() cannot increment a NULL version (ADD refuses it): the error says so and what to do.
    const error = await mapper.update(Doc, { id: 'n4' }, { title: 'theirs' }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/An operand does not fit the type the stored item holds at its path .* If it is the @Version version \(other code may store it as NULL\): read the entity and save\(\) it/);
    await client.send(new PutItemCommand({ TableName: `${prefix}Legacy`, Item: { id: { S: 'n4' }, title: { S: 'theirs' }, version: { N: '1' } } }));
    await expect(mapper.save(Object.assign(stale, { title: 'mine' }))).rejects.toBeInstanceOf(ConditionError);
    await expect(mapper.delete(stale)).rejects.toBeInstanceOf(ConditionError);
    expect(await stored('n4')).toMatchObject({ title: { S: 'theirs' } });
  });
});

describeOnDynamoDBLocal('tx.put of an entity read from an item without a version', () => {
  it('writes version 1 when the item still has none, and cancels when it has one', async () => {
    await legacy('t1');
    const doc = (await mapper.get(Doc, { id: 't1' }))!;
    doc.title = 'tx';
    await mapper.transaction((tx) => tx.put(doc));
    expect(doc.version).toBe(1);
    expect(await stored('t1')).toMatchObject({ title: { S: 'tx' }, version: { N: '1' } });

    await legacy('t2');
    const stale = (await mapper.get(Doc, { id: 't2' }))!;
    await mapper.update(Doc, { id: 't2' }, { title: 'theirs' });
    const error = await mapper.transaction((tx) => tx.put(Object.assign(stale, { title: 'mine' }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionError);
    expect(stale.version).toBeUndefined();
    expect(await stored('t2')).toMatchObject({ title: { S: 'theirs' } });
  });
});
