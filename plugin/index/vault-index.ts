// The plugin's one index over metadataCache frontmatter and task items, built after layout-ready and kept current by events.
import { TFile, type App, type CachedMetadata, type Component, type EventRef } from 'obsidian';
import { IndexStore } from './index-store';
import { entryFromCache } from './note-entry';

type Listener = (revision: number) => void;

/** True when `path` lies in `folder` ('' is the whole vault). */
export function inFolder(path: string, folder: string): boolean {
  return folder === '' || path.startsWith(`${folder}/`);
}

/** Wraps the pure IndexStore with Obsidian's events. Reads the metadata cache only, never file contents. */
export class VaultIndex {
  readonly store = new IndexStore();
  private listeners = new Set<Listener>();
  private built = false;
  private started = false;

  constructor(
    private readonly app: App,
    private folder: string,
  ) {}

  /** Whether the initial build has happened. */
  get ready(): boolean {
    return this.built;
  }

  /** Build from the metadata cache and subscribe to changes; `owner` unregisters everything on unload. */
  start(owner: Component): void {
    if (this.started) return;
    this.started = true;
    const refs: EventRef[] = [
      this.app.metadataCache.on('changed', (file, _data, cache) => this.update(file, cache)),
      this.app.vault.on('rename', (file, oldPath) => {
        if (!(file instanceof TFile)) return;
        if (inFolder(file.path, this.folder) && this.store.rename(oldPath, file.path, file.basename)) this.emit();
        else {
          const removed = this.store.remove(oldPath);
          if (!this.update(file) && removed) this.emit();
        }
      }),
      this.app.vault.on('delete', (file) => {
        if (this.store.remove(file.path)) this.emit();
      }),
    ];
    for (const ref of refs) owner.registerEvent(ref);
    this.rebuild();
  }

  /** Look at another folder (a settings change): rebuild when the index is running. */
  setFolder(folder: string): void {
    if (folder === this.folder) return;
    this.folder = folder;
    if (this.started) this.rebuild();
  }

  /** Rebuild everything from the cache (initial build, or a settings change). */
  rebuild(): void {
    const entries = [];
    for (const file of this.app.vault.getMarkdownFiles()) {
      if (!inFolder(file.path, this.folder)) continue;
      const cache = this.app.metadataCache.getFileCache(file);
      const entry = entryFromCache(file.path, cache, file.stat.mtime);
      if (entry) entries.push(entry);
    }
    this.store.reset(entries);
    this.built = true;
    this.emit();
  }

  /** Re-read one file's cache entry; returns whether the index changed (and listeners were told). */
  private update(file: TFile, cache?: CachedMetadata | null): boolean {
    if (!inFolder(file.path, this.folder)) return false;
    const meta = cache ?? this.app.metadataCache.getFileCache(file);
    const entry = entryFromCache(file.path, meta, file.stat.mtime);
    if (!this.store.upsert(file.path, entry)) return false;
    this.emit();
    return true;
  }

  /** Be told when the revision moves. Returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tell subscribers to re-check without a revision move (settings changed; views compare their own inputs). */
  notify(): void {
    this.emit();
  }

  private emit(): void {
    if (!this.built) return;
    for (const l of this.listeners) l(this.store.revision);
  }
}
