import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Cross-process lock around a store file: a directory created with mkdir (atomic: one process wins),
 * holding an `owner` file with the holder's pid and host. The holder refreshes the directory's mtime
 * every second while its event loop is free.
 *
 * A lock is taken over, never waited on forever:
 * - at once when its owner is a process of this host that no longer exists (killed with SIGKILL);
 * - after STALE_MS without a refresh when the owner is unknown (killed between mkdir and writing the
 *   owner file) or on another host sharing the folder;
 * - after ALIVE_STALE_MS without a refresh even when the pid is alive, since a pid can be reused.
 * A live holder on this host is never taken over for being busy: catching up a 10,000-pod cluster
 * can keep its event loop blocked for seconds, and a takeover then would let two writers in.
 */
export const STALE_MS = 5000;
export const ALIVE_STALE_MS = 60_000;
const REFRESH_MS = 1000;

interface Owner {
  pid: number;
  host: string;
}

function readOwner(lockDir: string): Owner | undefined {
  try {
    const o = JSON.parse(fs.readFileSync(path.join(lockDir, 'owner'), 'utf8')) as Owner;
    return Number.isInteger(o.pid) && typeof o.host === 'string' ? o : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's identity (inode and mtime) if it is stale, so the takeover removes that lock and no newer one. */
function staleLock(lockDir: string): fs.Stats | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(lockDir);
  } catch {
    return undefined; // released meanwhile: just try again
  }
  const idle = Date.now() - st.mtimeMs;
  const owner = readOwner(lockDir);
  if (owner && owner.host === os.hostname()) {
    if (owner.pid === process.pid) return undefined; // ours: another transaction of this process holds it
    return !alive(owner.pid) || idle > ALIVE_STALE_MS ? st : undefined;
  }
  return idle > STALE_MS ? st : undefined;
}

/**
 * Removes a stale lock. Takeovers are serialized by a second mkdir (the guard), and the lock is
 * removed only if it is still the one found stale: two processes finding the same dead lock cannot
 * end up with one of them removing the lock the other has just taken.
 */
function takeOver(lockDir: string, stale: fs.Stats): void {
  const guard = `${lockDir}.takeover`;
  try {
    fs.mkdirSync(guard);
  } catch {
    // a takeover under way, or one killed mid-way (it lasts microseconds): clear it once it is old
    try {
      if (Date.now() - fs.statSync(guard).mtimeMs > STALE_MS) fs.rmdirSync(guard);
    } catch {
      /* gone already */
    }
    return;
  }
  try {
    const now = staleLock(lockDir);
    if (now && now.ino === stale.ino && now.mtimeMs === stale.mtimeMs) fs.rmSync(lockDir, { recursive: true, force: true });
  } finally {
    fs.rmSync(guard, { recursive: true, force: true });
  }
}

async function acquire(lockDir: string): Promise<() => void> {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(lockDir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const stale = staleLock(lockDir);
      if (stale) takeOver(lockDir, stale);
      else await sleep(Math.min(25, 2 * 1.3 ** attempt) * (0.5 + Math.random()));
      continue;
    }
    fs.writeFileSync(path.join(lockDir, 'owner'), JSON.stringify({ pid: process.pid, host: os.hostname() } satisfies Owner));
    const refresh = setInterval(() => {
      const now = new Date();
      fs.utimes(lockDir, now, now, () => undefined);
    }, REFRESH_MS);
    refresh.unref();
    return () => {
      clearInterval(refresh);
      fs.rmSync(lockDir, { recursive: true, force: true });
    };
  }
}

/** Runs fn holding the lock of `file` (`<file>.lock`), and releases it however fn ends. */
export async function withLock<T>(file: string, fn: () => Promise<T> | T): Promise<T> {
  const release = await acquire(`${file}.lock`);
  try {
    return await fn();
  } finally {
    release();
  }
}
