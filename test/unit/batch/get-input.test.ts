import 'reflect-metadata';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { encodeKey } from '../../../src/codec';
import { getModelSchema } from '../../../src/metadata/schema';
import { Mapper, PartitionKey, SortKey, Table } from '../../../src/index';
import { buildBatchGetInput, readBatchGetOutput, type PreparedBatchGet } from '../../../src/mapper/batch/get-input';
import { itemIdentity } from '../../../src/mapper/batch/keys';
import { contextOf } from '../../../src/mapper/mapper';

@Table({ name: 'Events' })
class Event {
  @PartitionKey() stream!: string;
  @SortKey() seq!: number;
}

const ctx = contextOf(new Mapper({ client: new DynamoDBClient({ region: 'local' }), tablePrefix: 'p-' }));
const schema = getModelSchema(Event);

function req(seq: number): PreparedBatchGet {
  const key = encodeKey(schema, { stream: 's', seq });
  return { id: itemIdentity('p-Events', key, schema), table: ctx.tableName(schema), schema, key };
}

describe('buildBatchGetInput', () => {
  it('groups keys by table, consistent when asked', () => {
    expect(buildBatchGetInput([req(1), req(2)], true)).toEqual({
      RequestItems: { 'p-Events': { Keys: [{ stream: { S: 's' }, seq: { N: '1' } }, { stream: { S: 's' }, seq: { N: '2' } }], ConsistentRead: true } },
    });
    expect(buildBatchGetInput([req(1)], false).RequestItems!['p-Events']).not.toHaveProperty('ConsistentRead');
  });
});

describe('readBatchGetOutput', () => {
  const pending = [req(1), req(2), req(3)];

  it('finds items by key and maps unprocessed keys back', () => {
    const item = { stream: { S: 's' }, seq: { N: '1' }, extra: { S: 'x' } };
    const out = readBatchGetOutput(pending, { 'p-Events': [item] }, { 'p-Events': { Keys: [{ stream: { S: 's' }, seq: { N: '3' } }] } });
    expect([...out.found.values()]).toEqual([item]);
    expect(out.left).toEqual([pending[2]]);
  });

  it('an unprocessed key it cannot match asks again for every key not found', () => {
    const item = { stream: { S: 's' }, seq: { N: '1' } };
    const out = readBatchGetOutput(pending, { 'p-Events': [item] }, { 'p-Events': { Keys: [{ stream: { S: 'other' }, seq: { N: '9' } }] } });
    expect(out.left).toEqual([pending[1], pending[2]]);
  });
});
