/**
 * The generated encoder writes the common case of most kinds inline (fields.ts, PlainKind) and
 * leaves everything else to the kind's encoder. Whatever the value, it must do exactly what the
 * plain loop over the kind encoders does (the path used without code generation): the same item,
 * the same size bound, the same error. Both codecs are loaded side by side (two module instances,
 * one with DYNAMAP_NO_CODEGEN=1) and fed the same random values, edge cases included.
 */
import 'reflect-metadata';
import fc from 'fast-check';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

type CodecModule = typeof import('../../../src/codec');
type DecoratorModule = typeof import('../../../src/decorators');

interface Side {
  generated: boolean;
  toItem(entity: object): Record<string, AttributeValue>;
  itemBound(entity: object): number;
  Model: new () => object;
  Inner: new () => object;
  SubInner: new () => object;
  DateDoc: new () => object;
}

/** A fresh instance of the codec and decorators, with or without code generation, and the test model built with them. */
function load(generated: boolean): Side {
  const previous = process.env.DYNAMAP_NO_CODEGEN;
  if (generated) delete process.env.DYNAMAP_NO_CODEGEN;
  else process.env.DYNAMAP_NO_CODEGEN = '1';
  try {
    let codecs!: CodecModule;
    let decorators!: DecoratorModule;
    jest.isolateModules(() => {
      codecs = require('../../../src/codec') as CodecModule;
      decorators = require('../../../src/decorators') as DecoratorModule;
    });
    const { Attribute, PartitionKey, SortKey, Table, GlobalIndex } = decorators;
    const field = (target: object, property: string, decorator: PropertyDecorator) => decorator(target, property);

    class Inner {}
    field(Inner.prototype, 'name', Attribute({ type: 'string' }));
    field(Inner.prototype, 'count', Attribute({ type: 'number', name: 'n' }));
    field(Inner.prototype, 'when', Attribute({ type: 'date' }));
    class SubInner extends Inner {}
    field(SubInner.prototype, 'extra', Attribute({ type: 'string' }));
    // A document class extending a built-in: its instances are refused (their own fields are not what they hold).
    class DateDoc extends Date {}
    field(DateDoc.prototype, 'label', Attribute({ type: 'string' }));

    class Model {
      declare gsiKey?: string;
    }
    const p = Model.prototype;
    field(p, 'id', PartitionKey({ type: 'string' }));
    field(p, 'n', SortKey({ type: 'number' }));
    field(p, 'title', Attribute({ type: 'string', required: true }));
    field(p, 'flag', Attribute({ type: 'boolean' }));
    field(p, 'num', Attribute({ type: 'number' }));
    field(p, 'withDefault', Attribute({ type: 'number', default: 7 }));
    field(p, 'when', Attribute({ type: 'date' }));
    field(p, 'tags', Attribute({ type: 'stringSet' }));
    field(p, 'requiredTags', Attribute({ type: 'stringSet', required: true }));
    field(p, 'list', Attribute({ type: 'list' }));
    field(p, 'map', Attribute({ type: 'map' }));
    field(p, 'doc', Attribute({ type: () => Inner }));
    field(p, 'dateDoc', Attribute({ type: () => DateDoc }));
    field(p, 'gsiKey', Attribute({ type: 'string' }));
    field(p, 'enumNumber', Attribute({ type: 'number', enum: [1, 2] }));
    GlobalIndex('byGsiKey', { partitionKey: 'gsiKey' })(Model);
    Table({ name: 'GeneratedEncoder' })(Model);

    const codec = codecs.codecFor(Model) as unknown as {
      toItem(e: object): Record<string, AttributeValue>;
      itemBound(e: object): number;
      encodeFields: { name: string };
    };
    return {
      // The generated function is named by its source; the loop encoder is an anonymous arrow.
      generated: codec.encodeFields.name === 'encodeFields',
      toItem: (e) => codec.toItem(e),
      itemBound: (e) => codec.itemBound(e),
      Model, Inner, SubInner, DateDoc,
    };
  } finally {
    if (previous === undefined) delete process.env.DYNAMAP_NO_CODEGEN;
    else process.env.DYNAMAP_NO_CODEGEN = previous;
  }
}

