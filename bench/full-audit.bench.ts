// Benchmark: a full local audit (`vigil run`, default checks, this machine) against `lynis audit system --quick`.
// Usage: npm run bench -- full-audit [vigil runs, default 5] [lynis runs, default 1] [--no-build]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, report } from './lib';

const args = process.argv.slice(2).filter((a) => a !== '--no-build');
const vigilRuns = Number(args[0] ?? 5);
const lynisRuns = Number(args[1] ?? 1);
/** bench/run.mjs runs benchmarks from the repository root. */
const VIGIL = join(process.cwd(), 'dist/vigil.mjs');

function which(name: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${name} || { test -x /usr/sbin/${name} && echo /usr/sbin/${name}; }`], { encoding: 'utf8' });
  return r.stdout.trim() || null;
}

/** Median wall time of a command run `runs` times (after one warm-up when `warm`), and its last exit status. */
function time(argv: string[], runs: number, options: { env?: NodeJS.ProcessEnv; cwd?: string; warm?: boolean }): { ms: number; status: number | null; stderr: string } {
  const run = () => spawnSync(argv[0]!, argv.slice(1), { env: options.env, cwd: options.cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (options.warm) run();
  const times: number[] = [];
  let last: ReturnType<typeof run> | null = null;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = run();
    times.push(performance.now() - t);
  }
  return { ms: median(times), status: last?.status ?? null, stderr: last?.stderr ?? '' };
}

if (!process.argv.includes('--no-build')) {
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'ignore', cwd: process.cwd() });
  if (built.status !== 0) throw new Error('npm run build failed');
}
if (!existsSync(VIGIL)) throw new Error(`${VIGIL} is missing: run npm run build`);
const lynis = which('lynis');
if (!lynis) {
  console.log('lynis is not installed (Debian package lynis): nothing to compare against.');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-audit-'));
try {
  // A private vault, state dir and XDG dirs: the benchmark touches nothing of a real installation.
  const config = join(dir, 'vigil.yaml');
  writeFileSync(config, `vault: ${join(dir, 'vault')}\nstate_dir: ${join(dir, 'state')}\nhosts:\n  - name: local\n    local: true\n`);
  const env = { ...process.env, XDG_STATE_HOME: join(dir, 'xdg-state'), XDG_CONFIG_HOME: join(dir, 'xdg-config'), NO_COLOR: '1' };
  const vigil = time([process.execPath, VIGIL, 'run', '--config', config, '--quiet'], vigilRuns, { env, cwd: dir, warm: true });
  if (vigil.status !== 0 && vigil.status !== 1) throw new Error(`vigil run exited with ${vigil.status}: ${vigil.stderr.slice(0, 500)}`);
  const latest = JSON.parse(readFileSync(join(dir, 'state', 'latest.json'), 'utf8')) as { checks: { check: string; status: string; duration_ms: number }[] };

  // Lynis writes its report and log where it is told, so /var/log stays as it was.
  const lynisRun = time([lynis, 'audit', 'system', '--quick', '--no-colors', '--report-file', join(dir, 'lynis-report.dat'), '--log-file', join(dir, 'lynis.log')], lynisRuns, { cwd: dir });
  if (lynisRun.status !== 0) console.log(`note: lynis exited with ${lynisRun.status}`);

  console.log(`machine: ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores; vigil runs: ${vigilRuns} (median, after a warm-up); lynis runs: ${lynisRuns}`);
  console.log('vigil checks (last run):');
  for (const c of [...latest.checks].sort((a, b) => b.duration_ms - a.duration_ms)) console.log(`  ${c.check.padEnd(20)} ${c.status.padEnd(8)} ${String(c.duration_ms).padStart(6)} ms`);
  report('vigil run (default checks, local host)', vigil.ms, 'lynis audit system --quick', lynisRun.ms);
  const share = vigil.ms / lynisRun.ms;
  console.log(`vigil takes ${(share * 100).toFixed(1)}% of lynis' time (target: at most 10%): ${share <= 0.1 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
