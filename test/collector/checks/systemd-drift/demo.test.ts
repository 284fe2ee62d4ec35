// The demo's systemd-drift answers are complete for the proposed config: a strict replay asks nothing they lack.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/tmp';
import { runDemoCheck } from './demo-run';

describe('systemd-drift in the demo homelab', () => {
  it('replays strictly on all three hosts: a failed backup, a service running unasked, a stopped timer, no allowlist on the NAS', async () => {
    const { result, misses } = await runDemoCheck('systemd-drift', await tempDir());
    expect(misses).toEqual([]);
    expect(result.report.checks.map((c) => [c.host, c.status, c.findings])).toEqual([
      ['ubuntu', 'ok', 1],
      ['nas', 'ok', 1],
      ['sentinel', 'ok', 3],
    ]);
    expect(result.findings.map((f) => [f.severity, f.title])).toEqual([
      ['high', 'Service restic-backup failed on ubuntu'],
      ['medium', 'Expected service unattended-upgrades is not running on sentinel'],
      ['medium', 'Timer apt-daily.timer is not active on sentinel: it will not fire'],
      ['medium', 'Service avahi-daemon is running on sentinel but not expected'],
      ['info', 'No expected-services list for nas, so 13 services beyond the OS baseline went uncompared'],
    ]);
  });
});
