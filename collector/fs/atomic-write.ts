// Atomic file replacement: temp file in the same directory, fsync, rename; 0600 files, 0700 directories.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Marker in temp file names; anything carrying it is debris of an interrupted write. */
export const TEMP_MARKER = '.vigil-tmp-';

/** Test-only fault injection: `VIGIL_TEST_FAULT=kill-before-rename` kills the process between write and rename. */
function injectFault(point: string): void {
  if (process.env.VIGIL_TEST_FAULT === point) process.kill(process.pid, 'SIGKILL');
}

/** Create a directory and its missing parents with mode 0700 (existing directories are left as they are). */
export async function ensureDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
}

/** Write `data` to `path` atomically, mode 0600 unless told. Either the old or the new content is there, never a mix. */
export async function atomicWriteFile(path: string, data: string | Buffer, mode = 0o600): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path).slice(0, 80)}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`);
  let created = false;
  try {
    const handle = await open(temp, 'wx', 0o600);
    created = true;
    try {
      // The mode is set before the file appears under its name (the umask cannot widen or narrow it).
      if (mode !== 0o600) await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    injectFault('kill-before-rename');
    await rename(temp, path);
    created = false;
  } finally {
    if (created) await rm(temp, { force: true }).catch(() => undefined);
  }
}

/** Remove temp files left by interrupted writes anywhere under `root`. Returns how many were removed. */
export async function sweepTempFiles(root: string): Promise<number> {
  let removed = 0;
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && e.name.includes(TEMP_MARKER)) {
        await rm(full, { force: true });
        removed++;
      }
    }
  };
  if (await stat(root).catch(() => null)) await walk(root);
  return removed;
}
