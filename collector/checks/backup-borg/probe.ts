// Observe one borg job through Host: archives, the newest one's statistics, lock files and (when due) `borg check`.
import { ParseError } from '../../errors/parse-error';
import { isProbeError } from '../../errors/probe-error';
import type { Evidence } from '../../../shared/finding';
import type { BackupJob } from '../../config/types';
import type { Host } from '../../host/host';
import type { GatherContext } from '../check';
import { startObservation, verifyDue } from '../backup/define-backup-check';
import { hasEmbeddedPassword, isLocalPath, shellWord } from '../backup/jobs';
import { safeText } from '../backup/json';
import type { JobMemory } from '../backup/memory';
import type { JobObservation, LockObservation, VerifyObservation } from '../backup/observation';
import type { BackupOptions } from '../backup/options';
import { ToolRunner, withEnv, type Budget, type ToolOutcome } from '../backup/tool';
import { borgFailure, parseBorgCheck } from './outcome';
import { parseBorgInfo, parseBorgList, parseRoster, type BorgInfo } from './parse';

/** Listing reads the manifest; info on one archive reads its metadata: minutes at most. */
const LIST_CAP_MS = 5 * 60_000;
/** `borg check` reads every segment: hours on a large repository; the check's own timeout bounds it further. */
const VERIFY_CAP_MS = 6 * 3_600_000;
/** Seconds borg waits for a lock (its default is 1): long enough for a lock held for a moment, never a hang. */
const LOCK_WAIT_S = '5';

/**
 * The environment borg runs with (see withEnv: paths and switches only, never the passphrase):
 * - TZ=UTC: borg 1.2 prints archive times in local time without an offset; in UTC they are unambiguous.
 * - PYTHONUTF8=1: Host runs commands with LC_ALL=C, and borg's JSON wants UTF-8 (borg docs, "All about JSON").
 * - BORG_PASSCOMMAND: `cat FILE` or `printenv NAME`, so the passphrase never appears in an argv; `true` when none is
 *   configured, so an encrypted repository fails with PassphraseWrong instead of prompting (a BORG_PASSPHRASE already
 *   in the collector's environment still wins: borg reads it first).
 * - BORG_RELOCATED_REPO_ACCESS_IS_OK=no, BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=no: borg's two questions are
 *   answered "no" without reading stdin, so nothing ever waits for an answer and Vigil never accepts a swapped repository.
 */
export function borgEnv(job: Pick<BackupJob, 'passwordFile' | 'passwordEnv'>): Record<string, string> {
  const passcommand = job.passwordFile
    ? `cat ${shellWord(job.passwordFile)}`
    : job.passwordEnv && /^[A-Za-z_][A-Za-z0-9_]*$/.test(job.passwordEnv)
      ? `printenv ${job.passwordEnv}`
      : 'true';
  return {
    TZ: 'UTC',
    PYTHONUTF8: '1',
    BORG_PASSCOMMAND: passcommand,
    BORG_RELOCATED_REPO_ACCESS_IS_OK: 'no',
    BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'no',
  };
}

/** The argv of one borg command for a repository, with --log-json so errors come with borg's stable message ids. */
export function borgArgv(env: Readonly<Record<string, string>>, repo: string, args: readonly string[]): string[] {
  return withEnv(env, ['borg', '--log-json', ...args, repo]);
}

