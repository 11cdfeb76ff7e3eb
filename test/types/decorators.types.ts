/**
 * Type tests for the decorators: compiled by `npm run typecheck`. Each `@ts-expect-error` must
 * stay an error; if one stops being an error, tsc fails.
 */
import 'reflect-metadata';
import type { Converter } from '../../src';
import { Attribute, CreatedAt, GlobalIndex, LocalIndex, PartitionKey, SortKey, Table, TimeToLive, UpdatedAt, Version } from '../../src/decorators';

@Table()
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating' })
@LocalIndex('byRating', { sortKey: 'rating', projection: ['genre'] })
export class GoodModel {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
}

// @ts-expect-error a misspelt index partition key is a compile error
@GlobalIndex('byGenre', { partitionKey: 'genr' })
export class MisspeltPartitionKey {
  @PartitionKey() genre!: string;
}

// @ts-expect-error a misspelt LSI sort key is a compile error
@LocalIndex('byRating', { sortKey: 'ratin' })
export class MisspeltSortKey {
  @PartitionKey() id!: string;
  @Attribute() rating?: number;
}

// @ts-expect-error billing takes 'PAY_PER_REQUEST' or { read, write }
@Table({ billing: 'ON_DEMAND' })
export class BadBilling {
  @PartitionKey() id!: string;
}

// Projected properties are checked like the keys.
@Table()
@GlobalIndex('byGenre', { partitionKey: 'genre', projection: ['rating'] })
export class ProjectedProperty {
  @PartitionKey() id!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
}

// @ts-expect-error a misspelt projected property is a compile error
@GlobalIndex('byGenre', { partitionKey: 'genre', projection: ['ratin'] })
export class MisspeltProjection {
  @PartitionKey() id!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
}

// The mapper's own properties must have the type it writes there.
@Table()
export class Lifecycle {
  @PartitionKey() id!: string;
  @Version() version?: number;
  @CreatedAt() createdAt?: Date;
  @UpdatedAt() updatedAt?: Date;
  @TimeToLive() expiresAt?: Date;
  @TimeToLive() expiresAtSeconds?: number;
  // @ts-expect-error @Version needs a number property
  @Version() badVersion?: string;
  // @ts-expect-error @CreatedAt needs a Date property
  @CreatedAt() badCreated?: number;
  // @ts-expect-error @UpdatedAt needs a Date property
  @UpdatedAt() badUpdated?: string;
  // @ts-expect-error @TimeToLive needs a Date or number property
  @TimeToLive() badTtl?: string;
  @TimeToLive({ type: 'number' }) typedSeconds?: number;
  @TimeToLive({ type: 'epochSeconds', name: 'exp' }) typedDate?: Date;
  // @ts-expect-error type 'number' holds a number, not a Date
  @TimeToLive({ type: 'number' }) badTypedSeconds?: Date;
  // @ts-expect-error type 'epochSeconds' holds a Date, not a number
  @TimeToLive({ type: 'epochSeconds' }) badTypedDate?: number;
  // A private property is not visible to the type: checked at runtime.
  @Version() private secretVersion?: number;
}

// Projected properties held in a string[] (not literal names): checked at runtime.
const columns: string[] = ['rating'];
@Table()
@GlobalIndex('byGenre', { partitionKey: 'genre', projection: columns })
export class ProjectionFromVariable {
  @PartitionKey() id!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
}

