// The facts one backup job hands to the stages after the checks (its note, the scorecard, metrics), from its judgement.
import type { BackupJobFacts } from './facts';
import type { Judgement } from './judge';
import type { JobMemory } from './memory';
import type { JobObservation } from './observation';
import { hoursOf } from './policy';

/** Findings that put the newest restore point itself in doubt (a truncated archive, a dump that stopped early). */
const DOUBTFUL_RULES = new Set(['below-min-size', 'smaller']);

/** restic's summary of the newest snapshot: files new and changed, data added. */
function lastRunOf(job: JobObservation): Pick<BackupJobFacts, 'lastRun'> {
  const e = job.newestEvidence;
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const lastRun = { filesNew: n(e.files_new), filesChanged: n(e.files_changed), dataAddedBytes: n(e.data_added_bytes) };
  return Object.values(lastRun).some((v) => v !== null) ? { lastRun } : {};
}

/**
 * One job's facts. When the repository could not be read this run, the newest restore point, its size and the
 * count are the ones last seen (an offline disk's copy is what it held when it was last connected).
 */
export function jobFacts(job: JobObservation, judgement: Judgement, memory: JobMemory | null, host: string, now: Date): BackupJobFacts {
  const newest = job.points.at(-1);
  const seen = job.access ? (memory?.lastSeen ?? null) : null;
  const lastTime = newest?.time ?? seen?.time ?? null;
  const verify = job.verify;
  // A check that was not due this run still stands: its last result is reported (failures are retried every run).
  const lastResult = verify.state === 'not-run' && verify.reason === 'not-due' ? (memory?.verify.lastResult ?? null) : null;
  return {
    job: job.job,
    kind: job.kind,
    host,
    dataClass: job.dataClass,
    status: judgement.status,
    lastSuccess: lastTime === null ? null : new Date(lastTime).toISOString(),
    ageHours: lastTime === null ? null : hoursOf(Math.max(0, now.getTime() - lastTime)),
    sizeBytes: newest ? newest.sizeBytes : (seen?.size ?? null),
    durationSeconds: newest?.durationSeconds ?? null,
    restorePoints: job.access ? (seen?.count ?? 0) : job.points.length,
    verified: verify.state === 'passed' ? now.toISOString() : (memory?.verify.verified ?? null),
    verify: lastResult ?? verify.state,
    destination: job.destination,
    pruning: job.limits.maxFiles !== null && job.points.length > job.limits.maxFiles ? false : judgement.prune.pruning,
    problems: judgement.issues.map((i) => i.title),
    doubtful: judgement.issues.some((i) => DOUBTFUL_RULES.has(i.rule)),
    ...lastRunOf(job),
  };
}
