/**
 * A table whose declared index exists but is still being built (an earlier sync timed out during a
 * long backfill): sync waits for it instead of reporting it unchanged and usable. No engine can be
 * made to keep an index CREATING on demand (both build them at once), so the client is a scripted
 * stand-in answering DescribeTable only.
 */
import 'reflect-metadata';
import { DescribeTableCommand, type DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import { Attribute, GlobalIndex, PartitionKey, Table } from '../../../src/decorators';
import { SyncError } from '../../../src/errors/classes';
import { Mapper } from '../../../src/mapper/mapper';

@Table({ name: 'Builds' })
@GlobalIndex('byGenre', { partitionKey: 'genre' })
class Build {
  @PartitionKey({ type: 'string' }) id!: string;
  @Attribute({ type: 'string' }) genre?: string;
}

function describedAs(IndexStatus: 'CREATING' | 'ACTIVE'): TableDescription {
  const input = new Mapper({ client: { send: async () => ({}) } as unknown as DynamoDBClient }).createTableInput(Build);
  return {
    TableName: 'Builds', TableStatus: 'ACTIVE', KeySchema: input.KeySchema, AttributeDefinitions: input.AttributeDefinitions,
    BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
    GlobalSecondaryIndexes: (input.GlobalSecondaryIndexes ?? []).map((g) => ({ ...g, IndexStatus })),
  };
}

/** DescribeTable answers in turn (the last repeats); anything else is a test failure. */
function scripted(answers: TableDescription[]): { client: DynamoDBClient; calls: () => number } {
  let calls = 0;
  const send = async (command: unknown) => {
    if (!(command instanceof DescribeTableCommand)) throw new Error(`unexpected ${(command as object).constructor.name}`);
    return { Table: answers[Math.min(calls++, answers.length - 1)] };
  };
  return { client: { send } as unknown as DynamoDBClient, calls: () => calls };
}

const NOTE = 'global index "byGenre" exists but is still CREATING; sync waits until it is ACTIVE (a dry run does not wait).';

describe('sync of a table whose declared index is still CREATING (regression: reported unchanged at once, the index not usable)', () => {
  it('waits until the index is ACTIVE and says so in the plan', async () => {
    const { client, calls } = scripted([describedAs('CREATING'), describedAs('CREATING'), describedAs('ACTIVE')]);
    const result = await new Mapper({ client }).sync([Build], { pollMs: 1, timeoutMs: 5000 });
    expect(result.unchanged).toEqual(['Builds']);
    expect(result.plan[0].notes).toEqual([NOTE]);
    expect(calls()).toBe(3);
  });

  it('a dry run notes it without waiting; a sync that runs out of time says what it waited for', async () => {
    const dry = scripted([describedAs('CREATING')]);
    expect((await new Mapper({ client: dry.client }).sync([Build], { dryRun: true })).plan[0].notes).toEqual([NOTE]);
    expect(dry.calls()).toBe(1);
    const stuck = scripted([describedAs('CREATING')]);
    const error = await new Mapper({ client: stuck.client }).sync([Build], { pollMs: 1, timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe('sync.timeout');
    expect((error as SyncError).message).toContain('index "byGenre" CREATING');
  });

  it('an index no model declares is not waited for (someone else\'s backfill), nor a table that stays unusable', async () => {
    const withOther = (TableStatus: TableDescription['TableStatus']): TableDescription => ({
      ...describedAs('ACTIVE'), TableStatus,
      GlobalSecondaryIndexes: [...describedAs('ACTIVE').GlobalSecondaryIndexes!, { IndexName: 'theirs', IndexStatus: 'CREATING', KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    for (const status of ['ACTIVE', 'INACCESSIBLE_ENCRYPTION_CREDENTIALS'] as const) {
      const { client, calls } = scripted([withOther(status)]);
      const result = await new Mapper({ client }).sync([Build], { pollMs: 1, timeoutMs: 50 });
      expect([status, result.unchanged, calls()]).toEqual([status, ['Builds'], 1]);
    }
  });

  it('an ACTIVE index is not waited for', async () => {
    const { client, calls } = scripted([describedAs('ACTIVE')]);
    const result = await new Mapper({ client }).sync([Build], { pollMs: 1 });
    expect([result.unchanged, result.plan[0].notes, calls()]).toEqual([['Builds'], [], 1]);
  });
});