// An explicit `type` must fit the property's type (tsx/esbuild users have no design:type for the runtime check).
interface Shape { kind: string; size: number }
enum Level { Low = 1, High = 2 }
enum Color { Red = 'red' }
class Money {
  constructor(readonly cents: number) {}
}
const money: Converter<Money> = { toDynamo: (m) => ({ N: String(m.cents) }), fromDynamo: (av) => new Money(Number(av.N)) };
const nullableMoney: Converter<Money | null> = {
  toDynamo: (m) => (m === null ? { NULL: true } : { N: String(m.cents) }),
  fromDynamo: (av) => (av.NULL ? null : new Money(Number(av.N))),
};
const cents: Converter<number> = { toDynamo: (n) => ({ N: String(n) }), fromDynamo: (av) => Number(av.N) };
export class Timestamps {
  @PartitionKey() id!: string;
  @CreatedAt({ type: 'epochSeconds' }) createdAt?: Date;
  // @ts-expect-error a timestamp is stored as a date or epoch seconds, nothing else
  @UpdatedAt({ type: 'number' }) updatedAt?: Date;
}
// Keys hold strings, numbers, bigints, binaries or Dates (enums and literal unions of them too).
export class KeyKinds {
  @PartitionKey() id!: `user#${string}`;
  @SortKey() at!: Date;
}
export class BooleanKey {
  // @ts-expect-error a boolean cannot be a key
  @PartitionKey() id!: boolean;
}
export class DocumentKey {
  @PartitionKey() id!: string;
  // @ts-expect-error a document cannot be a key
  @SortKey() doc!: { a: string };
}
export class ConvertedKey {
  @PartitionKey({ converter: { toDynamo: (v: boolean) => ({ S: String(v) }), fromDynamo: (av) => av.S === 'true', keyType: 'S' } }) id!: boolean;
}
const csv = { toDynamo: (v: string[]) => ({ S: v.join(',') }), fromDynamo: (av: { S?: string }) => (av.S ?? '').split(',') };
export class ExplicitKinds {
  @Attribute({ type: 'string' }) name?: string;
  @Attribute({ type: 'string' }) color?: Color | null;
  @Attribute({ type: 'number' }) level?: Level;
  @Attribute({ type: 'bigint' }) small?: number;
  @Attribute({ type: 'bigint' }) big?: bigint;
  @Attribute({ type: 'binary' }) buffer?: Buffer;
  @Attribute({ type: 'date' }) at?: Date;
  @Attribute({ type: 'epochSeconds' }) expires?: Date;
  @Attribute({ type: 'stringSet' }) tags?: Set<'a' | 'b'>;
  @Attribute({ type: 'numberSet' }) scores?: ReadonlySet<number>;
  @Attribute({ type: 'list' }) pair?: [string, number];
  @Attribute({ type: 'list' }) names?: readonly string[];
  @Attribute({ type: 'map' }) shape?: Shape;
  @Attribute({ type: 'map' }) labels?: Map<string, string>;
  @Attribute({ type: 'any' }) anything?: string | number;
  @Attribute({ type: 'string', converter: csv }) csvTags?: string[];   // a converter decides
  @Attribute({ type: 'string', default: 'draft' }) status?: string;
  // A converter is given every value of its property but undefined: the property must fit its type.
  @Attribute({ converter: money }) total?: Money;
  @Attribute({ converter: nullableMoney }) refund?: Money | null;
  // @ts-expect-error a property that may be null needs a converter that takes null (toDynamo is given it)
  @Attribute({ converter: money }) maybeTotal?: Money | null;
  // @ts-expect-error a converter of numbers on a string property
  @Attribute({ converter: cents }) label?: string;
  // @ts-expect-error type 'number' on a string property
  @Attribute({ type: 'number' }) wrongNumber?: string;
  // @ts-expect-error type 'stringSet' on an array
  @Attribute({ type: 'stringSet' }) wrongSet?: string[];
  // @ts-expect-error type 'date' on a number
  @Attribute({ type: 'date' }) wrongDate?: number;
  // @ts-expect-error epochSeconds reads back a Date, not a number
  @Attribute({ type: 'epochSeconds' }) wrongSeconds?: number;
  // @ts-expect-error a default of another type than the kind's
  @Attribute({ type: 'string', default: 5 }) wrongDefault?: string;
}

// Options built elsewhere, typed as the wide AttributeOptions: accepted (checked at runtime).
const shared: import('../../src/metadata/types').AttributeOptions = { type: 'string', name: 'shared_name' };
export class SharedOptions {
  @Attribute(shared) value?: string;
}

// Keys with an explicit kind are checked the same way.
@Table()
export class ExplicitKeys {
  @PartitionKey({ type: 'string' }) id!: string;
  @SortKey({ type: 'number' }) at!: number;
}
@Table()
export class WrongKeys {
  // @ts-expect-error type 'number' on a string key
  @PartitionKey({ type: 'number' }) id!: string;
  // @ts-expect-error type 'string' on a Date key
  @SortKey({ type: 'string' }) at!: Date;
}

// Generic base classes (single-table designs): a generic property fits through its constraint.
export abstract class Entity<TId extends string, S extends string, V extends number> {
  @PartitionKey({ type: 'string' }) id!: TId;
  @Attribute({ type: 'string' }) status!: S;
  @Attribute({ type: 'string', default: null }) note?: string | null;
  @Version() version?: V;
  @Attribute({ type: 'stringSet', default: () => new Set<string>() }) tags?: Set<string>;
}
@Table()
export class ConcreteEntity extends Entity<'user-1', 'active', number> {
  @Attribute({ type: 'number' }) extra?: number;
}
