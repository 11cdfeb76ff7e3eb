/**
 * Typed paths and the types of condition, key condition, update and projection objects, all
 * derived from the model class: a misspelt path, a value of the wrong type, or an operator that
 * does not fit the value (`gte(8)` on a string, `append` on a number) is a compile error.
 *
 * Everything is computed from one union of `[path, value type]` entries per model. Recursion is
 * bounded (MaxDepth levels of nesting); beyond it any path below is accepted as `string`, so deep
 * or recursive models do not slow the compiler down. Runtime checks (resolve) still apply there.
 */
import type { EXPRESSION } from './ast';
import type { BadKeyDeclaration, DeclaredIndexes, DeclaredKey } from '../metadata/declared-key';
import type {
  AddOperator,
  AppendOperator,
  DeleteFromSetOperator,
  IfNotExistsOperator,
  IncrementOperator,
  RemoveOperator,
} from './update-operators';
import type {
  AttributeRef,
  BeginsWithOperator,
  BetweenOperator,
  CompareOperator,
  ConditionNode,
  ContainsOperator,
  ExistsOperator,
  InOperator,
  IsTypeOperator,
  SizeCondition,
  ModelMark,
} from './operators';

/** Levels of nesting below the top-level properties that get precise paths. */
type MaxDepth = 6;
/** Decrements of a depth counter (index = current depth). */
type Down = [never, 0, 1, 2, 3, 4, 5, 6];

type IsAny<T> = 0 extends 1 & T ? true : false;

/** Values that are one attribute, not a document to walk into. */
type Leaf = string | number | bigint | boolean | symbol | Date | Uint8Array | ReadonlySet<unknown> | ReadonlyMap<unknown, unknown>;

/** The data properties of T: string keys whose values are not functions (methods are not paths). */
export type DataKeys<T> = {
  [K in keyof T]-?: K extends string ? (NonNullable<T[K]> extends (...args: never[]) => unknown ? never : K) : never;
}[keyof T];

/**
 * Any path below P, for values whose shape is not known (`unknown`, `any`, beyond MaxDepth),
 * including a quoted map key (`meta["a.b"]`, for a key with a dot or a bracket).
 */
type FreeBelow<P extends string> = [`${P}.${string}`, unknown] | [`${P}[${number}]${string}`, unknown] | [`${P}["${string}"]${string}`, unknown];

/** The `[path, value type]` entries of the properties of T. */
type EntriesOf<T, D extends number> = IsAny<T> extends true
  ? [string, unknown]
  : unknown extends T
    ? [string, unknown]
    : { [K in DataKeys<T>]: Entry<K, T[K], D> }[DataKeys<T>];

/** The entry of a path and the entries below it. */
type Entry<P extends string, V, D extends number> = [P, V] | Below<P, V, D>;

type Below<P extends string, V, D extends number> = IsAny<V> extends true
  ? FreeBelow<P>
  : unknown extends V
    ? FreeBelow<P>
    : [D] extends [never]
      ? FreeBelow<P>
      : NonNullable<V> extends infer W
        // A Map with string keys is stored as a map (M): its keys are paths below it, of its value type.
        ? W extends ReadonlyMap<infer MK, infer MV>
          ? MK extends string ? Entry<`${P}.${string}`, MV, Down[D]> | Entry<`${P}["${string}"]`, MV, Down[D]> : never
          : W extends Leaf
            ? never
            : W extends readonly (infer E)[]
              ? Entry<`${P}[${number}]`, E, Down[D]>
              : W extends object
                ? Prefixed<P, EntriesOf<W, Down[D]>>
                  // A Record's keys may also be written quoted (`meta["a.b"]`).
                  | (string extends keyof W ? Entry<`${P}["${string}"]`, W[string & keyof W], Down[D]> : never)
                : never
        : never;

type Prefixed<P extends string, E> = E extends [infer K extends string, infer V] ? [`${P}.${K}`, V] : never;

