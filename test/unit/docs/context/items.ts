@Table({ name: 'Movies' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
  @Attribute() views?: number;
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Attribute() legacy?: string;
  @Attribute() info?: MovieInfo;
  @Version() version?: number;
}
class MovieInfo {
  @Attribute() rating?: number;
}
declare const key: { year: number; title: string };
declare const movie: Movie;
