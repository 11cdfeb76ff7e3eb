import 'reflect-metadata';
import { Exclude, Type } from 'class-transformer';
import { codecFor, encodeAttribute, fromItem, toItem } from '../../../src/codec';
import { Attribute, PartitionKey, Table } from '../../../src/decorators';
import { getModelSchema } from '../../../src/metadata';
import { caught } from './fixtures';

class Address {
  @Attribute() city?: string;
  @Attribute({ name: 'zip_code' }) zip?: string;
  where(): string {
    return `${this.city} ${this.zip}`;
  }
}

interface AddressLike {
  city?: string;
}

@Table()
class Customer {
  @PartitionKey() id!: string;
  @Attribute() name?: string;
  @Exclude() @Attribute() password?: string;
  @Attribute() @Exclude({ toPlainOnly: true }) legacyNote?: string;
  @Attribute() @Exclude({ toClassOnly: true }) writeOnly?: string;
  // design:type is Object (an interface): @Type names the class
  @Type(() => Address) @Attribute() home?: AddressLike;
  // design:type is Array: @Type names the element class
  @Attribute() @Type(() => Address) previous?: Address[];
  // design:type Object (a union) + @Type(() => Date)
  @Attribute() @Type(() => Date) seen?: Date | string;
  // an explicit dynamap type wins over @Type
  @Type(() => Address) @Attribute({ type: 'any' }) raw?: unknown;
}

describe('class-transformer interop', () => {
  const customer = () =>
    Object.assign(new Customer(), {
      id: 'c',
      name: 'Ann',
      password: 'secret',
      legacyNote: 'old',
      writeOnly: 'w',
      home: Object.assign(new Address(), { city: 'Lyon', zip: '69000' }),
      previous: [Object.assign(new Address(), { city: 'Nice', zip: '06000' })],
      seen: new Date('2024-01-01T00:00:00.000Z'),
      raw: { city: 'Paris' },
    });

  it('does not store a property marked @Exclude(), even with @Attribute', () => {
    const item = toItem(customer());
    expect(item.password).toBeUndefined();
    expect(fromItem(Customer, { id: { S: 'c' }, password: { S: 'leaked' } }).password).toBeUndefined();
  });

  it('honours toPlainOnly (not written, still read) and toClassOnly (written, not read)', () => {
    const item = toItem(customer());
    expect(item.legacyNote).toBeUndefined();
    expect(item.writeOnly).toEqual({ S: 'w' });
    const back = fromItem(Customer, { id: { S: 'c' }, legacyNote: { S: 'old' }, writeOnly: { S: 'w' } });
    expect(back.legacyNote).toBe('old');
    expect(back.writeOnly).toBeUndefined();
  });

  it('uses @Type(() => X) for the nested class of an Object- or Array-typed property', () => {
    const item = toItem(customer());
    expect(item.home).toEqual({ M: { city: { S: 'Lyon' }, zip_code: { S: '69000' } } });
    expect(item.previous).toEqual({ L: [{ M: { city: { S: 'Nice' }, zip_code: { S: '06000' } } }] });
    const back = fromItem(Customer, item);
    expect(back.home).toBeInstanceOf(Address);
    expect((back.home as Address).where()).toBe('Lyon 69000');
    expect(back.previous![0]).toBeInstanceOf(Address);
    expect(back.seen).toEqual(new Date('2024-01-01T00:00:00.000Z'));
  });

  it('lets an explicit dynamap type win over @Type', () => {
    const item = toItem(customer());
    expect(item.raw).toEqual({ M: { city: { S: 'Paris' } } });
    expect(fromItem(Customer, item).raw).not.toBeInstanceOf(Address);
  });

  it('applies @Type to encodeAttribute once the class codec is compiled', () => {
    codecFor(Customer);
    const home = getModelSchema(Customer).byProperty.get('home')!;
    expect(encodeAttribute(home, { city: 'Metz', zip: '57000' }, 'Customer.home')).toEqual({
      M: { city: { S: 'Metz' }, zip_code: { S: '57000' } },
    });
  });

  it('refuses @Exclude() on a key', () => {
    @Table()
    class Hidden {
      @Exclude() @PartitionKey() id!: string;
    }
    const error = caught(() => toItem(Object.assign(new Hidden(), { id: 'x' })));
    expect(error.code).toBe('model.excludedKey');
    expect(error.message).toBe("Hidden.id is a table or index key but carries class-transformer's @Exclude(): a key is always stored; remove @Exclude().");
  });
});