/** Every `[path, value type]` pair of a model. */
export type PathEntries<T> = EntriesOf<T, MaxDepth>;

/** A typed property path of T: `'rating'`, `'info.rating'`, `'info.actors[0]'`, `` `info.actors[${number}]` ``. */
export type Path<T> = PathEntries<T>[0];

/** The value type at a path (a template path like `meta.${string}` matches any concrete path). */
export type PathValue<T, P extends string> =
  PathEntries<T> extends infer E ? (E extends [infer K, infer V] ? (P extends K ? V : never) : never) : never;

/** Paths whose values have a size (strings, binaries, sets, lists, maps, documents). */
export type SizedPath<T> =
  PathEntries<T> extends infer E
    ? E extends [infer K extends string, infer V]
      ? NonNullable<V> extends number | bigint | boolean | Date
        ? never
        : K
      : never
    : never;

// ---------------------------------------------------------------------------------------------
// Conditions

// A Date stored as ISO-8601 text ('date', the default) takes a text prefix: beginsWith('2024-01')
// finds a month. (An 'epochSeconds' Date is a number: refused at runtime, which knows the kind.)
type BeginsWithFor<V> = [V] extends [string]
  ? BeginsWithOperator<string>
  : [V] extends [Uint8Array]
    ? BeginsWithOperator<Uint8Array>
    : [V] extends [Date]
      ? BeginsWithOperator<string>
      : never;

type ContainsFor<V> = [V] extends [string]
  ? ContainsOperator<string>
  : [V] extends [ReadonlySet<infer E>]
    ? ContainsOperator<E>
    : [V] extends [readonly (infer E)[]]
      ? ContainsOperator<E>
      : never;

/**
 * The operators that fit a value type. `lt`, `gte`, `between`... are only buildable with
 * comparable values (their helpers' constraints), so a boolean or list path gets `eq`/`ne` only.
 */
export type ConditionOperator<V> =
  | CompareOperator<V>
  | BetweenOperator<V>
  | InOperator<V>
  | ExistsOperator
  | IsTypeOperator
  | BeginsWithFor<V>
  | ContainsFor<V>;

/**
 * A condition object: typed paths as keys, a literal (equality) or an operator as values. Several
 * keys mean AND. The `never` mark keeps nodes (which carry it) from passing as objects.
 */
export type ConditionObject<T> = {
  [E in PathEntries<T> as E[0]]?: ConditionSlot<E[1], E[0] extends string ? Path<T> : never, E[0] extends string ? PathsLike<T, E[1]> : never>;
} & { readonly [EXPRESSION]?: never } & ModelMark<T>;

/** What a comparison of two attributes sees: values of one class compare, others are false for every item. */
type ValueClass<V> = [V] extends [number | bigint] ? 'number'
  // A Date is stored as text (kind date) or as epoch seconds (epochSeconds, TTL): it compares with either.
  : [V] extends [Date] ? 'string' | 'number'
  : [V] extends [string] ? 'string'
    : [V] extends [Uint8Array] ? 'binary'
      : [V] extends [boolean] ? 'boolean'
        : 'other';

/**
 * The paths of T whose values compare with a value of type V (attribute() operands): numbers with
 * numbers, strings and dates with strings... Every path when V is of no such class (lists, maps,
 * sets) or a path's type is unknown; the runtime checks those before sending.
 */
type PathsLike<T, V> = ValueClass<NonNullable<V>> extends 'other'
  ? Path<T>
  : PathEntries<T> extends infer E
    ? E extends [infer K extends string, infer W]
      ? unknown extends W ? K : [Extract<ValueClass<NonNullable<W>>, ValueClass<NonNullable<V>>>] extends [never] ? never : K
      : never
    : never;

/**
 * What a condition object accepts at a path of value type V (anything where V is unknown): a
 * value, an operator for V, or a comparison with other attributes `P` of the model (whose kinds
 * are checked before sending): compared, as between's bounds, among isIn's candidates, or as the
 * operand of beginsWith (string and binary paths) and contains (strings, sets, lists).
 */
