// Read restore-test notes back: the user's result, completion date and ticks, wherever the note now lives.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseChecklist, checklistProgress } from '../../shared/checklist';
import { FrontmatterError, parseFrontmatter, splitNote } from '../../shared/frontmatter';
import type { RestoreNoteState } from './restore-calendar';

/** A restore-test note found in the vault. */
interface FoundNote {
  test: string;
  due: string;
  path: string;
  text: string;
}

/** A note under `Restore tests/` whose properties do not parse: its result cannot be read. */
export interface BrokenRestoreNote {
  path: string;
  reason: string;
}

/** Every restore-test note under `Restore tests/`, keyed by test name and due date, and the ones that cannot be read. */
export async function scanRestoreNotes(root: string): Promise<{ notes: Map<string, FoundNote>; broken: BrokenRestoreNote[] }> {
  const found = new Map<string, FoundNote>();
  const broken: BrokenRestoreNote[] = [];
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
    } catch (error) {
      // A note the user broke is left as it is (the writer never touches it); its result is reported as unreadable.
      broken.push({ path: relative(root, file).split('\\').join('/'), reason: error instanceof FrontmatterError ? `line ${error.line}: ${error.message}` : String(error) });
      continue;
    }
    if (fm.vigil !== 'restore-test' || typeof fm.test !== 'string' || typeof fm.due !== 'string') continue;
    found.set(`${fm.test}|${fm.due}`, { test: fm.test, due: fm.due, path: relative(root, file).split('\\').join('/'), text });
  }
  return { notes: found, broken };
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
