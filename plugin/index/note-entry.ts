// Pure: one vault note's frontmatter → the index entry the views read (no Obsidian imports).
import type { NoteKind } from '../../shared/ids';
import { validateNoteFrontmatter } from '../../shared/note-schema';

/** One Vigil note as the index knows it. */
export interface NoteEntry {
  path: string;
  /** File name without extension. */
  name: string;
  kind: NoteKind | null;
  /** `valid`, written by a newer Vigil, or not matching the contract. */
  state: 'valid' | 'newer-schema' | 'invalid';
  problems: string[];
  frontmatter: Readonly<Record<string, unknown>>;
  mtime: number;
}

function baseName(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.replace(/\.md$/i, '');
}

/** Build an entry, or null for a note that is not a Vigil note (no `vigil:` key). Never throws. */
export function noteEntry(path: string, frontmatter: unknown, mtime: number): NoteEntry | null {
  const verdict = validateNoteFrontmatter(frontmatter);
  if (verdict.state === 'not-vigil') return null;
  const fm = frontmatter as Record<string, unknown>;
  const base = { path, name: baseName(path), frontmatter: fm, mtime };
  switch (verdict.state) {
    case 'valid':
      return { ...base, kind: verdict.kind, state: 'valid', problems: [] };
    case 'newer-schema':
      return { ...base, kind: verdict.kind, state: 'newer-schema', problems: [`written by a newer Vigil (schema ${verdict.schema})`] };
    case 'invalid':
      return { ...base, kind: verdict.kind, state: 'invalid', problems: verdict.problems };
  }
}
