/**
 * Decorators are thin adapters: they check that they were put on the right kind of member and
 * record the facts in the registry. Every rule about the model is checked by the schema builder.
 */
import { modelError } from '../errors/model';
import {
  recordGlobalIndex,
  recordLocalIndex,
  recordPropertyDecorator,
  recordTableDecorator,
} from '../metadata/record';
import type { DeclaredIndexes, KeyPartCheck } from '../metadata/declared-key';
import type {
  AttributeKind,
  AttributeOptions,
  AttributeRole,
  Constructor,
  Converter,
  GlobalIndexOptions,
  LocalIndexOptions,
  TableOptions,
  TypeOption,
} from '../metadata/types';

/**
 * A class decorator that only fits classes whose instances have every property in K: a misspelt
 * index key is a compile error naming the missing property.
 */
export type ClassDecoratorFor<K extends string, N extends string = string> = <T extends object>(
  target: Constructor<T> & (string extends K ? unknown : [Exclude<K, keyof T>] extends [never] ? unknown : { missingProperty: Exclude<K, keyof T> })
    & DeclaredIndexCheck<T, N>,
) => void;

/** On a model declaring `[INDEXES]`, an index decorator's name must be one of them (string: not checked). */
type DeclaredIndexCheck<T, N extends string> = [DeclaredIndexes<T>] extends [never]
  ? unknown
  : string extends N ? unknown : N extends keyof DeclaredIndexes<T> ? unknown : { readonly 'is not an index the model declares in [INDEXES]': N };

/**
 * A standard (TC39) decorator is called with (value, context), context an object with `kind` and
 * `name`; a legacy one with (prototype or class, property name). Compiled without
 * `experimentalDecorators`, dynamap's decorators would record nothing useful: say what to set.
 */
function refuseStandard(source: string, context: unknown): void {
  if (context !== null && typeof context === 'object' && typeof (context as { kind?: unknown }).kind === 'string') {
    const { kind, name } = context as { kind: string; name?: unknown };
    throw modelError.standardDecorators(source, kind, typeof name === 'string' ? name : String(name));
  }
}

/**
 * A class decorator put on a member: it is then called with the prototype (the class itself for a
 * static member) and the member's name; on the class, with the class alone.
 */
