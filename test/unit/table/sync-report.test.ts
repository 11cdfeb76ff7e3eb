/** describeSyncResult: a sync result in words, planned or applied. */
import { describeSyncResult, type SyncResult } from '../../../src';

const result: SyncResult = {
  created: ['dev-Movies'],
  updated: ['dev-Notes'],
  unchanged: ['dev-Users'],
  plan: [
    {
      table: 'dev-Movies',
      unchanged: false,
      notes: [],
      steps: [{
        kind: 'createTable',
        table: 'dev-Movies',
        input: {
          TableName: 'dev-Movies',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'year', AttributeType: 'N' }, { AttributeName: 'title', AttributeType: 'S' },
            { AttributeName: 'rating', AttributeType: 'N' }],
          KeySchema: [{ AttributeName: 'year', KeyType: 'HASH' }, { AttributeName: 'title', KeyType: 'RANGE' }],
          LocalSecondaryIndexes: [{
            IndexName: 'byRating',
            KeySchema: [{ AttributeName: 'year', KeyType: 'HASH' }, { AttributeName: 'rating', KeyType: 'RANGE' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          }],
        },
      }],
    },
    {
      table: 'dev-Notes',
      unchanged: false,
      notes: ['billing differs: declared PAY_PER_REQUEST, the table has PROVISIONED (sync does not change it)'],
      steps: [
        {
          kind: 'createGlobalIndex',
          table: 'dev-Notes',
          index: {
            IndexName: 'byAuthor',
            KeySchema: [{ AttributeName: 'author', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['text'] },
          },
          attributeDefinitions: [{ AttributeName: 'author', AttributeType: 'S' }],
        },
        { kind: 'enableTtl', table: 'dev-Notes', attribute: 'expiresAt' },
      ],
    },
    { table: 'dev-Users', unchanged: true, notes: [], steps: [] },
  ],
};

describe('describeSyncResult', () => {
  it('says what would be done for a plan', () => {
    expect(describeSyncResult(result, { planned: true })).toEqual([
      'create table dev-Movies: key year (N, HASH) + title (S, RANGE), billing PAY_PER_REQUEST',
      '  local index byRating: key year (N, HASH) + rating (N, RANGE), projection KEYS_ONLY',
      'add global index byAuthor to dev-Notes: key author (S, HASH), projection INCLUDE text',
      'enable TTL on dev-Notes.expiresAt',
      'note: billing differs: declared PAY_PER_REQUEST, the table has PROVISIONED (sync does not change it)',
      'dev-Users: as declared, nothing to do',
    ]);
  });

  it('says what was done for an applied sync', () => {
    const lines = describeSyncResult(result);
    expect(lines[0]).toBe('created table dev-Movies: key year (N, HASH) + title (S, RANGE), billing PAY_PER_REQUEST');
    expect(lines[2]).toBe('added global index byAuthor to dev-Notes: key author (S, HASH), projection INCLUDE text');
  });
});
