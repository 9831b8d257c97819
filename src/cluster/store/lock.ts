
/**
 * Cross-process lock around a store file: proper-lockfile's atomic mkdir, whose mtime the holder
 * refreshes every second. A lock left behind by a process killed with SIGKILL stops being refreshed
 * and is taken over once it is STALE_MS old, so nobody waits on a dead process for more than that.
 * The stale time leaves room for the longest synchronous stretch we have (parsing and writing a
 * 10,000-pod store, about a second) so a busy holder is never mistaken for a dead one.
 */
export const STALE_MS = 5000;

export async function withLock<T>(file: string, fn: () => Promise<T> | T): Promise<T> {
  // loaded on the first write: read-only commands never take the lock
  const { default: lockfile } = await import('proper-lockfile');
  const release = await lockfile.lock(file, {
    lockfilePath: `${file}.lock`,
    realpath: false,
    stale: STALE_MS,
    update: 1000,
    retries: { retries: 600, minTimeout: 2, maxTimeout: 25, factor: 1.3, randomize: true },
    onCompromised: () => {
      /* only possible after a stall longer than STALE_MS; the rename of our write stays atomic */
    },
  });
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
