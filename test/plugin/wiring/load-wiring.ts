// Builds the plugin against the mock Obsidian API (the 'obsidian' npm package has types only, no runtime) and imports
// it into the current jsdom test. esbuild runs in a child process: it refuses to run inside jsdom's realm.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The bundle's exports, typed from the entry's source. */
export type Wiring = typeof import('./wiring-entry');

const ROOT = resolve(import.meta.dirname, '../../..');

/** Bundle `wiring-entry.ts` (and, through it, plugin/ and the mock) and import it; each test file gets its own instance. */
export async function loadWiring(): Promise<Wiring> {
  const dir = join(ROOT, 'node_modules', '.cache', 'vigil-wiring');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `wiring-${process.pid}-${Date.now()}.mjs`);
  const build = spawnSync(process.execPath, [join(import.meta.dirname, 'build-wiring.mjs'), file], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`wiring bundle failed:\n${build.stderr}`);
  try {
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Wiring;
  } finally {
    // Imported modules stay in memory; the file is not needed any more.
    rmSync(file, { force: true });
  }
}
