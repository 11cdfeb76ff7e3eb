import 'reflect-metadata';
import { encodeKey, keyOf } from '../../../src/codec';
import { Attribute, GlobalIndex, LocalIndex, PartitionKey, SortKey, Table } from '../../../src/decorators';
import { ValidationError } from '../../../src/errors/classes';
import { getModelSchema } from '../../../src/metadata';
import { caught, Movie } from './fixtures';

const movies = () => getModelSchema(Movie);

describe('encodeKey', () => {
  it('encodes the table key of the DESIGN.md Movie (reserved word `year` is just a name here)', () => {
    expect(encodeKey(movies(), { year: 1985, title: 'After Hours' })).toEqual({ year: { N: '1985' }, title: { S: 'After Hours' } });
  });

  it('encodes an index key (partition + sort key of the index)', () => {
    const index = movies().indexByName.get('byGenre')!;
    expect(encodeKey(movies(), { genre: 'Drama', rating: 8.5 }, index)).toEqual({ genre: { S: 'Drama' }, rating: { N: '8.5' } });
  });

  it('refuses a missing key property with key.missing naming Class.property', () => {
    const error = caught(() => encodeKey(movies(), { year: 1985 }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('key.missing');
    expect(error.message).toBe('Movie.title: the key has no title (the sort key); a key is { year, title }');
    expect(error.issues).toEqual([{ code: 'key.missing', path: 'title', message: error.message }]);
  });

  it('refuses an extra property with key.extra', () => {
    const error = caught(() => encodeKey(movies(), { year: 1985, title: 'x', genre: 'Drama' }));
    expect(error.code).toBe('key.extra');
    expect(error.message).toBe('Movie.genre: genre is not part of the key; a key is { year, title } and nothing else');
  });

  it('writes renamed key attributes under their names, and reads only own properties of the key object', () => {
    @Table({ name: 'Renamed' })
    class Renamed {
      @PartitionKey({ name: 'PK' }) id!: string;
      @SortKey({ name: 'odd "name"' }) at!: number;
    }
    expect(encodeKey(getModelSchema(Renamed), { id: 'a', at: 1 })).toEqual({ PK: { S: 'a' }, 'odd "name"': { N: '1' } });
    // An inherited enumerable property is not part of the key object (as with Object.keys).
    const key = Object.assign(Object.create({ inherited: 'x' }) as object, { id: 'a', at: 2 });
    expect(encodeKey(getModelSchema(Renamed), key)).toEqual({ PK: { S: 'a' }, 'odd "name"': { N: '2' } });
  });

  it('ignores extra properties whose value is undefined', () => {
    expect(encodeKey(movies(), { year: 1, title: 'x', genre: undefined })).toEqual({ year: { N: '1' }, title: { S: 'x' } });
  });

  it('refuses a wrongly typed key property with key.type', () => {
    const error = caught(() => encodeKey(movies(), { year: '1985', title: 'x' }));
    expect(error.code).toBe('key.type');
    expect(error.message).toBe('Movie.year: the partition key must be a number, got the string "1985"');
  });

  it('reports every problem of a key at once', () => {
    const error = caught(() => encodeKey(movies(), { year: '1985', rating: 3 }));
    expect(error.message).toBe(
      '3 problems with the key of Movie:\n' +
        '  - Movie.year: the partition key must be a number, got the string "1985"\n' +
        '  - Movie.title: the key has no title (the sort key); a key is { year, title }\n' +
        '  - Movie.rating: rating is not part of the key; a key is { year, title } and nothing else',
    );
    expect(error.issues!.map((i) => i.code)).toEqual(['key.type', 'key.missing', 'key.extra']);
    expect(error.code).toBe('key.type');
  });

  it('refuses empty strings and binaries, and values over 2048 / 1024 bytes', () => {
    expect(caught(() => encodeKey(movies(), { year: 1, title: '' })).message).toBe(
      'Movie.title: an empty string cannot be a value of the sort key: DynamoDB refuses empty strings and binaries in table and index keys. Give the key a value',
    );
    expect(caught(() => encodeKey(movies(), { year: 1, title: 'x'.repeat(1025) })).code).toBe('key.tooLong');
    expect(() => encodeKey(movies(), { year: 1, title: 'x'.repeat(1024) })).not.toThrow();

    @Table()
    class Files {
      @PartitionKey() hash!: Uint8Array;
    }
    const files = getModelSchema(Files);
    expect(caught(() => encodeKey(files, { hash: new Uint8Array(0) })).code).toBe('key.empty');
    expect(caught(() => encodeKey(files, { hash: new Uint8Array(2049) })).message).toBe(
      'Files.hash: a value of the partition key is 2049 bytes (UTF-8); DynamoDB allows at most 2048 bytes: shorten it (a key is an identity: keep long text in another attribute, or key by a hash of it)',
    );
    expect(encodeKey(files, { hash: new Uint8Array([1]) })).toEqual({ hash: { B: new Uint8Array([1]) } });
  });

  it('names the index in messages about an index key', () => {
    const index = movies().indexByName.get('byGenre')!;
    expect(caught(() => encodeKey(movies(), { genre: '' , rating: 1 }, index)).message).toBe(
      'Movie.genre: an empty string cannot be a value of the partition key of index \"byGenre\": DynamoDB refuses empty strings and binaries in table and index keys. Give it a value, or leave it undefined (the item is then not in the index)',
    );
    expect(caught(() => encodeKey(movies(), { genre: 'x', rating: 1, year: 1 }, index)).code).toBe('key.extra');
  });

  it('refuses a key that is not an object', () => {
    expect(caught(() => encodeKey(movies(), 'x' as unknown as object)).message).toBe(
      'Movie: a key must be an object of the key properties, got the string "x"',
    );
  });

  it('encodes date, bigint and converter keys', () => {
    const upper = { toDynamo: (v: unknown) => ({ S: String(v).toUpperCase() }), fromDynamo: (v: { S?: string }) => v.S!.toLowerCase(), keyType: 'S' as const };
    @Table()
    @LocalIndex('byDay', { sortKey: 'day' })
    class Event {
      @PartitionKey({ converter: upper }) source!: string;
      @SortKey() at!: Date;
      @Attribute({ type: 'bigint' }) day?: bigint;
    }
    const schema = getModelSchema(Event);
    expect(encodeKey(schema, { source: 'web', at: new Date(0) })).toEqual({ source: { S: 'WEB' }, at: { S: '1970-01-01T00:00:00.000Z' } });
    expect(encodeKey(schema, { source: 'web', day: 20240101n }, schema.indexByName.get('byDay'))).toEqual({
      source: { S: 'WEB' },
      day: { N: '20240101' },
    });
    expect(caught(() => encodeKey(schema, { source: 'web', at: '1970' })).message).toBe(
      'Event.at: the sort key must be a Date, got the string "1970"',
    );
  });

  it('refuses a converter key that writes another type than its keyType', () => {
    const bad = { toDynamo: () => ({ N: '1' }), fromDynamo: () => 'x', keyType: 'S' as const };
    @Table()
    class Odd {
      @PartitionKey({ converter: bad }) id!: string;
    }
    expect(caught(() => encodeKey(getModelSchema(Odd), { id: 'a' })).code).toBe('key.type');
  });
});

describe('keyOf', () => {
  it('returns the table key of an entity as property values', () => {
    const movie = Object.assign(new Movie(1985, 'After Hours'), { genre: 'Comedy', rating: 7 });
    expect(keyOf(movies(), movie)).toEqual({ year: 1985, title: 'After Hours' });
  });

  it('has no sort key property for a table without one', () => {
    @Table()
    @GlobalIndex('byName', { partitionKey: 'name' })
    class Person {
      @PartitionKey() id!: string;
      @Attribute() name?: string;
    }
    expect(keyOf(getModelSchema(Person), Object.assign(new Person(), { id: 'p', name: 'n' }))).toEqual({ id: 'p' });
  });
});
