import 'reflect-metadata';
import { codecFor, ITEM_SIZE_LIMIT, itemSize, marshallAny, toItem } from '../../../src/codec';
import { Attribute, GlobalIndex, PartitionKey, SortKey, Table } from '../../../src/decorators';
import { ItemTooLargeError, ValidationError } from '../../../src/errors/classes';
import { caught, Movie, MovieInfo } from './fixtures';

function movie(changes: Partial<Movie> = {}): Movie {
  return Object.assign(new Movie(1985, 'After Hours'), changes);
}

function refusal(fn: () => unknown) {
  const error = caught(fn);
  expect(error).toBeInstanceOf(ValidationError);
  return error;
}

describe('values DynamoDB would refuse', () => {
  it.each([
    [NaN, 'Movie.rating: NaN is not a number DynamoDB can store (NaN and Infinity are refused): give a finite number, or leave the property undefined (it is then not stored)'],
    [Infinity, 'Movie.rating: Infinity is not a number DynamoDB can store (NaN and Infinity are refused): give a finite number, or leave the property undefined (it is then not stored)'],
    [-Infinity, 'Movie.rating: -Infinity is not a number DynamoDB can store (NaN and Infinity are refused): give a finite number, or leave the property undefined (it is then not stored)'],
    [1e126, 'Movie.rating: 1e+126 is too large for DynamoDB: a number\'s magnitude is at most 9.9999999999999999999999999999999999999E+125; scale it to a smaller unit, or store it as text (type: \'string\', or a converter)'],
    [-1.5e200, 'Movie.rating: -1.5e+200 is too large for DynamoDB: a number\'s magnitude is at most 9.9999999999999999999999999999999999999E+125; scale it to a smaller unit, or store it as text (type: \'string\', or a converter)'],
    [1e-131, 'Movie.rating: 1e-131 is too close to zero for DynamoDB: a non-zero number\'s magnitude is at least 1E-130; round it to 0, scale it, or store it as text (type: \'string\', or a converter)'],
    [5e-324, 'Movie.rating: 5e-324 is too close to zero for DynamoDB: a non-zero number\'s magnitude is at least 1E-130; round it to 0, scale it, or store it as text (type: \'string\', or a converter)'],
  ])('refuses the number %p with a message naming Class.property and the rule', (rating, message) => {
    const error = refusal(() => toItem(movie({ rating })));
    expect(error.message).toBe(message);
    expect(error.issues).toEqual([{ code: error.code, path: 'rating', message }]);
  });

  it('gives each number refusal its own code', () => {
    expect(refusal(() => toItem(movie({ rating: NaN }))).code).toBe('value.notANumber');
    expect(refusal(() => toItem(movie({ rating: 1e130 }))).code).toBe('value.numberTooLarge');
    expect(refusal(() => toItem(movie({ rating: 1e-140 }))).code).toBe('value.numberTooSmall');
  });

  it('accepts the extremes DynamoDB accepts', () => {
    expect(toItem(movie({ rating: 9.99999999999999e125 })).rating).toEqual({ N: '9.99999999999999e+125' });
    expect(toItem(movie({ rating: 1e-130 })).rating).toEqual({ N: '1e-130' });
    expect(toItem(movie({ rating: -0 })).rating).toEqual({ N: '0' });
  });

  it('names the nested path of a refused value in a nested class', () => {
    const error = refusal(() => toItem(movie({ info: Object.assign(new MovieInfo(), { rating: NaN }) })));
    expect(error.message).toBe('Movie.info.rating: NaN is not a number DynamoDB can store (NaN and Infinity are refused): give a finite number, or leave the property undefined (it is then not stored)');
    expect(error.issues![0].path).toBe('info.rating');
  });

  it('names list indexes in paths', () => {
    const error = refusal(() => toItem(movie({ info: Object.assign(new MovieInfo(), { actors: ['a', undefined] }) })));
    expect(error.message).toBe(
      'Movie.info.actors[1]: a list element is undefined; DynamoDB lists cannot hold undefined: use null, or remove the element',
    );
    expect(error.code).toBe('value.undefinedInList');
  });

  it('refuses wrongly typed values', () => {
    expect(refusal(() => toItem(movie({ genre: 5 as unknown as string }))).message).toBe('Movie.genre: expected a string, got the number 5');
    expect(refusal(() => toItem(movie({ rating: '8' as unknown as number }))).message).toBe('Movie.rating: expected a number, got the string "8"');
    expect(refusal(() => toItem(movie({ createdAt: '2020-01-01' as unknown as Date }))).message).toBe(
      'Movie.createdAt: expected a Date, got the string "2020-01-01"',
    );
    expect(refusal(() => toItem(movie({ tags: ['a'] as unknown as Set<string> }))).message).toBe(
      'Movie.tags: expected a Set of strings, got an array (1 elements)',
    );
    expect(refusal(() => toItem(movie({ tags: new Set(['a', 1 as unknown as string]) }))).message).toBe(
      'Movie.tags: expected a string (a member of a string set), got the number 1',
    );
    expect(refusal(() => toItem(movie({ info: 'x' as unknown as MovieInfo }))).message).toBe(
      'Movie.info: expected a MovieInfo (or an object with its fields), got the string "x"',
    );
    // Any object is written through MovieInfo's fields (a plain object, a DTO); a URL's own fields are not what it holds.
    class InfoDto { rating = 5; }
    expect(toItem(movie({ info: new InfoDto() as unknown as MovieInfo })).info).toEqual({ M: { rating: { N: '5' } } });
    expect(toItem(movie({ info: { rating: 5 } as MovieInfo })).info).toEqual({ M: { rating: { N: '5' } } });
    expect(refusal(() => toItem(movie({ info: new URL('http://x') as unknown as MovieInfo }))).message).toMatch(/^Movie\.info: expected a MovieInfo/);
  });

  it('a map attribute takes plain objects, Maps and other objects\' fields, and refuses built-ins whose fields are not what they hold', () => {
    @Table()
    class Bag {
      @PartitionKey() id!: string;
      @Attribute({ type: 'map' }) m?: object;   // any object is given below, to see what is refused
    }
    const bag = (m: object) => Object.assign(new Bag(), { id: 'b', m });
    for (const odd of [new URL('http://x'), new Error('x'), new Date(0), /x/]) {
      expect(refusal(() => toItem(bag(odd))).message).toMatch(/^Bag\.m: expected a plain object or a Map, got /);
    }
    expect(toItem(bag({ a: 1 })).m).toEqual({ M: { a: { N: '1' } } });
    // A class-transformer DTO (no @Attribute fields) and an object from another realm: their own fields.
    expect(toItem(bag(new (class AddressDto { street = 's'; })())).m).toEqual({ M: { street: { S: 's' } } });
    expect(toItem(bag(require('node:vm').runInNewContext('({ a: 1 })'))).m).toEqual({ M: { a: { N: '1' } } });
    // A bad value inside a decorated instance is named where it is.
    @Table()
    class Weird { @PartitionKey() id!: string; @Attribute({ type: 'any' }) x?: unknown; }
    expect(refusal(() => toItem(bag(Object.assign(new Weird(), { id: 'w', x: () => 1 })))).message).toMatch(/^Bag\.m\.x: /);
    expect(toItem(bag(new Map([['a', 1]]))).m).toEqual({ M: { a: { N: '1' } } });
    // A decorated class is written as its map (attribute names), as `any` writes it.
    expect(toItem(bag(Object.assign(new MovieInfo(), { releaseDate: new Date(0) }))).m).toEqual({ M: { release_date: { S: '1970-01-01T00:00:00.000Z' } } });
  });

  it('refuses an Invalid Date', () => {
    const error = refusal(() => toItem(movie({ createdAt: new Date('nope') })));
    expect(error.message).toBe('Movie.createdAt: an Invalid Date cannot be stored: give a Date whose getTime() is a number');
    expect(error.code).toBe('value.invalidDate');
    expect(refusal(() => toItem(movie({ expiresAt: new Date(NaN) }))).code).toBe('value.invalidDate');
  });

  it('refuses functions, symbols and undecorated class instances in `any`', () => {
    class Plain {
      x = 1;
    }
    expect(refusal(() => marshallAny(() => 1, 'Thing.fn')).message).toMatch(/^Thing\.fn: a function cannot be stored: /);
    expect(refusal(() => marshallAny(Symbol('s'), 'Thing.s')).code).toBe('value.unsupported');
    expect(refusal(() => marshallAny({ inner: new Plain() }, 'Thing.v')).message).toMatch(/^Thing\.v\.inner: an instance of Plain cannot be stored/);
  });

  it('refuses an empty Set as a list element (a list cannot skip an index)', () => {
    expect(refusal(() => marshallAny([new Set()], 'Thing.list')).message).toBe(
      'Thing.list[0]: a list element is an empty Set; DynamoDB has no empty sets: remove the element, or use an array',
    );
  });

  it('refuses an empty map key (DynamoDB has no empty attribute names), in a plain object or a Map', () => {
    expect(refusal(() => marshallAny({ a: { '': 1 } }, 'Thing.meta')).message).toBe(
      'Thing.meta.a[""]: an empty map key, which DynamoDB refuses (it has no empty attribute names): use a non-empty key');
    expect(refusal(() => marshallAny(new Map([['', 1]]), 'Thing.meta')).code).toBe('value.emptyMapKey');
  });

  it('refuses a map key over 64 KB (regression: sent, and DynamoDB Local failed it with a server error, resent 10 times)', () => {
    const long = 'k'.repeat(65_536);
    const error = refusal(() => marshallAny({ [long]: 1 }, 'Thing.meta'));
    expect(error.code).toBe('value.mapKeyTooLong');
    expect(error.message).toBe('Thing.meta["kkkkkkkkkkkkkkkkkkkk"... (65536 characters)]: a map key of 65536 bytes, which DynamoDB refuses ' +
      '(attribute names are at most 65,535 bytes): use a shorter key, or store the text as a value');
    expect(refusal(() => marshallAny(new Map([['é'.repeat(32_768), 1]]), 'Thing.meta')).code).toBe('value.mapKeyTooLong');
    expect(marshallAny({ ['k'.repeat(65_535)]: 1 }, 'Thing.meta')).toEqual({ M: { ['k'.repeat(65_535)]: { N: '1' } } });
  });

  it('names a long property in full, in the message and the issue path (regression: names over 40 characters were cut)', () => {
    @Table({ name: 'LongNames' })
    class Account { @PartitionKey({ type: 'string' }) id!: string; @Attribute({ type: 'number' }) customerPreferredNotificationChannelCount?: number; }
    const error = refusal(() => toItem(Object.assign(new Account(), { id: 'a', customerPreferredNotificationChannelCount: 'three' as never })));
    expect(error.message).toMatch(/^Account\.customerPreferredNotificationChannelCount: expected a number/);
    expect((error as unknown as ValidationError).issues[0].path).toBe('customerPreferredNotificationChannelCount');
  });

  it('refuses a non-string key in a Map', () => {
    expect(refusal(() => marshallAny(new Map([[1, 'x']]), 'Thing.map')).code).toBe('value.mapKey');
  });
});

