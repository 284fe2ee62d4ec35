// Pure: group the index's notes by kind for the notes view, newest first, problems flagged.
import { NOTE_KINDS, type NoteKind } from '../../shared/ids';
import type { NoteEntry } from '../index/note-entry';

/** Headings per kind, in the order the view shows them. */
export const KIND_LABELS: Record<NoteKind, string> = {
  recovery: 'Recovery',
  incident: 'Incidents',
  report: 'Digests',
  'backup-job': 'Backup jobs',
  'restore-test': 'Restore tests',
  runbook: 'Runbooks',
};

/** One group of the view. */
export interface NotesGroup {
  kind: NoteKind | 'unknown';
  label: string;
  notes: NoteEntry[];
}

/** Group entries by kind; within a group by name, descending (names start with their date). Unknown kinds go last. */
export function groupNotes(entries: readonly NoteEntry[]): NotesGroup[] {
  const order: (NoteKind | 'unknown')[] = ['recovery', 'incident', 'report', 'backup-job', 'restore-test', 'runbook', 'unknown'];
  const groups = new Map<NoteKind | 'unknown', NoteEntry[]>();
  for (const e of entries) {
    const k = e.kind && (NOTE_KINDS as readonly string[]).includes(e.kind) ? e.kind : 'unknown';
    const list = groups.get(k);
    if (list) list.push(e);
    else groups.set(k, [e]);
  }
  return order
    .filter((k) => groups.has(k))
    .map((k) => ({
      kind: k,
      label: k === 'unknown' ? 'Unrecognised' : KIND_LABELS[k],
      notes: groups.get(k)!.sort((a, b) => b.name.localeCompare(a.name)),
    }));
}
