// Benchmark: the secrets-hygiene scan (through LocalHost) against `grep -rnE` with the same patterns
// (every rule's regex translated to ERE) on a generated homelab tree of at least 200 MB.
// Usage: npm run bench -- secrets-hygiene [MB] [--utf8]   (target: no more than 2× grep's time)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { toEre } from '../collector/checks/secrets-hygiene/ere';
import { gatherSecrets, type SecretsObservation } from '../collector/checks/secrets-hygiene/probe';
import { RULES } from '../collector/checks/secrets-hygiene/rules';
import { SecretScanner } from '../collector/checks/secrets-hygiene/scan';
import { LocalHost } from '../collector/host/local-host';
import { median } from './lib';
import { prng } from '../test/helpers/fuzz';

const TARGET_MB = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 220);
const RUNS = 5;
const rand = prng(20261123);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const word = () => pick(['server', 'listen', 'upstream', 'worker', 'cache', 'timeout', 'retries', 'backend', 'proxy', 'volume', 'network', 'label', 'router', 'service', 'metrics', 'healthcheck']);

let bytes = 0;
let files = 0;
function put(root: string, path: string, data: string | Buffer): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, data);
  bytes += data.length;
  files++;
}

/** An INI/YAML-ish config of about `n` lines, with the words secrets sit next to but no secret. */
function config(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.05) lines.push(`# ${word()} ${word()}: see the password and token docs before changing`);
    else if (r < 0.08) lines.push(`${word()}_password_file = /run/secrets/${word()}`);
    else if (r < 0.1) lines.push(`  ${word()}_token: \${${word().toUpperCase()}_TOKEN}`);
    else if (r < 0.12) lines.push(`  url: https://${word()}.home.arpa:${8000 + i}/api`);
    else lines.push(`${'  '.repeat(i % 3)}${word()}_${i % 17}: ${word()}-${Math.floor(rand() * 1e6)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** An application log: timestamps, request lines, the odd "token refreshed" — megabytes of it. */
function log(targetBytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const line =
      i % 97 === 0
        ? `2026-11-22T${String(i % 24).padStart(2, '0')}:14:03Z INFO auth: token refreshed for user=alex session=${Math.floor(rand() * 1e12).toString(36)}\n`
        : `2026-11-22T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:12Z INFO [worker-${i % 8}] GET /api/v1/items/${i} 200 ${Math.floor(rand() * 900)}ms ua="Mozilla/5.0" ref=https://home.arpa/\n`;
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

/** Plant every rule's true positives (the FAKE/EXAMPLE ones) in .env files and scripts. */
function plant(root: string): number {
  let planted = 0;
  RULES.forEach((rule, r) => {
    rule.examples.truePositives.forEach((tp, i) => {
      put(root, `opt/stacks/planted-${r}-${i}/.env`, `# planted ${rule.id}\nTZ=Europe/Berlin\n${tp}\n`);
      planted++;
    });
  });
  return planted;
}

function generate(root: string): { planted: number } {
  const target = TARGET_MB * 1_000_000;
  for (let a = 0; a < 400; a++) {
    put(root, `opt/stacks/app${a}/compose.yaml`, `services:\n  app${a}:\n    image: ghcr.io/example/app${a}:1.${a % 30}\n    env_file: .env\n${config(40)}`);
    put(root, `opt/stacks/app${a}/.env`, `TZ=Europe/Berlin\nPUID=1000\nDB_PASSWORD=\${DB_PASSWORD}\nAPP_PORT=${8000 + a}\n`);
  }
  for (let e = 0; e < 3000; e++) put(root, `etc/${word()}${e % 150}/${word()}-${e}.conf`, config(30 + (e % 120)));
  for (let s = 0; s < 200; s++) put(root, `usr/local/bin/job-${s}.sh`, `#!/bin/sh\nset -eu\n${config(20)}curl -fsS https://ntfy.home.arpa/jobs -d done\n`);
  for (let b = 0; b < 12; b++) {
    const bin = Buffer.alloc(2_000_000);
    for (let i = 0; i < bin.length; i++) bin[i] = Math.floor(rand() * 256);
    put(root, `opt/bin/tool-${b}`, bin);
  }
  const planted = plant(root);
  for (let l = 0; bytes < target; l++) put(root, `var/log/${word()}/app-${l}.log`, log(2_000_000 + Math.floor(rand() * 4_000_000)));
  return { planted };
}

/** CPU time (user + system, ms) of this process's waited-for children, from /proc (Linux). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'latin1').replace(/^.*\) /, '').split(' ');
  // cutime and cstime are fields 16 and 17 of stat(5), in clock ticks (100 per second on Linux).
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

/** One grep over the tree; output goes through a pipe to this process, as a scanner's findings would. */
function runGrep(patternsFile: string, root: string, locale: string): { ms: number; cpuMs: number; lines: number } {
  const cpu = childrenCpuMs();
  const t = performance.now();
  const r = spawnSync('grep', ['-rnE', '-f', patternsFile, root], { maxBuffer: 1 << 30, env: { ...process.env, LC_ALL: locale } });
  const ms = performance.now() - t;
  return { ms, cpuMs: childrenCpuMs() - cpu, lines: r.stdout.toString('latin1').split('\n').filter(Boolean).length };
}

/** One scan of the tree through LocalHost, with limits as wide as grep's reach. */
async function runScan(root: string): Promise<{ ms: number; cpuMs: number; obs: SecretsObservation }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const obs = await gatherSecrets(new LocalHost('bench'), {
    options: {
      paths: [root],
      exclude: [],
      ignore: [],
      ignore_file: null,
      max_file_size: 64 * 1024 * 1024,
      max_files: 10_000_000,
      max_bytes: Number.MAX_SAFE_INTEGER,
      max_depth: 64,
      export_paths: [],
      key_paths: [],
    },
    salt: 'bench',
    sudo: false,
    signal: new AbortController().signal,
    budgetMs: 3_600_000,
  });
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, obs };
}

