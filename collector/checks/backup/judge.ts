// Judge one job from what exists now (restore points, locks, verification) and its history: issues and a status.
import type { Evidence } from '../../../shared/finding';
import { accessIssues, storeOf } from './access-issues';
import type { BackupStatus } from './facts';
import { pruneSignal, usualOf, type PruneSignal } from './history';
import type { JobMemory } from './memory';
import type { JobObservation } from './observation';
import type { BackupOptions } from './options';
import { ageText, hoursOf, sizeText, statusOf, type Issue } from './policy';

/** The judgement of one job. */
export interface Judgement {
  issues: Issue[];
  status: BackupStatus;
  prune: PruneSignal;
}

/**
 * A backup normally taking under a minute says nothing by being faster: start-up and network jitter dominate
 * (restic and borg both spend seconds just opening a repository).
 */
const MIN_DURATION_FOR_ANOMALY_S = 60;

function pointEvidence(job: JobObservation, now: Date): Evidence {
  const newest = job.points.at(-1);
  return {
    destination: job.destination,
    restore_points: job.points.length,
    newest: newest ? new Date(newest.time).toISOString() : null,
    age_hours: newest ? hoursOf(now.getTime() - newest.time) : null,
    max_age_hours: hoursOf(job.maxAgeMs),
    size_bytes: newest?.sizeBytes ?? null,
    // More entries than Vigil looks at: counts are lower bounds.
    ...(job.truncated ? { truncated: true } : {}),
    ...job.newestEvidence,
  };
}

function pointIssues(job: JobObservation, memory: JobMemory | null, host: string, now: Date, options: BackupOptions): Issue[] {
  const newest = job.points.at(-1);
  const base = pointEvidence(job, now);
  if (!newest) {
    return [
      {
        rule: 'no-restore-point',
        impact: 'unusable',
        status: 'failing',
        title: job.kind === 'files' ? `Backup ${job.job} has no backup file in ${job.destination} on ${host}` : `Backup ${job.job} has no restore point in its ${storeOf(job)} on ${host}`,
        evidence: base,
        remediation: job.kind === 'files' ? 'Check that the job writes here and that pattern: matches its file names.' : 'Check that the backup job runs and writes to this repository (and that snapshot_host/paths/tags match it).',
      },
    ];
  }
  const out: Issue[] = [];
  const age = now.getTime() - newest.time;
  if (age > job.maxAgeMs) {
    out.push({
      rule: 'stale',
      impact: 'stale',
      status: 'stale',
      title: `Backup ${job.job} is ${ageText(age)} old (max ${ageText(job.maxAgeMs)}) on ${host}`,
      evidence: base,
      remediation: 'Find out why the job stopped (its timer or cron, its log, a disk that is not mounted) and run it once by hand.',
    });
  }
  if (newest.sizeBytes === 0) {
    out.push({
      rule: 'empty',
      impact: 'unusable',
      status: 'failing',
      title: `The newest restore point of backup ${job.job} is empty (0 bytes) on ${host}`,
      evidence: base,
      // An empty snapshot or a 0-byte dump is what a backup of an unmounted share or a failed dump looks like.
      remediation: 'Check what the job backed up: an unmounted source folder or a dump command that failed produce exactly this.',
    });
  }
  const usual = usualOf(job, memory, 'size');
  const belowMin = job.limits.minSize !== null && newest.sizeBytes !== null && newest.sizeBytes > 0 && newest.sizeBytes < job.limits.minSize;
  if (belowMin && job.limits.minSize !== null && newest.sizeBytes !== null) {
    out.push({
      rule: 'below-min-size',
      impact: 'degraded',
      status: 'warning',
      title: `The newest ${job.kind === 'files' ? 'file' : 'restore point'} of backup ${job.job} is ${sizeText(newest.sizeBytes)}, below its minimum of ${sizeText(job.limits.minSize)} on ${host}`,
      evidence: { ...base, min_size_bytes: job.limits.minSize, usual_size_bytes: usual?.usual ?? null },
      remediation: 'Open the artifact: a truncated archive or a dump of an empty database is smaller than any real one.',
    });
  }
  // One finding per cause: a file already below the configured minimum is not reported again as "smaller than usual".
  if (!belowMin && newest.sizeBytes && usual && newest.sizeBytes < usual.usual * options.anomaly_ratio) {
    out.push({
      rule: 'smaller',
      impact: 'degraded',
      status: 'warning',
      title: `Backup ${job.job} is much smaller than usual on ${host}: ${sizeText(newest.sizeBytes)} against ${sizeText(usual.usual)}`,
      evidence: { ...base, usual_size_bytes: usual.usual, samples: usual.samples, ratio: Math.round((newest.sizeBytes / usual.usual) * 100) / 100 },
      remediation: 'Compare the newest restore point with the one before: a source that was not mounted, an exclude that grew, or a dump that stopped early.',
    });
  }
  const usualDuration = usualOf(job, memory, 'duration');
  const duration = newest.durationSeconds;
  if (duration !== null && usualDuration && usualDuration.usual >= MIN_DURATION_FOR_ANOMALY_S && duration < usualDuration.usual * options.anomaly_ratio) {
    out.push({
      rule: 'faster',
      impact: 'notice',
      status: 'warning',
      title: `Backup ${job.job} finished much faster than usual on ${host}: ${Math.round(duration)} s against ${Math.round(usualDuration.usual)} s`,
      evidence: { ...base, duration_seconds: duration, usual_duration_seconds: usualDuration.usual, samples: usualDuration.samples },
      remediation: 'A much shorter run often means it read much less: check that every source was there.',
    });
  }
  return out;
}

