// Read the auth log through Host: the syslog file with its rotations (gzip streamed), or journalctl's output.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ProbeError, isProbeError } from '../../errors/probe-error';
import type { Host } from '../../host/host';

/** Syslog files tried when `log` is not set: Debian/Ubuntu, then the RHEL family. */
export const DEFAULT_LOGS = ['/var/log/auth.log', '/var/log/secure'] as const;

/** Rotations looked at beyond the live file (logrotate's Debian default keeps 4 weekly ones). */
const MAX_ROTATED = 10;

/** journalctl output is not streamed by Host.exec: cap it (about 400,000 lines). */
export const JOURNAL_MAX_BYTES = 64 * 1024 * 1024;

const PERMISSION_HINT = 'add the Vigil user to group adm (or systemd-journal), or set sudo: true for this host';

/** One file of the log. */
export interface LogFile {
  path: string;
  compressed: boolean;
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The log and the rotations that can hold events after `since`, oldest first; null when the log does not exist.
 * A rotation's mtime is its last write: once one is older than `since`, it and everything older is skipped.
 * `stale` says the live file itself was not written in the window (rsyslog removed, the journal took over).
 */
export async function findLogFiles(host: Host, path: string, since: number): Promise<{ files: LogFile[]; stale: boolean } | null> {
  const live = await host.stat(path);
  if (!live || live.type === 'dir') return null;
  if (live.mtimeMs < since) return { files: [{ path, compressed: false }], stale: true };
  const dir = dirname(path);
  const base = path.slice(dir.length + (dir === '/' ? 0 : 1));
  let names: string[] = [];
  try {
    names = (await host.list(dir)).filter((e) => e.type === 'file').map((e) => e.name);
  } catch (error) {
    if (!isProbeError(error, 'EACCES', 'ENOENT')) throw error;
  }
  const pattern = new RegExp(`^${escapeRegExp(base)}\\.(\\d{1,3})(\\.gz)?$`);
  const rotated = names
    .map((name) => ({ name, m: pattern.exec(name) }))
    .filter((r): r is { name: string; m: RegExpExecArray } => r.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]) || a.name.localeCompare(b.name))
    .slice(0, MAX_ROTATED);
  const files: LogFile[] = [{ path, compressed: false }];
  for (const r of rotated) {
    const full = `${dir === '/' ? '' : dir}/${r.name}`;
    const s = await host.stat(full);
    if (!s || s.mtimeMs < since) break;
    files.push({ path: full, compressed: r.m[2] !== undefined });
  }
  return { files: files.reverse(), stale: false };
}

/** Raised when a compressed rotation ends early or is not gzip: what was read of it still counts. */
export class DamagedLogError extends Error {
  override readonly name = 'DamagedLogError';
}

async function* gunzip(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const z = createGunzip();
  let sourceError: unknown = null;
  const done = pipeline(
    Readable.from(source, { objectMode: false }),
    z,
  ).catch((error: unknown) => {
    sourceError = error;
  });
  try {
    for await (const chunk of z) yield chunk as Buffer;
  } catch (error) {
    if (isProbeError(error)) throw error;
    throw new DamagedLogError('not a complete gzip file', { cause: error });
  }
  await done;
  if (sourceError !== null) {
    if (isProbeError(sourceError)) throw sourceError;
    throw new DamagedLogError('not a complete gzip file', { cause: sourceError });
  }
}

/** A log file's bytes (decompressed when it is a .gz rotation). */
export function readLogFile(host: Host, file: LogFile, sudo: boolean, signal: AbortSignal): AsyncIterable<Buffer> {
  const raw = readable(host, file.path, sudo, signal);
  return file.compressed ? gunzip(raw) : raw;
}

async function* readable(host: Host, path: string, sudo: boolean, signal: AbortSignal): AsyncIterable<Buffer> {
  try {
    for await (const chunk of host.readStream(path, { sudo, signal })) {
      if (signal.aborted) throw new ProbeError('ETIMEDOUT', `${path}: aborted`);
      yield chunk;
    }
  } catch (error) {
    if (isProbeError(error, 'EACCES')) throw new ProbeError('EACCES', `${path}: permission denied; ${PERMISSION_HINT}`, { cause: error });
    throw error;
  }
}

/** The journalctl command: newest first, so a size cap drops the oldest events, never the newest. */
export function journalctlArgv(since: number): string[] {
  return [
    'journalctl',
    '--utc',
    '--no-pager',
    '--output=short-iso',
    '--reverse',
    `--since=@${Math.floor(since / 1000)}`,
    '--identifier=sshd',
    '--identifier=sshd-session',
    '--identifier=sshd-auth',
    '--identifier=sudo',
  ];
}

/** journalctl's output (newest first), or null when there is no journalctl. */
export async function readJournal(host: Host, since: number, sudo: boolean, signal: AbortSignal): Promise<{ text: string; truncated: boolean } | null> {
  const r = await host.exec(journalctlArgv(since), { sudo, signal, maxBytes: JOURNAL_MAX_BYTES, timeoutMs: 120_000 });
  if (r.code === 127) return null;
  // Without the right group journalctl still exits 0, showing only the user's own journal, and says so on stderr.
  if (/insufficient permissions|not seeing messages from other users/i.test(r.stderr)) {
    throw new ProbeError('EACCES', `journalctl: cannot read the system journal; ${PERMISSION_HINT}`);
  }
  if (r.code !== 0 && r.stdout.trim() === '') {
    const reason = r.stderr.split('\n')[0]?.trim().slice(0, 160) || `exit code ${r.code}`;
    throw new ProbeError('EIO', `journalctl failed: ${reason}`);
  }
  return { text: r.stdout, truncated: r.truncated === true };
}
