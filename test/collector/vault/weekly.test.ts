import { describe, expect, it } from 'vitest';
import { isoWeek, weekStart } from '../../../shared/dates';
import type { IncidentState } from '../../../collector/engine/incident-state';
import { weeklyNote, weeklySummary, type RunHistoryEntry } from '../../../collector/vault/render-weekly';

const run = (date: string, over: Partial<RunHistoryEntry> = {}): RunHistoryEntry => ({
  at: `${date}T06:15:00.000Z`,
  date,
  run_id: date,
  worst: 'ok',
  findings: 0,
  new: 0,
  fixed: 0,
  checks_failed: 0,
  digest: `Vigil/Reports/2026/${date} digest.md`,
  ...over,
});

describe('weekly digest', () => {
  it('computes ISO weeks across year boundaries', () => {
    expect(isoWeek(new Date('2026-11-23T12:00:00Z'))).toBe('2026-W48');
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2025-12-29T12:00:00Z'))).toBe('2026-W01');
    expect(weekStart(new Date('2026-11-29T12:00:00Z')).getDate()).toBe(23);
  });

  it('says all green when nothing is open and every check ran', () => {
    const history = ['2026-11-23', '2026-11-24', '2026-11-25'].map((d) => run(d));
    const input = { now: new Date('2026-11-25T06:15:00Z'), history, incidents: [], hosts: ['nas'], vaultPathOf: (p: string) => `Vigil/${p}` };
    expect(weeklySummary(input, '2026-W48')).toEqual({ allGreen: true, lines: ['All green: no open incidents, every check ran.', '3 runs this week · 0 opened · 0 resolved.'] });
    const note = weeklyNote(input);
    expect(note.path).toBe('Reports/2026/2026-W48 weekly.md');
    expect(note.frontmatter).toMatchObject({ vigil: 'report', period: 'weekly', date: '2026-11-23', worst: 'ok', findings: 0 });
    expect(note.body).toContain('> [!success] All green: no open incidents, every check ran.');
  });

  it('never calls a week without runs, or with checks that failed, all green', () => {
    const base = { now: new Date('2026-11-25T06:15:00Z'), incidents: [], hosts: ['nas'], vaultPathOf: (p: string) => `Vigil/${p}` };
    const none = { ...base, history: [run('2026-11-10')] };
    expect(weeklySummary(none, '2026-W48')).toEqual({ allGreen: false, lines: ['Vigil did not run this week: nothing was checked.', '0 runs this week · 0 opened · 0 resolved.'] });
    expect(weeklyNote(none).body).toContain('> [!warning] Vigil did not run this week: nothing was checked.');
    const failing = { ...base, history: [run('2026-11-24', { checks_failed: 2 })] };
    expect(weeklySummary(failing, '2026-W48').lines[0]).toBe('No open incidents, but 2 checks could not run.');
  });

  it('lists what opened, resolved and is still open', () => {
    const inc = (over: Partial<IncidentState>): IncidentState =>
      ({ fingerprint: 'a', finding_id: 'x:nas:a', check: 'x', host: 'nas', title: 'A', severity: 'high', status: 'open', opened: '2026-11-24T06:15:00.000Z', last_seen: '2026-11-25T06:15:00.000Z', resolved: null, occurrences: 2, clean_runs: 0, path: 'Incidents/2026/A.md', reopens: [], evidence: {}, remediation: null, accepted_until: null, accepted_reason: null, events: [], ...over });
    const input = {
      now: new Date('2026-11-25T06:15:00Z'),
      history: [run('2026-11-25', { worst: 'high', findings: 1, checks_failed: 1 })],
      incidents: [inc({}), inc({ fingerprint: 'b', title: 'B', status: 'resolved', resolved: '2026-11-25T06:15:00.000Z', opened: '2026-11-01T06:15:00.000Z' })],
      hosts: ['nas'],
      vaultPathOf: (p: string) => `Vigil/${p}`,
    };
    const note = weeklyNote(input);
    expect(note.body).toContain('## Opened this week');
    expect(note.body).toContain('[[Vigil/Incidents/2026/A|A]]');
    expect(note.body).toContain('## Resolved this week');
    expect(note.body).toContain('## Still open');
    expect(weeklySummary(input, '2026-W48').allGreen).toBe(false);
  });
});
