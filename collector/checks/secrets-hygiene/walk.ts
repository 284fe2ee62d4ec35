// Walk configured folders through Host only (list, stat, readStream — so it works the same over SSH
// and from a fixture) and hand each readable text file to the scanner, within bounds.
import { isProbeError } from '../../errors/probe-error';
import type { FileStat, Host } from '../../host/host';
import { globToRegExp, IgnoreList } from './ignore';
import { looksBinary } from './scan';

/** Name of the per-folder ignore file, read when a listing shows one. */
export const IGNORE_FILE_NAME = '.vigilignore';

/** Bounds of one walk. */
export interface WalkLimits {
  maxFiles: number;
  maxBytes: number;
  maxFileSize: number;
  maxDepth: number;
  /** `performance.now()` after which the walk stops with a partial result. */
  deadline: number;
  /** Files read at once (overlaps I/O latency, locally and over SSH). */
  concurrency: number;
}

/** What the walk saw besides the files it handed on. */
export interface WalkStats {
  files: number;
  bytes: number;
  binary: number;
  tooBig: number;
  unreadable: number;
  /** The first unreadable path, so a finding can name one. */
  unreadableExample: string | null;
  /** Symlinks are never followed (no loops, no double counting, no reads of /dev through a link). */
  symlinks: number;
  excluded: number;
  ignored: number;
  /** Why the walk stopped before the end, or null. */
  partial: string | null;
}

/** A text file read whole, with the ignore entries in force where it lives. */
export interface WalkedFile {
  path: string;
  data: Buffer;
  ignore: IgnoreList;
}

/** How to walk: what to skip, whether sudo may read root-only files. */
export interface WalkOptions {
  exclude: readonly string[];
  ignore: IgnoreList;
  ruleIds: ReadonlySet<string>;
  sudo: boolean;
  signal: AbortSignal;
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** Expand `*` and `?` in path segments (`/home/*\/Downloads`) through `host.list`; missing parts drop out. */
export async function expandRoots(host: Host, patterns: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const pattern of patterns) {
    let current = ['/'];
    for (const segment of pattern.split('/').filter(Boolean)) {
      if (!/[*?]/.test(segment)) {
        current = current.map((c) => join(c, segment));
        continue;
      }
      const re = globToRegExp(segment, '/');
      const next: string[] = [];
      for (const dir of current) {
        try {
          for (const e of await host.list(dir)) if ((e.type === 'dir' || e.type === 'symlink') && re.test(`/${e.name}`)) next.push(join(dir, e.name));
        } catch (error) {
          if (!isProbeError(error, 'ENOENT', 'ENOTDIR', 'EACCES')) throw error;
        }
      }
      current = next;
    }
    for (const c of current) out.add(c);
  }
  return [...out];
}

