// Anomalies measured against a job's own history: the usual size and duration, and whether anything is ever pruned.
import type { JobMemory } from './memory';
import { runRecord } from './memory';
import type { JobObservation } from './observation';

/**
 * How many earlier restore points make "usual": the last ten outvote one odd run and still follow real growth;
 * fewer than three is no history at all.
 */
export const USUAL_SAMPLES = 10;
export const MIN_SAMPLES = 3;

/** The median of a list (null when empty). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The usual value of a restore point's size or duration, from the points before the newest (in the repository or remembered). */
export function usualOf(job: JobObservation, memory: JobMemory | null, what: 'size' | 'duration'): { usual: number; samples: number } | null {
  const newest = job.points.at(-1);
  if (!newest) return null;
  const seen = new Map<string, { time: number; value: number }>();
  for (const p of job.points.slice(0, -1)) {
    const value = what === 'size' ? p.sizeBytes : p.durationSeconds;
    if (value !== null) seen.set(p.id, { time: p.time, value });
  }
  for (const p of memory?.points ?? []) {
    const value = what === 'size' ? p.size : p.duration;
    if (p.id !== newest.id && p.time < newest.time && value !== null && !seen.has(p.id)) seen.set(p.id, { time: p.time, value });
  }
  const samples = [...seen.values()].sort((a, b) => b.time - a.time).slice(0, USUAL_SAMPLES);
  if (samples.length < MIN_SAMPLES) return null;
  return { usual: median(samples.map((s) => s.value))!, samples: samples.length };
}

/** Whether old restore points are being removed, judged over a window of runs. */
export interface PruneSignal {
  /** true: something was removed in the window; false: points kept coming and none went; null: not enough history. */
  pruning: boolean | null;
  added: number;
  removed: number;
  /** Growth of the repository or folder over the window, when both ends know its size. */
  growthBytes: number | null;
  /** Start of the window judged. */
  since: string | null;
}

/**
 * Is retention running? Every common policy removes something within a month once it is in place (restic's and
 * borg's documented examples keep 7 dailies and 4-5 weeklies), so a window in which points kept arriving and none
 * ever disappeared means forget/prune (or the artifact rotation) is not running.
 */
export function pruneSignal(job: JobObservation, memory: JobMemory | null, now: Date, windowMs: number): PruneSignal {
  const none: PruneSignal = { pruning: null, added: 0, removed: 0, growthBytes: null, since: null };
  if (job.access) return none;
  const runs = [...(memory?.runs ?? []), runRecord(job, memory, now.toISOString())];
  const start = now.getTime() - windowMs;
  const baseline = runs.filter((r) => Date.parse(r.at) <= start).at(-1);
  const inWindow = runs.filter((r) => Date.parse(r.at) > start);
  const removed = inWindow.reduce((sum, r) => sum + (r.removed ?? 0), 0);
  const last = runs.at(-1)!;
  if (!baseline) return { ...none, pruning: removed > 0 ? true : null, removed };
  const added = last.count - baseline.count + removed;
  const growthBytes = last.bytes !== null && baseline.bytes !== null ? last.bytes - baseline.bytes : null;
  // Two new points is the least that shows the job runs; a job that stopped is the stale rule's business.
  const pruning = removed > 0 ? true : added >= 2 ? false : null;
  return { pruning, added, removed, growthBytes, since: baseline.at };
}
