// What a backup check observed about each job, in one shape for restic, borg and artifact folders.
import type { Evidence } from '../../../shared/finding';
import type { DataClass } from '../../config/types';

/** One restore point: a snapshot, an archive or an artifact file. */
export interface RestorePoint {
  /** Snapshot id, archive id or file name: stable while the point exists. */
  id: string;
  /** When it was taken (ms since the epoch). */
  time: number;
  /** Its size when the tool records one (restic ≥ 0.17 summary or `stats`, borg original size, file size). */
  sizeBytes: number | null;
  /** How long it took, when the tool records it (restic ≥ 0.17 summary, borg archive info). */
  durationSeconds: number | null;
}

/** Why a job could not be read this run. Each is a stable finding rule. */
export type AccessProblem =
  | 'wrong-password'
  | 'password-unavailable'
  | 'missing-repo'
  | 'not-a-repo'
  | 'locked'
  | 'permission'
  | 'unreachable'
  | 'tool-missing'
  | 'timeout'
  | 'garbage'
  | 'relocated'
  | 'unknown-unencrypted'
  | 'credentials-in-address'
  | 'error';

/** Why a job could not be read, with safe detail (an exit code, a tool's message id; never the tool's text). */
export interface JobAccess {
  problem: AccessProblem;
  exitCode: number | null;
  /** A short identifier such as borg's `msgid` or a parser's reason, safe to show. */
  detail: string | null;
}

/** A repository lock that someone holds. */
export interface LockObservation {
  exclusive: boolean;
  /** When it was taken or last refreshed (ms), if known. */
  since: number | null;
  /** Who holds it (`host pid 123`), as the lock records it. */
  holder: string;
}

/** What verification (restic check / borg check) did this run. */
export interface VerifyObservation {
  state: 'passed' | 'failed' | 'not-configured' | 'not-run';
  /** Why it did not run or what failed, from a fixed vocabulary. */
  reason: string | null;
  /** The check's mode as configured (`check`, `read-data-subset=5%`). */
  mode: string | null;
  /** Error lines the check printed. */
  errors: number;
  /** Short ids of damaged packs or segments it named. */
  broken: string[];
}

/** Everything one job's probe established; facts and findings are derived from this, the memory and the clock. */
export interface JobObservation {
  job: string;
  kind: 'restic' | 'borg' | 'files';
  dataClass: DataClass;
  maxAgeMs: number;
  /** The copy is declared offline (a rotated USB disk): not being reachable is its normal state. */
  offline: boolean;
  destination: string;
  access: JobAccess | null;
  /** The job's restore points (after restic's host/path/tag selection), oldest first. */
  points: RestorePoint[];
  /** Total size of the repository or folder, when known (restic raw data, borg deduplicated, sum of files). */
  repoBytes: number | null;
  locks: LockObservation[];
  verify: VerifyObservation;
  /** Facts about the newest point for the evidence (files new/changed, data added, tool version…). */
  newestEvidence: Evidence;
  /** Kind-specific settings the judge needs (files: min size and max count). */
  limits: { minSize: number | null; maxFiles: number | null };
  /** Entries skipped because there were too many to look at (files), so counts are lower bounds. */
  truncated: boolean;
}

/** What a backup check gathered on one host. */
export interface BackupObservation {
  observedAt: string;
  jobs: JobObservation[];
}

/** The verification part for a job that has none configured. */
export const NO_VERIFY: VerifyObservation = { state: 'not-configured', reason: null, mode: null, errors: 0, broken: [] };
