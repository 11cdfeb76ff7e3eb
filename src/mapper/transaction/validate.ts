/**
 * class-validator for transaction actions, as for single writes: a put's entity as it will be
 * stored (hooks applied), an update's plain values as a partial entity.
 */
import { batchError } from '../../errors/batch';
import { heldProperties, validateChanges, validateEntity } from '../validation';
import type { PreparedAction } from './actions';

export async function validateActions(actions: readonly PreparedAction[]): Promise<void> {
  for (const a of actions) {
    try {
      if (a.put) {
        const partial = a.put.snapshot?.partial ? heldProperties(a.put.staged, a.put.snapshot) : undefined;
        await validateEntity(a.put.staged, a.schema.className, undefined, a.put.item, partial);
      } else if (a.changes) {
        await validateChanges(a.schema.target, a.changes, a.schema.className, a.key);
      }
    } catch (e) {
      throw batchError.atItem('transaction', `action ${a.index} (${a.action})`, e);
    }
  }
}
