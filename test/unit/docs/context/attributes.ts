class MovieInfo {
  @Attribute() rating?: number;
}
@Table({ name: 'Movies' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() info?: MovieInfo;
}
declare const movie: Movie;
