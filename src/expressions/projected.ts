/**
 * The type of an entity read with a projection. Without one the entity is typed as the model; a
 * model that declares its key (`declare readonly [KEY]?: ['year', 'title']`) gets, for
 * `project: ['rating', 'info.directors']`, an entity typed with the key, the projected properties
 * (a nested document with only the projected paths inside it) and the methods: reading a property
 * that was not read is a compile error instead of an undefined at runtime.
 *
 * Paths through a list index (`actors[0]`, `cast[1].name`) give the list's element type, narrowed
 * to the fields read inside it: DynamoDB returns the listed elements packed in order, which the
 * type cannot number.
 */
import type { DeclaredKey } from '../metadata/declared-key';
import type { DataKeys } from './types';

/** The entity type a read with `paths` returns (the model itself when its key is not declared). */
export type ProjectedEntity<T, P extends string> = [DeclaredKey<T>] extends [never]
  ? T
  : string extends P
    ? T
    : Projected<T, P | KeyNames<DeclaredKey<T>>> & Methods<T>;

type KeyNames<D> = D extends readonly (infer K)[] ? (K extends string ? K : never) : never;

/** The first property of a path: 'info' of 'info.rating', 'actors' of 'actors[0]'. */
type RootOf<P extends string> = P extends `${infer H}.${string}`
  ? (H extends `${infer A}[${string}` ? A : H)
  : P extends `${infer A}[${string}` ? A : P;

/** The rest of the paths below root K (only through a dot: an index keeps the whole value). */
type Below<P extends string, K extends string> = P extends `${K}.${infer R}` ? R : never;

/** Paths that take the whole value of K: K itself. */
type Whole<P extends string, K extends string> = P extends K ? true : never;

/** Paths through an index of list K (`cast[1]`, `cast[1].name`). */
type Indexed<P extends string, K extends string> = P extends `${K}[${string}` ? true : never;

/** The fields read inside elements of list K (`name` of `cast[1].name`). */
type ElementFields<P extends string, K extends string> = P extends `${K}[${number}].${infer F}` ? F : never;

/** Paths that read whole elements of list K (`cast[1]`, or deeper indexes `grid[0][1]`). */
type ElementWhole<P extends string, K extends string> = P extends `${K}[${number}].${string}` ? never : P extends `${K}[${string}` ? true : never;

/**
 * A list read through indexes: DynamoDB returns the listed elements in order, packed (cast[1] and
 * cast[3] come back as a list of two), each with only the fields read when the paths go into it.
 */
type ListPart<V, P extends string, K extends string> = V extends readonly (infer E)[]
  ? (([ElementWhole<P, K>] extends [never] ? never : E) | ([ElementFields<P, K>] extends [never] ? never : Pick_<E, ElementFields<P, K>>))[]
  : V;

type Projected<T, P extends string> = {
  [K in keyof T as K extends RootOf<P> ? K : never]: K extends string
    ? [Whole<P, K>] extends [never]
      ? [Indexed<P, K>] extends [never] ? Pick_<T[K], Below<P, K>> : ListPart<T[K], P, K>
      : T[K]
    : never;
};

/** The part of a nested value a projection reads (a document narrowed, anything else as is). */
type Pick_<V, P extends string> = V extends Date | Uint8Array | ReadonlySet<unknown> | readonly unknown[] | ((...args: never[]) => unknown)
  ? V
  : V extends object
    ? string extends keyof V ? V : Projected<V, P> & Methods<V>
    : V;

type Methods<T> = Pick<T, Exclude<keyof T, DataKeys<T> | SymbolKeys<T>>>;
type SymbolKeys<T> = { [K in keyof T]: K extends symbol ? K : never }[keyof T];
