// Bundles wiring-entry.ts with 'obsidian' → the mock, in its own process (esbuild cannot run inside jsdom's realm).
// Usage: node build-wiring.mjs <outfile>
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
await esbuild.build({
  entryPoints: [join(here, 'wiring-entry.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outfile: process.argv[2],
  sourcemap: 'inline',
  alias: { obsidian: join(here, '../mock-obsidian/index.ts') },
  logLevel: 'warning',
});
