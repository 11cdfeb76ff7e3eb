@Table({ name: 'Orders' })
class Order {
  @PartitionKey() id!: string;
  @Attribute() total?: number;
}
@Table({ name: 'Accounts' })
class Account {
  @PartitionKey() id!: string;
  @Attribute() balance?: number;
}
@Table({ name: 'Carts' })
class Cart {
  @PartitionKey() id!: string;
}
@Table({ name: 'Customers' })
class Customer {
  @PartitionKey() id!: string;
  @Attribute() status?: string;
}
@Table({ name: 'Movies' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
}
@Table({ name: 'Notes' })
class Note {
  @PartitionKey() id!: string;
}
declare const order: Order;
declare const customer: Customer;
declare const orderId: string;
