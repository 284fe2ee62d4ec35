import { describe, expect, it } from 'vitest';
import { defaultRestoreTests } from '../../../collector/config/load';
import { restoreFindings, type RestoreSituation } from '../../../collector/backups/backup-stage';
import { overdueAfter, periodLabel, periodOf, previousPeriod, restoreStatus, type RestoreNoteState } from '../../../collector/backups/restore-calendar';
import { readRestoreNote } from '../../../collector/backups/restore-notes';
import { restoreTestBody, restoreTestNote } from '../../../collector/vault/render-restore-test';
import { parseChecklist, setStepChecked } from '../../../shared/checklist';

const [monthly, quarterly, , yearly] = defaultRestoreTests();
const note = (over: Partial<RestoreNoteState> = {}): RestoreNoteState => ({ path: 'Restore tests/x.md', result: null, completed: null, started: null, done: 0, total: 6, ...over });

describe('restore calendar', () => {
  it('knows periods, due dates and labels', () => {
    const now = new Date('2026-11-23T06:15:00Z');
    expect(periodOf('monthly', now)).toMatchObject({ key: '2026-11' });
    expect(periodOf('quarterly', now).key).toBe('2026-Q4');
    expect(periodOf('yearly', now).key).toBe('2026');
    expect(periodLabel('monthly', periodOf('monthly', now))).toBe('November 2026');
    expect(previousPeriod('quarterly', periodOf('quarterly', now)).key).toBe('2026-Q3');
    expect(previousPeriod('monthly', periodOf('monthly', new Date('2026-01-10T00:00:00Z'))).key).toBe('2025-12');
  });

  it('reads status from the note: result first, then ticks, then the calendar', () => {
    const p = periodOf('monthly', new Date('2026-11-23T06:15:00Z'));
    const grace = monthly!.graceMs;
    expect(restoreStatus(null, p, grace, new Date('2026-11-23T00:00:00Z'))).toBe('due');
    expect(restoreStatus(note({ done: 2 }), p, grace, new Date('2026-11-23T00:00:00Z'))).toBe('in-progress');
    expect(restoreStatus(note({ result: 'passed' }), p, grace, new Date('2027-01-23T00:00:00Z'))).toBe('passed');
    expect(restoreStatus(note({ result: 'failed' }), p, grace, new Date('2026-11-23T00:00:00Z'))).toBe('failed');
    expect(restoreStatus(null, p, grace, new Date(overdueAfter(p, grace) + 1))).toBe('overdue');
  });

  it('raises a missed period once its grace ran out, and a failed restore', () => {
    const now = new Date('2026-12-10T06:15:00Z');
    const period = periodOf('monthly', now);
    const prev = previousPeriod('monthly', period);
    const s: RestoreSituation = { test: monthly!, period, status: 'due', note: null, path: 'x', lastPassed: null };
    const missed = restoreFindings(s, { period: prev, note: note() }, now);
    expect(missed.map((f) => [f.subject, f.severity, f.title])).toEqual([
      ['Monthly random file from NAS and cloud:overdue', 'medium', 'Restore test "Monthly random file from NAS and cloud" for November 2026 was not done (due 2026-11-30)'],
    ]);
    expect(restoreFindings(s, { period: prev, note: note() }, new Date('2026-12-05T00:00:00Z'))).toEqual([]);
    expect(restoreFindings(s, { period: prev, note: null }, now)).toEqual([]);
    const unfinished = restoreFindings({ ...s, note: note({ result: 'passed', done: 2, total: 8 }) }, { period: prev, note: null }, now);
    expect(unfinished.map((f) => [f.severity, f.title])).toEqual([['info', 'Restore test "Monthly random file from NAS and cloud" was marked passed with 2 of 8 steps ticked']]);
    expect(restoreFindings({ ...s, note: note({ result: 'passed', done: 8, total: 8 }) }, { period: prev, note: null }, now)).toEqual([]);
    const failed = restoreFindings({ ...s, note: note({ result: 'failed', completed: '2026-12-02' }) }, { period: prev, note: note({ result: 'passed' }) }, now);
    expect(failed.map((f) => f.subject)).toEqual(['Monthly random file from NAS and cloud:failed']);
    const yearlyMissed = restoreFindings({ ...s, test: yearly! }, { period: previousPeriod('yearly', periodOf('yearly', now)), note: note() }, new Date('2027-02-15T00:00:00Z'));
    expect(yearlyMissed[0]?.severity).toBe('high');
  });

  it('writes a checklist with one block id per step that reads back after ticking', () => {
    const period = periodOf('quarterly', new Date('2026-11-23T06:15:00Z'));
    const body = restoreTestBody({ test: quarterly!, period, runbookSteps: null, runbookPath: null, recoveryPath: 'Vigil/Recovery.md' });
    const steps = parseChecklist(body, 'step-');
    expect(steps.map((s) => s.id)).toEqual(['step-1', 'step-2', 'step-3', 'step-4', 'step-5', 'step-6', 'step-6a', 'step-6b', 'step-6c', 'step-7']);
    const ticked = setStepChecked(setStepChecked(body, 'step-1', false, true).ok ? (setStepChecked(body, 'step-1', false, true) as { text: string }).text : body, 'step-6a', false, true);
    expect(ticked.ok).toBe(true);
    const state = readRestoreNote('x.md', `---\nresult: "passed"\ncompleted: "2026-11-24"\n---\n${ticked.ok ? ticked.text : ''}`);
    expect(state).toMatchObject({ result: 'passed', completed: '2026-11-24', done: 2, total: 10 });
    const spec = restoreTestNote({ test: quarterly!, period, runbookSteps: ['Restore the Gitea dump', 'git push to it'], runbookPath: 'Vigil/Runbooks/gitea.md', recoveryPath: 'Vigil/Recovery.md' }, 'due');
    expect(spec.path).toBe('Restore tests/2026-10 Quarterly Docker app restore.md');
    expect(parseChecklist(spec.body, 'step-').map((s) => s.text)).toEqual(['Restore the Gitea dump', 'git push to it']);
    expect(spec.frontmatter).toMatchObject({ vigil: 'restore-test', due: '2026-12-31', status: 'due' });
  });
});
