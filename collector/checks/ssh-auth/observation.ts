// The ssh-auth observation (the bounded summary gather hands to analyze) and formatting helpers for the analyzers.

/** Counts about the lines read. */
export interface AuthStats {
  lines: number;
  /** Lines without a syslog or journal header (binary data, continuation lines, truncated writes). */
  malformed: number;
  /** Lines longer than the line cap, skipped. */
  oversized: number;
  /** Well-formed lines of other programs or messages this check does not use. */
  other: number;
  events: number;
  outsideWindow: number;
  sourcesDropped: number;
  loginsDropped: number;
  sudoUsersDropped: number;
}

/** What one address did. */
export interface SourceSummary {
  address: string;
  failures: number;
  firstSeen: number;
  lastSeen: number;
  /** When the fast / slow detector fired, ms, or null. */
  fastAt: number | null;
  slowAt: number | null;
  /** Distinct non-existent user names tried (capped at LIMITS.invalidNamesPerSource). */
  invalidUsers: number;
  /** The most tried names that are safe to show, most tried first (at most three). */
  topUsers: { name: string; count: number }[];
  /** Existing accounts other than root whose password was guessed. */
  accountsGuessed: string[];
}

/** Successful logins of one user from one address with one method. */
export interface LoginSummary {
  user: string;
  address: string;
  method: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** The most failures this address had in the window before one of these logins. */
  failuresBefore: number;
  /** Whether a brute-force detector had fired for this address before one of these logins. */
  afterBruteforce: boolean;
}

/** One user's sudo use. */
export interface SudoSummary {
  user: string;
  runs: number;
  runAs: string[];
  commands: string[];
  firstSeen: number;
  lastSeen: number;
  incorrectAttempts: number;
  lastIncorrect: number | null;
  denied: number;
  deniedReason: string;
  lastDenied: number | null;
}

/** The bounded summary the analyzer judges. */
export interface AuthSummary {
  stats: AuthStats;
  sources: SourceSummary[];
  logins: LoginSummary[];
  sudo: SudoSummary[];
}

/** Everything the analyzers see: the bounded summary plus where it came from. */
export interface SshAuthObservation extends AuthSummary {
  /** `file` (syslog, with rotations) or `journald`. */
  origin: 'file' | 'journald';
  /** Files read, oldest first (empty for the journal). */
  files: string[];
  /** The window looked at, epoch ms. */
  since: number;
  until: number;
  /** Rotated files that could not be decompressed to the end (what was read of them still counts). */
  damaged: string[];
  /** The journal output hit the size cap; the oldest events of the window were not read. */
  journalTruncated: boolean;
}

/** ISO 8601 of epoch ms, null for none. */
export function isoTime(ms: number | null): string | null {
  return ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

/** A human span for titles: "40 seconds", "10 minutes", "3 hours", "2 days". */
export function humanSpan(ms: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (ms < 1000) return 'under a second';
  if (ms < 120_000) return unit(Math.round(ms / 1000), 'second');
  if (ms < 2 * 3_600_000) return unit(Math.round(ms / 60_000), 'minute');
  if (ms < 2 * 86_400_000) return unit(Math.round(ms / 3_600_000), 'hour');
  return unit(Math.round(ms / 86_400_000), 'day');
}

/** "3 times", "1 time". */
export function times(n: number): string {
  return `${n} time${n === 1 ? '' : 's'}`;
}
