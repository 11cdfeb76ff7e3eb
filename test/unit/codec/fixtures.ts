/** Models shared by the codec tests (the DESIGN.md Movie model among them) and a helper to catch errors. */
import 'reflect-metadata';
import {
  Attribute, CreatedAt, GlobalIndex, PartitionKey, SortKey, Table, TimeToLive, UpdatedAt, Version,
} from '../../../src/decorators';

export class MovieInfo {
  @Attribute() directors?: string[];
  @Attribute({ name: 'release_date' }) releaseDate?: Date;
  @Attribute() rating?: number;
  @Attribute() actors?: string[];

  /** A method, to show hydrated instances are real MovieInfo objects. */
  summary(): string {
    return `${this.directors?.join(', ') ?? '?'} (${this.rating ?? '-'})`;
  }
}

@Table({ name: 'Movies' })
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating', projection: 'ALL' })
export class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
  @Attribute() info?: MovieInfo;
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Version() version?: number;
  @CreatedAt() createdAt?: Date;
  @UpdatedAt() updatedAt?: Date;
  @TimeToLive() expiresAt?: Date;

  /** A constructor with required parameters: hydration must not call it. */
  constructor(year: number, title: string) {
    if (typeof year !== 'number' || typeof title !== 'string') throw new Error('Movie needs a year and a title');
    this.year = year;
    this.title = title;
  }

  label(): string {
    return `${this.title} (${this.year})`;
  }
}

/** Catches what `fn` throws (fails the test when it does not throw). */
export function caught(fn: () => unknown): Error & { code?: string; issues?: { code: string; path?: string; message: string }[]; size?: number } {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but nothing was thrown');
}
