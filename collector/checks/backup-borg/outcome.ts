// Read what a borg command's return code and --log-json messages mean, and judge `borg check`.
import type { JobAccess, VerifyObservation } from '../backup/observation';
import type { ToolOutcome } from '../backup/tool';
import { parseBorgLog } from './parse';

/**
 * borg 1.2's return codes (borg docs, "Return codes"): 0 success, 1 warning (the operation reached its normal end
 * with warnings: still usable), 2 error (it did not), 128+N killed by signal N. Modern codes (3-99) only exist
 * from 1.4 with BORG_EXIT_CODES=modern, which Vigil does not set.
 */
const RC_WARNING = 1;
/** `env` could not find the program (POSIX: 127 = command not found). */
const RC_NOT_FOUND = 127;

/** borg's message ids (its exception class names) and what they mean for the job. */
const MSGIDS: Record<string, JobAccess['problem']> = {
  PassphraseWrong: 'wrong-password',
  PasscommandFailure: 'password-unavailable',
  PasswordRetriesExceeded: 'password-unavailable',
  'Repository.DoesNotExist': 'missing-repo',
  'Repository.InvalidRepository': 'not-a-repo',
  'Repository.InvalidRepositoryConfig': 'not-a-repo',
  LockTimeout: 'locked',
  LockFailed: 'locked',
  'RemoteRepository.ConnectionClosed': 'unreachable',
  'RemoteRepository.ConnectionClosedWithHint': 'unreachable',
};

/** Questions borg asks before touching a repository, answered "no" through the environment (never a blocked prompt). */
const PROMPTS: Record<string, JobAccess['problem']> = {
  BORG_RELOCATED_REPO_ACCESS_IS_OK: 'relocated',
  BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'unknown-unencrypted',
};

/** Why a borg command failed, or null when its answer is usable (0, or 1 = warnings). */
export function borgFailure(outcome: ToolOutcome): JobAccess | null {
  if (!outcome.ran) return { problem: outcome.reason === 'timeout' ? 'timeout' : outcome.reason === 'not-found' ? 'tool-missing' : 'error', exitCode: null, detail: null };
  if (outcome.code === 0 || outcome.code === RC_WARNING) return null;
  const at = (problem: JobAccess['problem'], detail: string | null = null): JobAccess => ({ problem, exitCode: outcome.code, detail });
  if (outcome.code === RC_NOT_FOUND) return at('tool-missing');
  if (outcome.code === null) return at('timeout');
  const log = parseBorgLog(outcome.stderr);
  for (const prompt of log.prompts) {
    const problem = PROMPTS[prompt];
    if (problem) return at(problem, prompt);
  }
  for (const id of log.errorIds) {
    const problem = Object.hasOwn(MSGIDS, id) ? MSGIDS[id] : undefined;
    if (problem) return at(problem, id);
  }
  if (log.permissionDenied) return at('permission');
  return at('error', log.errorIds[0] ?? null);
}

/**
 * Judge `borg check`. borg 1.2 returns 1 when the check found problems (it logs them as ERROR: "Finished full
 * repository check, errors found."); 2 when it could not run at all (a lock, a wrong passphrase).
 */
export function parseBorgCheck(outcome: ToolOutcome): VerifyObservation {
  const base = { mode: 'check', errors: 0, broken: [] as string[] };
  if (!outcome.ran) return { ...base, state: 'not-run', reason: outcome.reason === 'timeout' ? 'timed out' : 'could not start' };
  const log = parseBorgLog(outcome.stderr);
  if (outcome.code === 0 && log.errors === 0) return { ...base, state: 'passed', reason: null };
  if (outcome.code === RC_WARNING || (outcome.code === 0 && log.errors > 0)) {
    const segments = new Set<string>();
    for (const m of outcome.stderr.matchAll(/\[segment (\d+), offset \d+\]/g)) segments.add(`segment ${m[1]}`);
    return { ...base, state: 'failed', reason: 'errors found', errors: log.errors, broken: [...segments].slice(0, 5) };
  }
  const failure = borgFailure(outcome);
  return { ...base, state: 'not-run', reason: failure?.problem === 'locked' ? 'repository locked' : `check failed to run (${failure?.problem ?? 'error'})` };
}
