import 'reflect-metadata';
import {
  Attribute,
  CreatedAt,
  GlobalIndex,
  LocalIndex,
  PartitionKey,
  SortKey,
  Table,
  TimeToLive,
  UpdatedAt,
  Version,
} from '../../../src/decorators';
import { ModelError } from '../../../src/errors/classes';
import { getModelSchema } from '../../../src/metadata/schema';
import type { Constructor } from '../../../src/metadata/types';
import { createTableInput, groupByTable, tableDefinition } from '../../../src/table';

const input = (prefix: string, ...models: Constructor[]) => createTableInput(models.map((m) => getModelSchema(m)), prefix);

/** The ModelError thrown by `fn`, so tests can look at its problems. */
function modelErrorOf(fn: () => unknown): ModelError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error('expected a ModelError');
}

class MovieInfo {
  @Attribute() directors?: string[];
  @Attribute({ name: 'release_date' }) releaseDate?: Date;
  @Attribute() rating?: number;
  @Attribute() actors?: string[];
}

@Table({ name: 'Movies' })
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating', projection: 'ALL' })
class Movie {
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
}

describe('createTableInput', () => {
  it('a table with a partition key only', () => {
    @Table()
    class Simple {
      @PartitionKey() id!: string;
      @Attribute() note?: string;
    }
    expect(input('', Simple)).toEqual({
      TableName: 'Simple',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('the Movie model of DESIGN.md, with its GSI byGenre and the prefix', () => {
    expect(input('dev-', Movie)).toEqual({
      TableName: 'dev-Movies',
      AttributeDefinitions: [
        { AttributeName: 'year', AttributeType: 'N' },
        { AttributeName: 'title', AttributeType: 'S' },
        { AttributeName: 'genre', AttributeType: 'S' },
        { AttributeName: 'rating', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'year', KeyType: 'HASH' },
        { AttributeName: 'title', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byGenre',
          KeySchema: [
            { AttributeName: 'genre', KeyType: 'HASH' },
            { AttributeName: 'rating', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('reports the TTL attribute of the table next to the input', () => {
    expect(tableDefinition([getModelSchema(Movie)], 'dev-')).toMatchObject({ ttlAttribute: 'expiresAt', models: ['Movie'] });
  });

  it('a local index: the table partition key, its own sort key, attribute names not property names', () => {
    @Table({ name: 'Orders' })
    @LocalIndex('byDate', { sortKey: 'placedOn', projection: 'KEYS_ONLY' })
    class Order {
      @PartitionKey({ name: 'customer_id' }) customerId!: string;
      @SortKey({ name: 'order_id' }) orderId!: string;
      @Attribute({ name: 'placed_on' }) placedOn?: Date;
    }
    expect(input('', Order)).toEqual({
      TableName: 'Orders',
      AttributeDefinitions: [
        { AttributeName: 'customer_id', AttributeType: 'S' },
        { AttributeName: 'order_id', AttributeType: 'S' },
        { AttributeName: 'placed_on', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'customer_id', KeyType: 'HASH' },
        { AttributeName: 'order_id', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      LocalSecondaryIndexes: [
        {
          IndexName: 'byDate',
          KeySchema: [
            { AttributeName: 'customer_id', KeyType: 'HASH' },
            { AttributeName: 'placed_on', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
  });

  it('provisioned billing: the table and every GSI get capacity (its own, else the table\'s)', () => {
    @Table({ name: 'Metered', billing: { read: 5, write: 2 } })
    @GlobalIndex('byOwner', { partitionKey: 'owner' })
    @GlobalIndex('byKind', { partitionKey: 'kind', throughput: { read: 1, write: 1 } })
    class Metered {
      @PartitionKey() id!: bigint;
      @Attribute() owner?: string;
      @Attribute() kind?: number;
    }
    expect(input('', Metered)).toEqual({
      TableName: 'Metered',
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'N' },
        { AttributeName: 'kind', AttributeType: 'N' },
        { AttributeName: 'owner', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byKind',
          KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        },
        {
          IndexName: 'byOwner',
          KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
        },
      ],
    });
  });

  it('an INCLUDE projection lists attribute names', () => {
    @Table({ name: 'Products' })
    @GlobalIndex('byCategory', { partitionKey: 'category', sortKey: 'price', projection: ['title', 'stock'] })
    class Product {
      @PartitionKey() sku!: string;
      @Attribute({ name: 'cat' }) category?: string;
      @Attribute() price?: number;
      @Attribute() title?: string;
      @Attribute({ name: 'qty' }) stock?: number;
    }
    expect(input('', Product)).toEqual({
      TableName: 'Products',
      AttributeDefinitions: [
        { AttributeName: 'sku', AttributeType: 'S' },
        { AttributeName: 'cat', AttributeType: 'S' },
        { AttributeName: 'price', AttributeType: 'N' },
      ],
      KeySchema: [{ AttributeName: 'sku', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byCategory',
          KeySchema: [
            { AttributeName: 'cat', KeyType: 'HASH' },
            { AttributeName: 'price', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['title', 'qty'] },
        },
      ],
    });
  });

  it('stream, tags, table class and deletion protection', () => {
    @Table({
      name: 'Events',
      stream: 'NEW_AND_OLD_IMAGES',
      tags: { team: 'core', env: 'dev' },
      tableClass: 'STANDARD_INFREQUENT_ACCESS',
      deletionProtection: true,
    })
    class Event {
      @PartitionKey() id!: Uint8Array;
    }
    expect(input('', Event)).toEqual({
      TableName: 'Events',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'B' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TableClass: 'STANDARD_INFREQUENT_ACCESS',
      Tags: [
        { Key: 'team', Value: 'core' },
        { Key: 'env', Value: 'dev' },
      ],
      DeletionProtectionEnabled: true,
    });
  });

  it('two models sharing a table: one key, their GSIs merged by name, each attribute defined once', () => {
    @Table({ name: 'App' })
    @GlobalIndex('gsi1', { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' })
    @GlobalIndex('byEmail', { partitionKey: 'email', projection: 'KEYS_ONLY' })
    class User {
      @PartitionKey({ name: 'pk' }) userId!: string;
      @SortKey({ name: 'sk' }) kind!: string;
      @Attribute() email?: string;
      @Attribute() gsi1pk?: string;
      @Attribute() gsi1sk?: string;
    }
    @Table({ name: 'App' })
    @GlobalIndex('gsi1', { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' })
    @GlobalIndex('byStatus', { partitionKey: 'status', sortKey: 'total' })
    class Order {
      @PartitionKey({ name: 'pk' }) owner!: string;
      @SortKey({ name: 'sk' }) orderId!: string;
      @Attribute() status?: string;
      @Attribute() total?: number;
      @Attribute() gsi1pk?: string;
      @Attribute() gsi1sk?: string;
    }
    expect(input('', User, Order)).toEqual({
      TableName: 'App',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'email', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'total', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byEmail',
          KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'byStatus',
          KeySchema: [
            { AttributeName: 'status', KeyType: 'HASH' },
            { AttributeName: 'total', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });
});

describe('createTableInput refuses models that cannot share a table', () => {
  @Table({ name: 'Shared' })
  @GlobalIndex('byTag', { partitionKey: 'tag' })
  class Base {
    @PartitionKey({ name: 'pk' }) id!: string;
    @SortKey({ name: 'sk' }) sk!: string;
    @Attribute() tag?: string;
    @TimeToLive({ name: 'ttl' }) expires?: number;
  }

  it('different table keys', () => {
    @Table({ name: 'Shared' })
    class NumericKey {
      @PartitionKey({ name: 'pk' }) id!: number;
    }
    const error = modelErrorOf(() => input('', Base, NumericKey));
    expect(error.problems).toHaveLength(1);
    expect(error.code).toBe('model.tableMismatch');
    expect(error.message).toBe(
      'Base and NumericKey share table "Shared" but declare different table keys (Base: HASH "pk" (S), RANGE "sk" (S); ' +
        'NumericKey: HASH "pk" (N)): models sharing a table must agree on its keys and options.',
    );
  });

  it('a class defined twice (hot reload, jest.resetModules) is named as such, not as "Movie and Movie"', () => {
    const defineMovie = (withYear: boolean) => {
      @Table({ name: 'Reloaded' })
      class Movie {
        @PartitionKey({ type: 'string' }) id!: string;
      }
      if (withYear) SortKey({ type: 'number' })(Movie.prototype, 'year');
      return Movie;
    };
    const error = modelErrorOf(() => input('', defineMovie(false), defineMovie(true)));
    expect(error.code).toBe('model.tableMismatch');
    expect(error.message).toContain('two different classes named Movie share table "Reloaded" but declare different table keys');
    expect(error.message).toContain('the class was defined twice (a module loaded again: hot reload, jest.resetModules');
  });

  it('different options, one index declared two ways, another TTL attribute — all reported together', () => {
    @Table({ name: 'Shared', billing: { read: 1, write: 1 }, stream: 'KEYS_ONLY' })
    @GlobalIndex('byTag', { partitionKey: 'tag', projection: 'KEYS_ONLY', throughput: { read: 1, write: 1 } })
    class Other {
      @PartitionKey({ name: 'pk' }) id!: string;
      @SortKey({ name: 'sk' }) sk!: string;
      @Attribute() tag?: string;
      @TimeToLive({ name: 'expires_at' }) expires?: number;
    }
    const error = modelErrorOf(() => input('', Base, Other));
    expect(error.problems.map((p) => p.code)).toEqual(['model.tableMismatch', 'model.tableMismatch', 'model.tableMismatch']);
    expect(error.problems.map((p) => p.message)).toEqual([
      'Base and Other share table "Shared" but declare different @Table options (billing: "PAY_PER_REQUEST" in Base, ' +
        '{"read":1,"write":1} in Other; stream: not set in Base, "KEYS_ONLY" in Other): models sharing a table must agree on its keys and options.',
      'Base and Other share table "Shared" but have different @TimeToLive attributes ("ttl" in Base, "expires_at" in Other): ' +
        'a table has one TTL attribute: models sharing a table must agree on its keys and options.',
      'Base and Other share table "Shared" but declare index "byTag" differently (Base: global HASH "tag" (S), ALL; ' +
        'Other: global HASH "tag" (S), KEYS_ONLY, capacity 1/1): models sharing a table must agree on its keys and options.',
    ]);
  });

  it('two different indexes using one attribute with two types', () => {
    @Table({ name: 'Shared' })
    @GlobalIndex('byTagAndCount', { partitionKey: 'label', sortKey: 'count' })
    class Counted {
      @PartitionKey({ name: 'pk' }) id!: string;
      @SortKey({ name: 'sk' }) sk!: string;
      @Attribute({ name: 'tag' }) label?: number;
      @Attribute() count?: number;
    }
    const error = modelErrorOf(() => input('', Base, Counted));
    expect(error.message).toBe(
      'Base and Counted share table "Shared" but use attribute "tag" as a key with different types (S in Base, N in Counted ' +
        'as partition key of index "byTagAndCount"): models sharing a table must agree on its keys and options.',
    );
  });

  it("another model's attribute stored under an index key's name with another type, or no scalar (DynamoDB: \"Type mismatch for Index Key\")", () => {
    @Table({ name: 'KeyTypes' })
    @GlobalIndex('gsi1', { partitionKey: 'g' })
    class Keyed { @PartitionKey() pk!: string; @Attribute({ name: 'gsi1pk' }) g?: string; }
    @Table({ name: 'KeyTypes' })
    class Counter {
      @PartitionKey() pk!: string;
      @Attribute({ name: 'gsi1pk' }) count?: number;
      @Attribute({ name: 'pk2' }) fine?: boolean;
    }
    @Table({ name: 'KeyTypes' })
    class Lister { @PartitionKey() pk!: string; @Attribute({ name: 'gsi1pk', type: 'list' }) items?: string[]; }
    /** Its values' type is not fixed by the model ('any'): they may be strings, so it is left to DynamoDB. */
    @Table({ name: 'KeyTypes' })
    class Free { @PartitionKey() pk!: string; @Attribute({ name: 'gsi1pk', type: 'any' }) anything?: unknown; }
    const error = modelErrorOf(() => input('', Keyed, Counter, Lister, Free));
    expect(error.problems.map((p) => p.message)).toEqual([
      'Keyed and Counter share table "KeyTypes" but store attribute "gsi1pk" differently: it is the partition key of index "gsi1" (S) in Keyed, ' +
        'and Counter.count stores a number (N) there, a write DynamoDB refuses ("Type mismatch for Index Key"): models sharing a table must agree on its keys and options.',
      'Keyed and Lister share table "KeyTypes" but store attribute "gsi1pk" differently: it is the partition key of index "gsi1" (S) in Keyed, ' +
        'and Lister.items stores a list (not a string, number or binary) there, a write DynamoDB refuses ("Type mismatch for Index Key"): models sharing a table must agree on its keys and options.',
    ]);
  });

  it('a model without an entity type storing a property where the entity models keep their types', () => {
    @Table({ name: 'Typed', entity: 'X' })
    class Tagged { @PartitionKey() pk!: string; }
    @Table({ name: 'Typed' })
    class Untagged { @PartitionKey() pk!: string; @Attribute({ name: '_entity' }) kind?: string; }
    expect(modelErrorOf(() => input('', Tagged, Untagged)).message).toBe(
      'Tagged and Untagged share table "Typed" but Untagged.kind is stored as "_entity", the attribute where Tagged keeps its entity type, ' +
        'so its values would make items read as another entity\'s: rename the property\'s attribute (@Attribute({ name })): models sharing a table must agree on its keys and options.',
    );
  });

  it('a GSI with its own throughput on an on-demand table', () => {
    @Table({ name: 'OnDemand' })
    @GlobalIndex('byTag', { partitionKey: 'tag', throughput: { read: 3, write: 3 } })
    class OnDemand {
      @PartitionKey() id!: string;
      @Attribute() tag?: string;
    }
    const error = modelErrorOf(() => input('', OnDemand));
    expect(error.code).toBe('model.indexThroughputOnDemand');
    expect(error.message).toContain('Remove the index\'s throughput, or give @Table billing: { read, write }');
  });

  it('a table prefix that makes the name invalid', () => {
    const bad = modelErrorOf(() => input('dev/', Movie));
    expect(bad.code).toBe('model.badPrefixedTableName');
    expect(bad.message).toBe(
      'Movie: table name "dev/Movies" (tablePrefix "dev/" + "Movies") is not allowed: the tablePrefix makes it invalid ' +
        '(DynamoDB table names are 3 to 255 characters of [a-zA-Z0-9_.-]). Use a prefix of those characters only, ' +
        'short enough that prefix and table name together stay within 255 characters.',
    );
    expect(modelErrorOf(() => input('x'.repeat(250), Movie)).code).toBe('model.badPrefixedTableName');
    expect(input('x'.repeat(249), Movie).TableName).toHaveLength(255);
  });

  it('no schema at all', () => {
    expect(() => createTableInput([], '')).toThrow('createTableInput needs at least one model schema.');
  });
});

describe('groupByTable', () => {
  it('groups by prefixed table name in first-seen order and lists a schema once', () => {
    @Table({ name: 'Movies' })
    class MovieReview {
      @PartitionKey({ name: 'year' }) year!: number;
      @SortKey({ name: 'title' }) key!: string;
    }
    @Table()
    class Lonely {
      @PartitionKey() id!: string;
    }
    const movie = getModelSchema(Movie);
    const review = getModelSchema(MovieReview);
    const lonely = getModelSchema(Lonely);
    const groups = groupByTable([movie, lonely, review, movie], 'p-');
    expect([...groups.keys()]).toEqual(['p-Movies', 'p-Lonely']);
    expect(groups.get('p-Movies')).toEqual([movie, review]);
    expect(groups.get('p-Lonely')).toEqual([lonely]);
  });
});
