// Observe one restic job through Host: snapshots, sizes, locks and (when due) `restic check`, read-only where restic allows.
import { ParseError } from '../../errors/parse-error';
import type { BackupJob } from '../../config/types';
import type { GatherContext } from '../check';
import { startObservation, verifyDue } from '../backup/define-backup-check';
import { hasEmbeddedPassword } from '../backup/jobs';
import { safeText } from '../backup/json';
import type { JobMemory } from '../backup/memory';
import type { JobObservation, LockObservation, RestorePoint, VerifyObservation } from '../backup/observation';
import type { BackupOptions } from '../backup/options';
import { ToolRunner, withEnv, type Budget, type ToolOutcome } from '../backup/tool';
import { parseCheck, resticFailure } from './outcome';
import { parseLock, parseLockIds, parseSnapshots, parseStats, selectSnapshots, type ResticSnapshot } from './parse';

/** Listing commands read indexes and snapshot files only: minutes even on a slow cloud backend. */
const LIST_CAP_MS = 5 * 60_000;
/** A check that reads data may take hours; the check's own timeout bounds it further. */
const VERIFY_CAP_MS = 6 * 3_600_000;
/** Locks looked at one by one: a repository with more than a few locks has a different problem. */
const MAX_LOCKS = 5;

/**
 * How the password reaches restic, as environment for `withEnv`. A file is named by path (RESTIC_PASSWORD_FILE); a
 * variable by name, through `printenv NAME` as the password command, so the value never appears in an argv. The
 * other two are emptied because restic refuses a password file and a password command together, and a
 * RESTIC_REPOSITORY_FILE together with --repo.
 */
export function resticEnv(job: Pick<BackupJob, 'passwordFile' | 'passwordEnv'>): Record<string, string> | null {
  if (job.passwordFile) return { RESTIC_PASSWORD_FILE: job.passwordFile, RESTIC_PASSWORD_COMMAND: '', RESTIC_REPOSITORY_FILE: '' };
  if (job.passwordEnv && /^[A-Za-z_][A-Za-z0-9_]*$/.test(job.passwordEnv)) {
    return { RESTIC_PASSWORD_COMMAND: `printenv ${job.passwordEnv}`, RESTIC_PASSWORD_FILE: '', RESTIC_REPOSITORY_FILE: '' };
  }
  return null;
}

/** The argv of one restic command for a repository (global flags first; `--no-cache`: nothing written to the user's cache). */
export function resticArgv(env: Readonly<Record<string, string>>, repo: string, args: readonly string[]): string[] {
  return withEnv(env, ['restic', '--repo', repo, '--no-cache', ...args]);
}

/** The `restic check` flags for the job's verify setting, or null when the setting is not one restic knows. */
export function checkFlags(verify: string | boolean): string[] | null {
  if (verify === true) return [];
  if (verify === 'read-data') return ['--read-data'];
  // restic accepts a percentage ("5%", "2.5%"), a fraction of the packs ("1/5") or a size ("10G") after the equals sign.
  if (typeof verify === 'string' && /^read-data-subset=(\d+(\.\d+)?%|\d+\/\d+|\d+(\.\d+)?[KMGT]?)$/.test(verify)) return [`--${verify}`];
  return null;
}

function snapshotPoint(s: ResticSnapshot): RestorePoint {
  const sum = s.summary;
  const duration = sum?.backupStart != null && sum.backupEnd != null ? Math.max(0, (sum.backupEnd - sum.backupStart) / 1000) : null;
  return { id: s.id, time: s.time, sizeBytes: sum?.totalBytesProcessed ?? null, durationSeconds: duration };
}

function newestEvidence(s: ResticSnapshot): JobObservation['newestEvidence'] {
  const sum = s.summary;
  return {
    snapshot: s.id.slice(0, 8),
    snapshot_host: s.hostname,
    snapshot_paths: s.paths.map((p) => safeText(p, 80)).join(', ').slice(0, 200),
    snapshot_tags: s.tags.map((t) => safeText(t, 40)).join(', ') || null,
    program_version: s.programVersion ? safeText(s.programVersion, 40) : null,
    summary: sum !== null,
    files_new: sum?.filesNew ?? null,
    files_changed: sum?.filesChanged ?? null,
    data_added_bytes: sum?.dataAdded ?? null,
    files_processed: sum?.totalFilesProcessed ?? null,
  };
}

