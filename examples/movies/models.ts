/**
 * The models of the Movies walkthrough, for AWS's sample data (moviedata.json: 4,609 movies,
 * each { year, title, info: { directors, release_date, rating, genres, actors, plot, ... } }).
 */
import 'reflect-metadata';
import { IsOptional, Max, Min } from 'class-validator';
import {
  Attribute, CreatedAt, GlobalIndex, INDEXES, KEY, PartitionKey, SortKey, Table, TimeToLive, UpdatedAt, Version,
} from 'dynamap';

/** A nested document: stored as a map inside the movie, hydrated as a MovieInfo. */
export class MovieInfo {
  @Attribute() directors?: string[];
  @Attribute({ name: 'release_date' }) releaseDate?: Date;
  @Attribute() @IsOptional() @Min(0) @Max(10) rating?: number;
  @Attribute() genres?: string[];
  @Attribute({ name: 'image_url' }) imageUrl?: string;
  @Attribute() plot?: string;
  @Attribute() rank?: number;
  @Attribute({ name: 'running_time_secs' }) runningTimeSecs?: number;
  @Attribute() actors?: string[];
}

@Table({ name: 'Movies' })
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating', projection: ['title', 'year'] })
export class Movie {
  declare readonly [KEY]?: ['year', 'title'];  // optional: exact key types (get/delete/update keys, key conditions)
  declare readonly [INDEXES]?: { byGenre: ['genre', 'rating'] };  // optional: index names and their key conditions typed
  @PartitionKey() year!: number;               // `year` is a DynamoDB reserved word: it just works
  @SortKey() title!: string;
  @Attribute() genre?: string;                 // the first genre, for the byGenre index
  @Attribute() rating?: number;
  @Attribute() info?: MovieInfo;
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Version() version?: number;
  @CreatedAt() createdAt?: Date;
  @UpdatedAt() updatedAt?: Date;
  @TimeToLive() expiresAt?: Date;              // stored as epoch seconds; sync enables TTL on it

  /** Methods work: items come back as real Movie instances. */
  describe(): string {
    const rating = this.info?.rating !== undefined ? `, rated ${this.info.rating}` : '';
    return `${this.title} (${this.year})${rating}`;
  }
}

/** One record of moviedata.json. */
export interface MovieRecord {
  year: number;
  title: string;
  info: {
    directors?: string[]; release_date?: string; rating?: number; genres?: string[]; image_url?: string;
    plot?: string; rank?: number; running_time_secs?: number; actors?: string[];
  };
}

export function movieFromRecord(r: MovieRecord): Movie {
  const info = Object.assign(new MovieInfo(), {
    directors: r.info.directors,
    releaseDate: r.info.release_date ? new Date(r.info.release_date) : undefined,
    rating: r.info.rating,
    genres: r.info.genres,
    imageUrl: r.info.image_url,
    plot: r.info.plot,
    rank: r.info.rank,
    runningTimeSecs: r.info.running_time_secs,
    actors: r.info.actors,
  });
  return Object.assign(new Movie(), { year: r.year, title: r.title, genre: r.info.genres?.[0], rating: r.info.rating, info });
}
