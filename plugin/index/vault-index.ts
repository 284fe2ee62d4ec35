// The plugin's one index over metadataCache frontmatter, built after layout-ready and kept current by events.
import { TFile, type App, type Component, type EventRef } from 'obsidian';
import { IndexStore } from './index-store';
import { noteEntry } from './note-entry';

type Listener = (revision: number) => void;

/** Wraps the pure IndexStore with Obsidian's events. Reads frontmatter from the cache only, never files. */
export class VaultIndex {
  readonly store = new IndexStore();
  private listeners = new Set<Listener>();
  private built = false;

  constructor(private readonly app: App) {}

  /** Whether the initial build has happened. */
  get ready(): boolean {
    return this.built;
  }

  /** Build from the metadata cache and subscribe to changes; `owner` unregisters everything on unload. */
  start(owner: Component): void {
    const refs: EventRef[] = [
      this.app.metadataCache.on('changed', (file) => this.update(file)),
      this.app.vault.on('rename', (file, oldPath) => {
        if (!(file instanceof TFile)) return;
        if (this.store.rename(oldPath, file.path, file.basename)) this.emit();
        else this.update(file);
      }),
      this.app.vault.on('delete', (file) => {
        if (this.store.remove(file.path)) this.emit();
      }),
    ];
    for (const ref of refs) owner.registerEvent(ref);
    this.rebuild();
  }

  /** Rebuild everything from the cache (initial build, or a settings change). */
  rebuild(): void {
    const entries = [];
    for (const file of this.app.vault.getMarkdownFiles()) {
      const entry = noteEntry(file.path, this.app.metadataCache.getFileCache(file)?.frontmatter, file.stat.mtime);
      if (entry) entries.push(entry);
    }
    this.store.reset(entries);
    this.built = true;
    this.emit();
  }

  private update(file: TFile): void {
    const entry = noteEntry(file.path, this.app.metadataCache.getFileCache(file)?.frontmatter, file.stat.mtime);
    if (this.store.upsert(file.path, entry)) this.emit();
  }

  /** Be told when the revision moves. Returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l(this.store.revision);
  }
}
