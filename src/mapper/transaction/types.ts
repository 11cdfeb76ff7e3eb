/** The public shapes of transactions. */
import type { Condition, UpdateChanges } from '../../expressions';
import type { Constructor } from '../../metadata/types';
import type { ConditionOptions, PutOptions } from '../item-inputs';
import type { KeyOf, Projection, ProjectedEntity } from '../../expressions';

export interface TransactionOptions {
  /**
   * Idempotency token (ClientRequestToken): the same token within 10 minutes makes DynamoDB apply
   * the transaction at most once, so a caller may safely resend after a timeout.
   */
  clientRequestToken?: string | undefined;
  /** Ask for the stored item of every action whose condition fails (reason.oldItem). */
  returnOldOnFailure?: boolean | undefined;
}

/** tx.put options: a put's, minus nothing — condition, overwrite, returnOldOnFailure. */
export type TransactPutOptions<T> = PutOptions<T>;
/** tx.update options: condition and returnOldOnFailure (a transaction returns no values). */
export type TransactUpdateOptions<T> = ConditionOptions<T>;
export type TransactDeleteOptions<T> = ConditionOptions<T>;
export type TransactCheckOptions = Pick<ConditionOptions<unknown>, 'returnOldOnFailure'>;

/** One recorded action, exactly as the caller gave it (built into a TransactWriteItem later). */
export type TransactionAction =
  | { readonly action: 'put'; readonly entity: object; readonly options: TransactPutOptions<object> }
  | { readonly action: 'update'; readonly Model: Constructor; readonly key: object; readonly changes: UpdateChanges<object>; readonly options: TransactUpdateOptions<object> }
  | { readonly action: 'delete'; readonly Model: Constructor; readonly key: object; readonly entity?: object; readonly options: TransactDeleteOptions<object> }
  | { readonly action: 'check'; readonly Model: Constructor; readonly key: object; readonly condition: Condition<object>; readonly options: TransactCheckOptions }
  | { readonly action: 'save'; readonly entity: object };

/** Options of one transactGet read. */
export interface TransactGetOptions<T> {
  /** Only these property paths, plus the key (the entity is then partial; save() leaves the rest alone). */
  project?: Projection<T> | undefined;
}

/** One item of transactGet: `[Movie, { year: 1985, title: 'After Hours' }]`, optionally `[Movie, key, { project }]`. */
export type TransactGetRequest<T extends object = object> =
  | readonly [Model: Constructor<T>, key: KeyOf<T>]
  | readonly [Model: Constructor<T>, key: KeyOf<T>, options: TransactGetOptions<T>];

/**
 * What transactGet accepts before each request is checked against its own model (CheckedGetRequests):
 * with `TransactGetRequest<object>` a projection could only be empty.
 */
export type AnyTransactGetRequest =
  | readonly [Model: Constructor, key: unknown]
  | readonly [Model: Constructor, key: unknown, options: { readonly project?: readonly string[] }];

/** The results of transactGet: for each request, its entity or undefined, in order. */
export type TransactGetResults<R extends readonly AnyTransactGetRequest[]> = {
  -readonly [I in keyof R]: R[I] extends readonly [Constructor<infer T>, unknown, { readonly project: readonly (infer P)[] }]
    ? ProjectedEntity<T, P & string> | undefined
    : R[I] extends readonly [Constructor<infer T>, unknown, ...unknown[]] ? T | undefined : never;
};

/** Each request's key (and projection) checked against its own model (a misspelt or mistyped property is an error). */
export type CheckedGetRequests<R extends readonly AnyTransactGetRequest[]> = {
  readonly [I in keyof R]: R[I] extends readonly [Constructor<infer T>, unknown]
    ? readonly [Constructor<T>, KeyOf<T>]
    : R[I] extends readonly [Constructor<infer T>, unknown, unknown]
      ? readonly [Constructor<T>, KeyOf<T>, TransactGetOptions<T>]
      : R[I];
};
