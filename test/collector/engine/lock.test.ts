import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LOCK_FILE } from '../../../collector/engine/lock';
import { LockError } from '../../../collector/errors/lock-error';
import { tempDir } from '../../helpers/tmp';

describe('run lock', () => {
  it('exactly one of many simultaneous acquirers wins; the rest name its pid', async () => {
    const dir = await tempDir();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => acquireLock(dir)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(LockError);
    if (won[0]?.status === 'fulfilled') await won[0].value.release();
    const again = await acquireLock(dir);
    await again.release();
  });

  it('refuses while a live process holds it', async () => {
    const dir = await tempDir();
    const sleeper = spawn('sleep', ['30']);
    try {
      await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: sleeper.pid, host: hostname(), started: 'x' }));
      await expect(acquireLock(dir)).rejects.toThrow(`another run (pid ${sleeper.pid}) holds the lock ${join(dir, LOCK_FILE)}`);
    } finally {
      sleeper.kill();
    }
  });

  it('takes over a lock left by a dead process, and records whose it was', async () => {
    const dir = await tempDir();
    const dead = spawn('true');
    await new Promise((r) => dead.on('exit', r));
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: dead.pid, host: hostname(), started: 'x' }));
    const lock = await acquireLock(dir);
    expect(lock.tookOverFrom).toBe(dead.pid);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, took_over_from: dead.pid });
    await lock.release();
  });

  it('takes over an unreadable (half-written) lock', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), '{"pi');
    const lock = await acquireLock(dir);
    expect(lock.tookOverFrom).toBe(0);
    await lock.release();
  });
});
