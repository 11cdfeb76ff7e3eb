/**
 * class-validator checks an entity as it will be stored: defaults, @Version and timestamps applied,
 * in every write path (put, save, batchPut, batchWrite, transaction put). A rule that only the
 * stored values satisfy proves it; a rule the stored values break proves nothing is sent.
 */
import 'reflect-metadata';
import { IsDate, IsIn, IsInt, Min } from 'class-validator';
import { Attribute, Mapper, PartitionKey, Table, UpdatedAt, ValidationError, Version } from 'dynamap';
import { describeOnDynamoDBLocal, testClient, uniquePrefix } from '../support/engine';

@Table({ name: 'StagedDrafts' })
class Draft {
  @PartitionKey() id!: string;
  /** Undefined on the entity, 'draft' as stored: valid only once the default is applied. */
  @Attribute({ default: 'draft' }) @IsIn(['draft', 'published']) status?: string;
  @Version() @IsInt() @Min(1) version?: number;
  @UpdatedAt() @IsDate() updatedAt?: Date;
  @Attribute() text?: string;
}

@Table({ name: 'StagedBadDefaults' })
class BadDefault {
  @PartitionKey() id!: string;
  /** The default itself breaks the rule: every write must be refused before sending. */
  @Attribute({ default: 'archived' }) @IsIn(['draft', 'published']) status?: string;
}

const client = testClient();
const mapper = new Mapper({ client, tablePrefix: uniquePrefix() });
const draft = (id: string) => Object.assign(new Draft(), { id, text: 'hello' });

beforeAll(async () => {
  await mapper.sync([Draft, BadDefault]);
}, 60_000);

describe('class-validator sees the entity as stored', () => {
  it('put: the default, version 1 and the timestamp are there when the rules run', async () => {
    const saved = await mapper.put(draft('put'));
    expect(saved).toMatchObject({ status: 'draft', version: 1 });
    expect(await mapper.get(Draft, { id: 'put' })).toMatchObject({ status: 'draft', version: 1, text: 'hello' });
  });

  it('save of a read entity: the incremented version and the new timestamp are there', async () => {
    await mapper.put(draft('save'));
    const read = (await mapper.get(Draft, { id: 'save' }))!;
    read.text = 'changed';
    await mapper.save(read);
    expect(await mapper.get(Draft, { id: 'save' })).toMatchObject({ version: 2, text: 'changed' });
  });

  it('batchPut and batchWrite validate the stored form too', async () => {
    await mapper.batchPut([draft('b1'), draft('b2')]);
    await mapper.batchWrite([{ put: draft('b3') }]);
    const read = await mapper.batchGet(Draft, [{ id: 'b1' }, { id: 'b2' }, { id: 'b3' }]);
    expect(read.map((d) => [d.id, d.status, d.version])).toEqual([['b1', 'draft', 1], ['b2', 'draft', 1], ['b3', 'draft', 1]]);
  });

  it('a default that breaks a rule is refused in every path, and nothing is written', async () => {
    const bad = () => Object.assign(new BadDefault(), { id: 'bad' });
    for (const write of [
      () => mapper.put(bad()),
      () => mapper.batchPut([bad()]),
      () => mapper.batchWrite([{ put: bad() }]),
    ]) {
      const error = await write().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(/BadDefault[\s\S]*status/);
    }
    expect(await mapper.get(BadDefault, { id: 'bad' })).toBeUndefined();
  });
});

describeOnDynamoDBLocal('transactions validate the stored form (DynamoDB Local)', () => {
  it('a transaction put passes with the default applied, and fails when the default breaks a rule', async () => {
    await mapper.transaction((tx) => tx.put(draft('tx')));
    expect(await mapper.get(Draft, { id: 'tx' })).toMatchObject({ status: 'draft', version: 1 });
    const error = await mapper.transaction((tx) => tx.put(Object.assign(new BadDefault(), { id: 'tx-bad' }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(await mapper.get(BadDefault, { id: 'tx-bad' })).toBeUndefined();
  });
});
