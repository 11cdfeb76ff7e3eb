/** Models for the CLI test: loaded by `dynamap plan|sync --models <this file>`. */
import { Attribute, GlobalIndex, PartitionKey, SortKey, Table } from 'dynamap';

@Table({ name: 'CliWidgets' })
@GlobalIndex('byColor', { partitionKey: 'color', sortKey: 'id' })
export class Widget {
  @PartitionKey() id!: string;
  @Attribute() color?: string;
}

@Table({ name: 'CliParts' })
export class Part {
  @PartitionKey() widget!: string;
  @SortKey() n!: number;
}