type ConditionSlot<V, P extends string, L extends string> = unknown extends V
  ? unknown
  : NonNullable<V> | ConditionOperator<NonNullable<V>> | CompareOperator<AttributeRef<L>>
    // A property that may hold null (`string | null`) is stored as NULL then: it can be compared with null.
    | (null extends V ? null | CompareOperator<null, '=' | '<>'> : never)
    | BetweenOperator<NonNullable<V> | AttributeRef<L>> | InOperator<NonNullable<V> | AttributeRef<L>>
    | ([BeginsWithFor<NonNullable<V>>] extends [never] ? never : BeginsWithOperator<AttributeRef<L>>)
    // A substring of a string is a string; a member of a set or an element of a list is checked at runtime.
    | ([ContainsFor<NonNullable<V>>] extends [never] ? never : ContainsOperator<AttributeRef<[NonNullable<V>] extends [string] ? L : P>>);

/** A condition, filter: a condition object, a node from `and`/`or`/`not`, or `size(path).op(n)`. */
export type Condition<T> = ConditionObject<T> | ConditionNode<T> | SizeCondition<SizedPath<T>>;

// ---------------------------------------------------------------------------------------------
// Key conditions and keys

type KeyOperatorFor<V> =
  | CompareOperator<V, '=' | '<' | '<=' | '>' | '>='>
  | BetweenOperator<V>
  | BeginsWithFor<V>;

/**
 * A key condition of an index (or of a table whose key is not declared): the partition key's value
 * (or `eq`), and at most one sort key condition of `eq lt lte gt gte between beginsWith`. Keys are
 * top-level properties; which of them are the index's keys is known at runtime only, and checked there.
 */
export type IndexKeyCondition<T> = {
  [K in DataKeys<T>]?: NonNullable<T[K]> | KeyOperatorFor<NonNullable<T[K]>>;
};

/**
 * A key condition of the table. With the key declared (`declare readonly [KEY]?: ['year', 'title']`)
 * the partition key is required and no other property than the sort key is taken; otherwise as
 * IndexKeyCondition, checked at runtime.
 */
export type KeyCondition<T> = [DeclaredKey<T>] extends [never] ? IndexKeyCondition<T> : DeclaredKeyCondition<T, DeclaredKey<T>>;

/** The index names a query or scan of T takes: any string, or with `[INDEXES]` declared only those. */
export type IndexName<T> = [DeclaredIndexes<T>] extends [never] ? string : keyof DeclaredIndexes<T> & string;

/**
 * Nothing more to pass when T declares no `[INDEXES]`, or the index is any string (a variable,
 * generic code: checked at runtime). With `[INDEXES]` declared, a literal index name reaching this
 * signature is one the model does not declare, or one whose key condition does not fit its
 * declared keys (the typed signature took every other): it asks for an argument no call gives,
 * whose name says why.
 */
export type UndeclaredIndex<T, S extends string> = [DeclaredIndexes<T>] extends [never]
  ? []
  : string extends S ? [] : [never: 'an index the model does not declare in [INDEXES], or a key condition that does not fit its declared keys'];

/** For a scan (no key condition): nothing more to pass unless a literal index name is not one T declares. */
export type ScannedIndex<T, S extends string> = [DeclaredIndexes<T>] extends [never]
  ? []
  : string extends S ? [] : S extends IndexName<T> ? [] : [never: 'an index the model does not declare in [INDEXES]'];

/**
 * The key condition of index I of T: with `[INDEXES]` declared, its partition key required and
 * no other property than its sort key; otherwise IndexKeyCondition, checked at runtime.
 */
export type IndexKeyConditionOf<T, I> = [DeclaredIndexes<T>] extends [never]
  ? IndexKeyCondition<T>
  : I extends keyof DeclaredIndexes<T> ? DeclaredKeyCondition<T, DeclaredIndexes<T>[I]> : IndexKeyCondition<T>;

