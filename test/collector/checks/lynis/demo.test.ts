// The demo's lynis answers are complete: a strict replay asks nothing they lack; the Pi's old report is only "stale".
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/tmp';
import { runDemoCheck } from '../systemd-drift/demo-run';

describe('lynis in the demo homelab', () => {
  it("replays strictly: last night's warnings on ubuntu, a stale report on sentinel, none on the NAS", async () => {
    const { result, misses } = await runDemoCheck('lynis', await tempDir());
    expect(misses).toEqual([]);
    expect(result.report.checks.map((c) => [c.host, c.status, c.reason ?? null, c.findings])).toEqual([
      ['ubuntu', 'ok', null, 3],
      ['nas', 'skipped', 'no Lynis report at /var/log/lynis-report.dat (Lynis is not installed or has never run)', 0],
      ['sentinel', 'ok', null, 1],
    ]);
    expect(result.findings.map((f) => [f.severity, f.title])).toEqual([
      ['medium', 'The Lynis report on sentinel is 6 weeks old: Lynis has stopped auditing it'],
      ['medium', 'Lynis warning on ubuntu: Reboot of system is most likely needed (KRNL-5830)'],
      ['medium', 'Lynis warning on ubuntu: Found one or more vulnerable packages (PKGS-7392)'],
      ['info', 'Lynis has 22 hardening suggestions for ubuntu'],
    ]);
    // The old report's warning is not re-surfaced as current, only counted as context.
    expect(result.findings.some((f) => f.host === 'sentinel' && f.title.includes('FIRE-4512'))).toBe(false);
    expect(result.findings.find((f) => f.host === 'sentinel')?.evidence).toMatchObject({ age_days: 40, old_report_warnings: 1, old_report_hardening_index: 58 });
  });
});
