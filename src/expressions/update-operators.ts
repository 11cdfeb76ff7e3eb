/**
 * The update helpers: the value side of an update object (`{ views: increment(1) }`). A literal
 * value is a SET; these are the other actions. Like the condition helpers they only build data.
 */
import type { AttributeRef } from './operators';
import { EXPRESSION } from './ast';

export interface IncrementOperator<V extends number | bigint | AttributeRef> {
  readonly [EXPRESSION]: 'update';
  readonly type: 'increment';
  readonly sign: '+' | '-';
  readonly by: V;
}
export interface IfNotExistsOperator<V> {
  readonly [EXPRESSION]: 'update';
  readonly type: 'ifNotExists';
  readonly value: V;
}
export interface AppendOperator<E> {
  readonly [EXPRESSION]: 'update';
  readonly type: 'append';
  readonly position: 'end' | 'start';
  readonly values: readonly E[];
}
export interface AddOperator<V extends number | bigint | ReadonlySet<unknown>> {
  readonly [EXPRESSION]: 'update';
  readonly type: 'add';
  readonly value: V;
}
export interface DeleteFromSetOperator<V extends ReadonlySet<unknown>> {
  readonly [EXPRESSION]: 'update';
  readonly type: 'deleteFromSet';
  readonly value: V;
}
export interface RemoveOperator {
  readonly [EXPRESSION]: 'update';
  readonly type: 'remove';
}

export type AnyUpdateOperator =
  | IncrementOperator<number | bigint>
  | IfNotExistsOperator<unknown>
  | AppendOperator<unknown>
  | AddOperator<number | bigint | ReadonlySet<unknown>>
  | DeleteFromSetOperator<ReadonlySet<unknown>>
  | RemoveOperator;

/**
 * `SET #p = if_not_exists(#p, :zero) + :by`: a missing attribute counts as 0, as with ADD, so a
 * counter needs no initialisation.
 */
export function increment(): IncrementOperator<number>;
export function increment<V extends number | bigint>(by?: V): IncrementOperator<V>;
/** `SET #p = if_not_exists(#p, :zero) + #other`: by another attribute of the item. */
export function increment<P extends string>(by: AttributeRef<P>): IncrementOperator<AttributeRef<P>>;
export function increment(by?: number | bigint | AttributeRef): IncrementOperator<number | bigint | AttributeRef> {
  return { [EXPRESSION]: 'update', type: 'increment', sign: '+', by: by ?? 1 };
}

/** `SET #p = if_not_exists(#p, :zero) - :by`. */
export function decrement(): IncrementOperator<number>;
export function decrement<V extends number | bigint>(by?: V): IncrementOperator<V>;
/** `SET #p = if_not_exists(#p, :zero) - #other`: by another attribute of the item. */
export function decrement<P extends string>(by: AttributeRef<P>): IncrementOperator<AttributeRef<P>>;
export function decrement(by?: number | bigint | AttributeRef): IncrementOperator<number | bigint | AttributeRef> {
  return { [EXPRESSION]: 'update', type: 'increment', sign: '-', by: by ?? 1 };
}

/**
 * `SET #p = if_not_exists(#p, :v)`: sets the value only if the attribute is missing. The value may
 * be another attribute of the item: `ifNotExists(attribute('createdAt'))`.
 */
export function ifNotExists<V>(value: V): IfNotExistsOperator<V> {
  return { [EXPRESSION]: 'update', type: 'ifNotExists', value };
}

/** `SET #p = list_append(if_not_exists(#p, :empty), :v)`: adds elements at the end of a list (a missing list counts as empty). */
export function append<E>(values: readonly E[]): AppendOperator<E> {
  return { [EXPRESSION]: 'update', type: 'append', position: 'end', values };
}

/** `SET #p = list_append(:v, if_not_exists(#p, :empty))`: adds elements at the start of a list. */
export function prepend<E>(values: readonly E[]): AppendOperator<E> {
  return { [EXPRESSION]: 'update', type: 'append', position: 'start', values };
}

/** `ADD #p :v`: adds to a number (a missing one counts as 0) or adds members to a set. */
export function add(value: number): AddOperator<number>;
export function add(value: bigint): AddOperator<bigint>;
export function add<E>(value: ReadonlySet<E>): AddOperator<ReadonlySet<E>>;
export function add(value: number | bigint | ReadonlySet<unknown>): AddOperator<number | bigint | ReadonlySet<unknown>> {
  return { [EXPRESSION]: 'update', type: 'add', value };
}

/** `DELETE #p :v`: removes members from a set. */
export function deleteFromSet<E>(value: ReadonlySet<E>): DeleteFromSetOperator<ReadonlySet<E>> {
  return { [EXPRESSION]: 'update', type: 'deleteFromSet', value };
}

/** `REMOVE #p`: removes the attribute (or the list element, or the map entry). */
export function remove(): RemoveOperator {
  return { [EXPRESSION]: 'update', type: 'remove' };
}
