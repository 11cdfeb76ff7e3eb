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