const root = mkdtempSync(join(tmpdir(), 'vigil-bench-secrets-'));
try {
  const { planted } = generate(root);
  const patternsFile = join(root, '..', `${root.split('/').pop()}.patterns`);
  writeFileSync(patternsFile, `${RULES.map((r) => r.ere ?? toEre(r.regex)).join('\n')}\n`);
  console.log(`tree: ${files} files, ${(bytes / 1e6).toFixed(0)} MB (${planted} planted secrets, 12 binaries, logs up to 6 MB); ${RULES.length} rules`);
  console.log(`${spawnSync('grep', ['--version']).stdout.toString().split('\n')[0]}; node ${process.version}; ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}`);
  // Warm-up (page cache, JIT), then alternate the two so load from elsewhere hits both alike.
  await runScan(root);
  runGrep(patternsFile, root, 'C');
  const ours: number[] = [];
  const theirs: number[] = [];
  const oursCpu: number[] = [];
  const theirsCpu: number[] = [];
  let last: { obs: SecretsObservation } | null = null;
  let grepLines = 0;
  for (let i = 0; i < RUNS; i++) {
    const s = await runScan(root);
    ours.push(s.ms);
    oursCpu.push(s.cpuMs);
    last = s;
    const g = runGrep(patternsFile, root, 'C');
    theirs.push(g.ms);
    theirsCpu.push(g.cpuMs);
    grepLines = g.lines;
  }
  const obs = last!.obs;
  const found = obs.secrets.filter((s) => s.path.includes('/planted-')).length;
  const scanMs = median(ours);
  const grepMs = median(theirs);
  console.log(`secrets-hygiene scan (LocalHost, ${new SecretScanner().accelerated ? 'WebAssembly' : 'JavaScript'} prefilter): ${scanMs.toFixed(0)} ms (runs: ${ours.map((t) => t.toFixed(0)).join(', ')}); ${obs.scan.files} text files read, ${obs.scan.binary} binaries skipped, ${obs.secrets.length} secrets (${found} of ${planted} planted)`);
  console.log(`grep -rnE -f <${RULES.length} patterns>, LC_ALL=C: ${grepMs.toFixed(0)} ms (runs: ${theirs.map((t) => t.toFixed(0)).join(', ')}); ${grepLines} matching lines`);
  const ratio = scanMs / grepMs;
  console.log(`ratio: ${ratio.toFixed(2)}× grep's time (target: at most 2×) — ${ratio <= 2 ? 'met' : 'NOT met'}; medians of ${RUNS} alternating runs after a warm-up`);
  // CPU time is steadier than wall time when other work shares the machine.
  console.log(`CPU time (user+sys, median): scan ${median(oursCpu).toFixed(0)} ms, grep ${median(theirsCpu).toFixed(0)} ms — ${(median(oursCpu) / median(theirsCpu)).toFixed(2)}×`);
  if (process.argv.includes('--utf8')) {
    // GNU grep in a UTF-8 locale handles these classes far more slowly; shown once, for the record.
    const u = runGrep(patternsFile, root, 'C.UTF-8');
    console.log(`grep in C.UTF-8 (one run): ${u.ms.toFixed(0)} ms, ${u.lines} matching lines — ${(scanMs / u.ms).toFixed(2)}× its time`);
  }
  rmSync(patternsFile, { force: true });
} finally {
  rmSync(root, { recursive: true, force: true });
}
