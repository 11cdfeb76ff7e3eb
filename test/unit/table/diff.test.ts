import type { CreateTableCommandInput, TableDescription } from '@aws-sdk/client-dynamodb';
import { SyncError } from '../../../src/errors/classes';
import { planTable } from '../../../src/table';

/** The Movie table as declared (what createTableInput makes of DESIGN.md's Movie, plus an LSI). */
const declared: CreateTableCommandInput = {
  TableName: 'dev-Movies',
  AttributeDefinitions: [
    { AttributeName: 'year', AttributeType: 'N' },
    { AttributeName: 'title', AttributeType: 'S' },
    { AttributeName: 'genre', AttributeType: 'S' },
    { AttributeName: 'rating', AttributeType: 'N' },
    { AttributeName: 'added', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'year', KeyType: 'HASH' },
    { AttributeName: 'title', KeyType: 'RANGE' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
  GlobalSecondaryIndexes: [
    {
      IndexName: 'byGenre',
      KeySchema: [
        { AttributeName: 'genre', KeyType: 'HASH' },
        { AttributeName: 'rating', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
  LocalSecondaryIndexes: [
    {
      IndexName: 'byAdded',
      KeySchema: [
        { AttributeName: 'year', KeyType: 'HASH' },
        { AttributeName: 'added', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    },
  ],
};

/** The same table as DescribeTable shows it (shaped like DynamoDB Local's answer). */
function described(overrides: Partial<TableDescription> = {}): TableDescription {
  return {
    TableName: 'dev-Movies',
    TableStatus: 'ACTIVE',
    AttributeDefinitions: [
      { AttributeName: 'added', AttributeType: 'S' },
      { AttributeName: 'genre', AttributeType: 'S' },
      { AttributeName: 'rating', AttributeType: 'N' },
      { AttributeName: 'title', AttributeType: 'S' },
      { AttributeName: 'year', AttributeType: 'N' },
    ],
    KeySchema: [
      { AttributeName: 'year', KeyType: 'HASH' },
      { AttributeName: 'title', KeyType: 'RANGE' },
    ],
    ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 },
    BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byGenre',
        KeySchema: [
          { AttributeName: 'genre', KeyType: 'HASH' },
          { AttributeName: 'rating', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
        IndexStatus: 'ACTIVE',
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'byAdded',
        KeySchema: [
          { AttributeName: 'year', KeyType: 'HASH' },
          { AttributeName: 'added', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
    DeletionProtectionEnabled: false,
    ...overrides,
  };
}

/** The SyncError thrown by `fn`. */
function syncErrorOf(fn: () => unknown): SyncError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SyncError) return error;
    throw error;
  }
  throw new Error('expected a SyncError');
}

describe('planTable', () => {
  it('a missing table: create it as declared, then enable TTL', () => {
    expect(planTable(declared, 'expiresAt', undefined, undefined)).toEqual({
      table: 'dev-Movies',
      steps: [
        { kind: 'createTable', table: 'dev-Movies', input: declared },
        { kind: 'enableTtl', table: 'dev-Movies', attribute: 'expiresAt' },
      ],
      notes: [],
      unchanged: false,
    });
  });

  it('a missing table without TTL: create it only', () => {
    expect(planTable(declared, undefined, undefined, undefined)).toEqual({
      table: 'dev-Movies',
      steps: [{ kind: 'createTable', table: 'dev-Movies', input: declared }],
      notes: [],
      unchanged: false,
    });
  });

  it('a table as declared, TTL on the declared attribute: unchanged', () => {
    const ttl = { TimeToLiveStatus: 'ENABLED' as const, AttributeName: 'expiresAt' };
    expect(planTable(declared, 'expiresAt', described(), ttl)).toEqual({ table: 'dev-Movies', steps: [], notes: [], unchanged: true });
    expect(planTable(declared, 'expiresAt', described(), { ...ttl, TimeToLiveStatus: 'ENABLING' }).unchanged).toBe(true);
  });

  it('TTL disabled or unknown: enable it', () => {
    const step = { kind: 'enableTtl', table: 'dev-Movies', attribute: 'expiresAt' };
    expect(planTable(declared, 'expiresAt', described(), { TimeToLiveStatus: 'DISABLED' }).steps).toEqual([step]);
    expect(planTable(declared, 'expiresAt', described(), undefined).steps).toEqual([step]);
  });

  it('TTL being disabled: no step, a note', () => {
    expect(planTable(declared, 'expiresAt', described(), { TimeToLiveStatus: 'DISABLING', AttributeName: 'expiresAt' })).toEqual({
      table: 'dev-Movies',
      steps: [],
      notes: ['TTL is being disabled on "expiresAt"; DynamoDB lets it be enabled again only when that has finished: run sync later.'],
      unchanged: true,
    });
  });

  it('a missing GSI on an on-demand table: one createGlobalIndex step, no capacity', () => {
    expect(planTable(declared, undefined, described({ GlobalSecondaryIndexes: undefined }), undefined)).toEqual({
      table: 'dev-Movies',
      steps: [
        {
          kind: 'createGlobalIndex',
          table: 'dev-Movies',
          index: {
            IndexName: 'byGenre',
            KeySchema: [
              { AttributeName: 'genre', KeyType: 'HASH' },
              { AttributeName: 'rating', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
          attributeDefinitions: [
            { AttributeName: 'genre', AttributeType: 'S' },
            { AttributeName: 'rating', AttributeType: 'N' },
          ],
        },
      ],
      notes: [],
      unchanged: false,
    });
  });

  it('a missing GSI on a provisioned table: capacity as declared, else the table\'s', () => {
    const provisioned: CreateTableCommandInput = {
      ...declared,
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 4, WriteCapacityUnits: 4 },
      GlobalSecondaryIndexes: [
        { ...declared.GlobalSecondaryIndexes![0], ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 } },
      ],
    };
    const actual = described({
      BillingModeSummary: undefined,
      ProvisionedThroughput: { ReadCapacityUnits: 4, WriteCapacityUnits: 4 },
      GlobalSecondaryIndexes: undefined,
    });
    const [step] = planTable(provisioned, undefined, actual, undefined).steps;
    expect(step).toMatchObject({ kind: 'createGlobalIndex', index: { ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 } } });
    // Declared on-demand, but the table is provisioned: DynamoDB needs capacity, the table's is used.
    const plan = planTable(declared, undefined, actual, undefined);
    expect(plan.steps[0]).toMatchObject({ index: { ProvisionedThroughput: { ReadCapacityUnits: 4, WriteCapacityUnits: 4 } } });
    expect(plan.notes).toEqual(['billing: declared PAY_PER_REQUEST, actual PROVISIONED; sync does not change billing.']);
  });

  it('leaves alone and notes: extra indexes, another GSI projection, stream, deletion protection, class, TTL nobody declares', () => {
    const wanted: CreateTableCommandInput = {
      ...declared,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      DeletionProtectionEnabled: true,
      TableClass: 'STANDARD_INFREQUENT_ACCESS',
      GlobalSecondaryIndexes: [{ ...declared.GlobalSecondaryIndexes![0], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['b', 'a'] } }],
    };
    const actual = described({
      GlobalSecondaryIndexes: [
        ...described().GlobalSecondaryIndexes!,
        { IndexName: 'legacy', KeySchema: [{ AttributeName: 'title', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, IndexStatus: 'ACTIVE' },
      ],
      LocalSecondaryIndexes: [
        ...described().LocalSecondaryIndexes!,
        { IndexName: 'oldLocal', KeySchema: [{ AttributeName: 'year', KeyType: 'HASH' }, { AttributeName: 'genre', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
      ],
      TableClassSummary: { TableClass: 'STANDARD' },
    });
    expect(planTable(wanted, undefined, actual, { TimeToLiveStatus: 'ENABLED', AttributeName: 'gone' })).toEqual({
      table: 'dev-Movies',
      steps: [],
      notes: [
        'local index "oldLocal" exists but no model declares it; sync leaves it alone.',
        'global index "byGenre" projection: declared INCLUDE ["a","b"], actual ALL; sync does not change projections (declare the index under a new name instead).',
        'global index "legacy" exists but no model declares it; sync leaves it alone.',
        'TTL is ENABLED on "gone" but no model declares @TimeToLive; sync leaves it as it is.',
        'stream: declared NEW_IMAGE, actual none; sync does not change streams.',
        'deletion protection: declared true, actual false; sync does not change it.',
        'table class: declared STANDARD_INFREQUENT_ACCESS, actual STANDARD; sync does not change it.',
      ],
      unchanged: true,
    });
  });

  it('refuses a GSI without the entity attribute the models read it by (their reads would find nothing)', () => {
    const wanted: CreateTableCommandInput = {
      ...declared,
      GlobalSecondaryIndexes: [{ ...declared.GlobalSecondaryIndexes![0], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['_entity'] } }],
    };
    const keysOnly = described({
      GlobalSecondaryIndexes: [{ ...described().GlobalSecondaryIndexes![0], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    });
    expect(() => planTable(wanted, undefined, keysOnly, undefined, '_entity')).toThrow(SyncError);
    expect(() => planTable(wanted, undefined, keysOnly, undefined, '_entity')).toThrow(
      'global index "byGenre" projection: declared INCLUDE ["_entity"], actual KEYS_ONLY, without "_entity", the attribute the ' +
      'models\' entity types are kept in: their reads of the index would find nothing.');
    // An index that projects everything holds the attribute: only the usual note.
    expect(planTable(wanted, undefined, described(), undefined, '_entity').notes).toEqual([
      'global index "byGenre" projection: declared INCLUDE ["_entity"], actual ALL; sync does not change projections (declare the index under a new name instead).',
    ]);
  });

  it('refuses a GSI whose actual projection lacks attributes the declared one holds (regression: entities read from it were taken as whole, a put erased the rest)', () => {
    const declaredAs = (projection: CreateTableCommandInput['GlobalSecondaryIndexes']) => ({ ...declared, GlobalSecondaryIndexes: projection });
    const index = declared.GlobalSecondaryIndexes![0];
    const actualAs = (Projection: object) => described({ GlobalSecondaryIndexes: [{ ...described().GlobalSecondaryIndexes![0], Projection }] });
    const all = declaredAs([{ ...index, Projection: { ProjectionType: 'ALL' } }]);
    expect(() => planTable(all, undefined, actualAs({ ProjectionType: 'KEYS_ONLY' }), undefined)).toThrow(SyncError);
    expect(() => planTable(all, undefined, actualAs({ ProjectionType: 'KEYS_ONLY' }), undefined)).toThrow(
      'global index "byGenre" projection: declared ALL, actual KEYS_ONLY, which lacks attributes the declaration promises: ' +
      'entities read from the index would miss them (and a put of one would erase them).');
    const include = declaredAs([{ ...index, Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a', 'b'] } }]);
    expect(() => planTable(include, undefined, actualAs({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['a'] }), undefined)).toThrow(SyncError);
    expect(() => planTable(include, undefined, actualAs({ ProjectionType: 'KEYS_ONLY' }), undefined)).toThrow(SyncError);
    // Wider than declared is harmless (reads get more than they expect): a note, as before.
    expect(planTable(include, undefined, actualAs({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['b', 'a', 'c'] }), undefined).notes).toEqual([
      'global index "byGenre" projection: declared INCLUDE ["a","b"], actual INCLUDE ["a","b","c"]; sync does not change projections (declare the index under a new name instead).',
    ]);
    const keysOnly = declaredAs([{ ...index, Projection: { ProjectionType: 'KEYS_ONLY' } }]);
    expect(planTable(keysOnly, undefined, actualAs({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['a'] }), undefined).unchanged).toBe(true);
    // A key attribute (the table's or the index's) is in every projection.
    const withKey = declaredAs([{ ...index, Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['year'] } }]);
    expect(planTable(withKey, undefined, actualAs({ ProjectionType: 'KEYS_ONLY' }), undefined).unchanged).toBe(true);
  });

  it('notes a declared TTL-less table whose TTL is on, and differing capacity', () => {
    const provisioned: CreateTableCommandInput = {
      ...declared,
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      GlobalSecondaryIndexes: undefined,
    };
    const actual = described({ BillingModeSummary: { BillingMode: 'PROVISIONED' }, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 2 } });
    expect(planTable(provisioned, undefined, actual, { TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' }).notes).toEqual([
      'global index "byGenre" exists but no model declares it; sync leaves it alone.',
      'TTL is ENABLED on "ttl" but no model declares @TimeToLive; sync leaves it as it is.',
      'capacity: declared 5/5, actual 1/2 (read/write); sync does not change capacity.',
    ]);
  });

  it('a GSI being deleted is not created again now', () => {
    const actual = described({ GlobalSecondaryIndexes: [{ ...described().GlobalSecondaryIndexes![0], IndexStatus: 'DELETING' }] });
    expect(planTable(declared, undefined, actual, undefined)).toEqual({
      table: 'dev-Movies',
      steps: [],
      notes: ['global index "byGenre" is being deleted; run sync again when that has finished to create it as declared.'],
      unchanged: true,
    });
  });

  it('differences sync cannot apply: every one listed, declared vs actual', () => {
    const actual = described({
      KeySchema: [{ AttributeName: 'year', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'year', AttributeType: 'S' },
        { AttributeName: 'genre', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        { IndexName: 'byGenre', KeySchema: [{ AttributeName: 'genre', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, IndexStatus: 'ACTIVE' },
      ],
      LocalSecondaryIndexes: undefined,
    });
    const error = syncErrorOf(() => planTable(declared, 'expiresAt', actual, { TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' }));
    expect(error.code).toBe('sync.incompatible');
    expect(error.table).toBe('dev-Movies');
    expect(error.differences).toEqual([
      'table key schema: declared HASH "year" (N), RANGE "title" (S); actual HASH "year" (S)',
      'attribute "year" (table key, key of index "byAdded"): declared type N, actual type S',
      'local index "byAdded": declared HASH "year" (N), RANGE "added" (S), KEYS_ONLY; actual: the table has no such index (local indexes can only be created together with the table)',
      'global index "byGenre" key schema: declared HASH "genre" (S), RANGE "rating" (N); actual HASH "genre" (S)',
      'TTL attribute: declared "expiresAt"; actual "ttl" (ENABLED) — a table has one TTL attribute: disable TTL on the table first (UpdateTimeToLive), then sync',
    ]);
    expect(error.message).toBe(
      'Table "dev-Movies" differs from its models in ways sync cannot change (sync never deletes or recreates a table or an index):\n' +
        error.differences.map((d) => `  - ${d}`).join('\n') +
        '\nMake the models match the table, or move the data to a new table (e.g. another @Table name) or a new index name and sync that.',
    );
  });

  it('a new GSI whose key attribute already exists with another type', () => {
    const actual = described({
      AttributeDefinitions: [
        ...described().AttributeDefinitions!.filter((d) => d.AttributeName !== 'genre'),
        { AttributeName: 'genre', AttributeType: 'N' },
      ],
      GlobalSecondaryIndexes: [
        { IndexName: 'numericGenre', KeySchema: [{ AttributeName: 'genre', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' }, IndexStatus: 'ACTIVE' },
      ],
    });
    const error = syncErrorOf(() => planTable(declared, undefined, actual, undefined));
    expect(error.differences).toEqual(['attribute "genre" (key of index "byGenre"): declared type S, actual type N']);
    expect(error.message).toContain('differs from its models in a way sync cannot change');
  });

  it('a local index that differs, and a global index whose name a local index has', () => {
    const wanted: CreateTableCommandInput = {
      ...declared,
      GlobalSecondaryIndexes: [{ IndexName: 'byAdded', KeySchema: [{ AttributeName: 'genre', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      LocalSecondaryIndexes: [{ ...declared.LocalSecondaryIndexes![0], IndexName: 'byAdded2' }],
    };
    const actual = described({
      LocalSecondaryIndexes: [
        { ...described().LocalSecondaryIndexes![0] },
        { ...described().LocalSecondaryIndexes![0], IndexName: 'byAdded2', Projection: { ProjectionType: 'ALL' } },
      ],
      GlobalSecondaryIndexes: undefined,
    });
    expect(syncErrorOf(() => planTable(wanted, undefined, actual, undefined)).differences).toEqual([
      'local index "byAdded2": declared HASH "year" (N), RANGE "added" (S), KEYS_ONLY; actual HASH "year" (N), RANGE "added" (S), ALL',
      'index "byAdded": declared as a global index; actual: a local index of that name',
    ]);
  });

  it('a local index declared where a global index of that name exists says so (regression: "the table has no such index")', () => {
    const wanted: CreateTableCommandInput = { ...declared, LocalSecondaryIndexes: [{ ...declared.LocalSecondaryIndexes![0], IndexName: 'byGenre' }] };
    expect(syncErrorOf(() => planTable(wanted, undefined, described({ LocalSecondaryIndexes: undefined }), undefined)).differences).toEqual([
      'index "byGenre": declared as a local index; actual: a global index of that name',
    ]);
  });

  it('counts the indexes the table already has, declared or not, against its limits before changing anything', () => {
    const gsi = (name: string, included = 0) => ({
      IndexName: name, KeySchema: [{ AttributeName: 'genre', KeyType: 'HASH' as const }],
      Projection: included ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: Array.from({ length: included }, (_, i) => `a${i}`) } : { ProjectionType: 'ALL' as const },
    });
    const nineteen = Array.from({ length: 19 }, (_, i) => ({ ...gsi(`old${i}`), IndexStatus: 'ACTIVE' as const }));
    const wanted: CreateTableCommandInput = { ...declared, GlobalSecondaryIndexes: [gsi('newOne'), gsi('newTwo')] };
    const over = syncErrorOf(() => planTable(wanted, undefined, described({ GlobalSecondaryIndexes: nineteen }), undefined));
    expect(over.code).toBe('sync.tableLimit');
    expect(over.message).toMatch(/^Table "dev-Movies" cannot take what its models add: DynamoDB's per-table limits would be exceeded .*sync changed nothing:\n  - global indexes: /);
    expect(over.differences).toEqual([
      'global indexes: the table has 19 (19 of them declared by no model) and sync would add 2: DynamoDB allows 20 per table. ' +
        'Delete indexes no longer used (sync never deletes), or declare fewer',
    ]);
    // 19 + 1 fits.
    expect(planTable({ ...declared, GlobalSecondaryIndexes: [gsi('newOne')] }, undefined, described({ GlobalSecondaryIndexes: nineteen }), undefined).steps)
      .toHaveLength(1);
    const projecting = [{ ...gsi('wide', 90), IndexStatus: 'ACTIVE' as const }];
    expect(syncErrorOf(() => planTable({ ...declared, GlobalSecondaryIndexes: [gsi('more', 20)] }, undefined,
      described({ GlobalSecondaryIndexes: projecting }), undefined)).differences).toEqual([
      'projected attributes: the table\'s indexes project 90 non-key attributes (INCLUDE) and the new global indexes 20: ' +
        'DynamoDB allows 100 across all of a table\'s indexes (an attribute in two indexes counts twice)',
    ]);
    expect(planTable({ ...declared, GlobalSecondaryIndexes: [gsi('more', 10)] }, undefined, described({ GlobalSecondaryIndexes: projecting }), undefined).steps)
      .toHaveLength(1);
  });

  it('a table being deleted', () => {
    const error = syncErrorOf(() => planTable(declared, undefined, described({ TableStatus: 'DELETING' }), undefined));
    expect(error.code).toBe('sync.tableDeleting');
    expect(error.message).toBe(
      'Table "dev-Movies" is being deleted, so sync cannot create or change it. Wait until the deletion has finished and run sync again.',
    );
  });
});
