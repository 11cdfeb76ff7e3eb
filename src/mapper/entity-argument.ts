/**
 * The type of an entity argument (put, save, delete, batchPut, tx.put, tx.delete): any object,
 * but not a class (`mapper.delete(Movie)`, a key forgotten, matched the entity overload), a
 * function or an array. What is passed instead is a compile error whose text says what to pass.
 */
export type EntityArgument<T> = T & EntityCheck<T>;

type EntityCheck<T> = T extends Function
  ? { readonly 'expected an entity (an instance of a model class, e.g. new Movie()), not a class or function': never }
  : T extends readonly unknown[]
    ? { readonly 'expected one entity, not an array (batchPut() writes several)': never }
    : unknown;