/** Observe one borg job. Its problems become `access`; only a broken fixture or a lost connection throws. */
export async function observeBorgJob(job: BackupJob, ctx: GatherContext<BackupOptions>, memory: JobMemory | null, budget: Budget): Promise<JobObservation> {
  const obs = startObservation(job);
  const repo = job.repo ?? '';
  if (hasEmbeddedPassword(repo)) return { ...obs, access: { problem: 'credentials-in-address', exitCode: null, detail: null } };
  const env = borgEnv(job);
  const runner = new ToolRunner(ctx.host, ctx.signal, ctx.hostConfig.sudo, budget);
  const run = (args: readonly string[], capMs = LIST_CAP_MS): Promise<ToolOutcome> => runner.run(borgArgv(env, repo, args), capMs);

  // --bypass-lock: listing and info only read, and must neither wait for a running backup nor write a lock into it.
  const listed = await run(['list', '--json', '--bypass-lock', '--lock-wait', LOCK_WAIT_S]);
  const failure = borgFailure(listed);
  if (failure || !listed.ran) return { ...obs, access: failure ?? { problem: 'error', exitCode: null, detail: null } };
  let points: JobObservation['points'];
  try {
    points = parseBorgList(listed.stdout).map((a) => ({ id: a.id, time: a.time, sizeBytes: null, durationSeconds: null }));
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { ...obs, access: { problem: 'garbage', exitCode: listed.code, detail: safeText(error.reason) } };
  }
  let info: BorgInfo | null = null;
  if (points.length > 0) {
    const answered = await run(['info', '--json', '--bypass-lock', '--lock-wait', LOCK_WAIT_S, '--last', '1']);
    info = answered.ran && borgFailure(answered) === null ? readInfo(answered.stdout) : null;
  }
  const newest = points.at(-1);
  const archive = info?.archive;
  if (newest && archive && archive.id === newest.id) {
    newest.sizeBytes = archive.originalSize;
    newest.durationSeconds = archive.durationSeconds;
  }
  const newestEvidence: Evidence = archive
    ? { archive: archive.name, archive_host: archive.hostname, files: archive.files, deduplicated_bytes: archive.deduplicatedSize }
    : newest
      ? { archive_id: newest.id.slice(0, 8) }
      : {};
  const locks = isLocalPath(repo) ? await readLocks(ctx.host, repo) : [];
  const verify = await runVerify(job, ctx, memory, () => run(['check', '--lock-wait', LOCK_WAIT_S], VERIFY_CAP_MS));
  return { ...obs, points, repoBytes: info?.repositoryBytes ?? null, locks, verify, newestEvidence };
}

function readInfo(stdout: string): BorgInfo | null {
  try {
    return parseBorgInfo(stdout);
  } catch (error) {
    if (error instanceof ParseError) return null;
    throw error;
  }
}

/**
 * borg's lock is a `lock.exclusive` directory plus a `lock.roster` JSON in the repository (borg internals, "Lock
 * files"). Looking at them takes no lock and changes nothing, unlike asking borg. Only for repositories that are a
 * path on the job's host; an unreadable one is simply not judged.
 */
async function readLocks(host: Host, repo: string): Promise<LockObservation[]> {
  try {
    const [exclusiveDir, roster] = await Promise.all([host.stat(`${repo}/lock.exclusive`), host.stat(`${repo}/lock.roster`)]);
    if (!exclusiveDir && !roster) return [];
    let holders = { exclusive: [] as string[], shared: [] as string[] };
    if (roster) {
      try {
        holders = parseRoster((await host.readFile(`${repo}/lock.roster`, { maxBytes: 64 * 1024 })).toString('utf8'));
      } catch (error) {
        if (!(error instanceof ParseError) && !isProbeError(error, 'ENOENT', 'EACCES')) throw error;
      }
    }
    const locks: LockObservation[] = [];
    if (exclusiveDir) locks.push({ exclusive: true, since: exclusiveDir.mtimeMs, holder: holders.exclusive[0] ?? 'unknown holder' });
    else if (roster && holders.shared.length > 0) locks.push({ exclusive: false, since: roster.mtimeMs, holder: holders.shared.join(', ').slice(0, 120) });
    return locks;
  } catch (error) {
    if (isProbeError(error, 'ENOENT', 'EACCES', 'ENOTDIR')) return [];
    throw error;
  }
}

async function runVerify(job: BackupJob, ctx: GatherContext<BackupOptions>, memory: JobMemory | null, check: () => Promise<ToolOutcome>): Promise<VerifyObservation> {
  if (job.verify === false) return { state: 'not-configured', reason: null, mode: null, errors: 0, broken: [] };
  if (job.verify !== true) return { state: 'not-run', reason: 'bad-option', mode: safeText(String(job.verify), 60), errors: 0, broken: [] };
  if (!verifyDue(memory, ctx.now, ctx.options.verify_every)) return { state: 'not-run', reason: 'not-due', mode: 'check', errors: 0, broken: [] };
  // `check` takes borg's exclusive lock: the one write Vigil makes, and only because verification was asked for.
  return parseBorgCheck(await check());
}
