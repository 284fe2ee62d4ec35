// Run a benchmark: bundle bench/<name>.bench.ts with esbuild and execute it with Node.
// Usage: npm run bench -- <name> [args…]   (npm run bench with no name lists them)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'esbuild';

const dir = new URL('.', import.meta.url).pathname;
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
if (!name || !available.includes(name)) {
  console.log(`benchmarks: ${available.join(', ') || '(none)'}\nusage: npm run bench -- <name> [args]`);
  process.exit(name ? 2 : 0);
}
// Inside node_modules so the bundle's external packages resolve.
const cache = join(dir, '..', 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const out = mkdtempSync(join(cache, 'vigil-bench-'));
const file = join(out, `${name}.mjs`);
await esbuild.build({
  entryPoints: [join(dir, `${name}.bench.ts`)],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: file,
  packages: 'external',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const result = spawnSync(process.execPath, ['--expose-gc', file, ...args], { stdio: 'inherit', cwd: join(dir, '..') });
rmSync(out, { recursive: true, force: true });
process.exit(result.status ?? 1);
