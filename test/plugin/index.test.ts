import { describe, expect, it } from 'vitest';
import { IndexStore } from '../../plugin/index/index-store';
import { noteEntry, stepsFromListItems } from '../../plugin/index/note-entry';
import { groupNotes } from '../../plugin/views/notes-model';

const report = { vigil: 'report', vigil_schema: 1, date: '2026-11-23', generated: '2026-11-23T06:15:00Z', run_id: 'r', hosts: ['nas'], worst: 'high', findings: 1, critical: 0, high: 1, medium: 0, low: 0, info: 0, checks_failed: 0 };

describe('plugin index (pure parts)', () => {
  it('turns frontmatter into entries, flags newer and broken notes, ignores other notes', () => {
    expect(noteEntry('Vigil/Reports/2026/2026-11-23 digest.md', report, 1)).toMatchObject({ kind: 'report', state: 'valid', name: '2026-11-23 digest' });
    expect(noteEntry('x.md', { ...report, vigil_schema: 9 }, 1)).toMatchObject({ state: 'newer-schema' });
    expect(noteEntry('x.md', { ...report, worst: 'apocalyptic' }, 1)).toMatchObject({ state: 'invalid', kind: 'report' });
    expect(noteEntry('x.md', { title: 'mine' }, 1)).toBeNull();
    expect(noteEntry('x.md', undefined, 1)).toBeNull();
  });

  it('moves its revision only when something a view shows changed', () => {
    const store = new IndexStore();
    const e = noteEntry('a.md', report, 1)!;
    store.reset([e]);
    const r0 = store.revision;
    expect(store.upsert('a.md', noteEntry('a.md', report, 2))).toBe(false);
    expect(store.revision).toBe(r0);
    expect(store.upsert('a.md', noteEntry('a.md', { ...report, high: 2 }, 3))).toBe(true);
    expect(store.rename('a.md', 'b.md', 'b')).toBe(true);
    expect(store.get('b.md')?.name).toBe('b');
    expect(store.upsert('b.md', null)).toBe(true);
    expect(store.size).toBe(0);
    expect(store.remove('b.md')).toBe(false);
    expect(store.revision).toBe(r0 + 3);
  });

  it('reads restore-test steps from the cache\'s task items: tasks with a ^step- block id, any mark but a space is done', () => {
    const at = (line: number) => ({ start: { line } });
    const items = [
      { id: 'step-1', task: 'x', position: at(7) },
      { id: 'step-2', task: ' ', position: at(8) },
      { id: 'step-3', task: '-', position: at(9) },
      { task: ' ', position: at(10) },
      { id: 'other', task: ' ', position: at(11) },
      { id: 'step-4', position: at(12) },
    ];
    expect(stepsFromListItems(items)).toEqual([
      { id: 'step-1', checked: true, line: 7 },
      { id: 'step-2', checked: false, line: 8 },
      { id: 'step-3', checked: true, line: 9 },
    ]);
    const test = { vigil: 'restore-test', vigil_schema: 1, test: 't', every: 'monthly', due: '2026-11-30', status: 'due' };
    const store = new IndexStore();
    store.reset([noteEntry('t.md', test, 1, items)!]);
    const r = store.revision;
    // A tick changes no frontmatter, but it must still move the revision.
    expect(store.upsert('t.md', noteEntry('t.md', test, 2, [{ ...items[0]!, task: ' ' }, ...items.slice(1)]))).toBe(true);
    expect(store.revision).toBe(r + 1);
    expect(noteEntry('r.md', report, 1, items)!.steps).toBeNull();
  });

  it('groups by kind in a fixed order, newest name first', () => {
    const entries = [
      noteEntry('Vigil/Reports/2026/2026-11-22 digest.md', report, 1)!,
      noteEntry('Vigil/Reports/2026/2026-11-23 digest.md', report, 1)!,
      noteEntry('Vigil/Recovery.md', { vigil: 'recovery', vigil_schema: 1 }, 1)!,
      noteEntry('odd.md', { vigil: 'weird', vigil_schema: 1 }, 1)!,
    ];
    const groups = groupNotes(entries);
    expect(groups.map((g) => g.label)).toEqual(['Recovery', 'Digests', 'Unrecognised']);
    expect(groups[1]!.notes.map((n) => n.name)).toEqual(['2026-11-23 digest', '2026-11-22 digest']);
  });
});
