// The run lock in state_dir: one run at a time; a lock left by a dead process is taken over with a warning.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LockError } from '../errors/lock-error';

/** The lock file name inside state_dir. */
export const LOCK_FILE = 'vigil.lock';

/** Contents of the lock file. */
export interface LockInfo {
  pid: number;
  host: string;
  started: string;
  /** Set when this run took the lock over from a process that had died. */
  took_over_from?: number;
}

/** A held lock; `release` removes it. */
export interface HeldLock {
  path: string;
  info: LockInfo;
  /** The pid of a dead process whose lock was taken over, if any. */
  tookOverFrom: number | null;
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}

async function readLock(path: string): Promise<LockInfo | null> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as Partial<LockInfo>;
    return typeof data.pid === 'number' ? (data as LockInfo) : null;
  } catch {
    return null;
  }
}

/** Link the written lock into place; where the file system has no hard links, create it exclusively instead. */
async function placeLock(temp: string, path: string, info: LockInfo): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(info)}\n`);
    } finally {
      await handle.close();
    }
  }
}

/** Take the lock or throw LockError naming the live holder. */
export async function acquireLock(stateDir: string, now: Date = new Date()): Promise<HeldLock> {
  const path = join(stateDir, LOCK_FILE);
  let tookOverFrom: number | null = null;
  for (let attempt = 0; attempt < 20; attempt++) {
    const info: LockInfo = { pid: process.pid, host: hostname(), started: now.toISOString() };
    if (tookOverFrom !== null) info.took_over_from = tookOverFrom;
    // The lock appears with its content or not at all: written to a private file, then hard-linked into place
    // (link fails with EEXIST when a lock exists). Created empty and filled after, another run could see it
    // empty in between, take it for crash debris and take it over while this run holds it.
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      await writeFile(temp, `${JSON.stringify(info)}\n`, { mode: 0o600, flag: 'wx' });
      await placeLock(temp, path, info);
      return {
        path,
        info,
        tookOverFrom,
        async release() {
          const current = await readLock(path);
          if (current?.pid === process.pid) await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    } finally {
      await rm(temp, { force: true });
    }
    const holder = await readLock(path);
    // A lock from another machine (shared state_dir) cannot be probed; treat it as live.
    if (holder && (holder.host !== hostname() || alive(holder.pid))) {
      throw new LockError(holder.pid, path);
    }
    // Dead holder or unreadable lock (a crash while writing it): take it over, one process at a time,
    // re-checking under the takeover guard that nobody replaced it in the meantime.
    const taken = await underGuard(`${path}.takeover`, async () => {
      const again = await readLock(path);
      if (again && again.pid !== holder?.pid) return false;
      await rm(path, { force: true });
      return true;
    });
    if (taken) tookOverFrom = holder?.pid ?? 0;
    else await new Promise((r) => setTimeout(r, 50));
  }
  throw new LockError(0, path);
}

/** Run `fn` while holding a short-lived guard file; a guard older than 10 s is debris and is removed. */
async function underGuard(guard: string, fn: () => Promise<boolean>): Promise<boolean> {
  try {
    const handle = await open(guard, 'wx', 0o600);
    await handle.close();
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
    const info = await stat(guard).catch(() => null);
    if (info && Date.now() - info.mtimeMs > 10_000) await rm(guard, { force: true });
    return false;
  }
  try {
    return await fn();
  } finally {
    await rm(guard, { force: true });
  }
}