function retentionIssues(job: JobObservation, prune: PruneSignal, host: string): Issue[] {
  const out: Issue[] = [];
  if (job.limits.maxFiles !== null && job.points.length > job.limits.maxFiles) {
    out.push({
      rule: 'too-many-files',
      impact: 'notice',
      status: 'warning',
      title: `Backup ${job.job} keeps ${job.points.length} files in ${job.destination}, more than its max of ${job.limits.maxFiles}, on ${host}`,
      evidence: { destination: job.destination, files: job.points.length, max_files: job.limits.maxFiles, bytes: job.repoBytes },
      remediation: 'The rotation that deletes old artifacts is not running (or keeps more than intended); the folder will fill the disk.',
    });
  } else if (prune.pruning === false) {
    out.push({
      rule: 'only-grows',
      impact: 'degraded',
      status: 'warning',
      title: `Backup ${job.job} only grows on ${host}: ${prune.added} new restore points and none removed since ${prune.since?.slice(0, 10) ?? 'the window began'}`,
      evidence: { destination: job.destination, added: prune.added, removed: prune.removed, growth_bytes: prune.growthBytes, since: prune.since },
      remediation:
        job.kind === 'files'
          ? 'Check the rotation that deletes old artifacts (the retention setting of the tool that writes them).'
          : `Check that ${job.kind === 'restic' ? 'restic forget --prune' : 'borg prune and borg compact'} runs after the backups and succeeds.`,
    });
  }
  return out;
}

function lockIssues(job: JobObservation, host: string, now: Date, options: BackupOptions): Issue[] {
  const stale = job.locks.filter((l) => l.since !== null && now.getTime() - l.since > options.stale_lock_after).sort((a, b) => (a.since ?? 0) - (b.since ?? 0));
  const oldest = stale[0];
  if (!oldest) return [];
  const exclusive = stale.some((l) => l.exclusive);
  const age = now.getTime() - (oldest.since ?? now.getTime());
  return [
    {
      rule: 'stale-lock',
      // An exclusive lock makes every new backup fail ("repository is already locked"); a shared one blocks prune and check.
      impact: exclusive ? 'degraded' : 'notice',
      status: 'warning',
      title: `Backup ${job.job}'s ${storeOf(job)} has had a stale ${exclusive ? 'exclusive ' : ''}lock for ${ageText(age)} on ${host}`,
      evidence: { destination: job.destination, locks: stale.length, exclusive, held_by: oldest.holder, since: new Date(oldest.since ?? 0).toISOString() },
      remediation:
        job.kind === 'restic'
          ? 'Make sure no restic process is still running against the repository, then run restic unlock.'
          : 'Make sure no borg process is still running against the repository, then run borg break-lock.',
    },
  ];
}

function verifyIssues(job: JobObservation, memory: JobMemory | null, host: string, now: Date, options: BackupOptions): Issue[] {
  const verify = job.verify;
  const evidence: Evidence = { destination: job.destination, verify: verify.mode, errors: verify.errors, broken: verify.broken.join(', ') || null, reason: verify.reason };
  if (verify.state === 'failed') {
    return [
      {
        rule: 'verify-failed',
        impact: 'unusable',
        status: 'failing',
        title: `${job.kind === 'restic' ? 'restic check' : 'borg check'} found errors in backup ${job.job}'s repository on ${host}${verify.errors ? ` (${verify.errors} ${verify.errors === 1 ? 'error' : 'errors'})` : ''}`,
        evidence,
        remediation:
          job.kind === 'restic'
            ? 'Do not prune; follow restic\'s troubleshooting guide (repair index, repair packs, repair snapshots) and take a fresh backup to another repository first.'
            : 'Do not prune; run borg check --repair only after reading its warning, and take a fresh backup to another repository first.',
      },
    ];
  }
  const out: Issue[] = [];
  if (verify.state === 'not-run' && verify.reason && verify.reason !== 'not-due') {
    out.push({
      rule: 'verify-not-run',
      impact: 'notice',
      status: 'ok',
      title: `Backup ${job.job}'s verification could not run on ${host} (${verify.reason})`,
      evidence,
      remediation: verify.reason === 'bad-option' ? 'verify: takes true, read-data or read-data-subset=N% (restic) and true (borg).' : 'It is tried again next run; if it keeps failing, run the check by hand.',
    });
  }
  // Three missed intervals: one can be bad luck (a lock, a timeout), three is a verification that no longer happens.
  const verified = memory?.verify.verified;
  if (verify.state !== 'passed' && verify.state !== 'not-configured' && verified && now.getTime() - Date.parse(verified) > 3 * options.verify_every) {
    out.push({
      rule: 'verify-overdue',
      impact: 'notice',
      status: 'warning',
      title: `Backup ${job.job} has not passed verification for ${ageText(now.getTime() - Date.parse(verified))} on ${host}`,
      evidence: { ...evidence, verified },
      remediation: 'Run the check by hand once to see why it does not run or pass.',
    });
  }
  return out;
}

/** Judge one job (pure). */
export function judgeJob(job: JobObservation, memory: JobMemory | null, host: string, now: Date, options: BackupOptions): Judgement {
  const prune = pruneSignal(job, memory, now, options.prune_window);
  const issues = job.access
    ? accessIssues(job, memory, host, now)
    : [
        ...pointIssues(job, memory, host, now, options),
        ...retentionIssues(job, prune, host),
        ...lockIssues(job, host, now, options),
        ...verifyIssues(job, memory, host, now, options),
      ];
  return { issues, status: statusOf(issues), prune };
}
