import 'reflect-metadata';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { codecFor, fromItem, toItem } from '../../../src/codec';
import { Attribute, PartitionKey, SortKey, Table } from '../../../src/decorators';
import { Movie, MovieInfo } from './fixtures';

class Award {
  @Attribute() name!: string;
  @Attribute({ name: 'award_year' }) year!: number;
  constructor(name: string, year: number) {
    this.name = name;
    this.year = year;
  }
}

class Cast {
  @Attribute() lead?: string;
  @Attribute({ type: () => [Award] }) awards?: Award[];
}

@Table()
class Everything {
  @PartitionKey() id!: string;
  @Attribute() text?: string;
  @Attribute() count?: number;
  @Attribute({ type: 'bigint' }) big?: bigint;
  @Attribute() flag?: boolean;
  @Attribute() bytes?: Uint8Array;
  @Attribute() buffer?: Buffer;
  @Attribute() when?: Date;
  @Attribute({ type: 'epochSeconds' }) whenSeconds?: Date;
  @Attribute({ type: 'stringSet' }) strings?: Set<string>;
  @Attribute({ type: 'numberSet' }) numbers?: Set<number>;
  @Attribute({ type: 'binarySet' }) binaries?: Set<Uint8Array>;
  @Attribute() list?: unknown[];
  @Attribute({ type: 'map' }) map?: Record<string, unknown>;
  @Attribute({ type: 'any' }) anything?: unknown;
  @Attribute() cast?: Cast;
  @Attribute({ type: () => [Award] }) awards?: Award[];
  @Attribute() nullable?: string | null;
}

const bytes = (...values: number[]) => new Uint8Array(values);

function full(): Everything {
  const e = new Everything();
  e.id = 'e1';
  e.text = 'héllo wörld ✓';
  e.count = -12.5;
  e.big = 2n ** 80n + 1n;
  e.flag = false;
  e.bytes = bytes(0, 1, 255);
  e.buffer = Buffer.from('buf');
  e.when = new Date('2024-02-29T12:34:56.789Z');
  e.whenSeconds = new Date('2030-01-01T00:00:00.000Z');
  e.strings = new Set(['a', 'b', '']);
  e.numbers = new Set([1, 2.5, -3]);
  e.binaries = new Set([bytes(1), bytes(2, 3)]);
  e.list = ['x', 1, true, null, [1, [2]], { k: 'v' }];
  e.map = { a: 1, nested: { b: [true] }, empty: {} };
  e.anything = { deep: { list: [1, 'two'], set: new Set(['s']) } };
  const cast = new Cast();
  cast.lead = 'Griffin Dunne';
  cast.awards = [new Award('Cannes', 1986)];
  e.cast = cast;
  e.awards = [new Award('BAFTA', 1987), new Award('Golden Globe', 1986)];
  e.nullable = null;
  return e;
}

