/**
 * Type tests for transactions and batches: compiled by `npm run typecheck`. Each
 * `@ts-expect-error` must stay an error; if one stops being an error, tsc fails.
 */
import 'reflect-metadata';
import { Attribute, Mapper, PartitionKey, SortKey, Table, Version, increment, lt } from 'dynamap';
import type { BatchWriteOperation } from 'dynamap';

@Table()
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() rating?: number;
  @Version() version?: number;
}

@Table()
class Note {
  @PartitionKey() id!: string;
  @Attribute() text?: string;
}

type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;
function assertType<T extends true>(_: T): void {}

export async function transactGetTuple(mapper: Mapper): Promise<void> {
  const result = await mapper.transactGet([[Movie, { year: 1985, title: 'After Hours' }], [Note, { id: 'n1' }]]);
  assertType<Equals<typeof result, [Movie | undefined, Note | undefined]>>(true);
  const [movie, note] = result;
  // @ts-expect-error each element may be undefined (not found)
  movie.title.toUpperCase();
  if (note) note.text?.toUpperCase();
  // @ts-expect-error a tuple of two has no third element
  void result[2].id;

  // @ts-expect-error a key property of the wrong type
  await mapper.transactGet([[Movie, { year: '1985', title: 'x' }]]);
  // @ts-expect-error a key property the model does not have
  await mapper.transactGet([[Note, { id: 'n1', yeer: 1 }]]);
  // @ts-expect-error a request is [Model, key], not a bare key
  await mapper.transactGet([{ id: 'n1' }]);

  const single = await mapper.transactGet([[Note, { id: 'n1' }]] as const);
  assertType<Equals<typeof single, [Note | undefined]>>(true);

  const projected = await mapper.transactGet([[Movie, { year: 1985, title: 'x' }, { project: ['rating'] }], [Note, { id: 'n1' }]]);
  assertType<Equals<typeof projected, [Movie | undefined, Note | undefined]>>(true);
  // @ts-expect-error a projection path the model does not have
  await mapper.transactGet([[Movie, { year: 1985, title: 'x' }, { project: ['ratin'] }]]);
}

export async function transactionWriter(mapper: Mapper): Promise<void> {
  const n = await mapper.transaction((tx) => {
    tx.put(new Movie(), { condition: { rating: lt(5) } });
    tx.update(Movie, { year: 1985, title: 'x' }, { rating: increment(1) }, { condition: { version: 3 } });
    tx.delete(Note, { id: 'n1' });
    tx.check(Note, { id: 'n2' }, { text: 'hello' });
    tx.save(new Movie());
    // @ts-expect-error save takes an entity, not a primitive
    tx.save(42);
    // @ts-expect-error update changes are typed by the model
    tx.update(Movie, { year: 1985, title: 'x' }, { rating: 'high' });
    // @ts-expect-error a condition path the model does not have
    tx.check(Note, { id: 'n2' }, { txt: 'hello' });
    // @ts-expect-error a key of the wrong type
    tx.delete(Note, { id: 5 });
    return 42;
  });
  assertType<Equals<typeof n, number>>(true);
}

export async function batches(mapper: Mapper): Promise<void> {
  const movies = await mapper.batchGet(Movie, [{ year: 1985, title: 'x' }]);
  assertType<Equals<typeof movies, Movie[]>>(true);
  // @ts-expect-error a key property of the wrong type
  await mapper.batchGet(Movie, [{ year: '1985' }]);

  const [ms, ns] = await mapper.batchGet([[Movie, [{ year: 1985, title: 'x' }]], [Note, [{ id: 'a' }, { id: 'b' }]]]);
  assertType<Equals<typeof ms, Movie[]>>(true);
  assertType<Equals<typeof ns, Note[]>>(true);
  // @ts-expect-error keys are checked against their own model
  await mapper.batchGet([[Movie, [{ id: 'a' }]]]);

  const put = await mapper.batchPut([new Movie(), new Movie()]);
  assertType<Equals<typeof put, Movie[]>>(true);
  await mapper.batchDelete(Note, [{ id: 'a' }]);
  // @ts-expect-error batchDelete keys are typed by the model
  await mapper.batchDelete(Note, [{ id: 1 }]);
  await mapper.batchWrite([{ put: new Movie() }, { delete: Note, key: { id: 'a' } }]);
  // @ts-expect-error an operation is { put } or { delete, key }
  await mapper.batchWrite([{ remove: new Movie() }]);
  // Each delete's key is checked against its own model, as delete() checks it.
  // @ts-expect-error a key property of the wrong type
  await mapper.batchWrite([{ put: new Movie() }, { delete: Note, key: { id: 5 } }]);
  // @ts-expect-error a misspelt key property
  await mapper.batchWrite([{ delete: Movie, key: { yeer: 1985, title: 'x' } }]);
  // Operations built elsewhere (an array of the general type, a map over data) still compile.
  const built: BatchWriteOperation[] = [{ delete: Note, key: { id: 'a' } }];
  await mapper.batchWrite(built);
  await mapper.batchWrite(['a', 'b'].map((id) => ({ delete: Note, key: { id } })));
  await mapper.batchWrite([...built, { put: new Note() }]);

  await mapper.batchPut([new Movie()], { concurrency: 8, onProgress: ({ done, total }) => void (done / total), retry: { attempts: 3 } });
}
