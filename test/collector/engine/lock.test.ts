import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
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

  it('separate processes racing for it never hold it at the same time', async () => {
    const dir = await tempDir();
    const bundle = join(dir, 'lock.mjs');
    buildSync({ entryPoints: [join(__dirname, '../../../collector/engine/lock.ts')], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
    // Each child waits for the same start instant, tries once, and holds what it got for a moment.
    const child = `import { acquireLock } from ${JSON.stringify(bundle)};
const [stateDir, at] = process.argv.slice(2);
await new Promise((r) => setTimeout(r, Number(at) - Date.now()));
try {
  const lock = await acquireLock(stateDir);
  const from = Date.now();
  await new Promise((r) => setTimeout(r, 150));
  console.log(JSON.stringify({ from, to: Date.now() }));
  await lock.release();
} catch (e) { console.log(/another run/.test(String(e)) ? 'null' : 'failed: ' + String(e)); }`;
    const script = join(dir, 'child.mjs');
    await writeFile(script, child);
    for (let trial = 0; trial < 8; trial++) {
      const stateDir = await tempDir();
      const at = String(Date.now() + 600);
      const outs = await Promise.all(
        Array.from({ length: 4 }, () => new Promise<string>((resolve) => {
          const p = spawn(process.execPath, [script, stateDir, at]);
          let out = '';
          p.stdout.on('data', (d: Buffer) => (out += d.toString()));
          p.on('exit', () => resolve(out.trim()));
        })),
      );
      const held = outs.map((o) => JSON.parse(o) as { from: number; to: number } | null).filter((h) => h !== null);
      expect(held.length).toBeGreaterThanOrEqual(1);
      held.sort((a, b) => a.from - b.from);
      for (let i = 1; i < held.length; i++) expect(held[i]!.from).toBeGreaterThanOrEqual(held[i - 1]!.to);
    }
  }, 60_000);

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
