/**
 * Duplicate keys in one batch call: DynamoDB refuses them ("Provided list of item keys contains
 * duplicates"), so they never reach it.
 *  - writes: the last request for a key wins (as if they had been sent one after the other);
 *    it keeps the place of the key's first request, so chunks stay in the caller's order.
 *  - gets: a key is fetched once; every request for it is answered from that one read.
 */

export interface Identified {
  readonly id: string;
}

/** The requests left after "last wins", and how many were superseded. */
export function lastWins<T extends Identified>(requests: readonly T[]): { kept: T[]; superseded: number } {
  const slot = new Map<string, number>();
  const kept: T[] = [];
  for (const r of requests) {
    const at = slot.get(r.id);
    if (at === undefined) {
      slot.set(r.id, kept.length);
      kept.push(r);
    } else {
      kept[at] = r;
    }
  }
  return { kept, superseded: requests.length - kept.length };
}

/** The first request of each id, in order. */
export function firstOfEach<T extends Identified>(requests: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const r of requests) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
  }
  return out;
}
