import 'reflect-metadata';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { codecFor, encodeAttribute, encodeElement, fromItem, toItem } from '../../../src/codec';
import { Attribute, PartitionKey, Table } from '../../../src/decorators';
import { ValidationError } from '../../../src/errors/classes';
import { defineModel, getModelSchema } from '../../../src/metadata';
import type { Converter } from '../../../src/metadata/types';
import { caught, Movie } from './fixtures';

enum Status {
  Draft = 'draft',
  Live = 'live',
}

enum Priority {
  Low = 1,
  High = 2,
}

let counter = 0;

class Settings {
  @Attribute({ default: 'dark' }) theme?: string;
  @Attribute({ required: true }) owner?: string;
}

@Table()
class Task {
  @PartitionKey() id!: string;
  @Attribute({ default: 'untitled' }) title?: string;
  @Attribute({ default: () => ++counter }) sequence?: number;
  @Attribute({ default: () => new Date('2020-01-01T00:00:00.000Z') }) due?: Date;
  @Attribute({ required: true }) owner?: string;
  @Attribute({ type: 'string', enum: Status }) status?: Status;
  @Attribute({ type: 'number', enum: Priority }) priority?: Priority;
  @Attribute({ type: 'stringSet', enum: ['a', 'b'] }) labels?: Set<string>;
  @Attribute({ type: 'stringSet', required: true, default: () => new Set(['x']) }) marks?: Set<string>;
  @Attribute() settings?: Settings;
}

function task(changes: Partial<Task> = {}): Task {
  return Object.assign(new Task(), { id: 't', owner: 'me' }, changes);
}

describe('defaults', () => {
  it('writes defaults for undefined values in the output, without touching the entity', () => {
    const entity = task();
    const item = toItem(entity);
    expect(item.title).toEqual({ S: 'untitled' });
    expect(item.due).toEqual({ S: '2020-01-01T00:00:00.000Z' });
    expect(item.marks).toEqual({ SS: ['x'] });
    expect(entity.title).toBeUndefined();
    expect(entity.sequence).toBeUndefined();
  });

  it('calls a default function on every write', () => {
    const first = Number(toItem(task()).sequence!.N);
    const second = Number(toItem(task()).sequence!.N);
    expect(second).toBe(first + 1);
  });

  it('does not replace a given value, nor null', () => {
    const item = toItem(task({ title: 'mine', sequence: null as unknown as number }));
    expect(item.title).toEqual({ S: 'mine' });
    expect(item.sequence).toEqual({ NULL: true });
  });

  it('applies in nested classes too', () => {
    expect(toItem(task({ settings: { owner: 'o' } as Settings })).settings).toEqual({ M: { theme: { S: 'dark' }, owner: { S: 'o' } } });
  });
});

