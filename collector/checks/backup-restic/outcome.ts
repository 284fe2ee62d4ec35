// Read what a restic command's exit code and stderr mean (0.14 messages and ≥ 0.17 exit codes), and judge `restic check`.
import type { JobAccess, VerifyObservation } from '../backup/observation';
import { isObject } from '../backup/json';
import type { ToolOutcome } from '../backup/tool';

/**
 * Exit codes since restic 0.17 (restic docs, "Scripting", exit codes): 10 repository does not exist, 11 failed to
 * lock, 12 wrong password (0.17.1). 0.14 exits 1 for all of them and says which in its "Fatal:" line.
 */
const EXIT_NO_REPO = 10;
const EXIT_LOCKED = 11;
const EXIT_WRONG_PASSWORD = 12;
/** `env` could not find the program (POSIX: 127 = command not found). */
const EXIT_NOT_FOUND = 127;

/** Patterns over restic's stderr, most specific first; the text itself is never shown. */
const MESSAGES: readonly [RegExp, JobAccess['problem']][] = [
  [/Resolving password failed|an empty password is not a password|unable to read password/i, 'password-unavailable'],
  [/wrong password or no key found/i, 'wrong-password'],
  [/permission denied/i, 'permission'],
  [/unable to open config file|repository does not exist|Is there a repository at the following location/i, 'missing-repo'],
  [/repository is already locked/i, 'locked'],
  [/unable to open repository at|connection refused|no such host|dial tcp|i\/o timeout|subprocess ssh|network is unreachable/i, 'unreachable'],
];

/** The exit code ≥ 0.17 reports in its JSON `exit_error` message on stderr (with --json), if there is one. */
function jsonExitCode(stderr: string): number | null {
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const o: unknown = JSON.parse(line);
      if (isObject(o) && o.message_type === 'exit_error' && typeof o.code === 'number') return o.code;
    } catch {
      // not a JSON line
    }
  }
  return null;
}

/** Why a restic command failed, or null when it succeeded. */
export function resticFailure(outcome: ToolOutcome): JobAccess | null {
  if (!outcome.ran) return { problem: outcome.reason === 'timeout' ? 'timeout' : outcome.reason === 'not-found' ? 'tool-missing' : 'error', exitCode: null, detail: null };
  if (outcome.code === 0) return null;
  const code = jsonExitCode(outcome.stderr) ?? outcome.code;
  const at = (problem: JobAccess['problem']): JobAccess => ({ problem, exitCode: outcome.code, detail: null });
  if (code === EXIT_NOT_FOUND) return at('tool-missing');
  if (code === EXIT_WRONG_PASSWORD) return at('wrong-password');
  if (code === EXIT_NO_REPO) return at('missing-repo');
  if (code === EXIT_LOCKED) return at('locked');
  for (const [pattern, problem] of MESSAGES) if (pattern.test(outcome.stderr)) return at(problem);
  return at(code === null ? 'timeout' : 'error');
}

/** Lines `restic check` prints for each problem it finds (0.14: "error for tree …", "Pack ID does not match …", "pack ID: does not exist"). */
const ERROR_LINE = /^(error\b|pack [0-9a-f]{8,}|Pack ID does not match|tree [0-9a-f]{8,}|blob [0-9a-f]{8,})/i;
const PACK_ID = /\b(?:pack|want) ([0-9a-f]{8,64})/gi;
/** Damaged pack ids shown in evidence: a few short ids are enough to start `restic repair packs`. */
const MAX_BROKEN = 5;

/** Judge `restic check`'s answer: passed, failed with the errors it named, or could not run (and why). */
export function parseCheck(outcome: ToolOutcome, mode: string): VerifyObservation {
  const base = { mode, errors: 0, broken: [] as string[] };
  if (!outcome.ran) return { ...base, state: 'not-run', reason: outcome.reason === 'timeout' ? 'timed out' : 'could not start' };
  if (outcome.code === 0) return { ...base, state: 'passed', reason: null };
  const failure = resticFailure(outcome);
  const lines = `${outcome.stderr}\n${outcome.stdout}`.split('\n').filter((l) => ERROR_LINE.test(l));
  if (/repository contains errors/i.test(outcome.stderr) || (failure?.problem === 'error' && lines.length > 0)) {
    const broken = new Set<string>();
    for (const line of lines) for (const m of line.matchAll(PACK_ID)) broken.add(m[1]!.slice(0, 8).toLowerCase());
    return { ...base, state: 'failed', reason: 'errors found', errors: lines.length, broken: [...broken].slice(0, MAX_BROKEN) };
  }
  return { ...base, state: 'not-run', reason: failure?.problem === 'locked' ? 'repository locked' : `check failed to run (${failure?.problem ?? 'error'})` };
}
