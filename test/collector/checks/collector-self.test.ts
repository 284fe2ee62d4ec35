import { describe, expect, it } from 'vitest';
import { analyzeSelf, parseSystemctlShow, type SelfObservation } from '../../../collector/checks/collector-self';

const now = new Date('2026-11-23T06:15:00Z');
const stat = (mode: number) => ({ type: 'dir' as const, size: 4096, mode, uid: 1000, gid: 1000, mtimeMs: 0 });
const options = { max_gap: 36 * 3_600_000, timer: 'vigil.timer' };

const healthy: SelfObservation = {
  stateDir: '/home/alex/.local/state/vigil',
  stateDirStat: stat(0o700),
  latest: { stat: { ...stat(0o600), type: 'file' }, finishedAt: '2026-11-22T06:15:00.000Z', vaultErrors: 0, checksFailed: 0 },
  latestUnreadable: false,
  lock: { pid: 4242, tookOverFrom: null },
  timer: { name: 'vigil.timer', loadState: 'loaded', activeState: 'active', unitFileState: 'enabled' },
};

describe('collector-self', () => {
  it('clean: private state, a run yesterday, an enabled timer → nothing', () => {
    expect(analyzeSelf(healthy, options, now)).toEqual([]);
  });

  it('first run (no state yet) → nothing', () => {
    expect(analyzeSelf({ ...healthy, stateDirStat: null, latest: null, lock: null, timer: null }, options, now)).toEqual([]);
  });

  it('finds open permissions, an old last run, a stale lock, vault errors and a disabled timer', () => {
    const found = analyzeSelf(
      {
        ...healthy,
        stateDirStat: stat(0o755),
        latest: { ...healthy.latest!, stat: { ...stat(0o644), type: 'file' }, finishedAt: '2026-11-19T06:15:00.000Z', vaultErrors: 2, kept: ['Vigil/Incidents/2026/x.md'] },
        lock: { pid: 1, tookOverFrom: 999 },
        timer: { ...healthy.timer!, unitFileState: 'disabled' },
      },
      options,
      now,
    );
    expect(found.map((f) => [f.subject, f.severity])).toEqual([
      ['state-dir-mode', 'medium'],
      ['report-mode', 'medium'],
      ['last-run-age', 'medium'],
      ['last-run-vault-errors', 'medium'],
      ['last-run-kept-notes', 'low'],
      ['stale-lock', 'low'],
      ['timer:vigil.timer', 'medium'],
    ]);
    expect(found[2]?.title).toBe("Vigil's previous run finished 4 days ago");
    expect(found[4]).toMatchObject({ title: '1 note you edited could not be updated by Vigil (left as you have it)', evidence: { paths: 'Vigil/Incidents/2026/x.md' } });
  });

  it('reads systemctl show output', () => {
    expect(parseSystemctlShow('LoadState=loaded\nActiveState=active\nbogus\n')).toEqual({ LoadState: 'loaded', ActiveState: 'active' });
  });
});
