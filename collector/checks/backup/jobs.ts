// Which backup jobs a check looks at on a host, and how a job's destination is shown without credentials.
import type { BackupJob, VigilConfig } from '../../config/types';

/** The jobs of one kind checked from one host, in config order. */
export function jobsOn(config: VigilConfig, host: string, kind: BackupJob['kind']): BackupJob[] {
  return config.backups.filter((j) => j.kind === kind && j.host === host);
}

/** `scheme://user:secret@host` (also after `rest:`/`s3:` prefixes): the part between `//` and `@` holds a password. */
const USERINFO_WITH_PASSWORD = /(\/\/)[^/@\s]*:[^/@\s]*@/;

/** True when a repository address carries a password (rest-server `https://user:pass@…`), which must never reach a command line. */
export function hasEmbeddedPassword(repo: string): boolean {
  return USERINFO_WITH_PASSWORD.test(repo);
}

/**
 * Where a job's copy is, for people: the repository or folder without a password in the address and without
 * a query string (cloud addresses can carry signed tokens there). A user name alone is kept: it is not a secret.
 */
export function destinationOf(job: BackupJob): string {
  const raw = job.kind === 'files' ? (job.path ?? '') : (job.repo ?? '');
  return raw
    .replace(USERINFO_WITH_PASSWORD, '$1')
    .replace(/[?#].*$/, '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .slice(0, 240);
}

/** True for a repository that is a path on the job's host (its lock files can be looked at directly). */
export function isLocalPath(repo: string): boolean {
  return repo.startsWith('/');
}

/**
 * Quote one word for the POSIX-style splitting restic and borg apply to a password command
 * (Go's shell-like split in restic, Python's shlex.split in borg): single quotes, embedded ones as `'\''`.
 */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
