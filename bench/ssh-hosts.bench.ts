// Benchmark: one run over 20 SSH hosts that each take about 1 s to answer, against the same run over one host.
// Real sshd instances on 127.0.0.1; each check runs `sleep 1` remotely. Target: 20 hosts ≤ 3× one host.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineCheck } from '../collector/checks/check';
import { defaultConfig } from '../collector/config/load';
import type { HostConfig } from '../collector/config/types';
import { openHost } from '../collector/engine/hosts';
import { planTasks } from '../collector/engine/plan';
import { runChecks } from '../collector/engine/run-checks';
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
  // Opening (connect + key check + auth) is part of a run, so it is timed too.
  const opened = await Promise.all(config.hosts.map(async (h) => [h.name, await openHost(h)] as const));
  const result = await runChecks({ config, tasks: planTasks(config, [slow], config.hosts), hosts: new Map(opened), now: new Date(), previousMemory: {}, salt: 'b' });
  const ms = performance.now() - started;
  for (const [, o] of opened) if ('host' in o) await o.host.close();
  const failed = result.outcomes.filter((o) => o.status !== 'ok');
  if (failed.length) throw new Error(`${failed.length} checks failed: ${failed[0]?.reason}`);
  return ms;
}

try {
  const one = await run(1);
  const many = await run(HOSTS);
  console.log(`1 host: ${one.toFixed(0)} ms · ${HOSTS} hosts: ${many.toFixed(0)} ms · ratio ${(many / one).toFixed(2)}× (target ≤ 3×; sequential would be ${HOSTS}×)`);
  console.log(`host_concurrency default: ${defaultConfig().run.hostConcurrency}`);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
}
