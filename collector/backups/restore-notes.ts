// Read restore-test notes back: the user's result, completion date and ticks, wherever the note now lives.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseChecklist, checklistProgress } from '../../shared/checklist';
import { parseFrontmatter, splitNote } from '../../shared/frontmatter';
import type { RestoreNoteState } from './restore-calendar';

/** A restore-test note found in the vault. */
interface FoundNote {
  test: string;
  due: string;
  path: string;
  text: string;
}

/** Every restore-test note under `Restore tests/`, keyed by test name and due date. */
export async function scanRestoreNotes(root: string): Promise<Map<string, FoundNote>> {
  const found = new Map<string, FoundNote>();
  const entries = await readdir(join(root, 'Restore tests'), { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.md')) continue;
    const file = join(e.parentPath, e.name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    const split = splitNote(text);
    if (split.yaml === null) continue;
    let fm: Record<string, unknown>;
    try {
      fm = parseFrontmatter(split.yaml);
    } catch {
      // A note the user broke is reported by the writer; it still counts as existing at its path.
      continue;
    }
    if (fm.vigil !== 'restore-test' || typeof fm.test !== 'string' || typeof fm.due !== 'string') continue;
    found.set(`${fm.test}|${fm.due}`, { test: fm.test, due: fm.due, path: relative(root, file).split('\\').join('/'), text });
  }
  return found;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** What a note says: result (only "passed"/"failed" count), dates, and checklist progress. */
export function readRestoreNote(path: string, text: string): RestoreNoteState {
  const split = splitNote(text);
  let fm: Record<string, unknown> = {};
  try {
    fm = split.yaml === null ? {} : parseFrontmatter(split.yaml);
  } catch {
    fm = {};
  }
  const result = str(fm.result)?.toLowerCase();
  const progress = checklistProgress(parseChecklist(text, 'step-'));
  return {
    path,
    result: result === 'passed' || result === 'failed' ? result : null,
    completed: str(fm.completed),
    started: str(fm.started),
    done: progress.done,
    total: progress.total,
  };
}
