import type { AttributeDefinition, CreateGlobalSecondaryIndexAction, CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
@Table({ name: 'Movies' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
}
@Table({ name: 'Reviews' })
class Review {
  @PartitionKey() id!: string;
}
