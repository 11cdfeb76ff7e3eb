/**
 * Models shared by the expression unit tests: the DESIGN.md Movie (reserved word `year` as the
 * partition key, a nested class with a renamed attribute, a string set), and a model whose
 * attribute names are everything DynamoDB makes awkward.
 */
import 'reflect-metadata';
import { Attribute, GlobalIndex, LocalIndex, PartitionKey, SortKey, Table, Version } from '../../../src/decorators';
import { getModelSchema } from '../../../src/metadata';

export class Actor {
  @Attribute({ name: 'full-name' }) name?: string;
  @Attribute() born?: number;
}

export class MovieInfo {
  @Attribute() directors?: string[];
  @Attribute({ name: 'release_date' }) releaseDate?: Date;
  @Attribute() rating?: number;
  @Attribute() actors?: string[];
  @Attribute({ type: () => [Actor] }) cast?: Actor[];
  @Attribute({ name: 'lead.actor' }) lead?: Actor;
}

@Table({ name: 'Movies' })
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating', projection: 'ALL' })
@LocalIndex('byViews', { sortKey: 'views' })
export class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
  @Attribute() views?: number;
  @Attribute() info?: MovieInfo;
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Attribute({ type: 'numberSet' }) scores?: Set<number>;
  @Attribute({ type: 'map' }) meta?: Record<string, unknown>;
  @Attribute() notes?: string[];
  @Attribute() poster?: Uint8Array;
  @Attribute() released?: boolean;
  @Attribute() premiere?: Date;
  @Attribute({ type: 'bigint' }) budget?: bigint;
  @Version() version?: number;

  describe(): string {
    return `${this.title} (${this.year})`;
  }
}

/** Attribute names that need escaping for every reason DynamoDB has (and one that looks like a placeholder). */
@Table({ name: 'Awkward' })
export class Awkward {
  @PartitionKey({ name: 'name' }) id!: string;
  @SortKey({ name: 'status' }) state!: string;
  @Attribute({ name: 'a.b' }) dotted?: number;
  @Attribute({ name: 'a-b' }) dashed?: number;
  @Attribute({ name: '1st' }) first?: string;
  @Attribute({ name: '🎉 party' }) party?: string;
  @Attribute({ name: 'Größe' }) size?: number;
  @Attribute({ name: '#n0' }) hash?: string;
  @Attribute({ name: ':v0' }) colon?: string;
  @Attribute({ name: 'a_b' }) underscored?: number;
}

export const movie = getModelSchema(Movie);
export const awkward = getModelSchema(Awkward);
