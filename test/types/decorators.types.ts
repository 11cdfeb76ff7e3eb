/**
 * Type tests for the decorators: compiled by `npm run typecheck`. Each `@ts-expect-error` must
 * stay an error; if one stops being an error, tsc fails.
 */
import 'reflect-metadata';
import { Attribute, GlobalIndex, LocalIndex, PartitionKey, SortKey, Table } from '../../src/decorators';

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
