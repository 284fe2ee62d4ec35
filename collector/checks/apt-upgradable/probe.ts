// Ask apt what an upgrade would do (simulation only), how fresh its package lists are, and trivy when it is there.
import { ParseError } from '../../errors/parse-error';
import { isProbeError } from '../../errors/probe-error';
import type { ExecResult, Host } from '../../host/host';
import { parseTrivyVersion } from './trivy';

/**
 * The simulation. `-s` changes nothing; `Debug::NoLocking` lets it run beside a real apt (and as a non-root user,
 * apt.conf(5)); the two empty `Dir::Cache` settings keep apt from rewriting /var/cache/apt/*.bin when run as root,
 * so even the cache stays as it was (principle 2). Never `apt-get update`: the lists are judged as they are.
 */
export const APT_SIMULATE = ['apt-get', '-s', '-o', 'Debug::NoLocking=1', '-o', 'Dir::Cache::pkgcache=', '-o', 'Dir::Cache::srcpkgcache=', 'dist-upgrade'];

/**
 * When apt last refreshed its lists, newest wins. update-success-stamp is touched after every successful
 * `apt update` on Ubuntu (update-notifier-common's 15update-stamp); update-stamp after the daily job's
 * successful update (apt.systemd.daily); the lists folder's mtime changes whenever an update replaced a list.
 * /var/cache/apt/pkgcache.bin is not used: any root apt command rebuilds it, fresh lists or not.
 */
export const LIST_STAMPS = ['/var/lib/apt/periodic/update-success-stamp', '/var/lib/apt/periodic/update-stamp', '/var/lib/apt/lists'];
export const LISTS_DIR = '/var/lib/apt/lists';

export const TRIVY_VERSION = ['trivy', 'version', '--format', 'json'];
/**
 * OS packages only, vulnerabilities only, from the local database, no network: `rootfs` is trivy's mode for a
 * host's own root (trivy docs, "Rootfs"), and `--pkg-types os` avoids walking the whole file system.
 */
export const TRIVY_SCAN = ['trivy', 'rootfs', '--quiet', '--format', 'json', '--scanners', 'vuln', '--pkg-types', 'os', '--skip-db-update', '--offline-scan', '/'];

/** Raw answers from apt. */
export interface AptRaw {
  simulation: ExecResult;
  /** mtime (ms) of each LIST_STAMPS path that exists. */
  stamps: Record<string, number>;
  /** Names in /var/lib/apt/lists (empty when it is missing). */
  listFiles: string[];
}

/** What trivy said: nothing (absent, turned off), why it could not scan, or its raw report. */
export type TrivyRaw =
  | { state: 'absent' | 'off' }
  | { state: 'no-db'; version: string }
  | { state: 'failed'; reason: string }
  | { state: 'scanned'; version: string; dbUpdatedAt: string; report: string };

async function run(host: Host, argv: readonly string[], signal: AbortSignal, timeoutMs: number): Promise<ExecResult | null> {
  try {
    const r = await host.exec(argv, { signal, timeoutMs, maxBytes: 64 * 1024 * 1024 });
    return r.code === 127 ? null : r;
  } catch (error) {
    if (isProbeError(error, 'ENOENT')) return null;
    throw error;
  }
}

/** Null when apt is not installed (not a Debian-family system). */
export async function probeApt(host: Host, signal: AbortSignal): Promise<AptRaw | null> {
  const simulation = await run(host, APT_SIMULATE, signal, 120_000);
  if (!simulation) return null;
  const stamps: Record<string, number> = {};
  for (const path of LIST_STAMPS) {
    const s = await host.stat(path);
    if (s) stamps[path] = s.mtimeMs;
  }
  let listFiles: string[] = [];
  try {
    listFiles = (await host.list(LISTS_DIR)).map((e) => e.name);
  } catch (error) {
    if (!isProbeError(error, 'ENOENT', 'ENOTDIR')) throw error;
  }
  return { simulation, stamps, listFiles };
}

/**
 * trivy when installed: its version first (which says whether a vulnerability database was ever downloaded, since
 * an offline scan without one fails), then the scan. Trivy trouble is reported, never fatal to the apt results.
 */
export async function probeTrivy(host: Host, signal: AbortSignal): Promise<TrivyRaw> {
  const version = await run(host, TRIVY_VERSION, signal, 20_000);
  if (!version) return { state: 'absent' };
  if (version.code !== 0) return { state: 'failed', reason: `trivy version exited with code ${version.code ?? 'signal'}` };
  let info: ReturnType<typeof parseTrivyVersion>;
  try {
    info = parseTrivyVersion(version.stdout);
  } catch (error) {
    if (error instanceof ParseError) return { state: 'failed', reason: error.message };
    throw error;
  }
  if (!info.dbUpdatedAt) return { state: 'no-db', version: info.version };
  const scan = await run(host, TRIVY_SCAN, signal, 240_000);
  if (!scan) return { state: 'absent' };
  if (scan.code !== 0) return { state: 'failed', reason: `trivy rootfs exited with code ${scan.code ?? 'signal'}` };
  return { state: 'scanned', version: info.version, dbUpdatedAt: info.dbUpdatedAt, report: scan.stdout };
}