describe('sets', () => {
  @Table()
  class Sets {
    @PartitionKey() id!: string;
    @Attribute({ type: 'numberSet' }) numbers?: Set<number | bigint>;
    @Attribute({ type: 'binarySet' }) binaries?: Set<Uint8Array>;
  }

  it('refuses number set members that are equal once encoded (1 and 1n)', () => {
    const error = refusal(() => toItem(Object.assign(new Sets(), { id: 'x', numbers: new Set<number | bigint>([1, 1n]) })));
    expect(error.message).toBe('Sets.numbers: two members of the set are the number 1 once encoded (1 and 1n, say); DynamoDB sets cannot hold duplicates: keep one of them');
    expect(error.code).toBe('value.duplicateSetMember');
  });

  it('refuses binary set members with the same content', () => {
    const error = refusal(() => toItem(Object.assign(new Sets(), { id: 'x', binaries: new Set([new Uint8Array([1, 2]), Buffer.from([1, 2])]) })));
    expect(error.message).toBe('Sets.binaries: two members of the set hold the same 2 bytes; DynamoDB sets cannot hold duplicates: keep one of them');
  });

  it('refuses a bigint member a number set could not be read back with (it is read as numbers)', () => {
    const error = refusal(() => toItem(Object.assign(new Sets(), { id: 'x', numbers: new Set<number | bigint>([2n ** 60n + 1n]) })));
    expect(error.code).toBe('value.imprecise');
    expect(error.message).toMatch(/^Sets\.numbers: the number set member 1152921504606846977n cannot be read back as a JavaScript number/);
  });

  it('refuses a number beyond 2^53 for a bigint attribute (it is no longer the integer written), accepts a safe one', () => {
    @Table()
    class Big {
      @PartitionKey() id!: string;
      @Attribute({ type: 'bigint' }) big?: bigint | number;
    }
    const error = refusal(() => toItem(Object.assign(new Big(), { id: 'x', big: 2 ** 60 + 2 })));
    expect(error.code).toBe('value.unsafeInteger');
    expect(error.message).toBe('Big.big: 1152921504606847000 is beyond 2^53, where a JavaScript number is not the integer it was written as ' +
      '(it cannot hold every integer there; this one holds 1152921504606846976): give the value as a bigint');
    expect(toItem(Object.assign(new Big(), { id: 'x', big: 2 ** 53 - 1 })).big).toEqual({ N: '9007199254740991' });
  });

  it('accepts bigints in a number set when they are distinct and read back as the numbers they are', () => {
    expect(toItem(Object.assign(new Sets(), { id: 'x', numbers: new Set<number | bigint>([1, 10n ** 21n]) })).numbers).toEqual({
      NS: ['1', '1000000000000000000000'],
    });
    // 2n ** 70n read back as a number is written 1.1805916207174113e+21: another number.
    expect(refusal(() => toItem(Object.assign(new Sets(), { id: 'x', numbers: new Set<number | bigint>([2n ** 70n]) }))).code).toBe('value.imprecise');
  });
});

