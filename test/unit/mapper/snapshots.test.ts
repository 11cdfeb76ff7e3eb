/**
 * The snapshot save() diffs against is kept on the entity in a stamped private field: these tests pin that users cannot see it where they look at an entity, and that it follows the
 * entity (not copies, not objects made from it), frozen entities included.
 */
import { inspect } from 'node:util';
import { forget, remember, snapshotOf } from '../../../src/mapper/snapshots';

class Movie {
  title?: string;
  year?: number;
}

const item = { title: { S: 'Heat' }, year: { N: '1995' } };

function movie(): Movie {
  return Object.assign(new Movie(), { title: 'Heat', year: 1995 });
}

describe('entity snapshots', () => {
  it('are invisible to keys, symbols, JSON, inspect, spread, Object.assign and toEqual', () => {
    const m = movie();
    remember(m, item);
    expect(snapshotOf(m)).toEqual({ item, partial: false });
    expect(Object.keys(m)).toEqual(['title', 'year']);
    expect(Reflect.ownKeys(m)).toEqual(['title', 'year']);
    expect(Object.getOwnPropertySymbols(m)).toEqual([]);
    expect(inspect(m)).toBe(inspect(movie()));
    expect(JSON.stringify(m)).toBe('{"title":"Heat","year":1995}');
    expect(m).toEqual(movie());
    expect(m).toStrictEqual(movie());
    const copies = [{ ...m }, Object.assign(new Movie(), m), Object.create(m) as Movie, structuredClone(m)];
    for (const copy of copies) expect(snapshotOf(copy)).toBeUndefined();
  });

  it('the latest remember() wins, and forget() removes it', () => {
    const m = movie();
    remember(m, item);
    const newer = { ...item, year: { N: '1996' } };
    remember(m, newer, true);
    expect(snapshotOf(m)).toEqual({ item: newer, partial: true });
    forget(m);
    expect(snapshotOf(m)).toBeUndefined();
  });

  it('works for entities that cannot take a property (frozen, sealed) and for one frozen after it was remembered', () => {
    const frozen = Object.freeze(movie());
    remember(frozen, item);
    expect(snapshotOf(frozen)).toEqual({ item, partial: false });
    forget(frozen);
    expect(snapshotOf(frozen)).toBeUndefined();

    const sealed = Object.seal(movie());
    remember(sealed, item);
    expect(snapshotOf(sealed)?.item).toBe(item);

    const later = movie();
    remember(later, item);
    Object.freeze(later);
    const newer = { ...item, title: { S: 'Ronin' } };
    remember(later, newer);
    expect(snapshotOf(later)?.item).toBe(newer);
    forget(later);
    expect(snapshotOf(later)).toBeUndefined();
    remember(later, item);
    expect(snapshotOf(later)?.item).toBe(item);
  });
});
