/**
 * Behaviour that no test pinned before (found by a mutation probe: a one-line change at each of
 * these spots went unnoticed). Each test is written as a user would check the behaviour: through
 * the public API (a fake client records what would be sent), or through the pure builders the
 * other unit tests exercise (diff, key conditions, command line).
 */
import 'reflect-metadata';
import type { AttributeValue, CreateTableCommandInput, TableDescription } from '@aws-sdk/client-dynamodb';
import {
  Attribute, DynamapError, GlobalIndex, Mapper, PartitionKey, SortKey, SyncError, Table, ValidationError,
  and, between, compileKeyCondition, compileUpdate, fromItem, gt, lt, toItem,
} from 'dynamap';
import { parseCommand, UsageError } from '../../../src/cli/args';
import { planTable } from '../../../src/table';
import { fakeClient } from '../query/fake-table';

/** Runs `fn` (sync or async), expects it to fail with a DynamapError, returns the error. */
async function refusedBy(fn: () => unknown): Promise<DynamapError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DynamapError);
    return error as DynamapError;
  }
  throw new Error('expected a DynamapError');
}

function refusedSync(fn: () => unknown): DynamapError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DynamapError);
    return error as DynamapError;
  }
  throw new Error('expected a DynamapError');
}

@Table({ name: 'Posts' })
@GlobalIndex('byAuthor', { partitionKey: 'author', sortKey: 'published', projection: 'ALL' })
class Post {
  @PartitionKey() board!: string;
  @SortKey() slug!: string;
  @Attribute() author?: string;
  @Attribute() published?: string;
  @Attribute() body?: string;
}

/** A mapper over a fake client answering from `items`; `inputs` holds every request sent. */
function fakeMapper(items: Record<string, AttributeValue>[] = [], keyNames = ['board', 'slug']) {
  const fake = fakeClient(items, { keyNames });
  return { ...fake, mapper: new Mapper({ client: fake.client, retry: { attempts: 1 } }) };
}

