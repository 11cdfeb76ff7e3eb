/**
 * Parallel scans: `scan(...).segments(n)` reads segments 0..n-1 concurrently (at most
 * MAX_IN_FLIGHT requests at a time, further segments starting as others finish) and merges their
 * pages in the order they arrive.
 *
 * Where a parallel scan stands is one position per segment (done, under way at a key, or not
 * started), tracked from the pages the consumer has actually taken: a cursor made after a page
 * covers exactly what was returned so far, even while other segments' pages are already read and
 * waiting. Workers read ahead by at most one page each (backpressure), so a slow consumer does
 * not buffer the table in memory.
 */
import type { SegmentsPosition, StartKey } from './cursor';
import type { RawPage, ReadRun } from './paging';

/** Requests of one parallel scan in flight at once (the SDK's default socket pool is 50). */
export const MAX_IN_FLIGHT = 32;

export class SegmentTracker {
  private readonly done: Set<number>;
  private readonly at: Map<number, StartKey>;

  constructor(readonly total: number, from?: SegmentsPosition) {
    this.done = new Set(from?.done ?? []);
    this.at = new Map(from?.at ?? []);
  }

  get finished(): boolean {
    return this.done.size === this.total;
  }

  /** Segments not finished, those under way first (so a resumed scan completes them), then in order. */
  pending(): number[] {
    const started = [...this.at.keys()].sort((a, b) => a - b);
    const rest: number[] = [];
    for (let s = 0; s < this.total; s++) if (!this.done.has(s) && !this.at.has(s)) rest.push(s);
    return [...started, ...rest];
  }

  startOf(segment: number): StartKey | undefined {
    return this.at.get(segment);
  }

  /** Records a page of `segment` as taken: it continues at `next`, or is done. */
  advance(segment: number, next: StartKey | undefined): void {
    if (next) {
      this.at.set(segment, next);
    } else {
      this.at.delete(segment);
      this.done.add(segment);
    }
  }

  position(): SegmentsPosition {
    return { total: this.total, done: new Set(this.done), at: new Map(this.at) };
  }
}

type Message = { readonly page: RawPage } | { readonly error: unknown } | { readonly end: true };

/** A bounded hand-over between the workers and the one consumer. */
class Channel {
  private readonly buffer: Message[] = [];
  private wakePull?: () => void;
  private readonly wakePush: (() => void)[] = [];
  closed = false;

  constructor(private readonly capacity: number) {}

  /** Resolves false once the consumer has stopped: the worker should stop too. */
  async push(message: Message): Promise<boolean> {
    if (this.closed) return false;
    this.buffer.push(message);
    this.wakePull?.();
    while (this.buffer.length > this.capacity && !this.closed) await new Promise<void>((r) => this.wakePush.push(r));
    return !this.closed;
  }

  async pull(): Promise<Message> {
    while (this.buffer.length === 0) await new Promise<void>((r) => (this.wakePull = r));
    this.wakePull = undefined;
    const message = this.buffer.shift()!;
    this.wakePush.shift()?.();
    return message;
  }

  close(): void {
    this.closed = true;
    for (const wake of this.wakePush.splice(0)) wake();
  }
}

/**
 * The pages of a parallel scan as they arrive, up to `limit` items in all; `tracker` is advanced
 * before each page is yielded, so `tracker.position()` is then a cursor's position.
 */
export async function* parallelPages<T extends object>(
  run: ReadRun<T>, tracker: SegmentTracker, limit: number | undefined,
): AsyncGenerator<RawPage, void, undefined> {
  const todo = tracker.pending();
  if (todo.length === 0) return;
  const workers = Math.min(todo.length, MAX_IN_FLIGHT);
  const channel = new Channel(workers);
  let returned = 0;
  // Items in pages fetched so far (taken or waiting): once they reach the limit, the limit will be
  // reached from them, so no worker reads another page (no reads, no capacity spent, past it).
  let fetched = 0;
  const enough = () => limit !== undefined && fetched >= limit;
  let next = 0;
  let running = workers;

  const work = async (): Promise<void> => {
    try {
      while (!channel.closed && next < todo.length && !enough()) {
        const segment = todo[next++];
        let key = tracker.startOf(segment);
        let round = 0;
        do {
          if (enough()) return;
          const page = await run.fetch(key, limit === undefined ? undefined : Math.max(1, limit - fetched), segment, round++);
          fetched += page.items.length;
          if (!(await channel.push({ page }))) return;
          key = page.next;
        } while (key);
      }
    } catch (error) {
      await channel.push({ error });
    } finally {
      if (--running === 0) await channel.push({ end: true });
    }
  };

  const pool = Array.from({ length: workers }, work);
  try {
    for (;;) {
      const message = await channel.pull();
      if ('end' in message) return;
      if ('error' in message) throw message.error;
      const page = limit === undefined ? message.page : run.cut(message.page, limit - returned);
      tracker.advance(page.segment!, page.next);
      returned += page.items.length;
      yield page;
      if (limit !== undefined && returned >= limit) return;
    }
  } finally {
    // Stop the workers and let in-flight requests settle: when the caller's loop is over, no
    // request of this scan is still running (their results and errors are dropped).
    channel.close();
    await Promise.allSettled(pool);
  }
}

/** Counts every unfinished segment concurrently; the sum (capped at `limit`). */
export async function parallelCount<T extends object>(run: ReadRun<T>, tracker: SegmentTracker, limit: number | undefined): Promise<number> {
  const todo = tracker.pending();
  let next = 0;
  let total = 0;
  let failed = false;
  const work = async (): Promise<void> => {
    while (!failed && next < todo.length && (limit === undefined || total < limit)) {
      const segment = todo[next++];
      try {
        // Not `total += await ...`: that reads `total` before awaiting, losing other workers' sums.
        const counted = await run.countFrom(tracker.startOf(segment), limit, segment);
        total += counted;
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(todo.length, MAX_IN_FLIGHT) }, work));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  return limit === undefined ? total : Math.min(total, limit);
}
