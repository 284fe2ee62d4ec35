// A state_dir on a file system without hard links (some SMB/FUSE mounts) still gets a working lock.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { acquireLock, LOCK_FILE } from '../../../collector/engine/lock';
import { LockError } from '../../../collector/errors/lock-error';
import { tempDir } from '../../helpers/tmp';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return { ...real, link: async () => Promise.reject(Object.assign(new Error('operation not permitted'), { code: 'EPERM' })) };
});

describe('run lock without hard links', () => {
  it('falls back to an exclusive create, still one holder at a time, and leaves no temp file', async () => {
    const dir = await tempDir();
    const lock = await acquireLock(dir);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    const { readdir } = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
    await expect(acquireLock(dir)).rejects.toBeInstanceOf(LockError);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });
});
