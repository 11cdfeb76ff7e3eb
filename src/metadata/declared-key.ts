/**
 * Typed keys. Decorators cannot change a class's type, so by default a key object is any subset
 * of the model's properties, checked at runtime (before sending). A model can declare its table
 * key to the type checker with a phantom field; `declare` emits nothing at runtime:
 *
 *   @Table() class Movie {
 *     declare readonly [KEY]?: ['year', 'title'];   // [partition key] or [partition key, sort key]
 *     @PartitionKey() year!: number;
 *     @SortKey() title!: string;
 *   }
 *
 * Then `KeyOf<Movie>` is exactly `{ year: number; title: string }` (get, delete, update, batch and
 * transaction keys), a table key condition needs the partition key and takes no other property,
 * and @PartitionKey/@SortKey on another property than the declared one is a compile error.
 */
export const KEY: unique symbol = Symbol.for('dynamap.key');

/** The declared `[partitionKey, sortKey?]` property names, or never when the model declares none. */
export type DeclaredKey<T> = typeof KEY extends keyof T ? NonNullable<T[typeof KEY]> : never;

/** What a declaration that is not `[pk]` or `[pk, sk]` of the model's properties turns every key into. */
export interface BadKeyDeclaration<D> {
  readonly 'the model declares [KEY] as something other than [partitionKey] or [partitionKey, sortKey] of its properties': D;
}

/**
 * What the decorator of key part I (0: partition key, 1: sort key) accepts as its property K: any
 * property when the model declares no key, else only the declared one.
 */
export type KeyPartCheck<T, K, I extends 0 | 1> = [DeclaredKey<T>] extends [never]
  ? unknown
  : DeclaredKey<T> extends readonly unknown[]
    ? K extends DeclaredKey<T>[I]
      ? unknown
      : { readonly [M in I extends 0 ? 'is not the partition key the model declares in [KEY]' : 'is not the sort key the model declares in [KEY]']: DeclaredKey<T> }
    : unknown;

/**
 * Typed indexes, the same way: a model lists its indexes and their key properties in a phantom
 * field (`declare` emits nothing at runtime),
 *
 *   declare readonly [INDEXES]?: { byGenre: ['genre', 'rating']; byYear: ['year'] };
 *
 * and then a query or scan names only those indexes (`{ index: 'byGenr' }` is a compile error),
 * and an index's key condition needs its partition key and takes no other property than its
 * sort key. A local index lists the table's partition key and its own sort key.
 */
export const INDEXES: unique symbol = Symbol.for('dynamap.indexes');

/** The declared `{ indexName: [partitionKey, sortKey?] }`, or never when the model declares none. */
export type DeclaredIndexes<T> = typeof INDEXES extends keyof T ? NonNullable<T[typeof INDEXES]> : never;
