// The demo homelab's backups: DEMO_CONFIG's `backups:` jobs, every host replayed strictly through executeRun.
import { describe, expect, it } from 'vitest';
import { backupBorg } from '../../../../collector/checks/backup-borg';
import { backupFiles } from '../../../../collector/checks/backup-files';
import { backupRestic } from '../../../../collector/checks/backup-restic';
import { parseConfigText } from '../../../../collector/config/load';
import { DEMO_CONFIG, DEMO_DAYS, DEMO_NOW } from '../../../../collector/demo/homelab';
import { DEMO_MACHINES, demoFixture } from '../../../../collector/demo/hosts';
import { executeRun } from '../../../../collector/engine/run';
import type { Host } from '../../../../collector/host/host';
import { ReplayHost } from '../../../../collector/host/replay-host';
import type { CheckId } from '../../../../shared/ids';
import { tempDir } from '../../../helpers/tmp';
import { factsOf, runCheck } from '../backup-restic/harness';

function demoConfig(stateDir: string, vault: string) {
  const config = parseConfigText(DEMO_CONFIG, '/demo/vigil.yaml', { env: {}, home: '/home/alex', cwd: '/demo' });
  config.stateDir = stateDir;
  config.vault = vault;
  return config;
}

/** The demo's mornings, oldest first, as `vigil demo` replays them. */
const MORNINGS = DEMO_DAYS.map((offset, index) => ({ now: new Date(DEMO_NOW.getTime() - offset * 86_400_000), index }));
const replays = (now: Date, index: number) => DEMO_MACHINES.map((m) => new ReplayHost(demoFixture(m, now, index), m.name, 'strict'));
const ONLY = { only: ['backup-restic', 'backup-borg', 'backup-files'] as CheckId[] };

describe('backups in the demo homelab', () => {
  it('replays every morning strictly and tells the story: the USB disk unplugged and aging, Home Assistant gone tiny on Monday, sentinel never rotating', async () => {
    const config = demoConfig(await tempDir(), await tempDir());
    const days: [string, string][][] = [];
    for (const { now, index } of MORNINGS) {
      const hosts = replays(now, index);
      const result = await executeRun({
        config,
        version: 'test',
        mode: 'demo',
        hosts: new Map<string, Host>(hosts.map((h) => [h.name, h])),
        now,
        salt: 'vigil-demo-salt',
        notify: false,
        filter: ONLY,
      });
      expect(hosts.flatMap((h) => h.misses)).toEqual([]);
      expect(result.report.checks.filter((c) => c.status !== 'ok').map((c) => [c.host, c.check, c.status])).toEqual([
        ['ubuntu', 'backup-borg', 'skipped'],
        ['ubuntu', 'backup-files', 'skipped'],
        ['nas', 'backup-restic', 'skipped'],
        ['sentinel', 'backup-restic', 'skipped'],
        ['sentinel', 'backup-borg', 'skipped'],
      ]);
      days.push(result.findings.map((f): [string, string] => [f.severity, f.title]));
    }
    // Friday: the disk is plugged in, its newest snapshot is 9 days old. From Saturday it is back in the drawer.
    expect(days[0]).toEqual([
      ['high', 'Backup photos-usb is 9 days old (max 8 days) on ubuntu'],
      ['low', 'Backup nut-config keeps 39 files in /var/backups/nut, more than its max of 30, on sentinel'],
    ]);
    expect(days[1]![0]).toEqual(['high', 'Backup photos-usb is 10 days old (max 8 days) on ubuntu: its offline copy has not been connected since']);
    expect(days.at(-1)).toEqual([
      ['high', 'Backup photos-usb is 12 days old (max 8 days) on ubuntu: its offline copy has not been connected since'],
      ['medium', 'The newest file of backup home-assistant is 1.9 MB, below its minimum of 10 MB on nas'],
      ['low', 'Backup nut-config keeps 42 files in /var/backups/nut, more than its max of 30, on sentinel'],
    ]);
  });

  it('hands over the facts the notes and the scorecard need', async () => {
    const config = demoConfig(await tempDir(), await tempDir());
    const memory = new Map<string, unknown>();
    const facts = new Map<string, ReturnType<typeof factsOf>>();
    for (const { now, index } of MORNINGS) {
      const [ubuntu, nas, sentinel] = replays(now, index);
      for (const [check, host] of [[backupRestic, ubuntu!], [backupBorg, nas!], [backupFiles, nas!], [backupFiles, sentinel!]] as const) {
        const key = `${check.id}|${host.name}`;
        const run = await runCheck(check, config, host, now, memory.get(key));
        memory.set(key, run.memory);
        for (const f of run.facts?.jobs ?? []) facts.set(f.job, f);
      }
    }
    expect(facts.get('photos-usb')).toMatchObject({ status: 'stale', host: 'ubuntu', dataClass: 'irreplaceable', restorePoints: 5, lastSuccess: '2026-11-11T02:00:00.418Z', ageHours: 292.2, destination: '/media/alex/photos-usb/restic' });
    expect(facts.get('photos-b2')).toMatchObject({ status: 'ok', restorePoints: 11, verify: 'passed', verified: new Date(DEMO_NOW.getTime() - 3 * 86_400_000).toISOString(), lastSuccess: '2026-11-23T02:00:00.418Z' });
    expect(facts.get('photos-b2')!.durationSeconds).toBeGreaterThan(1000);
    expect(facts.get('gitea-dump')).toMatchObject({ status: 'ok', kind: 'borg', restorePoints: 14, durationSeconds: 41.228174, verify: 'passed' });
    expect(facts.get('home-assistant')).toMatchObject({ status: 'warning', sizeBytes: 1_938_432, restorePoints: 7 });
    expect(facts.get('keepass-archive')).toMatchObject({ status: 'ok', restorePoints: 14, problems: [] });
    expect(facts.get('nut-config')).toMatchObject({ status: 'warning', pruning: false, restorePoints: 42 });
  });
});
