@Table({ name: 'Movies' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() rating?: number;
}
@Table({ name: 'Notes' })
class Note {
  @PartitionKey() id!: string;
}
declare const movie: Movie;
declare const movies: Movie[];
declare const items: Movie[];
declare const keys: { year: number; title: string }[];
declare const movieKeys: { year: number; title: string }[];
declare const noteKeys: { id: string }[];
declare const bar: { update(done: number, total: number): void };
declare function onProgress(progress: BatchProgress): void;
declare function later(unprocessed: Movie[]): Promise<void>;
@Table({ name: 'Accounts' })
class Account {
  @PartitionKey() id!: string;
  @Attribute() balance?: number;
}
declare const id: string;
