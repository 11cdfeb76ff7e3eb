class Customer { name!: string }
class Order { total!: number }
let total = 0;
