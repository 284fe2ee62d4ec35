// The demo's apt-upgradable answers are complete: a strict replay asks nothing they lack, and the NAS skips with why.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/tmp';
import { runDemoCheck } from '../systemd-drift/demo-run';

describe('apt-upgradable in the demo homelab', () => {
  it('replays strictly: security updates on ubuntu, stale lists on sentinel, no apt on the NAS', async () => {
    const { result, misses } = await runDemoCheck('apt-upgradable', await tempDir());
    expect(misses).toEqual([]);
    expect(result.report.checks.map((c) => [c.host, c.status, c.reason ?? null, c.findings])).toEqual([
      ['ubuntu', 'ok', null, 1],
      ['nas', 'skipped', 'apt is not installed (not a Debian-based system)', 0],
      ['sentinel', 'ok', null, 2],
    ]);
    expect(result.findings.map((f) => [f.severity, f.title])).toEqual([
      ['high', '5 package updates pending on sentinel, 2 of them security updates'],
      ['medium', "apt's package lists on sentinel are 19 days old, so newer updates are unknown"],
      ['medium', '12 package updates pending on ubuntu, 3 of them security updates'],
    ]);
    const ubuntu = result.findings.find((f) => f.host === 'ubuntu')!;
    expect(ubuntu.evidence).toMatchObject({ updates: 12, security: 3, security_packages: 'libssl3t64, openssl, libxml2', lists_age_hours: 5, trivy: 'skipped: trivy is not installed' });
  });
});