const generated = load(true);
const loop = load(false);

/** A value description, instantiated on each side (nested documents must be that side's classes). */
type Spec = { kind: 'value'; value: unknown } | { kind: 'doc'; cls: 'Inner' | 'SubInner' | 'DateDoc'; fields: Record<string, unknown> };

function build(side: Side, fields: Record<string, Spec | undefined>): object {
  const entity = new side.Model() as Record<string, unknown>;
  for (const [property, spec] of Object.entries(fields)) {
    if (spec === undefined) continue;
    entity[property] = spec.kind === 'value' ? spec.value : Object.assign(new side[spec.cls](), spec.fields);
  }
  return entity;
}

/** What toItem does with an entity: the item and its size bound, or the error's class, code and message. */
function outcome(side: Side, entity: object): unknown {
  try {
    return { item: side.toItem(entity), bound: side.itemBound(entity) };
  } catch (error) {
    const e = error as Error & { code?: string };
    return { error: e.constructor.name, code: e.code, message: e.message };
  }
}

const value = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Spec> => arb.map((v) => ({ kind: 'value', value: v }));
const maybe = (arb: fc.Arbitrary<Spec>) => fc.option(arb, { nil: undefined, freq: 4 });
/**
 * Mostly good values, sometimes a wrong one: toItem stops at the first bad field, so wrong values
 * everywhere would leave the later fields' own edge cases unexercised.
 */
const mostly = (good: fc.Arbitrary<Spec>, bad: fc.Arbitrary<Spec>) => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: bad, weight: 1 });

// Numbers on both sides of every limit DynamoDB has, and the values that are not numbers at all.
const edgeNumbers = fc.constantFrom(0, -0, 1, -1, 1e-130, -1e-130, 1e-131, -1e-131, 9.999e125, -9.999e125, 1e126, -1e126,
  Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity, 2 ** 53 + 2, 0.1 + 0.2);
const number = fc.oneof({ arbitrary: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()), weight: 3 }, { arbitrary: edgeNumbers, weight: 1 });
const text = fc.oneof({ arbitrary: fc.string({ maxLength: 6 }), weight: 6 }, { arbitrary: fc.constantFrom('', 'é'.repeat(700), 'x'.repeat(2049)), weight: 1 });
const wrong = fc.constantFrom<unknown>(null, 'str', 42, true, [], {}, new Date(0), new Set(['a']), new Map([['k', 1]]), Symbol('s'));
const date = fc.oneof({ arbitrary: fc.date({ noInvalidDate: true }), weight: 4 },
  { arbitrary: fc.constantFrom(new Date(Number.NaN), new Date(-8.64e15), new Date(253_402_300_800_000)), weight: 1 });
const generic = fc.oneof(number, text, fc.boolean(), fc.constant(null), date, fc.array(fc.oneof(number, text), { maxLength: 3 }));
const plainObject = fc.dictionary(fc.string({ maxLength: 3 }), generic, { maxKeys: 3 });
const nullProto = plainObject.map((o) => Object.assign(Object.create(null) as object, o));
const innerFields = fc.record({ name: fc.option(text, { nil: undefined }), count: fc.option(number, { nil: undefined }), when: fc.option(date, { nil: undefined }) }, { requiredKeys: [] });
const doc = mostly(fc.oneof(
  innerFields.map((f): Spec => ({ kind: 'doc', cls: 'Inner', fields: f })),
  innerFields.map((f): Spec => ({ kind: 'doc', cls: 'SubInner', fields: { ...f, extra: 'x' } })),
  value(innerFields),
  value(nullProto),
), value(wrong));