describe('survivor pins', () => {
  describe('key conditions: one condition per key, every bound checked', () => {
    it('a second sort key condition in and() is refused as keyTwice, not silently replacing the first', async () => {
      const error = refusedSync(() => compileKeyCondition(Post, and({ board: 'b', slug: gt('a') }, { slug: lt('m') }) as never));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.code).toBe('expression.keyTwice');
      expect(error.message).toBe('Post: slug appears twice in the key condition; DynamoDB allows one condition per key.');
      // Through a query: nothing is sent.
      const { mapper, inputs } = fakeMapper();
      const viaQuery = await refusedBy(() => mapper.query(Post, and({ board: 'b', slug: gt('a') }, { slug: lt('m') }) as never).all());
      expect(viaQuery.code).toBe('expression.keyTwice');
      expect(inputs).toHaveLength(0);
    });

    it('between() on the sort key refuses a high bound longer than a sort key value can be (1024 bytes), before sending', async () => {
      const error = refusedSync(() => compileKeyCondition(Post, { board: 'b', slug: between('a', 'z'.repeat(1025)) }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.code).toBe('key.tooLong');
      expect(error.message).toMatch(/^Post\.slug: a value of the sort key is 1025 bytes \(UTF-8\); DynamoDB allows at most 1024 bytes/);
      expect(() => compileKeyCondition(Post, { board: 'b', slug: between('a', 'z'.repeat(1024)) })).not.toThrow();
      const { mapper, inputs } = fakeMapper();
      expect((await refusedBy(() => mapper.query(Post, { board: 'b', slug: between('a', 'z'.repeat(1025)) }).all())).code).toBe('key.tooLong');
      expect(inputs).toHaveLength(0);
    });
  });

  describe('key values are measured in UTF-8 bytes, not characters', () => {
    // 'é' is 2 bytes, '€' 3, '😀' 4 (two UTF-16 code units).
    it.each([
      ['é', 'sort key', { board: 'b', slug: 'é'.repeat(513) }, 'slug', 1026, 1024],
      ['€', 'sort key', { board: 'b', slug: '€'.repeat(342) }, 'slug', 1026, 1024],
      ['😀', 'sort key', { board: 'b', slug: '😀'.repeat(257) }, 'slug', 1028, 1024],
      ['é', 'partition key', { board: 'é'.repeat(1025), slug: 's' }, 'board', 2050, 2048],
      ['€', 'partition key', { board: '€'.repeat(683), slug: 's' }, 'board', 2049, 2048],
      ['😀', 'partition key', { board: '😀'.repeat(513), slug: 's' }, 'board', 2052, 2048],
    ] as const)('a %s %s value over its byte limit is refused by get, before sending', async (_char, role, key, property, bytes, limit) => {
      const { mapper, inputs } = fakeMapper();
      const error = await refusedBy(() => mapper.get(Post, key));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.code).toBe('key.tooLong');
      expect(error.message).toMatch(new RegExp(`^Post\\.${property}: a value of the ${role} is ${bytes} bytes \\(UTF-8\\); DynamoDB allows at most ${limit} bytes`));
      expect(inputs).toHaveLength(0);
    });

    it('a multi-byte sort key value within the byte limit is sent', async () => {
      const { mapper, inputs } = fakeMapper();
      await mapper.query(Post, { board: 'é'.repeat(1024), slug: '€'.repeat(341) }).all(); // 2048 and 1023 bytes
      expect(inputs).toHaveLength(1);
    });

    it('a multi-byte sort key value over the limit in a key condition is refused', () => {
      expect(refusedSync(() => compileKeyCondition(Post, { board: 'b', slug: '€'.repeat(342) })).code).toBe('key.tooLong');
      expect(refusedSync(() => compileKeyCondition(Post, { board: '€'.repeat(683) })).code).toBe('key.tooLong');
    });
  });

  describe('a table key attribute that is also an index key takes the smaller limit', () => {
    @Table({ name: 'Tags' })
    @GlobalIndex('byLabel', { partitionKey: 'label', sortKey: 'id' })
    class Tag {
      @PartitionKey() id!: string;
      @Attribute() label?: string;
    }

    it('the table partition key that is also a GSI sort key refuses 1025–2048 bytes (the GSI sort key limit is 1024)', () => {
      const tag = (id: string) => Object.assign(new Tag(), { id, label: 'l' });
      const error = refusedSync(() => toItem(tag('x'.repeat(1025))));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.code).toBe('key.tooLong');
      expect(error.message).toMatch(/^Tag\.id: a value of the partition key \(also the sort key of index "byLabel"\) is 1025 bytes \(UTF-8\); DynamoDB allows at most 1024 bytes/);
      expect(refusedSync(() => toItem(tag('x'.repeat(2048)))).code).toBe('key.tooLong');
      expect(toItem(tag('x'.repeat(1024))).id).toEqual({ S: 'x'.repeat(1024) });
    });

    it('a put of such an entity sends nothing', async () => {
      const { mapper, inputs } = fakeMapper([], ['id']);
      const error = await refusedBy(() => mapper.put(Object.assign(new Tag(), { id: 'x'.repeat(1500), label: 'l' })));
      expect(error.code).toBe('key.tooLong');
      expect(inputs).toHaveLength(0);
    });
  });

  describe('key objects', () => {
    it('a key property given as undefined is ignored, even when the key has another problem (only that problem is named)', async () => {
      const { mapper, inputs } = fakeMapper();
      const error = await refusedBy(() => mapper.get(Post, { board: 'b', author: undefined } as never));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.code).toBe('key.missing');
      expect(error.message).toBe('Post.slug: the key has no slug (the sort key); a key is { board, slug }');
      expect(error.message).not.toMatch(/author/);
      expect(inputs).toHaveLength(0);
    });

    it('an extra property with a value is named, together with the missing one', async () => {
      const { mapper } = fakeMapper();
      const error = await refusedBy(() => mapper.get(Post, { board: 'b', author: 'a' } as never));
      expect(error.message).toMatch(/the key has no slug/);
      expect(error.message).toMatch(/author is not part of the key; a key is \{ board, slug \} and nothing else/);
    });
  });

  describe('updates of index keys', () => {
    it('an update may set a GSI partition key value of 1025–2048 bytes (its limit is 2048, not the sort key\'s 1024)', () => {
      expect(compileUpdate(Post, { author: 'a'.repeat(2048) }).values).toEqual({ ':v0': { S: 'a'.repeat(2048) } });
      expect(() => compileUpdate(Post, { author: 'a'.repeat(1025) })).not.toThrow();
      expect(refusedSync(() => compileUpdate(Post, { author: 'a'.repeat(2049) })).message)
        .toMatch(/^Post\.author: a value of the partition key of index "byAuthor" is 2049 bytes \(UTF-8\); DynamoDB allows at most 2048 bytes/);
      // ...while the index's sort key stays at 1024.
      expect(refusedSync(() => compileUpdate(Post, { published: 'p'.repeat(1025) })).message)
        .toMatch(/^Post\.published: a value of the sort key of index "byAuthor" is 1025 bytes \(UTF-8\); DynamoDB allows at most 1024 bytes/);
    });

    it('mapper.update sends a GSI partition key value of 1500 bytes', async () => {
      const fake = fakeClient([], { keyNames: ['board', 'slug'] });
      (fake.client.send as jest.Mock).mockImplementation(async (command: { input: Record<string, unknown> }) => {
        fake.inputs.push(command.input);
        return { Attributes: { board: { S: 'b' }, slug: { S: 's' }, author: { S: 'a'.repeat(1500) } }, $metadata: {} };
      });
      const mapper = new Mapper({ client: fake.client, retry: { attempts: 1 } });
      const post = await mapper.update(Post, { board: 'b', slug: 's' }, { author: 'a'.repeat(1500) });
      expect(post.author).toHaveLength(1500);
      expect(fake.inputs).toHaveLength(1);
    });
  });

  describe('index queries with a projection', () => {
    const item = { board: { S: 'b' }, slug: { S: 's' }, author: { S: 'ann' }, published: { S: '2024' }, body: { S: 'text' } };

    it('an index key the caller projected stays on the entities; one not asked for is dropped', async () => {
      const { mapper, inputs } = fakeMapper([item]);
      const [post] = await mapper.query(Post, { author: 'ann' }, { index: 'byAuthor' }).project('author', 'body').all();
      expect(inputs[0].IndexName).toBe('byAuthor');
      expect(post.author).toBe('ann'); // projected: kept
      expect(post.published).toBeUndefined(); // read for cursors only: dropped
      expect(post.body).toBe('text');
      expect({ board: post.board, slug: post.slug }).toEqual({ board: 'b', slug: 's' }); // the table key stays
    });

    it('both index keys projected: both stay', async () => {
      const { mapper } = fakeMapper([item]);
      const [post] = await mapper.query(Post, { author: 'ann' }, { index: 'byAuthor' }).project('published', 'author').all();
      expect(post.author).toBe('ann');
      expect(post.published).toBe('2024');
    });
  });

  describe('count()', () => {
    it('keeps consistent() and reverse(): ConsistentRead and ScanIndexForward are sent with Select COUNT', async () => {
      const { mapper, inputs } = fakeMapper([{ board: { S: 'b' }, slug: { S: 's' } }]);
      expect(await mapper.query(Post, { board: 'b' }).consistent().reverse().count()).toBe(1);
      expect(inputs).toHaveLength(1);
      expect(inputs[0]).toMatchObject({ Select: 'COUNT', ConsistentRead: true, ScanIndexForward: false });
      expect(await mapper.scan(Post).consistent().count()).toBe(1);
      expect(inputs[1]).toMatchObject({ Select: 'COUNT', ConsistentRead: true });
    });

    it('without them, count() sends neither flag', async () => {
      const { mapper, inputs } = fakeMapper([]);
      await mapper.query(Post, { board: 'b' }).count();
      expect(inputs[0]).not.toHaveProperty('ConsistentRead');
      expect(inputs[0]).not.toHaveProperty('ScanIndexForward');
    });
  });

  describe('sync planning', () => {
    const declared: CreateTableCommandInput = {
      TableName: 'dev-Posts',
      AttributeDefinitions: [{ AttributeName: 'board', AttributeType: 'S' }, { AttributeName: 'author', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'board', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        { IndexName: 'byAuthor', KeySchema: [{ AttributeName: 'author', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
      ],
    };
    const gsi = (name: string) => ({
      IndexName: name, KeySchema: [{ AttributeName: 'author', KeyType: 'HASH' as const }], Projection: { ProjectionType: 'ALL' as const }, IndexStatus: 'ACTIVE' as const,
    });
    function described(overrides: Partial<TableDescription> = {}): TableDescription {
      return {
        TableName: 'dev-Posts',
        TableStatus: 'ACTIVE',
        AttributeDefinitions: [{ AttributeName: 'author', AttributeType: 'S' }, { AttributeName: 'board', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'board', KeyType: 'HASH' }],
        BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
        GlobalSecondaryIndexes: [gsi('byAuthor')],
        ...overrides,
      };
    }

    it('a table with more than 20 global indexes (a raised quota) and nothing to add plans no change, without a limit error', () => {
      const many = [gsi('byAuthor'), ...Array.from({ length: 24 }, (_, i) => gsi(`old${i}`))];
      const plan = planTable(declared, undefined, described({ GlobalSecondaryIndexes: many }), undefined);
      expect(plan.steps).toEqual([]);
      expect(plan.unchanged).toBe(true);
      expect(plan.notes).toHaveLength(24);
      expect(plan.notes[0]).toBe('global index "old0" exists but no model declares it; sync leaves it alone.');
      // Adding one more to such a table is still refused.
      const wanted = { ...declared, GlobalSecondaryIndexes: [...declared.GlobalSecondaryIndexes!, { ...gsi('fresh'), IndexStatus: undefined }] };
      let error: unknown;
      try {
        planTable(wanted, undefined, described({ GlobalSecondaryIndexes: many }), undefined);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SyncError);
      expect((error as SyncError).code).toBe('sync.tableLimit');
    });

    it.each([
      ['disabled (StreamEnabled false, no view type)', { StreamEnabled: false }],
      ['disabled with its old view type still described', { StreamEnabled: false, StreamViewType: 'NEW_IMAGE' as const }],
    ])('a declared stream on a table whose stream is %s: noted as "actual none"', (_case, spec) => {
      const plan = planTable(
        { ...declared, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }, undefined,
        described({ StreamSpecification: spec }), undefined,
      );
      expect(plan.steps).toEqual([]);
      expect(plan.notes).toEqual(['stream: declared NEW_IMAGE, actual none; sync does not change streams.']);
    });

    it('a stream declared disabled on a table with a stream: noted as "declared none"', () => {
      const plan = planTable(
        { ...declared, StreamSpecification: { StreamEnabled: false, StreamViewType: 'KEYS_ONLY' } }, undefined,
        described({ StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } }), undefined,
      );
      expect(plan.notes).toEqual(['stream: declared none, actual KEYS_ONLY; sync does not change streams.']);
    });

    it('the same stream on both sides: no note', () => {
      const plan = planTable(
        { ...declared, StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } }, undefined,
        described({ StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } }), undefined,
      );
      expect(plan.notes).toEqual([]);
    });
  });

  describe('command line', () => {
    function usageError(argv: string[]): UsageError {
      try {
        parseCommand(argv);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return error as UsageError;
      }
      throw new Error('expected a UsageError');
    }

    it('--timeout 0 is refused (a wait of no time cannot succeed); 1 is accepted', () => {
      expect(usageError(['sync', '--models', 'm.js', '--timeout', '0']).message).toBe('--timeout must be a whole number of milliseconds, got "0"');
      expect(usageError(['sync', '--models', 'm.js', '--timeout=-5']).message).toBe('--timeout must be a whole number of milliseconds, got "-5"');
      expect(parseCommand(['sync', '--models', 'm.js', '--timeout', '1'])).toMatchObject({ command: 'sync', timeoutMs: 1 });
    });

    it.each([
      ['--prefx', 'prefix'], // one edit
      ['--regoin', 'region'], // two edits (swapped letters)
      ['--endpiont', 'endpoint'], // two edits
      ['--pefx', 'prefix'], // two edits (two letters left out)
    ])('an option at most two edits away gets a suggestion: %s', (given, near) => {
      expect(usageError(['plan', '--models', 'm.js', given, 'x']).message).toBe(`unknown option ${given} (did you mean --${near}?)`);
    });

    it('an option three edits away from every option gets no suggestion', () => {
      // --regxyz is three edits from --region, --jsonxyz three from --json: too far to guess.
      expect(usageError(['plan', '--models', 'm.js', '--regxyz', 'x']).message).toBe('unknown option --regxyz');
      expect(usageError(['plan', '--models', 'm.js', '--jsonxyz']).message).toBe('unknown option --jsonxyz');
    });
  });

  describe('numberSet with an enum', () => {
    @Table({ name: 'Dice' })
    class Roll {
      @PartitionKey() id!: string;
      @Attribute({ type: 'numberSet', enum: [1, 2, 3, 4, 5, 6] }) faces?: Set<number>;
    }
    const roll = (faces: Set<number>) => Object.assign(new Roll(), { id: 'r', faces });

    it('accepts a set whose members are all enum values, and reads it back', () => {
      const item = toItem(roll(new Set([1, 6])));
      expect(item.faces).toEqual({ NS: ['1', '6'] });
      expect(fromItem(Roll, item).faces).toEqual(new Set([1, 6]));
    });

    it('refuses a member outside the enum, naming it and the allowed values', () => {
      const error = refusedSync(() => toItem(roll(new Set([1, 7]))));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.code).toBe('value.enum');
      expect(error.message).toBe('Roll.faces: the number 7 is not one of the allowed values (1, 2, 3, 4, 5, 6)');
    });
  });
});
