import { describe, expect, it } from 'vitest';
import { applyPatch, canRecord, canStart, formatDuration, isoInstant, resultPatch, startPatch } from '../../plugin/actions/restore-patch';
import { noteEntry } from '../../plugin/index/note-entry';
import { dueInWords, restoreSections } from '../../plugin/views/restore-model';
import { restoreStatus } from '../../plugin/views/restore-status';
import { parseMetadataForTest } from './fixtures/metadata';
import { FIXTURE_NOW, PATHS, richVault } from './fixtures/rich-vault';

const entries = Object.entries(richVault()).flatMap(([path, text]) => {
  const meta = parseMetadataForTest(text);
  const e = noteEntry(path, meta.frontmatter, 1, meta.listItems);
  return e ? [e] : [];
});

describe('restore model', () => {
  it('groups tests by effective state with progress from the task items', () => {
    const sections = restoreSections(entries, FIXTURE_NOW.getTime());
    expect(sections.map((s) => [s.label, s.cards.map((c) => c.title)])).toEqual([
      ['Overdue', ['Quarterly Home Assistant restore']],
      ['Due', [expect.stringMatching(/^Hostile/), 'Monthly document restore']],
      ['In progress', ['Gitea app restore']],
      ['Failed', ['Yearly NAS loss simulation']],
      ['Passed', ['Monthly document restore']],
    ]);
    const gitea = sections[2]!.cards[0]!;
    expect(gitea).toMatchObject({ done: 2, total: 4, path: PATHS.giteaInProgress, started: Date.parse('2026-11-23T05:50:00Z') });
    expect(sections[0]!.cards[0]).toMatchObject({ dueInDays: -9, done: 0, total: 3 });
    expect(sections[1]!.cards[1]).toMatchObject({ dueInDays: 7, total: 4 });
  });

  it('reads due as overdue after the due date, and leaves other states alone', () => {
    expect(restoreStatus({ status: 'due', due: '2026-11-22' }, '2026-11-23')).toBe('overdue');
    expect(restoreStatus({ status: 'due', due: '2026-11-23' }, '2026-11-23')).toBe('due');
    expect(restoreStatus({ status: 'in-progress', due: '2020-01-01' }, '2026-11-23')).toBe('in-progress');
    expect(restoreStatus({ status: 'exploded' }, '2026-11-23')).toBeNull();
  });

  it('words the due date', () => {
    expect([0, 1, 5, -1, -9].map(dueInWords)).toEqual(['due today', 'due tomorrow', 'due in 5 days', '1 day overdue', '9 days overdue']);
    expect(dueInWords(null)).toBeNull();
  });
});

describe('restore actions (pure part)', () => {
  const now = new Date('2026-11-23T08:25:30.123Z');

  it('starts: in progress, started now, earlier results cleared', () => {
    expect(startPatch(now)).toEqual({ status: 'in-progress', started: '2026-11-23T08:25:30Z', result: null, completed: null, duration: null });
    expect(isoInstant(now)).toBe('2026-11-23T08:25:30Z');
  });

  it('records the result with the duration since started, or none when it is unknown', () => {
    expect(resultPatch({ started: '2026-11-23T07:00:00Z' }, 'passed', now)).toEqual({ status: 'passed', result: 'passed', completed: '2026-11-23T08:25:30Z', duration: '1h 26m' });
    expect(resultPatch({}, 'failed', now).duration).toBeNull();
    expect(resultPatch({ started: '2026-11-24T00:00:00Z' }, 'failed', now).duration).toBeNull();
    const fm: Record<string, unknown> = { test: 'x', status: 'due' };
    applyPatch(fm, startPatch(now));
    expect(fm).toMatchObject({ test: 'x', status: 'in-progress' });
  });

  it('formats durations as people write them', () => {
    expect([0, 45 * 60e3, 60 * 60e3, 85 * 60e3, 47 * 3600e3, 51 * 3600e3, 72 * 3600e3].map(formatDuration)).toEqual(['1m', '45m', '1h', '1h 25m', '47h', '2d 3h', '3d']);
  });

  it('knows which states can be started or recorded', () => {
    expect((['due', 'overdue', 'in-progress', 'passed', 'failed', null] as const).map((s) => [canStart(s), canRecord(s)])).toEqual([
      [true, true],
      [true, true],
      [false, true],
      [false, false],
      [true, false],
      [false, false],
    ]);
  });
});
