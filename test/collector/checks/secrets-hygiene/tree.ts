// Test helpers: build a real directory tree from a spec, and the check's options pointed at it.
import { mkdir, symlink, writeFile, chmod } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import type { SecretsOptions } from '../../../../collector/checks/secrets-hygiene/probe';

/** A file's content with an optional mode, a symlink, or a FIFO. */
export type TreeEntry = string | Buffer | { text: string | Buffer; mode: number } | { symlink: string } | { fifo: true };

/** Create every entry under `root` (paths relative, folders made as needed). */
export async function makeTree(root: string, entries: Record<string, TreeEntry>): Promise<void> {
  for (const [rel, entry] of Object.entries(entries)) {
    const path = join(root, rel);
    await mkdir(dirname(path), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) await writeFile(path, entry);
    else if ('symlink' in entry) await symlink(entry.symlink, path);
    else if ('fifo' in entry) execFileSync('mkfifo', [path]);
    else {
      await writeFile(path, entry.text);
      await chmod(path, entry.mode);
    }
  }
}

/** Options that scan only `root` (no system folders), with the rest as the defaults. */
export function optionsFor(root: string, extra: Partial<SecretsOptions> = {}): SecretsOptions {
  return {
    paths: [root],
    exclude: [],
    ignore: [],
    ignore_file: null,
    max_file_size: 2 * 1024 * 1024,
    max_files: 50_000,
    max_bytes: 512 * 1024 * 1024,
    max_depth: 16,
    export_paths: [],
    key_paths: [],
    ...extra,
  };
}
