// Mock of Obsidian's MetadataCache: parses a file after each vault write, asynchronously like the real worker, then fires 'changed'.
import { Events } from './events';
import { parseMetadata, type CachedMetadata } from './metadata-parser';
import type { TFile, Vault } from './vault';

/** Obsidian's MetadataCache. */
export class MetadataCache extends Events {
  private readonly cache = new Map<string, CachedMetadata>();
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly vault: Vault) {
    super();
    vault.on('modify', (file: TFile) => this.schedule(file));
    vault.on('create', (file: TFile) => this.schedule(file));
    vault.on('delete', (file: TFile) => {
      const prev = this.cache.get(file.path) ?? null;
      this.cache.delete(file.path);
      this.trigger('deleted', file, prev);
    });
    vault.on('rename', (file: TFile, oldPath: string) => {
      const meta = this.cache.get(oldPath);
      this.cache.delete(oldPath);
      if (meta) this.cache.set(file.path, meta);
    });
  }

  /** Mock-only: parse every seeded file now (Obsidian has its cache from the last session before layout-ready). */
  primeAll(): void {
    for (const file of this.vault.list()) if (file.extension === 'md') this.cache.set(file.path, parseMetadata(this.vault.readNow(file)));
  }

  /** Mock-only: resolves when every scheduled parse has fired its 'changed' event. */
  settled(): Promise<void> {
    return this.pending;
  }

  private schedule(file: TFile): void {
    // Obsidian parses in a worker: 'changed' arrives after the write resolved, never inside it.
    this.pending = this.pending.then(
      () =>
        new Promise<void>((resolve) => {
          window.setTimeout(() => {
            if (this.vault.getFileByPath(file.path) === file) {
              const text = this.vault.readNow(file);
              const meta = parseMetadata(text);
              this.cache.set(file.path, meta);
              this.trigger('changed', file, text, meta);
              this.trigger('resolved');
            }
            resolve();
          }, 0);
        }),
    );
  }

  getFileCache(file: TFile): CachedMetadata | null {
    return this.cache.get(file.path) ?? null;
  }

  getCache(path: string): CachedMetadata | null {
    return this.cache.get(path) ?? null;
  }

  getFirstLinkpathDest(linkpath: string, _sourcePath: string): TFile | null {
    const direct = this.vault.getFileByPath(linkpath) ?? this.vault.getFileByPath(`${linkpath}.md`);
    if (direct) return direct;
    const name = linkpath.replace(/\.md$/, '');
    return this.vault.list().find((f) => f.basename === name) ?? null;
  }
}