describe('nesting depth', () => {
  @Table()
  class Deep {
    @PartitionKey() id!: string;
    @Attribute({ type: 'any' }) value?: unknown;
    @Attribute({ type: 'list' }) list?: unknown[];
  }

  /** `levels` maps nested in each other, with a string inside the innermost one. */
  function nestedMaps(levels: number): unknown {
    let value: unknown = 'leaf';
    for (let i = 0; i < levels; i++) value = { a: value };
    return value;
  }

  function nestedLists(levels: number): unknown[] {
    let value: unknown = 'leaf';
    for (let i = 0; i < levels; i++) value = [value];
    return value as unknown[];
  }

  it('accepts 32 levels: the attribute and 31 nested maps/lists (as DynamoDB does)', () => {
    expect(() => toItem(Object.assign(new Deep(), { id: 'd', value: nestedMaps(31) }))).not.toThrow();
    expect(() => toItem(Object.assign(new Deep(), { id: 'd', list: nestedLists(31) }))).not.toThrow();
  });

  it('refuses a 33rd level', () => {
    const error = refusal(() => toItem(Object.assign(new Deep(), { id: 'd', value: nestedMaps(32) })));
    expect(error.code).toBe('value.tooDeep');
    expect(error.message).toBe(
      `Deep.value${'.a'.repeat(31)}: maps and lists nest deeper than DynamoDB allows (32 levels: the attribute and at most 31 nested maps/lists, ` +
        "counted from the item's root, so a value written at a nested path has fewer left), or an object holds itself (a cycle): " +
        'flatten the value, or store its deepest part as a JSON string',
    );
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    expect(refusal(() => toItem(Object.assign(new Deep(), { id: 'd', value: cycle }))).message).toMatch(/or an object holds itself \(a cycle\)/);
    expect(refusal(() => toItem(Object.assign(new Deep(), { id: 'd', list: nestedLists(32) }))).code).toBe('value.tooDeep');
  });

  it('counts nested document classes as levels', () => {
    class Level {
      @Attribute({ type: () => Level }) next?: Level;
    }
    @Table()
    class Chain {
      @PartitionKey() id!: string;
      @Attribute() head?: Level;
    }
    const chain = (levels: number) => {
      let value: Level | undefined;
      for (let i = 0; i < levels; i++) value = Object.assign(new Level(), { next: value });
      return value;
    };
    expect(() => toItem(Object.assign(new Chain(), { id: 'c', head: chain(31) }))).not.toThrow();
    expect(refusal(() => toItem(Object.assign(new Chain(), { id: 'c', head: chain(32) }))).code).toBe('value.tooDeep');
  });

  it('applies the same limit to marshallAny', () => {
    expect(() => marshallAny(nestedMaps(31), 'X.v')).not.toThrow();
    expect(refusal(() => marshallAny(nestedMaps(32), 'X.v')).code).toBe('value.tooDeep');
  });
});

