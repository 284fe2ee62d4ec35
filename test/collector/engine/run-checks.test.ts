import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { defineCheck, type AnyCheck } from '../../../collector/checks/check';
import { defaultConfig } from '../../../collector/config/load';
import { openHost } from '../../../collector/engine/hosts';
import { planTasks } from '../../../collector/engine/plan';
import { runChecks } from '../../../collector/engine/run-checks';
import { ProbeError } from '../../../collector/errors/probe-error';

const finds = defineCheck<number, { n: number }>({
  id: 'listening-sockets',
  title: 'finds',
  domain: 'security',
  scope: 'host',
  description: '',
  options: { n: v.optional(v.number(), 2) },
  async gather() {
    return { status: 'data', data: 7 };
  },
  analyze(data, { options }) {
    return Array.from({ length: options.n }, (_, i) => ({ subject: `s${i}`, severity: 'low' as const, title: `found ${data}` }));
  },
  remember: (data) => ({ seen: data }),
});
const throws = defineCheck<never, unknown>({
  id: 'docker-posture',
  title: 'throws',
  domain: 'security',
  scope: 'host',
  description: '',
  options: {},
  async gather() {
    throw new ProbeError('EACCES', '/var/run/docker.sock: permission denied');
  },
  analyze: () => [],
});
const hangs = defineCheck<never, unknown>({
  id: 'container-health',
  title: 'hangs',
  domain: 'security',
  scope: 'host',
  description: '',
  options: {},
  timeoutMs: 200,
  gather: () => new Promise(() => undefined),
  analyze: () => [],
});
const analyzerBug = defineCheck<number, unknown>({
  id: 'systemd-drift',
  title: 'bad analyzer',
  domain: 'security',
  scope: 'host',
  description: '',
  options: {},
  gather: async () => ({ status: 'data', data: 1 }),
  analyze: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'x')");
  },
});
const skips = defineCheck<never, unknown>({
  id: 'apt-upgradable',
  title: 'skips',
  domain: 'security',
  scope: 'host',
  description: '',
  options: {},
  gather: async () => ({ status: 'skipped', reason: 'apt is not installed' }),
  analyze: () => [],
});
const once = defineCheck<number, unknown>({
  id: 'tls-expiry',
  title: 'once',
  domain: 'security',
  scope: 'collector',
  description: '',
  options: {},
  gather: async () => ({ status: 'no-data', reason: 'no endpoints configured' }),
  analyze: () => [],
});

const registry: AnyCheck[] = [finds, throws, hangs, analyzerBug, skips, once];

function configWith(hosts: string[]) {
  const config = defaultConfig();
  config.hosts = hosts.map((name, i) => ({ ...config.hosts[0]!, name, collector: i === 0 }));
  config.checks['listening-sockets'] = { enabled: true, timeoutMs: null, options: { n: 2 } };
  return config;
}

describe('engine isolation', () => {
  it('one throwing, one hanging, one buggy check: each becomes its own outcome, the run goes on', async () => {
    const config = configWith(['a', 'b']);
    const tasks = planTasks(config, registry, config.hosts);
    expect(tasks.map((t) => `${t.host.name}:${t.check.id}`)).toEqual([
      'a:listening-sockets',
      'a:docker-posture',
      'a:container-health',
      'a:systemd-drift',
      'a:apt-upgradable',
      'a:tls-expiry',
      'b:listening-sockets',
      'b:docker-posture',
      'b:container-health',
      'b:systemd-drift',
      'b:apt-upgradable',
    ]);
    const hosts = new Map(await Promise.all(config.hosts.map(async (h) => [h.name, await openHost(h)] as const)));
    const started = Date.now();
    const result = await runChecks({ config, tasks, hosts, now: new Date('2026-11-23T06:15:00Z'), previousMemory: {}, salt: 'test' });
    expect(Date.now() - started).toBeLessThan(10_000);
    const status = Object.fromEntries(result.outcomes.map((o) => [`${o.host}:${o.check}`, o.status]));
    expect(status).toMatchObject({
      'a:listening-sockets': 'ok',
      'a:docker-posture': 'error',
      'a:container-health': 'error',
      'a:systemd-drift': 'error',
      'a:apt-upgradable': 'skipped',
      'a:tls-expiry': 'no-data',
      'b:listening-sockets': 'ok',
    });
    const failed = result.findings.filter((f) => f.check === 'check-failed');
    expect(failed.map((f) => f.id).sort()).toEqual([
      'check-failed:a:container-health',
      'check-failed:a:docker-posture',
      'check-failed:a:systemd-drift',
      'check-failed:b:container-health',
      'check-failed:b:docker-posture',
      'check-failed:b:systemd-drift',
    ]);
    expect(failed.find((f) => f.id === 'check-failed:a:container-health')?.title).toBe('Check container-health could not run on a: timed out after 200ms');
    expect(failed.find((f) => f.id === 'check-failed:a:docker-posture')?.evidence.reason).toBe('/var/run/docker.sock: permission denied');
    expect(result.outcomes.find((o) => o.check === 'apt-upgradable')?.reason).toBe('apt is not installed');
    expect(result.findings.filter((f) => f.check === 'listening-sockets')).toHaveLength(4);
    expect(result.memory).toEqual({ 'listening-sockets|a': { seen: 7 }, 'listening-sockets|b': { seen: 7 } });
  });

  it('an unreachable host becomes one host-unreachable finding and errors for its checks', async () => {
    const config = configWith(['good', 'broken']);
    config.hosts[1] = { ...config.hosts[1]!, kind: 'fixture', fixture: '/nonexistent/fixture.json' };
    const tasks = planTasks(config, [finds], config.hosts);
    const hosts = new Map(await Promise.all(config.hosts.map(async (h) => [h.name, await openHost(h)] as const)));
    const result = await runChecks({ config, tasks, hosts, now: new Date(), previousMemory: {}, salt: 'test' });
    const unreachable = result.findings.filter((f) => f.check === 'host-unreachable');
    expect(unreachable).toHaveLength(1);
    expect(unreachable[0]).toMatchObject({ host: 'broken', severity: 'high' });
    expect(unreachable[0]?.title).toMatch(/^broken could not be reached: \/nonexistent\/fixture\.json: not a readable JSON fixture/);
    expect(result.outcomes.find((o) => o.host === 'good')?.status).toBe('ok');
  });

  it('keeps the previous memory of a check that failed this time', async () => {
    const config = configWith(['a']);
    const tasks = planTasks(config, [throws], config.hosts);
    const hosts = new Map([['a', await openHost(config.hosts[0]!)]]);
    const result = await runChecks({ config, tasks, hosts, now: new Date(), previousMemory: { 'docker-posture|a': { keep: 1 } }, salt: 'test' });
    expect(result.memory).toEqual({ 'docker-posture|a': { keep: 1 } });
  });

  it('filters by --only and --host, and skips disabled checks', () => {
    const config = configWith(['a', 'b']);
    config.checks['docker-posture'] = { enabled: false, timeoutMs: null, options: {} };
    const ids = (t: ReturnType<typeof planTasks>) => t.map((x) => `${x.host.name}:${x.check.id}`);
    expect(ids(planTasks(config, registry, config.hosts, { only: ['listening-sockets'], host: 'b' }))).toEqual(['b:listening-sockets']);
    expect(ids(planTasks(config, registry, config.hosts)).some((x) => x.endsWith('docker-posture'))).toBe(false);
  });
});