describe('codec round trips', () => {
  it('encodes every kind as DynamoDB expects', () => {
    const item = codecFor(Everything).toItem(full());
    expect(item).toEqual({
      id: { S: 'e1' },
      text: { S: 'héllo wörld ✓' },
      count: { N: '-12.5' },
      big: { N: '1208925819614629174706177' },
      flag: { BOOL: false },
      bytes: { B: bytes(0, 1, 255) },
      buffer: { B: Buffer.from('buf') },
      when: { S: '2024-02-29T12:34:56.789Z' },
      whenSeconds: { N: '1893456000' },
      strings: { SS: ['a', 'b', ''] },
      numbers: { NS: ['1', '2.5', '-3'] },
      binaries: { BS: [bytes(1), bytes(2, 3)] },
      list: { L: [{ S: 'x' }, { N: '1' }, { BOOL: true }, { NULL: true }, { L: [{ N: '1' }, { L: [{ N: '2' }] }] }, { M: { k: { S: 'v' } } }] },
      map: { M: { a: { N: '1' }, nested: { M: { b: { L: [{ BOOL: true }] } } }, empty: { M: {} } } },
      anything: { M: { deep: { M: { list: { L: [{ N: '1' }, { S: 'two' }] }, set: { SS: ['s'] } } } } },
      cast: { M: { lead: { S: 'Griffin Dunne' }, awards: { L: [{ M: { name: { S: 'Cannes' }, award_year: { N: '1986' } } }] } } },
      awards: {
        L: [
          { M: { name: { S: 'BAFTA' }, award_year: { N: '1987' } } },
          { M: { name: { S: 'Golden Globe' }, award_year: { N: '1986' } } },
        ],
      },
      nullable: { NULL: true },
    });
  });

  it('decodes every kind back to the same values, as real instances', () => {
    const original = full();
    const back = codecFor(Everything).fromItem(codecFor(Everything).toItem(original));
    expect(back).toBeInstanceOf(Everything);
    expect(back.cast).toBeInstanceOf(Cast);
    expect(back.cast!.awards![0]).toBeInstanceOf(Award);
    expect(back.awards!.map((a) => a instanceof Award)).toEqual([true, true]);
    expect(back.buffer).toBeInstanceOf(Uint8Array);
    expect({ ...back, buffer: Buffer.from(back.buffer!) }).toEqual({ ...original });
  });

  it('encodes the DESIGN.md Movie with nested MovieInfo, its attribute names and the TTL in epoch seconds', () => {
    const movie = new Movie(1985, 'After Hours');
    movie.genre = 'Comedy';
    movie.rating = 7.6;
    movie.info = Object.assign(new MovieInfo(), {
      directors: ['Martin Scorsese'],
      releaseDate: new Date('1985-09-13T00:00:00.000Z'),
      rating: 7.6,
      actors: ['Griffin Dunne', 'Rosanna Arquette'],
    });
    movie.tags = new Set(['comedy', 'night']);
    movie.version = 3;
    movie.createdAt = new Date('2024-01-01T00:00:00.000Z');
    movie.expiresAt = new Date('2030-01-01T00:00:10.999Z');
    const item = toItem(movie);
    expect(item).toEqual({
      year: { N: '1985' },
      title: { S: 'After Hours' },
      genre: { S: 'Comedy' },
      rating: { N: '7.6' },
      info: {
        M: {
          directors: { L: [{ S: 'Martin Scorsese' }] },
          release_date: { S: '1985-09-13T00:00:00.000Z' },
          rating: { N: '7.6' },
          actors: { L: [{ S: 'Griffin Dunne' }, { S: 'Rosanna Arquette' }] },
        },
      },
      tags: { SS: ['comedy', 'night'] },
      version: { N: '3' },
      createdAt: { S: '2024-01-01T00:00:00.000Z' },
      expiresAt: { N: '1893456010' },
    });
    const back = fromItem(Movie, item);
    expect(back).toBeInstanceOf(Movie);
    expect(back.label()).toBe('After Hours (1985)');
    expect(back.info).toBeInstanceOf(MovieInfo);
    expect(back.info!.summary()).toBe('Martin Scorsese (7.6)');
    expect(back.info!.releaseDate).toEqual(new Date('1985-09-13T00:00:00.000Z'));
    expect(back.expiresAt).toEqual(new Date('2030-01-01T00:00:10.000Z'));
    expect(back.updatedAt).toBeUndefined();
  });

  it('hydrates without calling the constructor (required parameters do not break it)', () => {
    const back = fromItem(Movie, { year: { N: '2001' }, title: { S: 'Mulholland Drive' } });
    expect(back).toBeInstanceOf(Movie);
    expect(Object.getPrototypeOf(back)).toBe(Movie.prototype);
    expect(back.constructor).toBe(Movie);
    expect(Object.prototype.hasOwnProperty.call(back, 'constructor')).toBe(false);
    expect(back.label()).toBe('Mulholland Drive (2001)');
  });

  it('ignores attributes that are not in the schema, and leaves missing ones unset', () => {
    const back = fromItem(Movie, { year: { N: '1' }, title: { S: 't' }, legacy: { S: 'x' }, 'info.rating': { N: '1' } });
    expect(Object.keys(back).sort()).toEqual(['title', 'year']);
  });

  it('omits undefined values and empty sets, and keeps empty strings, lists and maps', () => {
    const e = new Everything();
    e.id = 'e2';
    e.text = '';
    e.strings = new Set();
    e.numbers = new Set();
    e.binaries = new Set();
    e.list = [];
    e.map = { gone: undefined };
    e.bytes = new Uint8Array(0);
    expect(codecFor(Everything).toItem(e)).toEqual({ id: { S: 'e2' }, text: { S: '' }, list: { L: [] }, map: { M: {} }, bytes: { B: new Uint8Array(0) } });
  });

  it('reads NULL as null for any kind', () => {
    const back = fromItem(Everything, { id: { S: 'x' }, count: { NULL: true }, when: { NULL: true }, cast: { NULL: true }, awards: { L: [{ NULL: true }] } });
    expect(back.count).toBeNull();
    expect(back.when).toBeNull();
    expect(back.cast).toBeNull();
    expect(back.awards).toEqual([null]);
  });

  it('accepts plain objects for nested classes and hydrates them as the class', () => {
    const item = codecFor(Everything).toItem({ id: 'p', cast: { lead: 'x', awards: [{ name: 'n', year: 1 }] } } as Everything);
    expect(item.cast).toEqual({ M: { lead: { S: 'x' }, awards: { L: [{ M: { name: { S: 'n' }, award_year: { N: '1' } } }] } } });
    const back = fromItem(Everything, item);
    expect(back.cast).toBeInstanceOf(Cast);
    expect(back.cast!.awards![0]).toBeInstanceOf(Award);
  });

  it('reads numbers written in any notation DynamoDB returns', () => {
    const back = fromItem(Everything, { id: { S: 'n' }, count: { N: '1E+3' }, big: { N: '1.5E+1' }, numbers: { NS: ['0.10', '-0'] } });
    expect(back.count).toBe(1000);
    expect(back.big).toBe(15n);
    expect(back.numbers).toEqual(new Set([0.1, 0]));
  });

  it('maps a JS Map in a map attribute, and encodes a decorated class instance inside `any` with its own names', () => {
    const e = new Everything();
    e.id = 'm';
    e.map = new Map([['k', 1]]) as unknown as Record<string, unknown>;
    e.anything = [new Award('Oscar', 2000)];
    const item = codecFor(Everything).toItem(e);
    expect(item.map).toEqual({ M: { k: { N: '1' } } });
    expect(item.anything).toEqual({ L: [{ M: { name: { S: 'Oscar' }, award_year: { N: '2000' } } }] });
  });

  it('supports recursive document classes (a tree)', () => {
    class Node {
      @Attribute() label!: string;
      @Attribute({ type: () => [Node] }) children?: Node[];
    }
    @Table()
    class Tree {
      @PartitionKey() id!: string;
      @Attribute() root?: Node;
    }
    const tree = { id: 't', root: { label: 'a', children: [{ label: 'b', children: [{ label: 'c' }] }] } } as Tree;
    const back = fromItem(Tree, toItem(Object.assign(new Tree(), tree)));
    expect(back.root).toBeInstanceOf(Node);
    expect(back.root!.children![0].children![0]).toBeInstanceOf(Node);
    expect(back.root!.children![0].children![0].label).toBe('c');
  });

  it('inherits attributes from a parent class and hydrates as the child', () => {
    @Table()
    class Base {
      @PartitionKey() id!: string;
      @Attribute() createdBy?: string;
    }
    class Child extends Base {
      @Attribute() extra?: number;
    }
    const child = Object.assign(new Child(), { id: 'c', createdBy: 'me', extra: 2 });
    const item = toItem(child);
    expect(item).toEqual({ id: { S: 'c' }, createdBy: { S: 'me' }, extra: { N: '2' } });
    expect(fromItem(Child, item)).toBeInstanceOf(Child);
  });

  it('uses one compiled codec per class', () => {
    expect(codecFor(Movie)).toBe(codecFor(Movie));
    expect(codecFor(MovieInfo)).toBe(codecFor(MovieInfo));
    expect(codecFor(Movie).schema.className).toBe('Movie');
  });

  it('round-trips a codec for a nested document class on its own (no key, no size check)', () => {
    const info = Object.assign(new MovieInfo(), { rating: 5 });
    const item: Record<string, AttributeValue> = codecFor(MovieInfo).toItem(info);
    expect(item).toEqual({ rating: { N: '5' } });
    expect(codecFor(MovieInfo).fromItem(item)).toBeInstanceOf(MovieInfo);
  });
});