/** Observe one restic job. Its problems become `access`; only a broken fixture or a lost connection throws. */
export async function observeResticJob(job: BackupJob, ctx: GatherContext<BackupOptions>, memory: JobMemory | null, budget: Budget): Promise<JobObservation> {
  const obs = startObservation(job);
  const repo = job.repo ?? '';
  const env = resticEnv(job);
  if (hasEmbeddedPassword(repo)) return { ...obs, access: { problem: 'credentials-in-address', exitCode: null, detail: null } };
  if (!env) return { ...obs, access: { problem: 'password-unavailable', exitCode: null, detail: 'no password_file or password_env' } };
  const runner = new ToolRunner(ctx.host, ctx.signal, ctx.hostConfig.sudo, budget);
  const run = (args: readonly string[], capMs = LIST_CAP_MS): Promise<ToolOutcome> => runner.run(resticArgv(env, repo, args), capMs);

  // --no-lock: listing needs no lock, and Vigil writes nothing into the repository it watches.
  const listed = await run(['--no-lock', 'snapshots', '--json']);
  const failure = resticFailure(listed);
  if (failure || !listed.ran) return { ...obs, access: failure ?? { problem: 'error', exitCode: null, detail: null } };
  let snapshots: ResticSnapshot[];
  try {
    snapshots = selectSnapshots(parseSnapshots(listed.stdout), { host: job.snapshotHost, paths: job.snapshotPaths, tags: job.snapshotTags });
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { ...obs, access: { problem: 'garbage', exitCode: listed.code, detail: safeText(error.reason) } };
  }
  const points = snapshots.map(snapshotPoint);
  const newest = snapshots.at(-1);
  const newestPoint = points.at(-1);
  if (newest && newestPoint && newestPoint.sizeBytes === null) {
    // Snapshots made before restic 0.17 carry no summary: ask for the newest one's restore size instead.
    newestPoint.sizeBytes = readSize(await run(['--no-lock', 'stats', '--json', newest.id]));
  }
  const repoBytes = readSize(await run(['--no-lock', 'stats', '--json', '--mode', 'raw-data']));
  const locks = await readLocks(run);
  const verify = await runVerify(job, ctx, memory, (args) => run(args, VERIFY_CAP_MS));
  return { ...obs, points, repoBytes, locks, verify, newestEvidence: newest ? newestEvidence(newest) : {} };
}

function readSize(outcome: ToolOutcome): number | null {
  if (!outcome.ran || outcome.code !== 0) return null;
  try {
    return parseStats(outcome.stdout).totalSize;
  } catch (error) {
    if (error instanceof ParseError) return null;
    throw error;
  }
}

async function readLocks(run: (args: readonly string[]) => Promise<ToolOutcome>): Promise<LockObservation[]> {
  const listed = await run(['--no-lock', 'list', 'locks', '--json']);
  if (!listed.ran || listed.code !== 0) return [];
  const locks: LockObservation[] = [];
  for (const id of parseLockIds(listed.stdout).slice(0, MAX_LOCKS)) {
    const shown = await run(['--no-lock', 'cat', 'lock', id]);
    if (!shown.ran || shown.code !== 0) continue;
    try {
      const lock = parseLock(shown.stdout);
      locks.push({ exclusive: lock.exclusive, since: lock.time, holder: `${lock.hostname}${lock.pid !== null ? ` pid ${lock.pid}` : ''}` });
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
    }
  }
  return locks;
}

async function runVerify(
  job: BackupJob,
  ctx: GatherContext<BackupOptions>,
  memory: JobMemory | null,
  run: (args: readonly string[]) => Promise<ToolOutcome>,
): Promise<VerifyObservation> {
  if (job.verify === false) return { state: 'not-configured', reason: null, mode: null, errors: 0, broken: [] };
  const mode = job.verify === true ? 'check' : job.verify;
  const flags = checkFlags(job.verify);
  if (!flags) return { state: 'not-run', reason: 'bad-option', mode: safeText(String(job.verify), 60), errors: 0, broken: [] };
  if (!verifyDue(memory, ctx.now, ctx.options.verify_every)) return { state: 'not-run', reason: 'not-due', mode, errors: 0, broken: [] };
  // `check` takes restic's exclusive lock: the one write Vigil makes, and only because verification was asked for.
  return parseCheck(await run(['check', ...flags]), mode);
}
