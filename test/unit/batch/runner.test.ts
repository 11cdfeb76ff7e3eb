import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { drain } from '../../../src/mapper/batch/drain';
import { runPool } from '../../../src/mapper/batch/pool';
import { resolveBatchOptions } from '../../../src/mapper/batch/options';
import { progressReporter } from '../../../src/mapper/batch/progress';
import type { RetryPolicy } from '../../../src/mapper/context';

const policy: RetryPolicy = { attempts: 3, baseDelayMs: 0, maxDelayMs: 0, jitter: 'none' };
const throttle = () => new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} });

describe('drain', () => {
  it('resends only what was left, reporting each request once as done', async () => {
    const sent: number[][] = [];
    const answers = [[2, 3], [3], []];
    const done: number[] = [];
    const outcome = await drain(policy, [1, 2, 3], async (pending) => {
      sent.push([...pending]);
      return answers[sent.length - 1];
    }, (d) => done.push(...d));
    expect(outcome).toEqual({ status: 'done' });
    expect(sent).toEqual([[1, 2, 3], [2, 3], [3]]);
    expect(done).toEqual([1, 2, 3]);
  });

  it('gives up after `attempts` calls in a row without progress, listing what is left', async () => {
    let calls = 0;
    const outcome = await drain(policy, [1, 2], async (pending) => {
      calls++;
      if (calls === 1) return [2];
      if (calls === 2) throw throttle();
      return pending;
    }, () => undefined);
    expect(outcome).toMatchObject({ status: 'throttled', left: [2] });
    expect(calls).toBe(4); // 1 with progress, then 3 fruitless
    expect((outcome as { cause: Error }).cause.name).toBe('ProvisionedThroughputExceededException');
  });

  it('retries server errors (5xx) too, but a run that ends on one fails with it (not as throttling)', async () => {
    const internal = () => Object.assign(new Error('internal'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
    let calls = 0;
    const outcome = await drain(policy, [1], async () => {
      calls++;
      throw internal();
    }, () => undefined);
    expect(outcome).toMatchObject({ status: 'failed', left: [1] });
    expect((outcome as { cause: Error }).cause.name).toBe('InternalServerError');
    expect(calls).toBe(3);
  });

  it('progress resets the count: a slow table that keeps writing some items is waited for', async () => {
    let left = Array.from({ length: 10 }, (_, i) => i);
    const outcome = await drain(policy, left, async (pending) => {
      left = pending.slice(1); // one item per call, 10 calls: more than `attempts`
      return left;
    }, () => undefined);
    expect(outcome).toEqual({ status: 'done' });
  });

  it('an error retrying cannot fix stops the chunk at once', async () => {
    const boom = Object.assign(new Error('no table'), { name: 'ResourceNotFoundException' });
    let calls = 0;
    const outcome = await drain(policy, [1, 2], async () => {
      calls++;
      throw boom;
    }, () => undefined);
    expect(outcome).toEqual({ status: 'failed', left: [1, 2], cause: boom });
    expect(calls).toBe(1);
  });

  it('waits with exponential backoff between retries', async () => {
    const waits: number[] = [];
    const spy = jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms: number) => {
      waits.push(ms);
      fn();
      return 0 as unknown as NodeJS.Timeout;
    }) as typeof setTimeout);
    try {
      await drain({ attempts: 4, baseDelayMs: 10, maxDelayMs: 25, jitter: 'none' }, [1], async (p) => p, () => undefined);
    } finally {
      spy.mockRestore();
    }
    expect(waits).toEqual([10, 20, 25]);
  });
});

describe('runPool', () => {
  it('keeps at most `concurrency` tasks in flight, in order', async () => {
    let inFlight = 0;
    let most = 0;
    const order: number[] = [];
    const started = await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (t) => {
      order.push(t);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
    }, () => false);
    expect(started).toBe(7);
    expect(most).toBe(3);
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('starts nothing new once stopped, and says how many were started', async () => {
    let stop = false;
    const started = await runPool([1, 2, 3, 4, 5], 1, async (t) => {
      if (t === 2) stop = true;
    }, () => stop);
    expect(started).toBe(2);
  });

  it('a worker that throws stops the pool; the error comes after the running tasks finished', async () => {
    let finished = false;
    await expect(runPool([1, 2], 2, async (t) => {
      if (t === 1) throw new Error('bug');
      await new Promise((r) => setTimeout(r, 5));
      finished = true;
    }, () => false)).rejects.toThrow('bug');
    expect(finished).toBe(true);
  });
});

describe('resolveBatchOptions', () => {
  const base: RetryPolicy = { attempts: 10, baseDelayMs: 50, maxDelayMs: 5000, jitter: 'full' };

  it('defaults to 4 in flight and the mapper policy; a call may override part of the policy', () => {
    expect(resolveBatchOptions('batchPut', base, {})).toEqual({ concurrency: 4, retry: base });
    expect(resolveBatchOptions('batchPut', base, { retry: { attempts: 2 } }).retry).toEqual({ ...base, attempts: 2 });
  });

  it.each([
    [{ concurrency: 0 }, /concurrency is 0; expected a whole number of at least 1/],
    [{ concurrency: 1.5 }, /concurrency/],
    [{ retry: { attempts: 0 } }, /retry.attempts/],
    [{ retry: { jitter: 'some' } }, /retry.jitter/],
    [{ onProgress: 'bar' }, /onProgress/],
  ])('refuses %j', (options, message) => {
    expect(() => resolveBatchOptions('batchPut', base, options as never)).toThrow(message);
  });
});

describe('progressReporter', () => {
  it('reports running totals, and keeps a throwing callback from tearing through the runner', () => {
    const seen: unknown[] = [];
    const p = progressReporter(5, (x) => seen.push(x));
    p.add(2);
    p.add(0);
    p.add(3);
    expect(seen).toEqual([{ done: 2, total: 5 }, { done: 5, total: 5 }]);
    const failing = progressReporter(5, () => {
      throw new Error('bar');
    });
    expect(() => failing.add(1)).not.toThrow();
    expect((failing.error!.cause as Error).message).toBe('bar');
  });
});