type DeclaredKeyCondition<T, D> = D extends readonly [infer P extends DataKeys<T>]
  ? { [K in P]: NonNullable<T[K]> | CompareOperator<NonNullable<T[K]>, '='> }
  : D extends readonly [infer P extends DataKeys<T>, infer S extends DataKeys<T>]
    ? { [K in P]: NonNullable<T[K]> | CompareOperator<NonNullable<T[K]>, '='> } & { [K in S]?: NonNullable<T[K]> | KeyOperatorFor<NonNullable<T[K]>> }
    : BadKeyDeclaration<D>;

/** The property names of the declared key (never without a declaration). */
type DeclaredKeyNames<T> = [DeclaredKey<T>] extends [never] ? never : DeclaredKey<T> extends readonly (infer K)[] ? K : never;

/** A key object of any top-level properties (a model without a declared key): checked at runtime. */
export type LooseKeyOf<T> = { [K in DataKeys<T>]?: NonNullable<T[K]> };

/**
 * A key object (`{ year: 1985, title: 'After Hours' }`). With the key declared, exactly its
 * properties, all required; otherwise any top-level properties (checked at runtime, before sending).
 */
export type KeyOf<T> = [DeclaredKey<T>] extends [never] ? LooseKeyOf<T> : DeclaredKeyOf<T, DeclaredKey<T>>;

type DeclaredKeyOf<T, D> = D extends readonly [infer P extends DataKeys<T>]
  ? { [K in P]: NonNullable<T[K]> }
  : D extends readonly [infer P extends DataKeys<T>, infer S extends DataKeys<T>]
    ? { [K in P | S]: NonNullable<T[K]> }
    : BadKeyDeclaration<D>;

// ---------------------------------------------------------------------------------------------
// Updates and projections

type UpdateOperatorFor<V> =
  | IfNotExistsOperator<V>
  | ([V] extends [number] ? IncrementOperator<number> | AddOperator<number> : never)
  | ([V] extends [bigint] ? IncrementOperator<number | bigint> | AddOperator<number | bigint> : never)
  | ([V] extends [ReadonlySet<infer E>] ? AddOperator<ReadonlySet<E>> | DeleteFromSetOperator<ReadonlySet<E>> : never)
  | ([V] extends [readonly (infer E)[]] ? AppendOperator<E> : never);

/**
 * An update object: typed paths as keys; a literal value is a SET (`undefined`: no change), an
 * operator (`increment`, `add`, `append`, `remove`...) another action.
 */
export type UpdateChanges<T> = {
  // A declared key property is not a path to change: DynamoDB cannot update a key (the runtime refuses it for any model).
  [E in PathEntries<T> as E[0] extends DeclaredKeyNames<T> ? never : E[0]]?: unknown extends E[1] ? unknown
    : E[1] | UpdateOperatorFor<NonNullable<E[1]>> | UpdateFromAttribute<NonNullable<E[1]>, PathsLike<T, E[1]>> | RemoveFor<E>;
};

/**
 * remove() where the model lets the value be missing: an optional property (`rating?: number`),
 * a list element or a map key. A property declared present (`plot!: string`) would read back
 * undefined, against its type.
 */
type RemoveFor<E> = E extends [infer P extends string, infer V]
  ? undefined extends V ? RemoveOperator
    : P extends `${string}]` ? RemoveOperator
      : P extends `${string}.${infer Last}` ? (string extends Last ? RemoveOperator : never) : never
  : never;

/** Another attribute `P` of the item as the value: copied, copied if missing, or (numbers) added or subtracted. */
type UpdateFromAttribute<V, P extends string> =
  | AttributeRef<P>
  | IfNotExistsOperator<AttributeRef<P>>
  | ([V] extends [number | bigint] ? IncrementOperator<AttributeRef<P>> : never);

/** The paths to read (a ProjectionExpression). */
export type Projection<T> = readonly Path<T>[];
