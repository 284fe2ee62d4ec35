// Benchmark: one run over 20 SSH hosts that each take about 1 s to answer, against the same run over one host.
// Real sshd instances on 127.0.0.1; each check runs `sleep 1` remotely. Target: 20 hosts ≤ 3× one host.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineCheck } from '../collector/checks/check';
import { defaultConfig } from '../collector/config/load';
import type { HostConfig } from '../collector/config/types';
import { executeRun } from '../collector/engine/run';
import { makeKey, startSshd, type Sshd } from '../test/helpers/sshd';

const HOSTS = Number(process.argv[2] ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-ssh-'));
const key = makeKey(join(dir, 'client'));
const servers: Sshd[] = [];
for (let i = 0; i < HOSTS; i++) servers.push(await startSshd(join(dir, `sshd-${i}`), [key.line]));
const knownHosts = join(dir, 'known_hosts');
writeFileSync(knownHosts, `${servers.map((s) => s.knownHostsLine).join('\n')}\n`);

const slow = defineCheck<string, unknown>({
  id: 'systemd-drift',
  title: 'one second',
  domain: 'security',
  scope: 'host',
  description: 'answers in about one second',
  options: {},
  async gather({ host }) {
    return { status: 'data', data: (await host.exec(['sleep', '1'])).stdout };
  },
  analyze: () => [],
});

async function run(count: number): Promise<number> {
  const config = defaultConfig();
  config.hosts = servers.slice(0, count).map(
    (s, i): HostConfig => ({
      name: `host-${i}`,
      kind: 'ssh',
      fixture: null,
      ssh: { host: '127.0.0.1', port: s.port, user: 'root', key: key.path, keyPassphraseEnv: null, agent: null, knownHosts, connectTimeoutMs: 10_000, commandTimeoutMs: 30_000 },
      docker: '/var/run/docker.sock',
      sudo: false,
      collector: false,
      checks: null,
    }),
  );
  const started = performance.now();
  // The whole run as `vigil run` does it: hosts connect when a worker takes them up (run.host_concurrency),
  // connect + key check + auth are timed too; nothing is written (dry run).
  const { report } = await executeRun({ config, version: 'bench', registry: [slow], dryRun: true, salt: 'b', notify: false });
  const ms = performance.now() - started;
  const failed = report.checks.filter((o) => o.check === 'systemd-drift' && o.status !== 'ok');
  if (failed.length) throw new Error(`${failed.length} checks failed: ${failed[0]?.reason}`);
  return ms;
}

try {
  const one = await run(1);
  const many = await run(HOSTS);
  const ratio = many / one;
  console.log(`1 host: ${one.toFixed(0)} ms · ${HOSTS} hosts: ${many.toFixed(0)} ms · ratio ${ratio.toFixed(2)}× (target ≤ 3×; sequential would be ${HOSTS}×)`);
  console.log(`host_concurrency default: ${defaultConfig().run.hostConcurrency}`);
  if (ratio > 3) {
    console.log('OVER TARGET: 20 hosts took more than 3× one host');
    process.exitCode = 1;
  }
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
}