describe('key attributes in toItem', () => {
  @Table()
  class Keyed {
    @PartitionKey() pk!: string;
    @SortKey() sk!: Uint8Array;
    @Attribute() note?: string;
  }

  it('keeps empty strings in non-key attributes', () => {
    expect(toItem(Object.assign(new Keyed(), { pk: 'a', sk: bytes(1), note: '' })).note).toEqual({ S: '' });
  });
});

describe('item building: every attribute present, or some missing', () => {
  @Table()
  class Trio {
    @PartitionKey() id!: string;
    @Attribute({ name: 'the count' }) count?: number;
    @Attribute() note?: string;
  }
  const trio = (values: Partial<Trio>) => Object.assign(new Trio(), values);

  it('writes the same plain item, attributes in declaration order, whichever fields are set', () => {
    const all = toItem(trio({ id: 'a', count: 2, note: 'n' }));
    expect(all).toStrictEqual({ id: { S: 'a' }, 'the count': { N: '2' }, note: { S: 'n' } });
    expect(Object.keys(all)).toEqual(['id', 'the count', 'note']);
    const some = toItem(trio({ id: 'b', note: 'n' }));
    expect(some).toStrictEqual({ id: { S: 'b' }, note: { S: 'n' } });
    expect(Object.keys(some)).toEqual(['id', 'note']);
    for (const item of [all, some]) expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
  });
});
