// Mock of Obsidian's Vault and files over a pluggable storage (memory for vitest, the local HTTP server in Chromium).
import { Events } from './events';

/** Where file contents live; writes must be durable before they resolve (the browser host PUTs to disk). */
export interface VaultStorage {
  write(path: string, text: string): Promise<void>;
}

/** Obsidian's TAbstractFile. */
export abstract class TAbstractFile {
  vault!: Vault;
  path = '';
  name = '';
  parent: TFolder | null = null;
}

/** Obsidian's TFile. */
export class TFile extends TAbstractFile {
  stat = { ctime: 0, mtime: 0, size: 0 };
  basename = '';
  extension = '';
}

/** Obsidian's TFolder. */
export class TFolder extends TAbstractFile {
  children: TAbstractFile[] = [];
  isRoot(): boolean {
    return this.path === '/';
  }
}

function split(path: string): { name: string; basename: string; extension: string } {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return { name, basename: dot > 0 ? name.slice(0, dot) : name, extension: dot > 0 ? name.slice(dot + 1) : '' };
}

/** Obsidian's Vault: files in memory, mirrored to storage on every write. */
export class Vault extends Events {
  private readonly files = new Map<string, TFile>();
  private readonly texts = new Map<string, string>();
  private readonly root = Object.assign(new TFolder(), { path: '/', name: '' });
  private clock = 1_700_000_000_000;
  /** Mock-only: calls that list the vault (the "no scan during onload" test counts them). */
  scans = 0;
  /** Mock-only: every write, in order (path and new text). */
  readonly writes: { path: string; text: string }[] = [];

  constructor(private readonly storage: VaultStorage = { write: async () => {} }) {
    super();
    this.root.vault = this;
  }

  /** Mock-only: put a file in place without events (the state at start-up). */
  seed(path: string, text: string, mtime = this.tick()): TFile {
    const file = Object.assign(new TFile(), { path, vault: this, parent: this.root, ...split(path) });
    file.stat = { ctime: mtime, mtime, size: text.length };
    this.files.set(path, file);
    this.texts.set(path, text);
    this.root.children.push(file);
    return file;
  }

  private tick(): number {
    // Strictly increasing mtimes, as a real file system gives for consecutive writes.
    this.clock += 1000;
    return this.clock;
  }

  getName(): string {
    return 'Homelab';
  }

  getRoot(): TFolder {
    return this.root;
  }

  getMarkdownFiles(): TFile[] {
    this.scans++;
    return [...this.files.values()].filter((f) => f.extension === 'md');
  }

  getFiles(): TFile[] {
    this.scans++;
    return [...this.files.values()];
  }

  getAllLoadedFiles(): TAbstractFile[] {
    this.scans++;
    return [this.root, ...this.files.values()];
  }

  /** Mock-only: the files, without counting as a scan (the mock's own lookups). */
  list(): TFile[] {
    return [...this.files.values()];
  }

  getFileByPath(path: string): TFile | null {
    return this.files.get(path) ?? null;
  }

  getAbstractFileByPath(path: string): TAbstractFile | null {
    return this.files.get(path) ?? null;
  }

  async read(file: TFile): Promise<string> {
    return this.readNow(file);
  }

  async cachedRead(file: TFile): Promise<string> {
    return this.readNow(file);
  }

  /** Mock-only: synchronous read (what Obsidian's in-memory copy gives the metadata cache). */
  readNow(file: TFile): string {
    const text = this.texts.get(file.path);
    if (text === undefined) throw new Error(`ENOENT: ${file.path}`);
    return text;
  }

  async modify(file: TFile, data: string): Promise<void> {
    await this.writeFile(file, data);
  }

  /** Atomically read, transform and write, as Obsidian's Vault.process: `fn` sees the current text. */
  async process(file: TFile, fn: (data: string) => string): Promise<string> {
    const before = this.readNow(file);
    const after = fn(before);
    if (after !== before) await this.writeFile(file, after);
    return after;
  }

  async create(path: string, data: string): Promise<TFile> {
    if (this.files.has(path)) throw new Error('File already exists.');
    const file = this.seed(path, data);
    await this.storage.write(path, data);
    this.trigger('create', file);
    return file;
  }

  async rename(file: TFile, newPath: string): Promise<void> {
    const oldPath = file.path;
    const text = this.readNow(file);
    this.files.delete(oldPath);
    this.texts.delete(oldPath);
    Object.assign(file, { path: newPath, ...split(newPath) });
    this.files.set(newPath, file);
    this.texts.set(newPath, text);
    this.trigger('rename', file, oldPath);
  }

  async delete(file: TFile): Promise<void> {
    this.files.delete(file.path);
    this.texts.delete(file.path);
    this.root.children = this.root.children.filter((f) => f !== file);
    this.trigger('delete', file);
  }

  private async writeFile(file: TFile, data: string): Promise<void> {
    // Memory first, as Obsidian does, so a read right after sees the new text; then disk, then events.
    this.texts.set(file.path, data);
    file.stat = { ...file.stat, mtime: this.tick(), size: data.length };
    this.writes.push({ path: file.path, text: data });
    await this.storage.write(file.path, data);
    this.trigger('modify', file);
  }
}
