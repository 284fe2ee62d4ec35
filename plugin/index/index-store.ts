// Pure: the set of Vigil notes with a revision counter that moves only when something changed.
import { sameData } from '../../shared/same-data';
import { renamed, type NoteEntry } from './note-entry';

/** The in-memory index; Obsidian events feed it through `upsert`, `rename` and `remove`. */
export class IndexStore {
  private readonly entries = new Map<string, NoteEntry>();
  private rev = 0;

  /** Bumped on every change that a view could show. */
  get revision(): number {
    return this.rev;
  }

  get size(): number {
    return this.entries.size;
  }

  /** All entries (unordered). */
  all(): NoteEntry[] {
    return [...this.entries.values()];
  }

  get(path: string): NoteEntry | undefined {
    return this.entries.get(path);
  }

  /** Replace everything at once (the initial build); one revision bump. */
  reset(entries: Iterable<NoteEntry>): void {
    this.entries.clear();
    for (const e of entries) this.entries.set(e.path, e);
    this.rev++;
  }

  /** Add or update one note; a null entry removes it (the `vigil:` key went away). Returns whether it changed. */
  upsert(path: string, entry: NoteEntry | null): boolean {
    const before = this.entries.get(path);
    if (!entry) return this.remove(path);
    // The contract verdict is a function of the frontmatter, so equal frontmatter means an equal verdict.
    if (before && sameData(before.frontmatter, entry.frontmatter) && sameData(before.steps, entry.steps)) return false;
    this.entries.set(path, entry);
    this.rev++;
    return true;
  }

  remove(path: string): boolean {
    if (!this.entries.delete(path)) return false;
    this.rev++;
    return true;
  }

  /** Move an entry to its new path (the frontmatter is unchanged by a rename). */
  rename(oldPath: string, newPath: string, newName: string): boolean {
    const entry = this.entries.get(oldPath);
    if (!entry) return false;
    this.entries.delete(oldPath);
    this.entries.set(newPath, renamed(entry, newPath, newName));
    this.rev++;
    return true;
  }
}
