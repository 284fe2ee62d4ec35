// Observe one artifact folder through Host: list it, stat the files matching the pattern, newest first by mtime.
import { isProbeError } from '../../errors/probe-error';
import type { BackupJob } from '../../config/types';
import type { DirEntry, FileStat, Host } from '../../host/host';
import type { GatherContext } from '../check';
import { startObservation } from '../backup/define-backup-check';
import { safeText } from '../backup/json';
import type { JobObservation, RestorePoint } from '../backup/observation';
import type { BackupOptions } from '../backup/options';
import { patternMatcher } from './glob';

/**
 * Files looked at per folder. A rotation that keeps a few dozen artifacts is normal; thousands means it is not
 * running, which the count shows anyway. Past this many, the names sorting last (dated names sort by date) are kept.
 */
export const MAX_ENTRIES = 5000;
/** stat calls in flight at once: over SSH each is one SFTP round trip. */
const CONCURRENCY = 8;

/** Entries a folder listing offers as artifacts: files, and directories for bundle-style targets (Time Machine, Hyper Backup). */
export function artifactEntries(entries: readonly DirEntry[], pattern: string): { names: string[]; truncated: boolean } {
  const matches = patternMatcher(pattern);
  const names = entries
    .filter((e) => (e.type === 'file' || e.type === 'dir') && matches(e.name))
    .map((e) => e.name)
    .sort();
  return names.length > MAX_ENTRIES ? { names: names.slice(-MAX_ENTRIES), truncated: true } : { names, truncated: false };
}

async function statAll(host: Host, dir: string, names: readonly string[]): Promise<(FileStat | null)[]> {
  const out = new Array<FileStat | null>(names.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      try {
        out[i] = await host.stat(`${dir}/${names[i]!}`);
      } catch (error) {
        // A file deleted between the listing and the stat, or one we may not stat, is not a restore point.
        if (!isProbeError(error, 'ENOENT', 'EACCES')) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, names.length) }, worker));
  return out;
}

/** The restore points of a folder: one per matching entry, oldest first (ties by name). */
export function filePoints(names: readonly string[], stats: readonly (FileStat | null)[]): RestorePoint[] {
  const points: RestorePoint[] = [];
  names.forEach((name, i) => {
    const s = stats[i];
    if (!s || (s.type !== 'file' && s.type !== 'dir')) return;
    points.push({ id: name, time: s.mtimeMs, sizeBytes: s.type === 'file' ? s.size : null, durationSeconds: null });
  });
  return points.sort((a, b) => a.time - b.time || a.id.localeCompare(b.id));
}

/** Observe one files job. A missing or unreadable folder becomes `access`; only a broken fixture or a lost connection throws. */
export async function observeFilesJob(job: BackupJob, ctx: GatherContext<BackupOptions>): Promise<JobObservation> {
  const obs = startObservation(job);
  const dir = (job.path ?? '').replace(/\/+$/, '') || '/';
  const fail = (problem: NonNullable<JobObservation['access']>['problem'], detail: string | null = null): JobObservation => ({
    ...obs,
    access: { problem, exitCode: null, detail },
  });
  let entries: DirEntry[];
  try {
    const s = await ctx.host.stat(dir);
    if (!s) return fail('missing-repo');
    if (s.type !== 'dir') return fail('not-a-repo', `a ${s.type}, not a folder`);
    entries = await ctx.host.list(dir);
  } catch (error) {
    if (isProbeError(error, 'EACCES')) return fail('permission');
    if (isProbeError(error, 'ENOENT')) return fail('missing-repo');
    if (isProbeError(error, 'ENOTDIR')) return fail('not-a-repo');
    if (isProbeError(error, 'ETIMEDOUT')) return fail('timeout');
    throw error;
  }
  const { names, truncated } = artifactEntries(entries, job.pattern);
  const points = filePoints(names, await statAll(ctx.host, dir, names));
  const newest = points.at(-1);
  const repoBytes = points.reduce((sum, p) => sum + (p.sizeBytes ?? 0), 0);
  return { ...obs, points, repoBytes, truncated, newestEvidence: newest ? { file: safeText(newest.id, 120), pattern: safeText(job.pattern, 60) } : { pattern: safeText(job.pattern, 60) } };
}