describe('400 KB item limit', () => {
  @Table()
  class Blob {
    @PartitionKey() id!: string;
    @Attribute() body?: string;
    @Attribute() data?: Uint8Array;
  }

  it('accepts an item of exactly 400 KB, names and values counted', () => {
    const body = 'x'.repeat(ITEM_SIZE_LIMIT - 'id'.length - 'a'.length - 'body'.length);
    const item = toItem(Object.assign(new Blob(), { id: 'a', body }));
    expect(itemSize(item)).toBe(ITEM_SIZE_LIMIT);
  });

  it('refuses one byte more with ItemTooLargeError holding the size', () => {
    const body = 'x'.repeat(ITEM_SIZE_LIMIT - 'id'.length - 'a'.length - 'body'.length + 1);
    const error = caught(() => toItem(Object.assign(new Blob(), { id: 'a', body })));
    expect(error).toBeInstanceOf(ItemTooLargeError);
    expect(error.code).toBe('value.itemTooLarge');
    expect(error.size).toBe(ITEM_SIZE_LIMIT + 1);
    expect(error.message).toMatch(/^Blob: the item is 409601 bytes; DynamoDB items are at most 400 KB \(409600 bytes, attribute names included\)/);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const body = '€'.repeat(140_000); // 3 bytes each: 420,000 bytes
    expect((caught(() => toItem(Object.assign(new Blob(), { id: 'a', body }))) as ItemTooLargeError).size).toBe(420_000 + 2 + 1 + 4);
  });

  it('counts binary bytes', () => {
    expect(caught(() => toItem(Object.assign(new Blob(), { id: 'a', data: new Uint8Array(410_000) })))).toBeInstanceOf(ItemTooLargeError);
  });

  it('does not apply to nested document codecs', () => {
    class Doc {
      @Attribute() body?: string;
    }
    expect(() => codecFor(Doc).toItem(Object.assign(new Doc(), { body: 'x'.repeat(500_000) }))).not.toThrow();
  });
});

