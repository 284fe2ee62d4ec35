// The judgement every backup check shares: severities per data class, offline copies, history, locks, verification, facts, memory.
import { describe, expect, it } from 'vitest';
import type { DataClass } from '../../../../collector/config/types';
import { pruneSignal, usualOf } from '../../../../collector/checks/backup/history';
import { jobFacts } from '../../../../collector/checks/backup/job-facts';
import { judgeJob } from '../../../../collector/checks/backup/judge';
import { MAX_RUNS, readMemory, rememberBackups, type JobMemory } from '../../../../collector/checks/backup/memory';
import { NO_VERIFY, type JobObservation, type RestorePoint } from '../../../../collector/checks/backup/observation';
import type { BackupOptions } from '../../../../collector/checks/backup/options';
import { toDraft } from '../../../../collector/checks/backup/policy';

const NOW = new Date('2026-11-23T06:15:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OPTIONS: BackupOptions = { stale_lock_after: HOUR, verify_every: 7 * DAY, prune_window: 30 * DAY, anomaly_ratio: 0.5 };

function point(id: string, agoMs: number, size: number | null = 1000, duration: number | null = null): RestorePoint {
  return { id, time: NOW.getTime() - agoMs, sizeBytes: size, durationSeconds: duration };
}

function job(over: Partial<JobObservation> = {}): JobObservation {
  return {
    job: 'photos',
    kind: 'restic',
    dataClass: 'irreplaceable',
    maxAgeMs: 26 * HOUR,
    offline: false,
    destination: '/mnt/usb/restic',
    access: null,
    points: [point('a', 2 * DAY), point('b', DAY), point('c', HOUR)],
    repoBytes: 3000,
    locks: [],
    verify: NO_VERIFY,
    newestEvidence: {},
    limits: { minSize: null, maxFiles: null },
    truncated: false,
    ...over,
  };
}

const EMPTY_MEMORY: JobMemory = { runs: [], points: [], lastSeen: null, verify: { lastAttempt: null, lastResult: null, verified: null } };
const judge = (j: JobObservation, memory: JobMemory | null = null, now = NOW) => judgeJob(j, memory, 'ubuntu', now, OPTIONS);
const rules = (j: JobObservation, memory: JobMemory | null = null) => judge(j, memory).issues.map((i) => [i.rule, toDraft(j.job, j.dataClass, i).severity]);

describe('severity follows the data class (the user\'s strategy table)', () => {
  it.each([
    ['irreplaceable', 'high', 'critical'],
    ['service-state', 'high', 'high'],
    ['rebuild', 'medium', 'high'],
    ['convenience', 'low', 'medium'],
  ] as const)('%s: stale is %s, no restore point is %s', (dataClass: DataClass, stale, unusable) => {
    expect(rules(job({ dataClass, points: [point('a', 3 * DAY)] }))).toEqual([['stale', stale]]);
    expect(rules(job({ dataClass, points: [] }))).toEqual([['no-restore-point', unusable]]);
  });

  it('takes failing over stale, stale over unknown, for the status', () => {
    expect(judge(job({ points: [point('a', 3 * DAY, 0)] })).status).toBe('failing');
    expect(judge(job({ points: [point('a', 3 * DAY)] })).status).toBe('stale');
    expect(judge(job()).status).toBe('ok');
  });
});

describe('an offline copy (a rotated USB disk)', () => {
  const away = job({ offline: true, access: { problem: 'missing-repo', exitCode: 1, detail: null }, points: [] });
  const seen = (agoMs: number): JobMemory => ({ ...EMPTY_MEMORY, lastSeen: { id: 'x', time: NOW.getTime() - agoMs, size: 42, count: 9 } });

  it('is only noted when it was never seen', () => {
    expect(rules(away)).toEqual([['not-connected', 'low']]);
    expect(judge(away).status).toBe('unknown');
  });

  it('is fine while what it held when last connected is young enough, and stale after', () => {
    const young = { ...away, maxAgeMs: 8 * DAY };
    expect(rules(young, seen(3 * DAY))).toEqual([]);
    const facts = jobFacts(young, judge(young, seen(3 * DAY)), seen(3 * DAY), 'ubuntu', NOW);
    expect(facts).toMatchObject({ status: 'ok', restorePoints: 9, sizeBytes: 42, ageHours: 72, lastSuccess: new Date(NOW.getTime() - 3 * DAY).toISOString() });
    expect(rules(young, seen(12 * DAY))).toEqual([['stale', 'high']]);
  });

  it('is not excused when it is not offline: a missing repository is a missing copy', () => {
    expect(rules({ ...away, offline: false }, seen(DAY))).toEqual([['missing-repo', 'critical']]);
  });
});

describe('history: usual size and duration, pruning', () => {
  it('needs three earlier sizes, from the repository or remembered, and uses their median', () => {
    expect(usualOf(job(), null, 'size')).toBeNull();
    const j = job({ points: [point('a', 4 * DAY, 100), point('b', 3 * DAY, 900), point('c', 2 * DAY, 1000), point('d', HOUR, 10)] });
    expect(usualOf(j, null, 'size')).toEqual({ usual: 900, samples: 3 });
    const remembered: JobMemory = { ...EMPTY_MEMORY, points: [{ id: 'old', time: NOW.getTime() - 9 * DAY, size: 1100, duration: null }] };
    expect(usualOf(j, remembered, 'size')).toEqual({ usual: 950, samples: 4 });
    expect(rules(j)).toEqual([['smaller', 'medium']]);
  });

  it('calls a backup "faster" only when it usually takes more than a minute', () => {
    const quick = job({ points: [point('a', 4 * DAY, 1, 20), point('b', 3 * DAY, 1, 20), point('c', 2 * DAY, 1, 20), point('d', HOUR, 1, 2)] });
    expect(rules(quick)).toEqual([]);
    const slow = job({ points: [point('a', 4 * DAY, 1, 1200), point('b', 3 * DAY, 1, 1300), point('c', 2 * DAY, 1, 1250), point('d', HOUR, 1, 200)] });
    expect(rules(slow)).toEqual([['faster', 'low']]);
  });

  it('says nothing about pruning without a full window of runs, no when nothing ever goes, yes when something went', () => {
    const run = (daysAgo: number, count: number, removed: number | null) => ({ at: new Date(NOW.getTime() - daysAgo * DAY).toISOString(), count, newest: null, removed, bytes: count * 10 });
    const history = (removedLast: number): JobMemory => ({ ...EMPTY_MEMORY, runs: [run(40, 1, null), run(31, 1, 0), run(20, 2, 0), run(10, 2, removedLast)], lastSeen: { id: 'b', time: NOW.getTime() - 2 * DAY, size: 1, count: 2 } });
    expect(pruneSignal(job(), { ...EMPTY_MEMORY, runs: [run(10, 2, null)], lastSeen: { id: 'b', time: NOW.getTime() - DAY, size: 1, count: 2 } }, NOW, OPTIONS.prune_window).pruning).toBeNull();
    const grows = pruneSignal(job({ points: [point('a', 3 * DAY), point('b', 2 * DAY), point('c', 3 * HOUR), point('d', HOUR)] }), history(0), NOW, OPTIONS.prune_window);
    expect(grows).toMatchObject({ pruning: false, removed: 0, added: 3, growthBytes: 2990, since: run(31, 1, 0).at });
    expect(pruneSignal(job(), history(2), NOW, OPTIONS.prune_window).pruning).toBe(true);
  });
});

describe('locks and verification', () => {
  it('flags a lock older than stale_lock_after: exclusive blocks backups, shared only prune and check', () => {
    const lock = (exclusive: boolean, agoMs: number) => ({ exclusive, since: NOW.getTime() - agoMs, holder: 'nas pid 4242' });
    expect(rules(job({ locks: [lock(false, 10 * 60_000)] }))).toEqual([]);
    expect(rules(job({ locks: [lock(false, 2 * HOUR)] }))).toEqual([['stale-lock', 'low']]);
    expect(rules(job({ locks: [lock(false, 2 * HOUR), lock(true, 3 * HOUR)] }))).toEqual([['stale-lock', 'medium']]);
  });

  it('reports a check that keeps not running once the last pass is three intervals old', () => {
    const memory: JobMemory = { ...EMPTY_MEMORY, verify: { lastAttempt: new Date(NOW.getTime() - DAY).toISOString(), lastResult: 'passed', verified: new Date(NOW.getTime() - 25 * DAY).toISOString() } };
    const locked = job({ verify: { state: 'not-run', reason: 'repository locked', mode: 'check', errors: 0, broken: [] } });
    expect(rules(locked, memory)).toEqual([
      ['verify-not-run', 'low'],
      ['verify-overdue', 'low'],
    ]);
    expect(judge(locked, memory).status).toBe('warning');
    expect(rules(job({ verify: { state: 'not-run', reason: 'not-due', mode: 'check', errors: 0, broken: [] } }), { ...memory, verify: { ...memory.verify, verified: new Date(NOW.getTime() - 2 * DAY).toISOString() } })).toEqual([]);
  });
});

describe('memory', () => {
  const obs = (at: Date, points: RestorePoint[]) => ({ observedAt: at.toISOString(), jobs: [job({ points })] });

  it('ignores a state file that is malformed or from the same moment (a replay is not a second run)', () => {
    expect(readMemory({ v: 2 }, NOW)).toBeNull();
    expect(readMemory('nonsense', NOW)).toBeNull();
    const mem = rememberBackups(obs(NOW, [point('a', HOUR)]), undefined);
    expect(readMemory(mem, NOW)).toBeNull();
    expect(readMemory(mem, new Date(NOW.getTime() + 1))).not.toBeNull();
  });

  it('counts removals between runs and stays bounded', () => {
    let mem: unknown;
    for (let i = 0; i < MAX_RUNS + 20; i++) {
      const at = new Date(NOW.getTime() + i * DAY);
      // Every run adds one point and the oldest goes: a steady retention.
      mem = rememberBackups({ observedAt: at.toISOString(), jobs: [job({ points: [2, 1, 0].map((k) => ({ id: `p${i - k}`, time: at.getTime() - k * DAY - HOUR, sizeBytes: 5, durationSeconds: null })) })] }, mem);
    }
    const runs = (mem as { jobs: Record<string, JobMemory> }).jobs.photos!.runs;
    expect(runs).toHaveLength(MAX_RUNS);
    expect(runs.at(-1)!.removed).toBe(1);
  });

  it('keeps what an unreadable run cannot tell, and records a passed check', () => {
    const first = rememberBackups({ observedAt: NOW.toISOString(), jobs: [job({ verify: { state: 'passed', reason: null, mode: 'check', errors: 0, broken: [] } })] }, undefined);
    const later = new Date(NOW.getTime() + DAY);
    const second = rememberBackups({ observedAt: later.toISOString(), jobs: [job({ access: { problem: 'wrong-password', exitCode: 1, detail: null }, points: [] })] }, first);
    expect(second.jobs.photos).toMatchObject({ lastSeen: { id: 'c', count: 3 }, verify: { verified: NOW.toISOString(), lastResult: 'passed' } });
    expect(second.jobs.photos!.runs).toHaveLength(1);
  });
});
