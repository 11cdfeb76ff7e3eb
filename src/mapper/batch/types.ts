/** The public shapes of the batch operations. */
import type { Constructor } from '../../metadata/types';
import type { RetryPolicy } from '../context';
import type { KeyOf, Projection } from '../../expressions';

export interface BatchProgress {
  /** Items confirmed written (or read) so far. */
  readonly done: number;
  /** Distinct items in the call (a key requested twice counts once). */
  readonly total: number;
}

export interface BatchOptions {
  /** Batch calls in flight at once (default 4). */
  concurrency?: number | undefined;
  /** Called each time DynamoDB confirms some items; the last call has done === total. */
  onProgress?: (progress: BatchProgress) => void;
  /** This call's retry policy for unprocessed items and throttling (default: the mapper's). */
  retry?: Partial<RetryPolicy> | undefined;
}

export interface BatchWriteOptions extends BatchOptions {
  /**
   * BatchWriteItem cannot check a @Version, so an entity that was read (its version is set) is
   * refused. true: write it anyway with version + 1, without the check (last writer wins).
   */
  overwriteVersions?: boolean | undefined;
}

export interface BatchGetOptions extends BatchOptions {
  /** Strongly consistent reads. */
  consistent?: boolean | undefined;
}

/** Options of a single-model batchGet. */
export interface BatchGetOneOptions<T> extends BatchGetOptions {
  /**
   * Only these property paths (plus the key, which every item is read with: it is how items are
   * matched to keys). The entities are then partial; save() leaves the rest alone.
   */
  project?: Projection<T> | undefined;
}

/** A put in batchWrite(): the whole entity is written (version and timestamps as in batchPut). */
export interface BatchPutOperation<T extends object = object> {
  readonly put: T;
}

/** A delete in batchWrite(): the item of `Model` with this key. */
export interface BatchDeleteOperation<T extends object = object> {
  readonly delete: Constructor<T>;
  readonly key: KeyOf<T>;
}

export type BatchWriteOperation = BatchPutOperation | BatchDeleteOperation;

/** Each delete's key checked against its own model (as a single delete() checks it). */
export type CheckedBatchWriteOperations<O extends readonly BatchWriteOperation[]> = {
  readonly [I in keyof O]: CheckedBatchWriteOperation<O[I]>;
};

type CheckedBatchWriteOperation<X> = X extends { readonly delete: Constructor<infer T extends object> } ? BatchDeleteOperation<T> : X;

/** One model's keys in a multi-model batchGet: `[Movie, [{ year: 1985, title: 'After Hours' }]]`. */
export type BatchGetRequest<T extends object = object> = readonly [Model: Constructor<T>, keys: readonly KeyOf<T>[]];

/** The results of a multi-model batchGet: for each request, the items found, in key order. */
export type BatchGetResults<R extends readonly BatchGetRequest[]> = {
  -readonly [I in keyof R]: R[I] extends readonly [Constructor<infer T>, readonly unknown[]] ? T[] : never;
};

/** Each request's keys checked against its own model. */
export type CheckedBatchGetRequests<R extends readonly BatchGetRequest[]> = {
  readonly [I in keyof R]: R[I] extends readonly [Constructor<infer T>, readonly unknown[]] ? readonly [Constructor<T>, readonly KeyOf<T>[]] : R[I];
};