describe('itemSize', () => {
  it('follows the developer guide', () => {
    expect(
      itemSize({
        id: { S: 'abc' }, // 2 + 3
        n: { N: '12345' }, // 1 + 4
        flag: { BOOL: true }, // 4 + 1
        l: { L: [{ S: 'xy' }] }, // 1 + 3 + 1 + 2
        m: { M: { k: { NULL: true } } }, // 1 + 3 + (1 + 1 + 1): 3 bytes per map, 1 per element
        ss: { SS: ['a', 'é'] }, // 2 + 1 + 2
        b: { B: new Uint8Array(10) }, // 1 + 10
      }),
    ).toBe(5 + 5 + 5 + 7 + 7 + 5 + 11);
  });
});

describe('key values in toItem', () => {
  @Table()
  @GlobalIndex('byEmail', { partitionKey: 'email' })
  class User {
    @PartitionKey() id!: string;
    @SortKey() at!: string;
    @Attribute({ type: 'string' }) email?: string | null; // a union: design:type is Object, so the type is explicit
    @Attribute() name?: string;
  }

  it('refuses an empty string in a table key', () => {
    const error = refusal(() => toItem(Object.assign(new User(), { id: '', at: 'x' })));
    expect(error.code).toBe('key.empty');
    expect(error.message).toBe(
      'User.id: an empty string cannot be a value of the partition key: DynamoDB refuses empty strings and binaries in table and index keys. Give the key a value',
    );
  });

  it('refuses an empty string in an index key', () => {
    const error = refusal(() => toItem(Object.assign(new User(), { id: 'a', at: 'x', email: '' })));
    expect(error.message).toBe(
      'User.email: an empty string cannot be a value of the partition key of index \"byEmail\": DynamoDB refuses empty strings and binaries in table and index keys. Give it a value, or leave it undefined (the item is then not in the index)',
    );
  });

  it('refuses key values over 2048 (partition) and 1024 (sort) bytes', () => {
    expect(() => toItem(Object.assign(new User(), { id: 'é'.repeat(1024), at: 'x' }))).not.toThrow();
    expect(refusal(() => toItem(Object.assign(new User(), { id: 'é'.repeat(1025), at: 'x' }))).message).toBe(
      'User.id: a value of the partition key is 2050 bytes (UTF-8); DynamoDB allows at most 2048 bytes: shorten it (a key is an identity: keep long text in another attribute, or key by a hash of it)',
    );
    expect(refusal(() => toItem(Object.assign(new User(), { id: 'a', at: 'x'.repeat(1025) }))).message).toBe(
      'User.at: a value of the sort key is 1025 bytes (UTF-8); DynamoDB allows at most 1024 bytes: shorten it (a key is an identity: keep long text in another attribute, or key by a hash of it)',
    );
  });

  it('refuses a missing table key with key.missing', () => {
    const error = refusal(() => toItem(Object.assign(new User(), { id: 'a' })));
    expect(error.code).toBe('key.missing');
    expect(error.message).toBe('User.at: the key has no at (the sort key); a key is { id, at }');
  });

  it('omits a null index key (the item stays out of the sparse index) but refuses a null table key', () => {
    expect(toItem(Object.assign(new User(), { id: 'a', at: 'b', email: null }))).toEqual({ id: { S: 'a' }, at: { S: 'b' } });
    expect(refusal(() => toItem(Object.assign(new User(), { id: null, at: 'b' }))).code).toBe('key.missing');
  });

  it('keeps empty strings in other attributes', () => {
    expect(toItem(Object.assign(new User(), { id: 'a', at: 'b', name: '' })).name).toEqual({ S: '' });
  });
});

describe('the size bound used to skip measuring small items', () => {
  @Table()
  class Numbers {
    @PartitionKey() id!: string;
    @Attribute({ type: 'list' }) values?: number[];
    @Attribute() a?: number;
  }

  it('never under-estimates a number (checked against the exact size of the widest doubles)', () => {
    for (const a of [-1.2345678901234567e-6, -1.2345678901234567e100, -123456789012345680000, 9007199254740991, -0.1]) {
      const item = toItem(Object.assign(new Numbers(), { id: 'x', a }));
      expect(itemSize({ a: item.a })).toBeLessThanOrEqual(1 + 12);
    }
  });

  it('catches an item over 400 KB made of many numbers in a list', () => {
    const values = Array.from({ length: 40_000 }, (_, i) => -1.2345678901234567e-6 * (i + 1));
    expect(caught(() => toItem(Object.assign(new Numbers(), { id: 'x', values })))).toBeInstanceOf(ItemTooLargeError);
  });
});
