import 'reflect-metadata';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Attribute, CreatedAt, Mapper, PartitionKey, SortKey, Table, ValidationError, Version } from '../../../src/index';
import { buildBatchWriteInput, unprocessedWrites } from '../../../src/mapper/batch/write-input';
import { prepareDelete, prepareOperation, preparePut } from '../../../src/mapper/batch/write-requests';
import { lastWins, firstOfEach } from '../../../src/mapper/batch/dedupe';
import { chunk } from '../../../src/mapper/batch/chunk';
import { contextOf } from '../../../src/mapper/mapper';

@Table({ name: 'Movies' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() rating?: number;
  @Version() version?: number;
  @CreatedAt() createdAt?: Date;
}

@Table({ name: 'Notes' })
class Note {
  @PartitionKey() id!: string;
  @Attribute() text?: string;
}

const ctx = contextOf(new Mapper({ client: new DynamoDBClient({ region: 'local' }), tablePrefix: 'p-' }));
const now = new Date('2024-01-02T03:04:05.000Z');
const note = (id: string, text = id) => Object.assign(new Note(), { id, text });

describe('preparePut', () => {
  it('a new versioned entity: version 1 and timestamps in the item, assigned only later; no condition', () => {
    const m = Object.assign(new Movie(), { year: 1985, title: 'A', rating: 7 });
    const p = preparePut(ctx, 'batchPut', 0, m, m, now, {});
    expect(p.request).toEqual({
      PutRequest: { Item: { year: { N: '1985' }, title: { S: 'A' }, rating: { N: '7' }, version: { N: '1' }, createdAt: { S: '2024-01-02T03:04:05.000Z' } } },
    });
    expect(p.table).toBe('p-Movies');
    expect(p.put!.assign).toEqual({ version: 1, createdAt: now });
    expect(m.version).toBeUndefined();
  });

  it('refuses an entity read with @Version, unless overwriteVersions', () => {
    const m = Object.assign(new Movie(), { year: 1985, title: 'A', version: 3 });
    expect(() => preparePut(ctx, 'batchPut', 4, m, m, now, {})).toThrow(/^batchPut item 4: this Movie was read with @Version 3/);
    const p = preparePut(ctx, 'batchPut', 4, m, m, now, { overwriteVersions: true });
    expect(p.request.PutRequest!.Item!.version).toEqual({ N: '4' });
  });

  it('names the index and property of a value the codec refuses', () => {
    const bad = Object.assign(new Note(), { id: 'x', text: 5 });
    let error: unknown;
    try {
      preparePut(ctx, 'batchPut', 7, bad, bad, now, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^batchPut item 7: Note\.text: /);
    expect((error as ValidationError).issues[0].path).toBe('text');
  });
});

describe('prepareDelete and prepareOperation', () => {
  it('a delete is its encoded key', () => {
    expect(prepareDelete(ctx, 'batchDelete', 0, Movie, { year: 1985, title: 'A' }, 'src').request).toEqual({
      DeleteRequest: { Key: { year: { N: '1985' }, title: { S: 'A' } } },
    });
  });

  it('refuses something that is neither { put } nor { delete, key }, naming its index', () => {
    expect(() => prepareOperation(ctx, 2, { remove: note('a') } as never, now, {})).toThrow(/batchWrite item 2: expected \{ put: entity \}/);
    expect(() => prepareOperation(ctx, 3, { delete: Note, key: { idd: 'a' } } as never, now, {})).toThrow(/batchWrite item 3: /);
  });
});

describe('dedupe', () => {
  it('last wins, at the place of the first', () => {
    const rs = [{ id: 'a', v: 1 }, { id: 'b', v: 2 }, { id: 'a', v: 3 }, { id: 'c', v: 4 }, { id: 'a', v: 5 }];
    expect(lastWins(rs)).toEqual({ kept: [{ id: 'a', v: 5 }, { id: 'b', v: 2 }, { id: 'c', v: 4 }], superseded: 2 });
    expect(firstOfEach(rs)).toEqual([{ id: 'a', v: 1 }, { id: 'b', v: 2 }, { id: 'c', v: 4 }]);
  });

  it('keys equal after encoding are one item; the same key in two tables is two', () => {
    const a = prepareDelete(ctx, 'x', 0, Note, { id: '1985' }, 0);
    const b = preparePut(ctx, 'x', 1, note('1985'), 1, now, {});
    const c = prepareDelete(ctx, 'x', 2, Movie, { year: 1985, title: '1985' }, 2);
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
  });

  it('chunks of a size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 25)).toEqual([]);
  });
});

describe('buildBatchWriteInput and unprocessedWrites', () => {
  const requests = [
    preparePut(ctx, 'x', 0, note('a'), 'A', now, {}),
    prepareDelete(ctx, 'x', 1, Movie, { year: 1, title: 't' }, 'M'),
    preparePut(ctx, 'x', 2, note('b'), 'B', now, {}),
  ];

  it('groups a chunk by table', () => {
    expect(buildBatchWriteInput(requests)).toEqual({
      RequestItems: {
        'p-Notes': [{ PutRequest: { Item: { id: { S: 'a' }, text: { S: 'a' } } } }, { PutRequest: { Item: { id: { S: 'b' }, text: { S: 'b' } } } }],
        'p-Movies': [{ DeleteRequest: { Key: { year: { N: '1' }, title: { S: 't' } } } }],
      },
    });
  });

  it('maps unprocessed requests (new objects) back to the prepared ones', () => {
    const left = unprocessedWrites(requests, {
      'p-Notes': [{ PutRequest: { Item: { id: { S: 'b' }, text: { S: 'b' } } } }],
      'p-Movies': [{ DeleteRequest: { Key: { year: { N: '1' }, title: { S: 't' } } } }],
    });
    expect(left.map((r) => r.source)).toEqual(['B', 'M']);
    expect(unprocessedWrites(requests, undefined)).toEqual([]);
    expect(unprocessedWrites(requests, {})).toEqual([]);
  });

  it('an unprocessed request it cannot match resends everything pending rather than lose one', () => {
    const left = unprocessedWrites(requests, { 'p-Notes': [{ PutRequest: { Item: { id: { S: 'zzz' } } } }] });
    expect(left.map((r) => r.source)).toEqual(['A', 'M', 'B']);
  });
});
