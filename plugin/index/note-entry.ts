// Pure: one vault note's cached metadata (frontmatter, task list items) → the index entry the views read.
import { isNoteKind, type NoteKind } from '../../shared/ids';
import { validateNoteFrontmatter } from '../../shared/note-schema';

/** One step of a restore test as the metadata cache sees it (a task list item with a `^step-…` block id). */
export interface StepState {
  id: string;
  checked: boolean;
  /** 0-based line of the task in the note. */
  line: number;
}

/** The part of Obsidian's ListItemCache the index reads (kept structural so this file imports nothing from Obsidian). */
export interface ListItemLike {
  id?: string | undefined;
  task?: string | undefined;
  position: { start: { line: number } };
}

/** One Vigil note as the index knows it. */
export interface NoteEntry {
  readonly path: string;
  /** File name without extension. */
  readonly name: string;
  readonly kind: NoteKind | null;
  /** `valid`, written by a newer Vigil, or not matching the contract. */
  readonly state: 'valid' | 'newer-schema' | 'invalid';
  readonly problems: readonly string[];
  readonly frontmatter: Readonly<Record<string, unknown>>;
  readonly mtime: number;
  /** Restore tests only: the checklist's steps from the cache, in note order; null for other kinds. */
  readonly steps: StepState[] | null;
}

/**
 * An entry whose contract check runs on first use: building the index for 10,000 notes must not wait for
 * 10,000 schema validations when the first screen shows twenty. The verdict is a pure function of the
 * frontmatter, so it can be computed at any time and is never stale.
 */
class IndexedNote implements NoteEntry {
  private verdict: { state: NoteEntry['state']; problems: string[] } | null = null;

  constructor(
    readonly path: string,
    readonly name: string,
    readonly kind: NoteKind | null,
    readonly frontmatter: Readonly<Record<string, unknown>>,
    readonly mtime: number,
    readonly steps: StepState[] | null,
    /** Set when the note's YAML does not parse: there is no frontmatter to check, only this to say. */
    private readonly unparseable = false,
  ) {}

  /** This note under another path. */
  moved(path: string, name: string): IndexedNote {
    return new IndexedNote(path, name, this.kind, this.frontmatter, this.mtime, this.steps, this.unparseable);
  }

  get state(): NoteEntry['state'] {
    return this.check().state;
  }

  get problems(): readonly string[] {
    return this.check().problems;
  }

  private check(): { state: NoteEntry['state']; problems: string[] } {
    if (this.verdict) return this.verdict;
    if (this.unparseable) return (this.verdict = { state: 'invalid', problems: ['its properties (the YAML between the --- lines) do not parse'] });
    const v = validateNoteFrontmatter(this.frontmatter);
    switch (v.state) {
      case 'valid':
        this.verdict = { state: 'valid', problems: [] };
        break;
      case 'newer-schema':
        this.verdict = { state: 'newer-schema', problems: [`written by a newer Vigil (schema ${v.schema}); update the plugin`] };
        break;
      case 'invalid':
        this.verdict = { state: 'invalid', problems: v.problems };
        break;
      default:
        // Unreachable: noteEntry only makes entries for notes with a `vigil:` key.
        this.verdict = { state: 'invalid', problems: ['not a Vigil note'] };
    }
    return this.verdict;
  }
}

/** Block ids of checklist steps start with this (DEVELOPERS.md, "Restore test"). */
export const STEP_PREFIX = 'step-';

function baseName(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.replace(/\.md$/i, '');
}

/** The steps among a note's list items: tasks whose block id starts with `step-`. */
export function stepsFromListItems(items: readonly ListItemLike[] | undefined): StepState[] {
  const steps: StepState[] = [];
  for (const item of items ?? []) {
    if (item.task === undefined || !item.id?.startsWith(STEP_PREFIX)) continue;
    // Obsidian's rule: a space is an open task, any other character a done one.
    steps.push({ id: item.id, checked: item.task !== ' ', line: item.position.start.line });
  }
  return steps;
}

/** Build an entry, or null for a note that is not a Vigil note (no `vigil:` key). Never throws. */
export function noteEntry(path: string, frontmatter: unknown, mtime: number, listItems?: readonly ListItemLike[]): NoteEntry | null {
  // The same test validateNoteFrontmatter starts with, so "is it ours" never needs the full check.
  if (typeof frontmatter !== 'object' || frontmatter === null || !('vigil' in frontmatter)) return null;
  const fm = frontmatter as Record<string, unknown>;
  const steps = fm.vigil === 'restore-test' ? stepsFromListItems(listItems) : null;
  return new IndexedNote(path, baseName(path), isNoteKind(fm.vigil) ? fm.vigil : null, fm, mtime, steps);
}

/**
 * A note in the Vigil folder whose properties block Obsidian could not parse (it has a frontmatter position but
 * no frontmatter): shown as broken rather than silently missing, since a hand edit may have broken one of ours.
 */
export function unparseableEntry(path: string, mtime: number): NoteEntry {
  return new IndexedNote(path, baseName(path), null, {}, mtime, null, true);
}

/** Build the entry for a file from its cache: a Vigil note, a broken properties block, or nothing. */
export function entryFromCache(
  path: string,
  cache: { frontmatter?: unknown; frontmatterPosition?: unknown; listItems?: readonly ListItemLike[] } | null | undefined,
  mtime: number,
): NoteEntry | null {
  if (cache && cache.frontmatter === undefined && cache.frontmatterPosition !== undefined) return unparseableEntry(path, mtime);
  return noteEntry(path, cache?.frontmatter, mtime, cache?.listItems);
}

/** The same note under a new path (a rename changes neither frontmatter nor steps). */
export function renamed(e: NoteEntry, path: string, name: string): NoteEntry {
  return e instanceof IndexedNote ? e.moved(path, name) : new IndexedNote(path, name, e.kind, e.frontmatter, e.mtime, e.steps);
}

/** Run a note's contract check now (it is remembered), e.g. in idle time before a summary needs every verdict. */
export function checkNote(e: NoteEntry): NoteEntry['state'] {
  return e.state;
}