function refuseOnMember(source: string, target: unknown, member: unknown): void {
  if (member === undefined) return;
  const owner = typeof target === 'function' ? target.name : (target as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'a class';
  throw modelError.classDecoratorOnMember(owner, String(member), source);
}

function propertyDecorator(role: AttributeRole, source: string, options: AttributeOptions | undefined): PropertyDecorator {
  return (prototype: object, property: string | symbol) => {
    refuseStandard(source, property);
    // On a class, a legacy decorator gets the class alone.
    if (typeof prototype === 'function' && property === undefined) {
      throw modelError.propertyDecoratorOnClass((prototype as Constructor).name, source);
    }
    if (typeof prototype === 'function') {
      throw modelError.decoratorOnStatic((prototype as Constructor).name, String(property), source);
    }
    if (typeof property === 'symbol') {
      throw modelError.symbolProperty((prototype as { constructor: Constructor }).constructor.name, source);
    }
    recordPropertyDecorator(prototype, property, role, options ?? {}, source);
  };
}

/** Marks the class as a table model. `name` defaults to the class name. */
export function Table(options: TableOptions = {}): ClassDecorator {
  return (target, ...context: unknown[]) => {
    refuseStandard('@Table', context[0]);
    refuseOnMember('@Table', target, context[0]);
    recordTableDecorator(target as unknown as Constructor, options);
  };
}

/**
 * The decorator of key part I (0: partition key, 1: sort key): a property decorator that, on a
 * model declaring its key (`declare readonly [KEY]?: ['year', 'title']`), only fits the declared
 * property: the declaration and the decorators cannot disagree.
 */
export type KeyDecorator<I extends 0 | 1, V = unknown, Rule extends string = never> = <T extends object, K extends string | symbol>(
  prototype: T & HoldsKind<T, K, V, Rule>, property: K & KeyPartCheck<T, K, I>,
) => void;

/** What a key property can hold without a converter: DynamoDB keys are strings, numbers or binaries. */
type KeyValue = string | number | bigint | Uint8Array | Date;
type KeyRule = 'a key property holds a string, number, bigint, binary (Uint8Array) or Date (or give it a converter)';

/** A key part with an explicit kind: the property must hold that kind's value (as for @Attribute). */
type KeyOfKind<I extends 0 | 1, S extends string, K extends AttributeKind> = KeyDecorator<I, KindValues[K], `@${S}({ type: '${K}' }) does not fit this property's type`>;

export function PartitionKey<V>(options: AttributeOptions<V> & { converter: Converter<V> }): KeyDecorator<0, V, ConverterRule>;
export function PartitionKey<K extends AttributeKind>(options: AttributeOptions<KindValues[K] | null> & { type: K }): KeyOfKind<0, 'PartitionKey', K>;
export function PartitionKey(options?: AttributeOptions & { type?: Exclude<TypeOption, AttributeKind> }): KeyDecorator<0, KeyValue, KeyRule>;
export function PartitionKey<O extends AttributeOptions>(options: O & WideOptions<O>): KeyDecorator<0>;
export function PartitionKey(options?: AttributeOptions): KeyDecorator<0> {
  return propertyDecorator('partitionKey', '@PartitionKey', options) as KeyDecorator<0>;
}

export function SortKey<V>(options: AttributeOptions<V> & { converter: Converter<V> }): KeyDecorator<1, V, ConverterRule>;
export function SortKey<K extends AttributeKind>(options: AttributeOptions<KindValues[K] | null> & { type: K }): KeyOfKind<1, 'SortKey', K>;
export function SortKey(options?: AttributeOptions & { type?: Exclude<TypeOption, AttributeKind> }): KeyDecorator<1, KeyValue, KeyRule>;
export function SortKey<O extends AttributeOptions>(options: O & WideOptions<O>): KeyDecorator<1>;
export function SortKey(options?: AttributeOptions): KeyDecorator<1> {
  return propertyDecorator('sortKey', '@SortKey', options) as KeyDecorator<1>;
}

/**
 * What a property of each explicit kind holds (what the codec writes and reads back): a `type`
 * that does not fit the property's TypeScript type is a compile error, as the runtime check of
 * design:type refuses it (which tools without decorator metadata never run).
 */
export interface KindValues {
  string: string;
  number: number;
  bigint: bigint | number;
  boolean: boolean;
  binary: Uint8Array;
  date: Date;
  epochSeconds: Date;
  stringSet: ReadonlySet<string>;
  numberSet: ReadonlySet<number | bigint>;
  binarySet: ReadonlySet<Uint8Array>;
  list: readonly unknown[];
  map: object;
  any: unknown;
}

/**
 * Options typed as the wide AttributeOptions (their `type` unknown at compile time) pass; a literal
 * `type` that reached this overload had a `default` that is not a value of its kind, which the
 * message says.
 */
type WideOptions<O extends AttributeOptions> = TypeOption extends NonNullable<O['type']>
  ? unknown
  : { readonly 'the default must be a value of the kind named in type (e.g. new Set<string>() for a stringSet)': true };

/**
 * A property stored with a converter: the converter decides what is stored, and is given every
 * value of the property but undefined: the property's type must fit the converter's (null included,
 * for a property that may be null).
 */
export function Attribute<V>(options: AttributeOptions<V> & { converter: Converter<V> }): PropertyDecoratorOf<V, ConverterRule, false>;
/** A property of an explicit kind: the property must hold that kind's value, and a `default` must be one. */
export function Attribute<K extends AttributeKind>(
  options: AttributeOptions<KindValues[K] | null> & { type: K },
): PropertyDecoratorOf<KindValues[K], `@Attribute({ type: '${K}' }) does not fit this property's type`>;
/** No `type` (the design:type decides), or a class: `() => Class`, `() => [Class]`. */
export function Attribute<V = unknown>(options?: AttributeOptions<V> & { type?: Exclude<TypeOption, AttributeKind> }): PropertyDecorator;
/** Options held in a variable of the wide type (their `type` unknown at compile time): checked at runtime only. */
export function Attribute<O extends AttributeOptions>(options: O & WideOptions<O>): PropertyDecorator;
export function Attribute<V = unknown>(options?: AttributeOptions<V>): PropertyDecorator {
  return propertyDecorator('attribute', '@Attribute', options as AttributeOptions | undefined);
}

/**
 * A property decorator that only fits a property whose type is V (the mapper writes a V there): a
 * property of another type is a compile error that says what it must hold. Private properties,
 * which the type of the class does not show, are checked at runtime only.
 */
export type PropertyDecoratorOf<V, Rule extends string, NullAllowed extends boolean = true> = <T extends object, K extends string | symbol>(
  prototype: T & HoldsKind<T, K, V, Rule, NullAllowed>, property: K,
) => void;

type ConverterRule = 'the converter must take every value of this property: for one that may be null, a Converter<V | null>';

/**
 * What the prototype of a class must be for its property K to hold a V: `{ K?: V | null }`, checked
 * by assignability, so a generic property (`status!: S` with `S extends string`) fits through its
 * constraint. The rule names itself in the message. A property the type does not show (private,
 * protected) is not checked here (at runtime it is).
 */
export type HoldsKind<T, K, V, Rule extends string, NullAllowed extends boolean = true> = [Rule] extends [never]
  ? unknown
  : K extends keyof T
    // null is stored as NULL for every kind; a converter is given it (NullAllowed false: V must include it).
    ? { readonly [P in K & PropertyKey]?: V | (NullAllowed extends true ? null : never) | undefined } & { readonly [M in Rule]?: V }
    : unknown;

/** Optimistic locking: a number the mapper sets to 1 on create and increments on every write. */
export function Version(options?: Pick<AttributeOptions, 'name'>): PropertyDecoratorOf<number, '@Version needs a number property'> {
  return propertyDecorator('version', '@Version', options) as PropertyDecoratorOf<number, '@Version needs a number property'>;
}

/** What @CreatedAt and @UpdatedAt take: the attribute name, and how the Date is stored (ISO-8601 text by default). */
export interface TimestampOptions {
  readonly name?: string | undefined;
  readonly type?: 'date' | 'epochSeconds' | undefined;
}

/** A Date the mapper sets when the entity is first written. */
export function CreatedAt(options?: TimestampOptions): PropertyDecoratorOf<Date, '@CreatedAt needs a Date property'> {
  return propertyDecorator('createdAt', '@CreatedAt', options) as PropertyDecoratorOf<Date, '@CreatedAt needs a Date property'>;
}

/** A Date the mapper sets on every write. */
export function UpdatedAt(options?: TimestampOptions): PropertyDecoratorOf<Date, '@UpdatedAt needs a Date property'> {
  return propertyDecorator('updatedAt', '@UpdatedAt', options) as PropertyDecoratorOf<Date, '@UpdatedAt needs a Date property'>;
}

/** What @TimeToLive takes: its attribute name, and (needed without decorator metadata) what the property holds. */
export interface TimeToLiveOptions {
  readonly name?: string | undefined;
  /** 'epochSeconds': a Date, stored as epoch seconds; 'number': a number of epoch seconds, stored as it is. */
  readonly type?: 'epochSeconds' | 'number' | undefined;
}

/** A Date or number stored as epoch seconds (N); `mapper.sync()` enables TTL on it. */
export function TimeToLive(options: TimeToLiveOptions & { type: 'number' }): PropertyDecoratorOf<number, '@TimeToLive({ type: \'number\' }) needs a number property'>;
export function TimeToLive(options: TimeToLiveOptions & { type: 'epochSeconds' }): PropertyDecoratorOf<Date, '@TimeToLive({ type: \'epochSeconds\' }) needs a Date property'>;
export function TimeToLive(options?: TimeToLiveOptions): PropertyDecoratorOf<Date | number, '@TimeToLive needs a Date or number property'>;
export function TimeToLive(options?: TimeToLiveOptions): PropertyDecoratorOf<Date | number, '@TimeToLive needs a Date or number property'> {
  return propertyDecorator('ttl', '@TimeToLive', options) as PropertyDecoratorOf<Date | number, '@TimeToLive needs a Date or number property'>;
}

export function GlobalIndex<K extends string, const N extends string = string>(name: N, options: GlobalIndexOptions<K>): ClassDecoratorFor<K, N> {
  return ((target: Constructor, ...context: unknown[]) => {
    refuseStandard('@GlobalIndex', context[0]);
    refuseOnMember('@GlobalIndex', target, context[0]);
    recordGlobalIndex(target, name, options);
  }) as ClassDecoratorFor<K, N>;
}

export function LocalIndex<K extends string, const N extends string = string>(name: N, options: LocalIndexOptions<K>): ClassDecoratorFor<K, N> {
  return ((target: Constructor, ...context: unknown[]) => {
    refuseStandard('@LocalIndex', context[0]);
    refuseOnMember('@LocalIndex', target, context[0]);
    recordLocalIndex(target, name, options);
  }) as ClassDecoratorFor<K, N>;
}
