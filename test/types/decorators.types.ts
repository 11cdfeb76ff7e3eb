/**
 * Type tests for the decorators: compiled by `npm run typecheck`. Each `@ts-expect-error` must
 * stay an error; if one stops being an error, tsc fails.
 */
import 'reflect-metadata';
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
