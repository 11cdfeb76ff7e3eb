/**
 * Timing for benchmarks that compare workloads in one process on a shared, noisy machine.
 *
 * The work is cut into blocks, and the workloads take turns block by block, in a new random order
 * every turn, so that a slow moment of the machine hits all of them alike, and no workload always
 * runs right after the same other one. (A rotating order kept each workload's predecessor fixed,
 * and a workload pays part of its predecessor's costs — the garbage it left, the caches it
 * emptied: two identical workloads measured a point apart, run after run.) Two ways to use it:
 *  - blocks of one item (e.g. one put+get pair, ~1 ms): the workloads interleave so finely that
 *    steal time and frequency changes cancel out, and a garbage collection lands in whichever
 *    workload's allocation triggers it, so each pays for GC in proportion to what it allocates.
 *    No forced collections.
 *  - large blocks (e.g. a whole round of CPU-only codec work): a full garbage collection runs
 *    before each block (node --expose-gc), outside the timing, so one workload's garbage is never
 *    collected on another's clock.
 * Each block's time is compared with the first workload's block of the same turn (a paired
 * ratio); the report gives the median of those ratios and the ratio of the total times.
 */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs items [from, to) of a workload. */
export type Block = (from: number, to: number) => void | Promise<void>;

export interface RaceOptions {
  /** Items per round (each workload runs all of them once per round). */
  readonly items: number;
  /** Items per block. */
  readonly block: number;
  readonly rounds: number;
  /** Unmeasured whole rounds first (JIT, caches). */
  readonly warmup: number;
  /** A full GC before each block (outside the timing); for large blocks. */
  readonly collect: boolean;
}

export interface RaceResult {
  readonly label: string;
  /** Items per second over all measured blocks. */
  readonly rate: number;
  /** Median over turns of (this block's time / the first workload's block time). */
  readonly medianRatio: number;
  /** Total time / the first workload's total time. */
  readonly totalRatio: number;
  /** Each turn's block time in seconds (for paired ratios against another workload: see `versus`). */
  readonly times: readonly number[];
}

/** The paired median and total ratios of workload `a` against workload `b` of the same race. */
export function versus(a: RaceResult, b: RaceResult): { medianRatio: number; totalRatio: number } {
  const sum = (x: readonly number[]) => x.reduce((p, q) => p + q, 0);
  return { medianRatio: median(a.times.map((t, i) => t / b.times[i])), totalRatio: sum(a.times) / sum(b.times) };
}

const gc = (globalThis as { gc?: () => void }).gc;

/** A small deterministic PRNG (LCG), so that a run's order of turns can be replayed. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** 0..n-1 in a random order (Fisher-Yates). */
function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export function gcAvailable(): boolean {
  return gc !== undefined;
}

export async function race(entries: readonly (readonly [label: string, work: Block])[], options: RaceOptions): Promise<RaceResult[]> {
  const { items, block, rounds, warmup, collect } = options;
  const random = seeded(0x5eed);
  for (let w = 0; w < warmup; w++) for (const [, work] of entries) await work(0, items);
  const times: number[][] = entries.map(() => []);
  let turn = 0;
  for (let r = 0; r < rounds; r++) {
    for (let from = 0; from < items; from += block, turn++) {
      const to = Math.min(items, from + block);
      for (const k of shuffled(entries.length, random)) {
        if (collect) gc?.();
        const start = process.hrtime.bigint();
        await entries[k][1](from, to);
        times[k][turn] = Number(process.hrtime.bigint() - start) / 1e9;
      }
    }
  }
  const sum = (a: readonly number[]) => a.reduce((x, y) => x + y, 0);
  return entries.map(([label], k) => ({
    label,
    rate: (items * rounds) / sum(times[k]),
    medianRatio: median(times[k].map((t, i) => t / times[0][i])),
    totalRatio: sum(times[k]) / sum(times[0]),
    times: times[k],
  }));
}
