import 'reflect-metadata';
import {
  Attribute, GlobalIndex, LocalIndex, PartitionKey, SortKey, Table, Version, TimeToLive, CreatedAt,
} from '../../../src/decorators';
import { ModelError } from '../../../src/errors';
import { defineModel, getModelSchema } from '../../../src/metadata';
import { toItem } from '../../../src/codec';

function problemsOf(fn: () => unknown): { code: string; property?: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return [...(e as ModelError).problems];
  }
  throw new Error('expected a ModelError');
}

describe('model definition errors', () => {
  it('a property TypeScript emits as Function (a class imported with `import type`) says how to name the class', () => {
    @Table() class Holder { @PartitionKey() id!: string; @Attribute() info?: () => void; }
    const [p] = problemsOf(() => getModelSchema(Holder));
    expect(p.code).toBe('model.unsupportedType');
    expect(p.message).toContain('Holder.info has type Function as TypeScript emits it, which is what it emits for a class imported with `import type`');
    expect(p.message).toContain('type: () => TheClass');
  });

  it('refuses two partition keys, naming the class and both properties', () => {
    @Table() class TwoPks { @PartitionKey() a!: string; @PartitionKey() b!: string; }
    const [p] = problemsOf(() => getModelSchema(TwoPks));
    expect(p.code).toBe('model.twoPartitionKeys');
    expect(p.message).toContain('TwoPks has 2 partition keys (a, b)');
  });

  it("refuses the attribute name '__proto__' (it would set an item's prototype instead of being stored)", () => {
    @Table() class Proto { @PartitionKey() id!: string; @Attribute({ name: '__proto__' }) odd?: string; }
    const [p] = problemsOf(() => getModelSchema(Proto));
    expect(p.code).toBe('model.badAttributeName');
    expect(p.property).toBe('odd');
    expect(p.message).toMatch(/Proto\.odd: attribute name "__proto__" is not allowed: .*choose another with @Attribute\(\{ name \}\)/);
  });

  it('refuses a type function that returns no class (undefined from an import cycle, a string) instead of dropping the property', () => {
    @Table() class Cycle {
      @PartitionKey() id!: string;
      @Attribute({ type: () => undefined as never }) later?: unknown;
      @Attribute({ type: () => ['Info'] as never }) named?: unknown;
    }
    const problems = problemsOf(() => getModelSchema(Cycle));
    expect(problems.map((p) => [p.code, p.property])).toEqual([['model.typeReturnedNoClass', 'later'], ['model.typeReturnedNoClass', 'named']]);
    expect(problems[0].message).toMatch(/^Cycle\.later: its type function returned undefined, not a class\. If it names a class from another module/);
    expect(problems[1].message).toMatch(/^Cycle\.named: its type function returned a string, not a class/);
  });

  it('refuses keys, versions, timestamps and TTL in a nested document class (they would do nothing there)', () => {
    class Inner {
      @Version() version?: number;
      @CreatedAt() created?: Date;
      @PartitionKey({ type: 'string' }) id?: string;
      @Attribute({ type: 'string' }) fine?: string;
    }
    @Table() class Outer { @PartitionKey() id!: string; @Attribute({ type: () => Inner }) inner?: Inner; }
    const problems = problemsOf(() => getModelSchema(Outer));
    expect(problems.map((p) => `${p.code} ${p.property}`)).toEqual([
      'model.roleInDocument version', 'model.roleInDocument created', 'model.roleInDocument id',
    ]);
    expect(problems[0].message).toBe('Inner.version: @Version is for properties of a table model (@Table), and Inner is a nested ' +
      'document class, where it would do nothing. Use @Attribute() here, or move the property to the model.');
  });

  it('leaves alone a lifecycle decorator a nested document inherits from a base class it shares with models', () => {
    abstract class Stamped { @CreatedAt() createdAt?: Date; }
    class Comment extends Stamped { @Attribute({ type: 'string' }) text?: string; }
    @Table() class Post extends Stamped { @PartitionKey() id!: string; @Attribute({ type: () => [Comment] }) comments?: Comment[]; }
    expect(() => getModelSchema(Post)).not.toThrow();
  });

  it('refuses misspelt decorator options instead of ignoring them', () => {
    @Table({ nmae: 'X' } as never) class Typo {
      @PartitionKey() id!: string;
      @Attribute({ requried: true } as never) a?: string;
    }
    const problems = problemsOf(() => getModelSchema(Typo));
    expect(problems.map((p) => p.message)).toEqual([
      'Typo.a: @Attribute has no option "requried"; the options are name, type, converter, default, required, enum.',
      'Typo: @Table has no option "nmae"; the options are name, billing, stream, tableClass, tags, deletionProtection, entity, entityAttribute.',
    ]);
  });

  it('shows option values JSON cannot write (a bigint, a cycle) instead of failing with a TypeError, and says how to give a class as type', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    @Table({ name: 'Shown' }) @GlobalIndex('byX', { partitionKey: 'x', projection: cyclic as never })
    @GlobalIndex('byBig', { partitionKey: 1n as never })
    class Shown {
      @PartitionKey() id!: string;
      @Attribute({ required: 1n as never }) x?: string;
      @Attribute({ name: cyclic as never }) y?: string;
      @Attribute({ type: Shown as never }) z?: string;
      @Attribute({ type: String as never }) s?: string;
    }
    const messages = problemsOf(() => getModelSchema(Shown)).map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining([
      'Shown.x: option required is 1n; expected true or false.',
      expect.stringContaining('Shown.y: attribute name {"a":1,"self":[circular]} is not allowed'),
      'Shown.z: type is the class Shown itself; write type: () => Shown (a function that returns the class).',
      "Shown.s: type is the built-in String; write type: 'string'.",
      expect.stringContaining('Shown: index "byBig" names partitionKey 1n, which is not a decorated property of Shown.'),
      expect.stringContaining('Shown: index "byX" has projection {"a":1,"self":[circular]}: use'),
    ]));
  });

  it('refuses an index key schema that names one attribute twice (DynamoDB: "Two keys can not have the same name")', () => {
    @Table({ name: 'SameKeys' })
    @GlobalIndex('gsiSame', { partitionKey: 'a', sortKey: 'a' })
    @LocalIndex('lsiPk', { sortKey: 'pk' })
    class SameKeys { @PartitionKey() pk!: string; @SortKey() sk!: string; @Attribute() a?: string; }
    expect(problemsOf(() => getModelSchema(SameKeys)).map((p) => `${p.code} ${p.message}`)).toEqual([
      'model.indexSameKey SameKeys: local index "lsiPk" sorts by pk, the table\'s partition key, which is already the index\'s partition key: ' +
        'DynamoDB refuses two keys of one attribute. Sort the index by another property.',
      'model.indexSameKey SameKeys: index "gsiSame" has a as both its partition key and its sort key: DynamoDB refuses two keys of one attribute. ' +
        'Leave out the sort key, or sort by another property.',
    ]);
  });

  it('refuses index options the decorator does not know, two @Table on one class, and a TTL name over 255 bytes', () => {
    @Table({ name: 'Odd1' }) @Table({ name: 'Odd2' })
    @(GlobalIndex('byA', { partitionKey: 'a', projecton: 'KEYS_ONLY' } as never) as unknown as ClassDecorator)
    @(LocalIndex('byB', { sortKey: 'b', partitionKey: 'a', throughput: { read: 1, write: 1 } } as never) as unknown as ClassDecorator)
    class OddOptions {
      @PartitionKey() pk!: string; @SortKey() sk!: string; @Attribute() a?: string; @Attribute() b?: string;
      @TimeToLive({ name: 'x'.repeat(256) }) expires?: Date;
    }
    const messages = problemsOf(() => getModelSchema(OddOptions)).map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining([
      'OddOptions carries @Table 2 times: give it one @Table with all its options.',
      'OddOptions: @GlobalIndex("byA") has no option "projecton"; the options are partitionKey, sortKey, projection, throughput.',
      'OddOptions: @LocalIndex("byB") has no option "partitionKey"; the options are sortKey, projection.',
      'OddOptions: @LocalIndex("byB") has no option "throughput"; the options are sortKey, projection.',
      expect.stringMatching(/^OddOptions\.expires: attribute name "x{256}" is not allowed: the TTL attribute's name is 1 to 255 bytes/),
    ]));
    expect(messages).toHaveLength(5);
  });

  it('says where a class decorator and a property decorator go when they are swapped, and what @Table("Movies") should be', () => {
    expect(() => {
      class Swapped { @(GlobalIndex('g', { partitionKey: 'a' }) as unknown as PropertyDecorator) a?: string; }
      return Swapped;
    }).toThrow('Swapped.a: @GlobalIndex is a class decorator; put it on the class (above `class Swapped`).');
    expect(() => {
      @(PartitionKey() as unknown as ClassDecorator)
      class OnClass { id!: string; }
      return OnClass;
    }).toThrow('OnClass: @PartitionKey is a property decorator; put it on a property of OnClass, not on the class.');
    expect(() => {
      class OnStatic { @(Table() as unknown as PropertyDecorator) static table?: string; }
      return OnStatic;
    }).toThrow('OnStatic.table: @Table is a class decorator; put it on the class (above `class OnStatic`).');
    @Table('Movies' as never)
    class Named { @PartitionKey() id!: string; }
    expect(problemsOf(() => getModelSchema(Named)).map((p) => p.message)).toEqual([
      'Named: option @Table options is "Movies"; expected an options object: for the table name, @Table({ name: "Movies" }).',
    ]);
  });

  it('refuses index decorators without options with a ModelError, not a TypeError', () => {
    const define = (decorate: () => void) => { try { decorate(); } catch (e) { return e; } return undefined; };
    class G { @PartitionKey() id!: string; }
    const global = define(() => GlobalIndex('byX', null as never)(G as never));
    expect(global).toBeInstanceOf(ModelError);
    expect((global as Error).message).toContain('G: @GlobalIndex("byX", ...) needs an options object ({ partitionKey, sortKey?, projection?, throughput? }), got null.');
    const local = define(() => LocalIndex('byY', undefined as never)(G as never));
    expect(local).toBeInstanceOf(ModelError);
  });

  it('refuses malformed defineModel input with a ModelError, not a TypeError', () => {
    class D {}
    const message = (fn: () => unknown) => { try { fn(); } catch (e) { expect(e).toBeInstanceOf(ModelError); return (e as Error).message; } return ''; };
    expect(message(() => defineModel(D, null as never))).toContain('defineModel(D, ...): the definition must be an object');
    expect(message(() => defineModel(D, {} as never))).toContain('defineModel(D, ...): the definition needs `attributes`');
    expect(message(() => defineModel(null as never, { attributes: {} }))).toContain('the first argument must be the class to define');
    expect(message(() => defineModel(D, { attributes: { id: { role: 'partitionkey' as never } } }))).toContain(
      'attribute id has role "partitionkey"; the roles are attribute, partitionKey, sortKey, version, createdAt, updatedAt, ttl');
  });

  it('refuses a model with no partition key', () => {
    @Table() class NoPk { @Attribute() a?: string; }
    expect(problemsOf(() => getModelSchema(NoPk))[0].message).toMatch(/NoPk has no partition key: mark one property with @PartitionKey/);
  });

  it('refuses a class without @Table when used as a model', () => {
    class Plain { @PartitionKey() id!: string; }
    expect(problemsOf(() => getModelSchema(Plain))[0].code).toBe('model.noTable');
  });

  it.each(['boolean', 'map', 'list', 'stringSet', 'any'] as const)('refuses a %s key', (kind) => {
    @Table() class BadKey { @PartitionKey({ type: kind }) id!: unknown; }
    const [p] = problemsOf(() => getModelSchema(BadKey));
    expect(p.code).toBe('model.keyKind');
    expect(p.property).toBe('id');
    expect(p.message).toContain(`BadKey.id is a partition key of kind '${kind}'`);
  });

  it('refuses a boolean key found through design:type', () => {
    // @ts-expect-error a boolean key is a compile error too (for code compiled without the check, e.g. JavaScript)
    @Table() class BoolKey { @PartitionKey() id!: string; @SortKey() flag!: boolean; }
    expect(problemsOf(() => getModelSchema(BoolKey))[0].message).toContain("BoolKey.flag is a sort key of kind 'boolean'");
  });

  it('refuses an index naming an unknown property (and reports every problem at once)', () => {
    @Table({ name: 'x' })
    @GlobalIndex('by-x', { partitionKey: 'missing' as never })
    class Many { @PartitionKey() id!: string; @Attribute({ name: 'a' }) one?: string; @Attribute({ name: 'a' }) two?: string; }
    const problems = problemsOf(() => getModelSchema(Many));
    expect(problems.map((p) => p.code).sort()).toEqual(['model.badTableName', 'model.duplicateAttributeName', 'model.indexUnknownProperty']);
    expect(problems.find((p) => p.code === 'model.indexUnknownProperty')!.message).toContain('index "by-x" names partitionKey "missing"');
    expect(problems.find((p) => p.code === 'model.duplicateAttributeName')!.message).toContain('properties one and two both map to attribute "a"');
  });

  it.each(['ab', 'has space', 'x'.repeat(256), 'ünïcode'])('refuses the table name %j', (name) => {
    @Table({ name }) class Named { @PartitionKey() id!: string; }
    expect(problemsOf(() => getModelSchema(Named))[0].code).toBe('model.badTableName');
  });

  it('refuses an invalid index name and an LSI without sort key', () => {
    @Table()
    @LocalIndex('bad name!', { sortKey: undefined as never })
    class BadIndex { @PartitionKey() id!: string; @SortKey() sk!: string; }
    const codes = problemsOf(() => getModelSchema(BadIndex)).map((p) => p.code).sort();
    expect(codes).toEqual(['model.badIndexName', 'model.indexMissingKey']);
  });

  it('refuses what CreateTable would: a local index on a table without sort key, an empty projection, an over-long index key name', () => {
    @Table()
    @LocalIndex('byAt', { sortKey: 'at' })
    @GlobalIndex('byTag', { partitionKey: 'tag', projection: [] })
    @GlobalIndex('byLong', { partitionKey: 'long' })
    class Flat {
      @PartitionKey() id!: string;
      @Attribute() at?: number;
      @Attribute() tag?: string;
      @Attribute({ name: 'l'.repeat(256) }) long?: string;
    }
    const problems = problemsOf(() => getModelSchema(Flat));
    expect(problems.map((p) => p.code).sort()).toEqual(['model.badAttributeName', 'model.badProjection', 'model.localIndexWithoutTableSortKey']);
    expect(problems.find((p) => p.code === 'model.localIndexWithoutTableSortKey')!.message).toBe(
      'Flat: local index "byAt" needs a table with a sort key (DynamoDB allows local indexes only on a composite primary key): ' +
        'add @SortKey to Flat, or make the index a @GlobalIndex.');
  });

  it('refuses an empty enum, enum values the kind cannot hold, and a decorated method', () => {
    @Table() class Enums {
      @PartitionKey() id!: string;
      @Attribute({ type: 'string', enum: [] }) none?: string;
      @Attribute({ type: 'number', enum: ['a', 'b'] }) mismatch?: number;
      @Attribute({ type: 'string', enum: ['a', 'b'] }) fine?: string;
      // @ts-expect-error a method holds no string (refused at compile time too)
      @Attribute({ type: 'string' }) label(): string { return 'x'; }
    }
    const problems = problemsOf(() => getModelSchema(Enums));
    expect(problems.map((p) => `${p.code} ${p.property}`)).toEqual([
      'model.badOption none', 'model.badOption mismatch', 'model.decoratedMethod label',
    ]);
    expect(problems[1].message).toBe('Enums.mismatch: option enum is ["a","b"]; expected number values, as the attribute is of kind \'number\'.');
    expect(problems[2].message).toBe('Enums.label: @Attribute is on a method, which holds no value to store: put it on a property (or a get/set accessor).');
  });

  it('refuses a name given where options belong, a converter keyType that is not S/N/B, a projected name over 255 bytes', () => {
    @Table()
    @GlobalIndex('byX', { partitionKey: 'x', projection: ['long'] })
    class Odd {
      @PartitionKey() id!: string;
      @Attribute('title' as never) title?: string;
      @Attribute({ type: 'string' }) x?: string;
      @Attribute({ converter: { toDynamo: () => ({ S: '' }), fromDynamo: () => '', keyType: 'X' as never } }) conv?: string;
      @Attribute({ type: 'string', name: 'l'.repeat(300) }) long?: string;
    }
    const messages = problemsOf(() => getModelSchema(Odd)).map((p) => p.message);
    expect(messages).toEqual([
      'Odd.title: option options is "title"; expected an options object: for the attribute name, { name: "title" }.',
      'Odd.conv: option converter.keyType is "X"; expected \'S\', \'N\' or \'B\' (the type a key is stored as).',
      expect.stringMatching(/^Odd\.long: attribute name "l{300}" is not allowed: attributes projected into an index \(here "byX"\) have names of 1 to 255 bytes\.$/),
    ]);
  });

  it('refuses tags AWS refuses and an attribute name over 64 KB', () => {
    @Table({ tags: { 'aws:owner': 'x', team: 'y'.repeat(257) } })
    class Tagged {
      @PartitionKey() id!: string;
      @Attribute({ name: 'n'.repeat(65_536) }) huge?: string;
    }
    const messages = problemsOf(() => getModelSchema(Tagged)).map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(/^Tagged\.huge: attribute name "n{20}\.\.\." is not allowed: attribute names are at most 65,535 bytes\.$/),
      'Tagged: option tags is "aws:owner"; expected tag keys of 1 to 128 characters, not starting with "aws:".',
      'Tagged: option tags.team is "yyyyyyyyyyyyyyyyyyyy..."; expected a tag value of at most 256 characters.',
    ]);
    @Table({ tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) })
    class OverTagged { @PartitionKey() id!: string; }
    expect(problemsOf(() => getModelSchema(OverTagged)).map((p) => p.message)).toEqual([
      'OverTagged: option tags is "51 tags"; expected at most 50 tags (DynamoDB\'s limit per table).',
    ]);
  });

  it('refuses an explicit type that contradicts the property\'s TypeScript type (it would fail only at the first write)', () => {
    @Table() class Contradicts {
      @PartitionKey() id!: string;
      // @ts-expect-error (the compile-time check; the runtime one is for tools without it, and for JavaScript)
      @Attribute({ type: 'number' }) name?: string;
      // @ts-expect-error as above
      @Attribute({ type: 'stringSet' }) tags?: string[];
      @Attribute({ type: 'any' }) open?: string;                 // 'any' fits everything
      @Attribute({ type: 'bigint' }) small?: number;             // a number within 2^53 is a bigint's value
      @Attribute({ type: 'epochSeconds' }) at?: Date;
      @Attribute({ type: 'map' }) labels?: Map<string, string>;
      // @ts-expect-error a union with a string does not fit 'number' at compile time; at runtime (design:type Object) it is not checked
      @Attribute({ type: 'number' }) either?: number | string;
    }
    const problems = problemsOf(() => getModelSchema(Contradicts));
    expect(problems.map((p) => [p.code, p.property])).toEqual([['model.typeContradicts', 'name'], ['model.typeContradicts', 'tags']]);
    expect(problems[0].message).toBe("Contradicts.name: type 'number' does not fit the property, which TypeScript types as String: " +
      "give the kind of what it holds ('string', or 'any'), or change the property's type.");
    expect(problems[1].message).toMatch(/type 'stringSet' does not fit the property, which TypeScript types as Array: give the kind of what it holds \('list', or 'any'\)/);
  });

  it('with a converter, the explicit type is not checked against the property (the converter decides); a class-form type is', () => {
    const csv = { toDynamo: (v: string[]) => ({ S: v.join(',') }), fromDynamo: (av: { S?: string }) => av.S!.split(',') };
    class Address { @Attribute() city?: string; }
    @Table() class Converted {
      @PartitionKey() id!: string;
      @Attribute({ type: 'string', converter: csv }) tags?: string[];
    }
    expect(getModelSchema(Converted).attributes.map((a) => a.property)).toEqual(['id', 'tags']);
    @Table() class ClassForm {
      @PartitionKey() id!: string;
      @Attribute({ type: () => Address }) city?: string;
      @Attribute({ type: () => [Address] }) homes?: Set<Address>;
      @Attribute({ type: () => [Address] }) list?: Address[];
      @Attribute({ type: () => Address }) home?: Address;
    }
    const problems = problemsOf(() => getModelSchema(ClassForm));
    expect(problems.map((p) => [p.code, p.property])).toEqual([['model.typeContradicts', 'city'], ['model.typeContradicts', 'homes']]);
    expect(problems[0].message).toMatch(/^ClassForm\.city: type \(\) => Address does not fit the property, which TypeScript types as String/);
  });

  it('refuses a class-form type that does not fit a property typed as a class: a list on one instance, an unrelated class', () => {
    class Actor { @Attribute() name?: string; }
    class Star extends Actor { @Attribute() fans?: number; }
    class Studio { @Attribute() city?: string; }
    @Table() class Cast {
      @PartitionKey() id!: string;
      @Attribute({ type: () => [Actor] }) lead?: Actor;          // one Actor, declared as a list of them
      @Attribute({ type: () => Studio }) second?: Actor;         // an unrelated class
      @Attribute({ type: () => Star }) star?: Actor;             // a subclass of the property's class: fits
      @Attribute({ type: () => Actor }) extra?: Star;            // a base class: fits (what it reads is an Actor)
      @Attribute({ type: () => [Actor] }) crew?: Actor[];
    }
    const problems = problemsOf(() => getModelSchema(Cast));
    expect(problems.map((p) => [p.code, p.property])).toEqual([['model.typeContradicts', 'lead'], ['model.typeContradicts', 'second']]);
    expect(problems[0].message).toBe("Cast.lead: type () => [Actor] does not fit the property, which TypeScript types as Actor: " +
      "give the kind of what it holds (() => Actor, or 'any'), or change the property's type.");
    expect(problems[1].message).toMatch(/^Cast\.second: type \(\) => Studio does not fit the property, which TypeScript types as Actor/);
  });

  it('refuses a default the kind cannot hold, or outside the enum (every write without the property would fail)', () => {
    class Loose { id!: string; status?: string; count?: number; tags?: Set<string>; state?: string; lazy?: string; flags?: Set<string>; steps?: string[]; }
    defineModel(Loose, {
      table: { name: 'Loose' },
      attributes: {
        id: { role: 'partitionKey', type: 'string' },
        status: { type: 'string', default: 5 as never },
        count: { type: 'number', default: 1 },
        tags: { type: 'stringSet', default: ['a'] as never },
        state: { type: 'string', enum: ['on', 'off'], default: 'maybe' },
        lazy: { type: 'string', default: () => 'computed' },   // a function is judged when it is called
        flags: { type: 'stringSet', enum: ['a', 'b'], default: new Set(['a']) },   // each member checked
        steps: { type: 'list', enum: ['a', 'b'], default: ['b', 'a'] },
      },
    });
    const problems = problemsOf(() => getModelSchema(Loose));
    expect(problems.map((p) => p.property)).toEqual(['status', 'tags', 'state']);
    expect(problems[0].message).toMatch(/Loose\.status: .*default.*5.*a value of kind 'string' \(or a function returning one\)/);
    expect(problems[2].message).toMatch(/one of the enum values/);
  });

  it('lifecycle decorators on a property typed with | null (emitted as Object) take their own kind; a TTL asks for its type', () => {
    @Table() class Nullable {
      @PartitionKey() id!: string;
      @Version() version?: number | null;
      @CreatedAt() createdAt?: Date | null;
    }
    expect(getModelSchema(Nullable).attributes.map((a) => `${a.property}:${a.kind}`)).toEqual(['id:string', 'version:number', 'createdAt:date']);
    @Table() class NullableTtl { @PartitionKey() id!: string; @TimeToLive() expires?: Date | null; }
    expect(problemsOf(() => getModelSchema(NullableTtl))[0].message).toMatch(/a union such as Date \| null as Object\): write @TimeToLive\(\{ type: 'epochSeconds' \}\)/);
  });

  it('a Date in a property TypeScript emitted as Object (Date | null) is refused on writing, not turned into text that reads back a string', () => {
    @Table() class Person {
      @PartitionKey() id!: string;
      @Attribute() born?: Date | null;                      // emitted as Object: an 'any' attribute
      @Attribute({ type: 'any' }) stamp?: Date | string;    // 'any' asked for: text on purpose
      @Attribute({ type: 'date' }) died?: Date | null;      // the fix
    }
    const person = (p: Partial<Person>) => Object.assign(new Person(), { id: 'p' }, p);
    expect(() => toItem(person({ born: new Date(0) }))).toThrow(
      "Person.born: is a Date, but TypeScript emitted the property's type as Object (a union such as Date | null, an interface or unknown), " +
        "so it would be stored as text and read back as a string: give the attribute type: 'date' (or 'epochSeconds'), or type: 'any' to store it as text on purpose",
    );
    expect(toItem(person({ born: null, stamp: new Date(0), died: new Date(0) }))).toEqual({
      id: { S: 'p' }, born: { NULL: true }, stamp: { S: '1970-01-01T00:00:00.000Z' }, died: { S: '1970-01-01T00:00:00.000Z' },
    });
  });

  it('a defineModel ttl without a type says to give one (a Date and a number cannot be told apart)', () => {
    class Session { id!: string; expires?: number; }
    defineModel(Session, { table: { name: 'Sessions' }, attributes: { id: { role: 'partitionKey', type: 'string' }, expires: { role: 'ttl' } } });
    const [p] = problemsOf(() => getModelSchema(Session));
    expect(p.message).toBe("Session.expires: a ttl attribute holds a Date or a number of epoch seconds, which defineModel cannot tell apart: " +
      "give it type: 'epochSeconds' (a Date) or type: 'number'.");
  });

  it('says what to add when the type cannot be known (no design:type, no type)', () => {
    class NoMeta { id!: string; }
    defineModel(NoMeta, { table: {}, attributes: { id: { role: 'partitionKey' } } });
    const [p] = problemsOf(() => getModelSchema(NoMeta));
    expect(p.code).toBe('model.unknownType');
    expect(p.message).toContain("NoMeta.id: the type of defineModel partitionKey cannot be known");
    expect(p.message).toContain("Give it explicitly: type: ... with the kind it holds ('string', 'number'");
    expect(p.message).toContain('emitDecoratorMetadata');
  });

  it('asks for the kind of a Set', () => {
    @Table() class WithSet { @PartitionKey() id!: string; @Attribute() tags?: Set<string>; }
    expect(problemsOf(() => getModelSchema(WithSet))[0].message).toContain("WithSet.tags is a Set: say which kind with type: 'stringSet'");
  });

  it('refuses a nested class that has no @Attribute fields', () => {
    class Bare { x?: number; }
    @Table() class Outer { @PartitionKey() id!: string; @Attribute() bare?: Bare; }
    expect(problemsOf(() => getModelSchema(Outer))[0].code).toBe('model.plainClass');
  });

  it('refuses role kinds that cannot work', () => {
    // The compiler refuses these already (test/types/decorators.types.ts); JavaScript callers get the ModelError.
    @Table() class Roles { @PartitionKey() id!: string; @(Version() as PropertyDecorator) v?: string; @(CreatedAt() as PropertyDecorator) c?: number; }
    expect(problemsOf(() => getModelSchema(Roles)).map((p) => p.code)).toEqual(['model.roleKind', 'model.roleKind']);
  });

  it('refuses two @TimeToLive and two decorators on one property', () => {
    @Table() class Twice { @PartitionKey() @Attribute() id!: string; @TimeToLive() a?: Date; @TimeToLive() b?: Date; }
    const codes = problemsOf(() => getModelSchema(Twice)).map((p) => p.code);
    expect(codes).toContain('model.twoDecorators');
    expect(codes).toContain('model.duplicateRole');
  });

  it('refuses bad billing and throughput options', () => {
    @Table({ billing: { read: 0, write: 1 } }) class Billing { @PartitionKey() id!: string; }
    expect(problemsOf(() => getModelSchema(Billing))[0].message).toContain('option billing is {"read":0,"write":1}');
  });

  it('is a ModelError, never a TypeError, for decorators on static members', () => {
    expect(() => {
      class S { @Attribute() static x: string; }
      return S;
    }).toThrow(ModelError);
  });
});
