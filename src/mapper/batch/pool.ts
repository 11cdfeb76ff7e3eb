/**
 * Bounded concurrency: at most `concurrency` tasks in flight, started in order. Once `stopped()`
 * says so (a chunk gave up), no new task starts; tasks already running finish. Returns how many
 * tasks were started, so the caller knows exactly which never were.
 *
 * Workers report their failures through their own state; a worker that throws anyway stops the
 * pool the same way, and its error is rethrown once every running task has finished (so no
 * request is left in flight behind the caller's back).
 */
export async function runPool<T>(
  tasks: readonly T[], concurrency: number, worker: (task: T, index: number) => Promise<void>, stopped: () => boolean,
): Promise<number> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < tasks.length && !stopped() && !failure) {
      const index = next++;
      try {
        await worker(tasks[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, lane);
  await Promise.all(lanes);
  if (failure) throw failure.error;
  return next;
}
