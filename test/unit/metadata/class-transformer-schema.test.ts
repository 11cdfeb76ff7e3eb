/**
 * class-transformer's @Type and @Exclude are schema facts: every layer (codec, expressions)
 * sees them, not only the codec.
 */
import 'reflect-metadata';
import { Exclude, Type } from 'class-transformer';
import { Attribute, GlobalIndex, ModelError, PartitionKey, Table, ValidationError, compileCondition, compileUpdate } from 'dynamap';
import { getModelSchema } from '../../../src/metadata';

class Address {
  @Attribute() city?: string;
  @Attribute({ name: 'zip_code' }) zip?: string;
}

interface HasCity { city?: string }

@Table({ name: 'People' })
class Person {
  @PartitionKey() id!: string;
  @Attribute() @Type(() => Address) home?: HasCity;          // design:type is Object (an interface)
  @Attribute() @Type(() => Address) previous?: HasCity[];    // design:type is Array
  @Attribute() @Exclude() secret?: string;
  @Attribute() @Exclude({ toPlainOnly: true }) readOnly?: string;
}

describe('class-transformer facts in the schema', () => {
  it('@Type names the nested class of an Object/Array property', () => {
    const s = getModelSchema(Person);
    expect(s.byProperty.get('home')).toMatchObject({ kind: 'document', documentClass: Address });
    expect(s.byProperty.get('previous')).toMatchObject({ kind: 'documentList', documentClass: Address });
  });

  it('so expressions map nested renamed fields of a @Type class', () => {
    expect(compileCondition(Person, { 'home.zip': '1017' } as never)).toEqual({
      expression: '#n0.#n1 = :v0', names: { '#n0': 'home', '#n1': 'zip_code' }, values: { ':v0': { S: '1017' } },
    });
  });

  it('a plain @Exclude() leaves the schema: expressions refuse the property', () => {
    expect(getModelSchema(Person).byProperty.has('secret')).toBe(false);
    expect(() => compileUpdate(Person, { secret: 'x' } as never)).toThrow(ValidationError);
  });

  it('a one-way @Exclude stays, marked', () => {
    expect(getModelSchema(Person).byProperty.get('readOnly')!.exclude).toEqual({ write: true, read: false });
  });

  it('@Exclude on an index key is a ModelError', () => {
    @Table()
    @GlobalIndex('byCode', { partitionKey: 'code' })
    class Coded { @PartitionKey() id!: string; @Attribute() @Exclude() code?: string; }
    expect(() => getModelSchema(Coded)).toThrow(ModelError);
    expect(() => getModelSchema(Coded)).toThrow(/Coded\.code is a table or index key but carries class-transformer's @Exclude\(\)/);
  });
});
