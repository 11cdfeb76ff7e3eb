/**
 * Rules a mutation probe found unheld, checked on a real engine where the engine's own answer
 * matters (the pure unit pins are in test/unit/pins/survivors.test.ts): an index key's limits in
 * updates and puts, what an index query with a projection returns, and count()'s read flags.
 */
import 'reflect-metadata';
import { Attribute, GlobalIndex, Mapper, PartitionKey, SortKey, Table, ValidationError } from 'dynamap';
import { testClient, uniquePrefix } from '../support/engine';

@Table({ name: 'PinPosts' })
@GlobalIndex('byAuthor', { partitionKey: 'author', sortKey: 'published', projection: 'ALL' })
class Post {
  @PartitionKey() board!: string;
  @SortKey() slug!: string;
  @Attribute() author?: string;
  @Attribute() published?: string;
  @Attribute() body?: string;
}

/** The table partition key is also the sort key of an index: its values obey the smaller limit (1024). */
@Table({ name: 'PinTags' })
@GlobalIndex('byLabel', { partitionKey: 'label', sortKey: 'id' })
class Tag {
  @PartitionKey() id!: string;
  @Attribute() label?: string;
}

const client = testClient();
const prefix = uniquePrefix();
const mapper = new Mapper({ client, tablePrefix: prefix });
/** What was sent to the engine: command name and input. */
const sent: { command: string; input: Record<string, unknown> }[] = [];

beforeAll(async () => {
  await mapper.sync([Post, Tag]);
  await mapper.put(Object.assign(new Post(), { board: 'b', slug: 's1', author: 'ann', published: '2024-01', body: 'first' }));
  await mapper.put(Object.assign(new Post(), { board: 'b', slug: 's2', author: 'ann', published: '2024-02', body: 'second' }));
  client.middlewareStack.add((next, context) => async (args) => {
    sent.push({ command: context.commandName ?? '?', input: args.input as Record<string, unknown> });
    return next(args);
  }, { step: 'initialize', name: 'survivorPinsRecorder' });
});

beforeEach(() => {
  sent.length = 0;
});

describe('index key values', () => {
  it('an update setting a GSI partition key value of 1,500 bytes is sent and the item is found through the index', async () => {
    const author = 'a'.repeat(1500);
    await mapper.put(Object.assign(new Post(), { board: 'long', slug: 's', published: 'p' }));
    const updated = await mapper.update(Post, { board: 'long', slug: 's' }, { author });
    expect(updated.author).toBe(author);
    const found = await mapper.query(Post, { author }, { index: 'byAuthor' }).all();
    expect(found.map((p) => p.board)).toEqual(['long']);
  });

  it('a table partition key that is also a GSI sort key refuses 1,025 bytes before sending; 1,024 is stored', async () => {
    const error = await mapper.put(Object.assign(new Tag(), { id: 'x'.repeat(1025), label: 'l' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'key.tooLong', message: expect.stringMatching(/^Tag\.id: .*is 1025 bytes .*at most 1024 bytes/) as unknown });
    expect(sent).toEqual([]);
    await mapper.put(Object.assign(new Tag(), { id: 'x'.repeat(1024), label: 'l' }));
    expect((await mapper.query(Tag, { label: 'l' }, { index: 'byLabel' }).all()).map((t) => t.id.length)).toEqual([1024]);
  });
});

describe('an index query with a projection', () => {
  it('returns the index key the caller projected, and not the one it did not ask for', async () => {
    const posts = await mapper.query(Post, { author: 'ann' }, { index: 'byAuthor' }).project('author', 'body').all();
    expect(posts.map((p) => ({ ...p }))).toEqual([
      { board: 'b', slug: 's1', author: 'ann', body: 'first' },
      { board: 'b', slug: 's2', author: 'ann', body: 'second' },
    ]);
  });
});

describe('count()', () => {
  it('sends consistent() and reverse() with Select COUNT, and the engine counts', async () => {
    expect(await mapper.query(Post, { board: 'b' }).consistent().reverse().count()).toBe(2);
    expect(sent.map((s) => [s.command, s.input.Select, s.input.ConsistentRead, s.input.ScanIndexForward]))
      .toEqual([['QueryCommand', 'COUNT', true, false]]);
  });
});
