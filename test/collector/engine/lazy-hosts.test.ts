// Hosts connect when a worker takes them up: with run.host_concurrency N, at most N connections are open at once.
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../collector/config/load';
import { executeRun } from '../../../collector/engine/run';
import { testCheck } from '../../helpers/test-check';

const opened = vi.hoisted(() => [] as string[]);
vi.mock('../../../collector/engine/hosts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../collector/engine/hosts')>();
  return {
    ...real,
    openHost: (...args: Parameters<typeof real.openHost>) => {
      opened.push(args[0].name);
      return real.openHost(...args);
    },
  };
});

describe('host connections', () => {
  it('opens a host only when a worker takes it up, not all of them at the start', async () => {
    const config = defaultConfig();
    const local = config.hosts[0]!;
    config.hosts = ['h1', 'h2', 'h3', 'h4'].map((name, i) => ({ ...local, name, collector: i === 0 }));
    config.run.hostConcurrency = 1;
    const seen = new Map<string, string[]>();
    const records = testCheck<null>('systemd-drift', {
      async gather({ host }) {
        seen.set(host.name, [...opened]);
        await new Promise((r) => setTimeout(r, 20));
        return { status: 'data', data: null };
      },
      analyze: () => [],
    });
    const { report } = await executeRun({ config, version: 't', registry: [records], dryRun: true, salt: 's', notify: false });
    expect(report.checks.filter((c) => c.check === 'systemd-drift').map((c) => `${c.host}:${c.status}`)).toEqual(['h1:ok', 'h2:ok', 'h3:ok', 'h4:ok']);
    // One worker: while h1's check runs, only h1 is connected; each later host connects after the one before.
    expect(Object.fromEntries(seen)).toEqual({ h1: ['h1'], h2: ['h1', 'h2'], h3: ['h1', 'h2', 'h3'], h4: ['h1', 'h2', 'h3', 'h4'] });
  });
});