/** Read a whole text file through readStream; null when it is binary (stops after the first chunk). */
async function readText(host: Host, path: string, limits: WalkLimits, sudo: boolean, signal: AbortSignal): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  // Breaking out early also means a recording host never stores a binary file's bytes.
  for await (const chunk of host.readStream(path, { maxBytes: limits.maxFileSize, sudo, signal })) {
    if (chunks.length === 0 && looksBinary(chunk)) return null;
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** Walk `roots`, calling `onFile` for each readable text file; returns what was skipped and why. */
export async function walkFiles(
  host: Host,
  roots: readonly string[],
  limits: WalkLimits,
  options: WalkOptions,
  onFile: (file: WalkedFile) => void | Promise<void>,
): Promise<WalkStats> {
  const stats: WalkStats = { files: 0, bytes: 0, binary: 0, tooBig: 0, unreadable: 0, unreadableExample: null, symlinks: 0, excluded: 0, ignored: 0, partial: null };
  const excludes = options.exclude.map((g) => globToRegExp(g, '/'));
  const unreadable = (path: string) => {
    stats.unreadable++;
    stats.unreadableExample ??= path;
  };
  const stop = (): boolean => {
    if (stats.partial) return true;
    if (options.signal.aborted) stats.partial = 'the check was cancelled';
    else if (performance.now() > limits.deadline) stats.partial = 'the time budget ran out';
    else if (stats.files >= limits.maxFiles) stats.partial = `max_files (${limits.maxFiles}) files were read`;
    else if (stats.bytes >= limits.maxBytes) stats.partial = `max_bytes (${limits.maxBytes} bytes) were read`;
    return stats.partial !== null;
  };

  // No stat before reading: the listing gave the type, the read's cap refuses big files, and the
  // mode is asked only for the few files that hold something (a fifth of the calls saved).
  const readOne = async (path: string, ignore: IgnoreList) => {
    let data: Buffer | null;
    try {
      data = await readText(host, path, limits, false, options.signal);
    } catch (error) {
      if (isProbeError(error, 'EACCES') && options.sudo) {
        try {
          data = await readText(host, path, limits, true, options.signal);
        } catch {
          unreadable(path);
          return;
        }
      } else if (isProbeError(error, 'ETOOBIG')) {
        stats.tooBig++;
        return;
      } else if (isProbeError(error, 'ENOENT', 'ENOTDIR')) return; // gone since the listing
      else if (isProbeError(error, 'ENOTRECORDED')) throw error; // a fixture that lacks an answer must say so
      else {
        unreadable(path);
        return;
      }
    }
    if (data === null) {
      stats.binary++;
      return;
    }
    stats.files++;
    stats.bytes += data.length;
    await onFile({ path, data, ignore });
  };

  // A small pool: reads overlap (page cache locally, latency over SSH).
  // A task's failure is kept and rethrown by the walk, never left as an unhandled rejection.
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  const schedule = async (task: () => Promise<void>) => {
    const p: Promise<void> = task()
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= limits.concurrency) await Promise.race(inFlight);
    if (failure) throw failure.error;
  };

  const walkDir = async (dir: string, depth: number, ignore: IgnoreList): Promise<void> => {
    let entries;
    try {
      entries = await host.list(dir);
    } catch (error) {
      if (isProbeError(error, 'ENOENT', 'ENOTDIR')) return;
      unreadable(dir);
      return;
    }
    let scoped = ignore;
    if (entries.some((e) => e.name === IGNORE_FILE_NAME && e.type === 'file')) {
      try {
        const text = (await host.readFile(join(dir, IGNORE_FILE_NAME), { maxBytes: 256 * 1024, signal: options.signal })).toString('utf8');
        scoped = ignore.clone();
        scoped.add(text, dir, options.ruleIds);
      } catch {
        unreadable(join(dir, IGNORE_FILE_NAME));
      }
    }
    const subdirs: string[] = [];
    for (const e of entries) {
      if (stop()) return;
      const path = join(dir, e.name);
      if (e.name === IGNORE_FILE_NAME) continue;
      if (excludes.some((x) => x.test(path))) {
        stats.excluded++;
        continue;
      }
      if (scoped.skipsPath(path)) {
        stats.ignored++;
        continue;
      }
      if (e.type === 'symlink') stats.symlinks++;
      else if (e.type === 'dir') subdirs.push(path);
      else if (e.type === 'file') await schedule(() => readOne(path, scoped));
    }
    if (depth >= limits.maxDepth) return;
    for (const sub of subdirs) {
      if (stop()) return;
      await walkDir(sub, depth + 1, scoped);
    }
  };

  for (const root of roots) {
    if (stop()) break;
    let stat: FileStat | null;
    try {
      stat = await host.stat(root);
    } catch (error) {
      if (isProbeError(error, 'ENOTRECORDED')) throw error;
      unreadable(root); // e.g. /root/bin when not running as root
      continue;
    }
    if (!stat || excludes.some((x) => x.test(root)) || options.ignore.skipsPath(root)) continue;
    // A configured root may itself be a symlink (/opt/stacks → /srv/stacks): that one link is followed.
    if (stat.type === 'dir' || stat.type === 'symlink') await walkDir(root, 0, options.ignore);
    else if (stat.type === 'file') await schedule(() => readOne(root, options.ignore));
  }
  await Promise.all(inFlight);
  if (failure) throw (failure as { error: unknown }).error;
  return stats;
}
