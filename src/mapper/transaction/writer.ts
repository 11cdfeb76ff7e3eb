/**
 * The `tx` a transaction callback receives. It only records actions — building, checking and
 * sending happen once the callback returned, so a callback that throws sends nothing.
 */
import { transactionError } from '../../errors/transaction';
import type { Condition, UpdateChanges } from '../../expressions';
import type { Constructor } from '../../metadata/types';
import type { KeyOf } from '../../expressions';
import { writeError } from '../../errors/write';
import { objectOf, OPTIONS, optionsOf } from '../arguments';
import type {
  TransactCheckOptions, TransactDeleteOptions, TransactionAction, TransactPutOptions, TransactUpdateOptions,
} from './types';

export class TransactionWriter {
  readonly #actions: TransactionAction[] = [];
  #closed = false;

  /** Writes the whole entity (a new versioned entity must not exist; a read one must keep its version). */
  put<T extends object>(entity: T, options: TransactPutOptions<T> = {}): this {
    this.#open('put');
    options = optionsOf(options, 'tx.put()', OPTIONS.put);
    this.#actions.push({ action: 'put', entity, options: options as TransactPutOptions<object> });
    return this;
  }

  /** One update of the item with this key (@Version incremented, @UpdatedAt set, as mapper.update). */
  update<T extends object>(Model: Constructor<T>, key: KeyOf<T>, changes: UpdateChanges<T>, options: TransactUpdateOptions<T> = {}): this {
    this.#open('update');
    options = optionsOf(options, 'tx.update()', OPTIONS.condition);
    objectOf(changes, `transaction update(${Model.name})`, 'changes', "an object of property paths ({ rating: 8 })");
    this.#actions.push({
      action: 'update', Model, key, changes: changes as UpdateChanges<object>, options: options as TransactUpdateOptions<object>,
    });
    return this;
  }

  /** Deletes by key, or an entity (which, if read with @Version, must still have that version). */
  delete<T extends object>(Model: Constructor<T>, key: KeyOf<T>, options?: TransactDeleteOptions<T>): this;
  delete<T extends object>(entity: T, options?: TransactDeleteOptions<T>): this;
  delete<T extends object>(
    modelOrEntity: Constructor<T> | T, keyOrOptions?: KeyOf<T> | TransactDeleteOptions<T>, maybeOptions?: TransactDeleteOptions<T>,
  ): this {
    this.#open('delete');
    if (typeof modelOrEntity === 'function') {
      const options = optionsOf(maybeOptions, 'tx.delete()', OPTIONS.condition);
      this.#actions.push({
        action: 'delete', Model: modelOrEntity, key: (keyOrOptions ?? {}) as object, options: options as TransactDeleteOptions<object>,
      });
    } else {
      if (modelOrEntity === null || typeof modelOrEntity !== 'object') {
        throw writeError.notAnEntity(`tx.delete() (action ${this.#actions.length}, which takes an entity, or a model and its key: tx.delete(Model, key))`, modelOrEntity);
      }
      const entity = modelOrEntity as object;
      this.#actions.push({
        action: 'delete', Model: entity.constructor as Constructor, key: entity, entity,
        options: optionsOf(keyOrOptions as TransactDeleteOptions<object> | undefined, 'tx.delete()', OPTIONS.condition),
      });
    }
    return this;
  }

  /**
   * As mapper.save(): an entity that was read writes only what changed since (one Update, on the
   * condition that the item exists and, with @Version, still has the version read); one never read
   * is put. An entity read and not changed is checked instead (it exists, with the version read).
   */
  save<T extends object>(entity: T): this {
    this.#open('save');
    if (entity === null || typeof entity !== 'object') throw writeError.notAnEntity(`tx.save() (action ${this.#actions.length})`, entity);
    this.#actions.push({ action: 'save', entity });
    return this;
  }

  /** Requires `condition` to hold for the item with this key; writes nothing. */
  check<T extends object>(Model: Constructor<T>, key: KeyOf<T>, condition: Condition<T>, options: TransactCheckOptions = {}): this {
    this.#open('check');
    options = optionsOf(options, 'tx.check()', OPTIONS.check);
    this.#actions.push({ action: 'check', Model, key, condition: condition as Condition<object>, options });
    return this;
  }

  /** The recorded actions; the writer accepts no more once they are taken (see closeWriter: not public). */
  private close(): readonly TransactionAction[] {
    this.#closed = true;
    return this.#actions;
  }

  #open(method: string): void {
    if (this.#closed) throw transactionError.closed(method);
  }
}

/** Closes the writer and takes its actions: for runTransaction only (a user's callback cannot close its tx). */
export function closeWriter(writer: TransactionWriter): readonly TransactionAction[] {
  return writer['close']();
}
