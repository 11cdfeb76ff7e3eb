@Table({ name: 'Movies' })
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
}
@Table({ name: 'Orders' })
class Order {
  @PartitionKey() customerId!: string;
  @SortKey() orderId!: string;
}
declare const customerId: string;
declare const req: { query: { cursor?: string } };
declare const res: { json(body: unknown): void };