describe('required', () => {
  it('refuses undefined when there is no default', () => {
    const error = caught(() => toItem(task({ owner: undefined })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('value.required');
    expect(error.message).toBe('Task.owner: is required but is undefined and has no default: give it a value (or a `default` in its decorator)');
  });

  it('is checked in nested classes with the nested path', () => {
    expect(caught(() => toItem(task({ settings: new Settings() }))).message).toMatch(/^Task\.settings\.owner: is required/);
  });

  it('is satisfied by a default', () => {
    expect(() => toItem(task({ marks: undefined }))).not.toThrow();
  });

  it('refuses an empty set for a required set (an empty set is not stored)', () => {
    expect(caught(() => toItem(task({ marks: new Set() }))).code).toBe('value.required');
  });
});

describe('enums', () => {
  it('accepts values of a string or numeric TypeScript enum', () => {
    const item = toItem(task({ status: Status.Live, priority: Priority.High }));
    expect(item.status).toEqual({ S: 'live' });
    expect(item.priority).toEqual({ N: '2' });
    expect(fromItem(Task, item).status).toBe(Status.Live);
  });

  it('refuses a value outside the enum, listing the allowed ones', () => {
    const error = caught(() => toItem(task({ status: 'gone' as Status })));
    expect(error.code).toBe('value.enum');
    expect(error.message).toBe('Task.status: the string "gone" is not one of the allowed values ("draft", "live")');
    expect(caught(() => toItem(task({ priority: 3 as Priority }))).message).toBe('Task.priority: the number 3 is not one of the allowed values (1, 2)');
  });

  it('checks every member of a set', () => {
    expect(caught(() => toItem(task({ labels: new Set(['a', 'z']) }))).message).toBe(
      'Task.labels: the string "z" is not one of the allowed values ("a", "b")',
    );
  });

  it('is checked by encodeAttribute and encodeElement too', () => {
    const schema = getModelSchema(Task);
    expect(caught(() => encodeAttribute(schema.byProperty.get('status')!, 'x', 'Task.status')).code).toBe('value.enum');
    expect(caught(() => encodeElement(schema.byProperty.get('labels')!, 'z', 'Task.labels')).code).toBe('value.enum');
    expect(encodeElement(schema.byProperty.get('labels')!, 'a', 'Task.labels')).toEqual({ S: 'a' });
  });
});

describe('converters', () => {
  class Money {
    constructor(readonly cents: bigint, readonly currency: string) {}
  }
  const money = {
    toDynamo: (m: Money): AttributeValue => ({ S: `${m.cents} ${m.currency}` }),
    fromDynamo: (v: AttributeValue): Money => {
      const [cents, currency] = v.S!.split(' ');
      return new Money(BigInt(cents), currency);
    },
  };

  @Table()
  class Invoice {
    @PartitionKey() id!: string;
    @Attribute({ converter: money }) total?: Money;
    @Attribute({
      converter: {
        toDynamo: () => {
          throw new Error('no way');
        },
        fromDynamo: () => {
          throw new Error('cannot read');
        },
      } as Converter<string>,
    })
    broken?: string;
    // A converter that breaks its contract, as one typed loosely (any, a cast) can.
    @Attribute({ converter: { toDynamo: () => 'S' as unknown as AttributeValue, fromDynamo: () => 1 } as unknown as Converter<string> }) wrong?: string;
  }

  it('have full control over how an attribute is stored', () => {
    const item = toItem(Object.assign(new Invoice(), { id: 'i', total: new Money(12345678901234567890n, 'EUR') }));
    expect(item.total).toEqual({ S: '12345678901234567890 EUR' });
    const back = fromItem(Invoice, item);
    expect(back.total).toBeInstanceOf(Money);
    expect(back.total!.cents).toBe(12345678901234567890n);
  });

  it('are used by encodeAttribute', () => {
    const attr = getModelSchema(Invoice).byProperty.get('total')!;
    expect(encodeAttribute(attr, new Money(1n, 'USD'), 'Invoice.total')).toEqual({ S: '1 USD' });
    expect(encodeAttribute(attr, undefined, 'Invoice.total')).toBeUndefined();
  });

  it('report what a converter threw, with the cause kept', () => {
    const error = caught(() => toItem(Object.assign(new Invoice(), { id: 'i', broken: 'x' })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('value.converter');
    expect(error.message).toBe("Invoice.broken: the converter's toDynamo threw: no way");
    expect((error.cause as Error).message).toBe('no way');
    expect(caught(() => fromItem(Invoice, { id: { S: 'i' }, broken: { S: 'x' } })).message).toBe(
      "Invoice.broken: the converter's fromDynamo threw: cannot read",
    );
  });

  it('refuse a result that is not an AttributeValue', () => {
    expect(caught(() => toItem(Object.assign(new Invoice(), { id: 'i', wrong: 'x' }))).message).toBe(
      "Invoice.wrong: the converter's toDynamo returned the string \"S\", not an AttributeValue such as { S: '...' }",
    );
  });

  it('refuse an AttributeValue DynamoDB would refuse, naming what is wrong', () => {
    const returning = (result: unknown) => {
      @Table({ name: 'Converted' })
      class Converted {
        @PartitionKey({ type: 'string' }) id!: string;
        @Attribute({ converter: { toDynamo: () => result as AttributeValue, fromDynamo: (): unknown => 1 } }) v?: unknown;
      }
      return caught(() => toItem(Object.assign(new Converted(), { id: 'c', v: 1 }))).message;
    };
    const prefix = "Converted.v: the converter's toDynamo returned something DynamoDB would refuse: ";
    expect(returning({ S: 5 })).toBe(`${prefix}S holds the number 5, not a string`);
    expect(returning({})).toBe(`${prefix}an AttributeValue has exactly one of S, N, B, SS, NS, BS, M, L, NULL, BOOL; this one has none`);
    expect(returning({ S: 'a', N: '1' })).toMatch(/this one has S, N$/);
    expect(returning({ SS: [] })).toBe(`${prefix}SS is empty (DynamoDB has no empty sets: return undefined to store nothing)`);
    expect(returning({ SS: ['a', 'a'] })).toBe(`${prefix}SS holds "a" twice (DynamoDB sets cannot hold duplicates)`);
    expect(returning({ N: 'abc' })).toMatch(/^Converted\.v: /);
    expect(returning({ M: { a: { L: [{ S: 1 }] } } })).toBe(`${prefix}S holds the number 1, not a string`);
    expect(returning({ M: { '': { S: 'x' } } })).toMatch(/an empty map key/);
  });
});

describe('explicit types (what esbuild/tsx users write) and defineModel', () => {
  it('works without decorator metadata', () => {
    class Plain {
      id!: string;
      when?: Date;
      tags?: Set<string>;
    }
    defineModel(Plain, {
      table: { name: 'plain' },
      attributes: { id: { role: 'partitionKey', type: 'string' }, when: { type: 'date', name: 'when_at' }, tags: { type: 'stringSet' } },
    });
    const item = toItem(Object.assign(new Plain(), { id: 'p', when: new Date(0), tags: new Set(['a']) }));
    expect(item).toEqual({ id: { S: 'p' }, when_at: { S: '1970-01-01T00:00:00.000Z' }, tags: { SS: ['a'] } });
    expect(fromItem(Plain, item).when).toEqual(new Date(0));
  });

  it('refuses to encode what is not an object', () => {
    expect(caught(() => codecFor(Movie).toItem(null as unknown as Movie)).message).toBe('Movie: expected an object (a Movie), got null');
    expect(caught(() => toItem(5 as unknown as object)).code).toBe('value.type');
  });

  it('throws the ModelError of a class that is not a model', () => {
    class Nothing {}
    expect(caught(() => toItem(new Nothing())).code).toBe('model.noTable');
    expect(caught(() => toItem({ a: 1 })).code).toBe('model.noTable');
  });
});