const entity = fc.record({
  id: maybe(mostly(value(text), value(wrong))),
  n: maybe(mostly(value(number), value(wrong))),
  title: maybe(mostly(value(text), value(wrong))),
  flag: maybe(mostly(value(fc.boolean()), value(wrong))),
  num: maybe(mostly(value(number), value(wrong))),
  withDefault: maybe(mostly(value(number), value(fc.constant(null)))),
  when: maybe(mostly(value(date), value(wrong))),
  tags: maybe(mostly(value(fc.uniqueArray(text, { maxLength: 3 }).map((a) => new Set(a))), value(fc.constantFrom(new Set([1]), 'a', null)))),
  requiredTags: maybe(mostly(value(fc.uniqueArray(text, { maxLength: 2 }).map((a) => new Set(a))), value(wrong))),
  list: maybe(mostly(value(fc.array(generic, { maxLength: 4 })), fc.oneof(value(fc.constant([undefined])), value(wrong)))),
  map: maybe(mostly(fc.oneof(value(plainObject), value(nullProto), value(plainObject.map((o) => new Map(Object.entries(o)))),
    innerFields.map((f): Spec => ({ kind: 'doc', cls: 'Inner', fields: f }))), value(wrong))),
  doc: maybe(doc),
  dateDoc: fc.option(fc.oneof(value(fc.constant({ label: 'x' })), fc.constant<Spec>({ kind: 'doc', cls: 'DateDoc', fields: { label: 'x' } })), { nil: undefined, freq: 1 }),
  gsiKey: maybe(mostly(value(text), value(wrong))),
  enumNumber: maybe(mostly(value(fc.constantFrom(1, 2, 3)), value(wrong))),
}, { requiredKeys: [] });

describe('the generated encoder', () => {
  it('was generated on one side and not on the other', () => {
    expect(generated.generated).toBe(true);
    expect(loop.generated).toBe(false);
  });

  it('writes the same item and size bound, or fails with the same error, as the loop over the kind encoders', () => {
    fc.assert(
      fc.property(entity, (fields) => {
        expect(outcome(generated, build(generated, fields))).toEqual(outcome(loop, build(loop, fields)));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes ordinary values (the inline branches) as the loop does, and as DynamoDB expects', () => {
    const fields: Record<string, Spec> = {
      id: { kind: 'value', value: 'k' }, n: { kind: 'value', value: 1e-130 }, title: { kind: 'value', value: '' },
      flag: { kind: 'value', value: false }, num: { kind: 'value', value: -0 }, when: { kind: 'value', value: new Date(0) },
      tags: { kind: 'value', value: new Set(['a']) }, requiredTags: { kind: 'value', value: new Set(['b']) },
      list: { kind: 'value', value: [1, 'two'] }, map: { kind: 'value', value: { a: 1 } },
      doc: { kind: 'doc', cls: 'Inner', fields: { name: 'x', count: 2, when: new Date(1) } },
    };
    const result = outcome(generated, build(generated, fields));
    expect(result).toEqual(outcome(loop, build(loop, fields)));
    expect((result as { item: unknown }).item).toEqual({
      id: { S: 'k' }, n: { N: '1e-130' }, title: { S: '' }, flag: { BOOL: false }, num: { N: '0' }, withDefault: { N: '7' },
      when: { S: '1970-01-01T00:00:00.000Z' }, tags: { SS: ['a'] }, requiredTags: { SS: ['b'] },
      list: { L: [{ N: '1' }, { S: 'two' }] }, map: { M: { a: { N: '1' } } },
      doc: { M: { name: { S: 'x' }, n: { N: '2' }, when: { S: '1970-01-01T00:00:00.001Z' } } },
    });
  });

  it('refuses an instance of a document class that extends a built-in, as the kind encoder does', () => {
    const fields: Record<string, Spec> = {
      id: { kind: 'value', value: 'k' }, n: { kind: 'value', value: 1 }, title: { kind: 'value', value: 't' },
      requiredTags: { kind: 'value', value: new Set(['b']) }, dateDoc: { kind: 'doc', cls: 'DateDoc', fields: { label: 'x' } },
    };
    const result = outcome(generated, build(generated, fields)) as { code?: string; message?: string };
    expect(result.code).toBe('value.type');
    expect(result.message).toMatch(/dateDoc/);
  });
});
