// The facts every backup check hands to the stages after the checks: one record per job (safe, no secrets).
import type { DataClass } from '../../config/types';

/** A job's health, as its note and the scorecard state it. */
export type BackupStatus = 'ok' | 'warning' | 'failing' | 'stale' | 'unknown';

/** One backup job as the checks saw it this run. */
export interface BackupJobFacts {
  job: string;
  kind: 'restic' | 'borg' | 'files';
  host: string;
  dataClass: DataClass;
  /** ok: fresh and healthy; warning: usable but something is off; failing: no usable restore point;
   *  stale: the newest restore point is older than max_age; unknown: could not be read. */
  status: BackupStatus;
  /** Time of the newest restore point (snapshot, archive, artifact file). */
  lastSuccess: string | null;
  ageHours: number | null;
  /** Size of the newest restore point (restic: snapshot's total size or data added; borg: archive original size; files: file size). */
  sizeBytes: number | null;
  /** How long the newest backup took, when the tool records it. */
  durationSeconds: number | null;
  /** Number of restore points (snapshots, archives, files). */
  restorePoints: number;
  /** When the repository last passed a verification (restic check / borg check), if known. */
  verified: string | null;
  verify: 'passed' | 'failed' | 'not-configured' | 'not-run';
  /** Where the copy is, for people (repository path or URL without credentials). */
  destination: string;
  /** Retention/prune signal: false when the repository or folder only grows. */
  pruning: boolean | null;
  /** Titles of this run's findings about the job. */
  problems: string[];
  /** What the newest backup run changed, when the tool records it (restic's snapshot summary). */
  lastRun?: { filesNew: number | null; filesChanged: number | null; dataAddedBytes: number | null };
  /** The newest restore point looks wrong (below its minimum size, or much smaller than usual): usable, maybe not whole. */
  doubtful?: boolean;
}

/** The facts of one backup check on one host. */
export interface BackupFacts {
  jobs: BackupJobFacts[];
}
