// The vault writer, the only code that writes the vault: atomic, 0600/0700, no-op when unchanged, user edits kept.
import { lstat, mkdir, readFile, realpath } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import {
  assembleNote,
  FrontmatterError,
  mergeFrontmatter,
  parseFrontmatter,
  printFrontmatter,
  sameData,
  splitNote,
  type FrontmatterData,
} from '../../shared/frontmatter';
import { folderSegments, isSafeVaultPath } from '../../shared/file-names';
import { ManagedBlockError, mergeManagedBlocks } from '../../shared/managed-blocks';
import { VaultError } from '../errors/vault-error';
import { messageOf } from '../errors/vigil-error';
import { atomicWriteFile, sweepTempFiles } from '../fs/atomic-write';

/** Who owns a note's body once it exists. */
export type BodyOwnership =
  /** The collector owns the whole body (reports). */
  | 'whole'
  /** Only the managed blocks are the collector's; the rest is the user's (incidents, backup jobs, runbooks, Recovery.md). */
  | 'blocks'
  /** Written once; afterwards only the frontmatter keys the collector owns change (restore tests). */
  | 'create-only';

/** One note the collector wants in the vault. */
export interface NoteSpec {
  /** Path inside the Vigil folder, e.g. `Reports/2026/2026-11-25 digest.md`. */
  path: string;
  frontmatter: FrontmatterData;
  body: string;
  ownership: BodyOwnership;
  /** Keys whose existing value always wins (set by the user); the generated value only fills a gap. */
  userKeys?: readonly string[];
}

/** What happened to one note. */
export type WriteOutcome = 'created' | 'updated' | 'unchanged';

/** Totals and problems of one run's vault writes. */
export interface VaultWriteSummary {
  created: string[];
  updated: string[];
  unchanged: number;
  errors: { path: string; message: string }[];
  /** Notes left as the user has them because Vigil cannot merge into them safely (see VaultError.kept). */
  kept: { path: string; message: string }[];
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'the vault is on a read-only file system';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return messageOf(error);
  }
}

/** Writes notes under `<vault>/<folder>`; never outside it. */
export class VaultWriter {
  readonly root: string;
  readonly summary: VaultWriteSummary = { created: [], updated: [], unchanged: 0, errors: [], kept: [] };

  constructor(
    readonly vault: string,
    readonly folder: string,
    private readonly dryRun = false,
  ) {
    this.root = resolve(vault, ...folderSegments(folder));
  }

  /** Vault-relative path of a note path inside the folder (for links and messages). */
  vaultPath(path: string): string {
    return `${folderSegments(this.folder).join('/')}/${path}`;
  }

  /** Remove temp files of interrupted writes (call once per run, under the lock). */
  sweep(): Promise<number> {
    return sweepTempFiles(this.root);
  }

  /** Write one note; failures are recorded in `summary.errors` and returned as a VaultError, never thrown. */
  async write(note: NoteSpec): Promise<WriteOutcome | VaultError> {
    const shown = this.vaultPath(note.path);
    try {
      const outcome = await this.writeOrThrow(note, shown);
      if (outcome === 'created') this.summary.created.push(shown);
      else if (outcome === 'updated') this.summary.updated.push(shown);
      else this.summary.unchanged++;
      return outcome;
    } catch (error) {
      const e = error instanceof VaultError ? error : new VaultError(shown, describeFsError(error), { cause: error });
      (e.kept ? this.summary.kept : this.summary.errors).push({ path: shown, message: e.message });
      return e;
    }
  }

  private async target(path: string, shown: string): Promise<string> {
    if (!isSafeVaultPath(path) || !path.endsWith('.md')) throw new VaultError(shown, 'refusing an unsafe note path');
    const full = resolve(this.root, ...path.split('/'));
    const rel = relative(this.root, full);
    if (rel.startsWith('..') || rel.startsWith(sep) || resolve(this.root, rel) !== full) {
      throw new VaultError(shown, 'path resolves outside the Vigil folder');
    }
    return full;
  }

  private async writeOrThrow(note: NoteSpec, shown: string): Promise<WriteOutcome> {
    const full = await this.target(note.path, shown);
    const dir = resolve(full, '..');
    const existing = await this.readExisting(full, shown);
    const fresh = this.fresh(note);
    // Fast path: a note nobody edited reads exactly as a fresh render, and merging it would change nothing.
    if (existing === fresh) return 'unchanged';
    const content = existing === null ? fresh : this.merge(note, existing, shown);
    if (existing !== null && content === existing) return 'unchanged';
    if (this.dryRun) return existing === null ? 'created' : 'updated';
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await this.assertInside(dir, shown);
    await atomicWriteFile(full, content);
    return existing === null ? 'created' : 'updated';
  }

  /** Refuse when a directory on the way is a symlink leading out of the folder. */
  private async assertInside(dir: string, shown: string): Promise<void> {
    const [realRoot, realDir] = await Promise.all([realpath(this.root), realpath(dir)]);
    const rel = relative(realRoot, realDir);
    if (rel.startsWith('..') || resolve(realRoot, rel) !== realDir) {
      throw new VaultError(shown, 'a folder on the way is a link that leads outside the Vigil folder');
    }
  }

  private async readExisting(full: string, shown: string): Promise<string | null> {
    let info;
    try {
      info = await lstat(full);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return null;
      throw error;
    }
    if (!info.isFile()) throw new VaultError(shown, 'exists but is not a regular file (a link or folder); left alone', { kept: true });
    return readFile(full, 'utf8');
  }

  private fresh(note: NoteSpec): string {
    return assembleNote(note.frontmatter, ensureTrailingNewline(note.body));
  }

  private merge(note: NoteSpec, existing: string, shown: string): string {
    const split = splitNote(existing);
    let current: FrontmatterData | null = null;
    if (split.yaml !== null) {
      try {
        current = parseFrontmatter(split.yaml);
      } catch (error) {
        const line = error instanceof FrontmatterError ? ` (line ${error.line})` : '';
        throw new VaultError(shown, `its frontmatter does not parse${line}; fix it by hand, Vigil left the note unchanged`, { kept: true });
      }
    }
    const owned = new Set(Object.keys(note.frontmatter));
    const merged = mergeFrontmatter(current, note.frontmatter, owned, new Set(note.userKeys ?? []));
    const eol = split.eol;
    const yamlText =
      current !== null && split.yaml !== null && sameData(merged, current) ? split.yaml : toEol(printFrontmatter(merged), eol);

    let body: string;
    if (note.ownership === 'whole' || (split.yaml === null && existing.trim() === '')) {
      body = toEol(ensureTrailingNewline(note.body), eol);
    } else if (note.ownership === 'create-only') body = split.body;
    else {
      try {
        body = mergeManagedBlocks(split.body, note.body);
      } catch (error) {
        if (error instanceof ManagedBlockError) {
          throw new VaultError(shown, `its managed blocks are damaged (${error.message}); Vigil left the note unchanged`, { kept: true });
        }
        throw error;
      }
    }
    return `---${eol}${yamlText}---${eol}${body}`;
  }
}

/** Convert "\n" line ends of generated text to the note's own line ending. */
function toEol(text: string, eol: '\n' | '\r\n'): string {
  return eol === '\n' ? text : text.replace(/\r?\n/g, '\r\n');
}

function ensureTrailingNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Read a note inside the Vigil folder (for correlation with what the user changed); null when absent. */
export async function readVaultNote(writer: VaultWriter, path: string): Promise<string | null> {
  try {
    return await readFile(join(writer.root, ...path.split('/')), 'utf8');
  } catch {
    return null;
  }
}
