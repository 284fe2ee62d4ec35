// Write a state file only when its content changed, so synced folders and backups see no churn.
import { readFile } from 'node:fs/promises';
import { atomicWriteFile } from './atomic-write';

/** Atomically write `data` unless the file already holds exactly it. Returns whether it wrote. */
export async function writeIfChanged(path: string, data: string, mode?: number): Promise<boolean> {
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current === data) return false;
  await atomicWriteFile(path, data, mode);
  return true;
}
