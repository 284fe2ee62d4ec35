// What a backup check remembers per job between runs (counts, sizes, the newest point seen, verification) — bounded.
import * as v from 'valibot';
import type { BackupObservation, JobObservation } from './observation';

/** One run's view of a job. `removed` is how many restore points disappeared since the run before (null: no run before). */
export interface RunRecord {
  at: string;
  count: number;
  newest: number | null;
  removed: number | null;
  bytes: number | null;
}

/** A restore point's size and duration, kept so a point's usual size is known after it is pruned. */
export interface PointRecord {
  id: string;
  time: number;
  size: number | null;
  duration: number | null;
}

/** Verification history: a check may not run every time (verify_every), so its last result is carried. */
export interface VerifyMemory {
  lastAttempt: string | null;
  lastResult: 'passed' | 'failed' | null;
  /** When it last passed. */
  verified: string | null;
}

/** Everything remembered about one job. */
export interface JobMemory {
  runs: RunRecord[];
  points: PointRecord[];
  /** The newest restore point seen on any run, with the count then: what an offline disk held when last connected. */
  lastSeen: { id: string; time: number; size: number | null; count: number } | null;
  verify: VerifyMemory;
}

/** The memory of one backup check on one host. */
export interface BackupMemory {
  v: 1;
  observedAt: string;
  jobs: Record<string, JobMemory>;
}

/** Runs kept per job: three months of daily runs, more than any prune window needs. */
export const MAX_RUNS = 90;
/** Points kept per job for size history: the medians look at the last ten. */
export const MAX_POINTS = 20;
/** Jobs kept per host: a state file must not grow with a runaway config. */
const MAX_JOBS = 500;

const num = v.pipe(v.number(), v.finite());
const memorySchema = v.object({
  v: v.literal(1),
  observedAt: v.pipe(v.string(), v.isoTimestamp()),
  jobs: v.record(
    v.string(),
    v.object({
      runs: v.array(v.object({ at: v.string(), count: num, newest: v.nullable(num), removed: v.nullable(num), bytes: v.nullable(num) })),
      points: v.array(v.object({ id: v.string(), time: num, size: v.nullable(num), duration: v.nullable(num) })),
      lastSeen: v.nullable(v.object({ id: v.string(), time: num, size: v.nullable(num), count: num })),
      verify: v.object({
        lastAttempt: v.nullable(v.string()),
        lastResult: v.nullable(v.picklist(['passed', 'failed'])),
        verified: v.nullable(v.string()),
      }),
    }),
  ),
});

/**
 * The previous run's memory when it is usable: well formed and observed strictly before `now`. Replaying the same
 * moment again (the demo, `vigil replay`) must not count as a second run.
 */
export function readMemory(previous: unknown, now: Date | string): BackupMemory | null {
  const parsed = v.safeParse(memorySchema, previous);
  if (!parsed.success) return null;
  return Date.parse(parsed.output.observedAt) < new Date(now).getTime() ? parsed.output : null;
}

/** A job's memory, if any (own keys only: job names come from the config, but the state file is input). */
export function jobMemory(memory: BackupMemory | null, job: string): JobMemory | null {
  return memory && Object.hasOwn(memory.jobs, job) ? (memory.jobs[job] ?? null) : null;
}

const EMPTY: JobMemory = { runs: [], points: [], lastSeen: null, verify: { lastAttempt: null, lastResult: null, verified: null } };

/** Restore points newer than the newest one seen before: what this run added. */
export function addedSince(job: JobObservation, before: JobMemory | null): number {
  const newest = before?.lastSeen?.time;
  return newest === undefined ? job.points.length : job.points.filter((p) => p.time > newest).length;
}

/** This run's record of a readable job, compared with the memory before it. */
export function runRecord(job: JobObservation, before: JobMemory | null, at: string): RunRecord {
  const previous = before?.runs.at(-1);
  const newest = job.points.at(-1)?.time ?? null;
  // Points older than the newest seen before can appear (restic copy, a restored file): never count them as negative removals.
  const removed = previous ? Math.max(0, previous.count + addedSince(job, before) - job.points.length) : null;
  return { at, count: job.points.length, newest, removed, bytes: job.repoBytes };
}

function rememberJob(job: JobObservation, before: JobMemory | null, at: string): JobMemory {
  const base = before ?? EMPTY;
  const verify: VerifyMemory =
    job.verify.state === 'passed'
      ? { lastAttempt: at, lastResult: 'passed', verified: at }
      : job.verify.state === 'failed'
        ? { lastAttempt: at, lastResult: 'failed', verified: base.verify.verified }
        : base.verify;
  if (job.access) return { ...base, verify };
  const byId = new Map<string, PointRecord>(base.points.map((p) => [p.id, p]));
  for (const p of job.points.slice(-MAX_POINTS)) {
    // restic 0.14 and borg size only the newest point: a size learnt on an earlier run is kept, not forgotten.
    const known = byId.get(p.id);
    byId.set(p.id, { id: p.id, time: p.time, size: p.sizeBytes ?? known?.size ?? null, duration: p.durationSeconds ?? known?.duration ?? null });
  }
  const points = [...byId.values()].sort((a, b) => a.time - b.time).slice(-MAX_POINTS);
  const newest = job.points.at(-1);
  return {
    runs: [...base.runs, runRecord(job, before, at)].slice(-MAX_RUNS),
    points,
    lastSeen: newest ? { id: newest.id, time: newest.time, size: newest.sizeBytes, count: job.points.length } : base.lastSeen,
    verify,
  };
}

/** Memory for the next run, from this run's observation. */
export function rememberBackups(obs: BackupObservation, previous: unknown): BackupMemory {
  const before = readMemory(previous, obs.observedAt);
  const jobs: Record<string, JobMemory> = Object.create(null) as Record<string, JobMemory>;
  for (const job of obs.jobs.slice(0, MAX_JOBS)) jobs[job.job] = rememberJob(job, jobMemory(before, job.job), obs.observedAt);
  return { v: 1, observedAt: obs.observedAt, jobs };
}
