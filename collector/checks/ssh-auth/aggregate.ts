// Fold auth log lines into a bounded summary: per-address failures and detectors, logins, sudo use. Memory does not
// grow with the log: every map has a cap, and user names that are not safe to show are kept only as hashes.
import { ParseError } from '../../errors/parse-error';
import { feedDetector, newDetectorState, type DetectorState } from './detectors';
import type { Detector } from './options';
import type { AuthStats, AuthSummary, LoginSummary, SourceSummary, SudoSummary } from './observation';
import { parseAuthLine, type AuthEvent } from './parse';
import type { LogClock } from './timestamps';
import { hashName, isShowableUser } from './users';

/** Caps that bound memory whatever the log holds. */
export const LIMITS = {
  /** Addresses tracked at once; past it the least interesting ones are dropped (and counted). */
  sources: 20_000,
  /** Open connections tracked (sshd pid → what was counted); connections are short-lived. */
  connections: 4096,
  /** Distinct non-existent user names counted per address. */
  invalidNamesPerSource: 256,
  /** Showable user names counted per address. */
  namesPerSource: 16,
  /** Distinct (user, address, method) logins. */
  logins: 2000,
  /** Distinct sudo users. */
  sudoUsers: 500,
  /** Addresses reported in the summary. */
  reportedSources: 1000,
} as const;

interface SourceState {
  address: string;
  failures: number;
  firstSeen: number;
  lastSeen: number;
  fast: DetectorState;
  slow: DetectorState;
  invalid: Set<number>;
  names: Map<string, number>;
  guessed: Set<string>;
}

interface ConnState {
  counted: boolean;
  /** An "Invalid user"/"not allowed" line was counted; the first "Failed … for invalid user" repeats it. */
  pending: boolean;
}

const PASSWORD_METHODS = /^(password|keyboard-interactive)/;

/**
 * A copy of a string that does not share memory with the line it was cut from. V8 keeps a slice's whole parent
 * alive, and a line is a slice of a 256 KiB read chunk: a key kept in a map would pin every chunk it came from.
 */
function own(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Streams lines in, keeps a bounded summary. Pure: no I/O, the clock is injected. */
export class AuthAggregator {
  readonly stats: AuthStats = { lines: 0, malformed: 0, oversized: 0, other: 0, events: 0, outsideWindow: 0, sourcesDropped: 0, loginsDropped: 0, sudoUsersDropped: 0 };
  private readonly sources = new Map<string, SourceState>();
  private readonly conns = new Map<string, ConnState>();
  private readonly logins = new Map<string, LoginSummary>();
  private readonly sudoUsers = new Map<string, SudoSummary & { runAsSet: Set<string>; commandSet: Set<string> }>();
  private firstMalformed = 0;

  constructor(
    private readonly clock: LogClock,
    private readonly detectors: { fast: Detector; slow: Detector },
    /** Events before this moment (ms) are ignored. */
    private readonly since: number,
  ) {}

  /** One line of the log (without its newline). */
  line(text: string): void {
    this.stats.lines++;
    const parsed = parseAuthLine(text, this.clock);
    if (parsed === null) {
      // journalctl's own notes ("-- No entries --", "-- Boot … --") are not log lines.
      if (text.length > 0 && !text.startsWith('-- ')) {
        this.stats.malformed++;
        if (this.firstMalformed === 0) this.firstMalformed = this.stats.lines;
      }
      return;
    }
    if (parsed === 'other') {
      this.stats.other++;
      return;
    }
    if (parsed.time < this.since) {
      this.stats.outsideWindow++;
      return;
    }
    this.stats.events++;
    this.event(parsed);
  }

  /** Fold one event: count failures once per guess (see ConnState), then logins and sudo. */
  private event(e: AuthEvent): void {
    switch (e.kind) {
      case 'failed': {
        // "none" is a probe for the allowed methods; a failed key is normal for clients that offer several keys.
        if (e.method === 'none' || (e.method === 'publickey' && !e.invalid)) return;
        const c = this.conn(e.conn);
        if (c?.pending) {
          c.pending = false;
          return;
        }
        if (c) c.counted = true;
        const src = this.source(e.address);
        this.noteName(src, e.user, !e.invalid, PASSWORD_METHODS.test(e.method));
        this.fail(src, e.time);
        return;
      }
      case 'invalid-user':
      case 'not-allowed': {
        const src = this.source(e.address);
        this.noteName(src, e.user, e.kind === 'not-allowed', false);
        const c = this.conn(e.conn);
        if (c) {
          c.counted = true;
          c.pending = true;
        }
        this.fail(src, e.time);
        return;
      }
      case 'gave-up': {
        const c = e.conn ? this.conns.get(e.conn) : undefined;
        this.conns.delete(e.conn);
        // Counted only when nothing else of this connection was: a key-only server sees bots leave without a "Failed".
        if (c?.counted) return;
        const src = this.source(e.address);
        this.noteName(src, e.user, !e.invalid, false);
        this.fail(src, e.time);
        return;
      }
      case 'closed':
        this.conns.delete(e.conn);
        return;
      case 'accepted':
        this.conns.delete(e.conn);
        this.login(e);
        return;
      case 'sudo':
        this.sudo(e);
        return;
    }
  }

  private conn(key: string): ConnState | null {
    if (!key) return null;
    let c = this.conns.get(key);
    if (!c) {
      c = { counted: false, pending: false };
      this.conns.set(own(key), c);
      if (this.conns.size > LIMITS.connections) this.conns.delete(this.conns.keys().next().value!);
    }
    return c;
  }

  private source(address: string): SourceState {
    let s = this.sources.get(address);
    if (!s) {
      if (this.sources.size >= LIMITS.sources) this.evictSources();
      s = {
        address: own(address),
        failures: 0,
        firstSeen: Number.POSITIVE_INFINITY,
        lastSeen: 0,
        fast: newDetectorState(this.detectors.fast),
        slow: newDetectorState(this.detectors.slow),
        invalid: new Set(),
        names: new Map(),
        guessed: new Set(),
      };
      this.sources.set(s.address, s);
    }
    return s;
  }

  /** Drop the addresses with the fewest failures (and no detector fired) until a quarter of the room is free. */
  private evictSources(): void {
    for (let keep = 2; this.sources.size > LIMITS.sources * 0.75; keep *= 2) {
      for (const [address, s] of this.sources) {
        if (s.failures < keep && s.fast.trippedAt === null && s.slow.trippedAt === null) {
          this.sources.delete(address);
          this.stats.sourcesDropped++;
        }
      }
      if (keep > 1 << 30) break;
    }
  }

  private fail(src: SourceState, time: number): void {
    src.failures++;
    src.firstSeen = Math.min(src.firstSeen, time);
    src.lastSeen = Math.max(src.lastSeen, time);
    feedDetector(this.detectors.fast, src.fast, time);
    feedDetector(this.detectors.slow, src.slow, time);
  }

  private noteName(src: SourceState, user: string, existing: boolean, passwordGuess: boolean): void {
    if (!existing && src.invalid.size < LIMITS.invalidNamesPerSource) src.invalid.add(hashName(user));
    if (existing && passwordGuess && user !== 'root' && src.guessed.size < LIMITS.namesPerSource && isShowableUser(user, true) && !src.guessed.has(user)) src.guessed.add(own(user));
    if (!isShowableUser(user, existing)) return;
    const n = src.names.get(user);
    if (n !== undefined) src.names.set(user, n + 1);
    else if (src.names.size < LIMITS.namesPerSource) src.names.set(own(user), 1);
  }

  private login(e: Extract<AuthEvent, { kind: 'accepted' }>): void {
    const key = `${e.user}\u0000${e.address}\u0000${e.method}`;
    const src = this.sources.get(e.address);
    const before = src?.failures ?? 0;
    const tripped = src !== undefined && (src.fast.trippedAt !== null || src.slow.trippedAt !== null);
    const l = this.logins.get(key);
    if (l) {
      l.count++;
      l.firstSeen = Math.min(l.firstSeen, e.time);
      l.lastSeen = Math.max(l.lastSeen, e.time);
      l.failuresBefore = Math.max(l.failuresBefore, before);
      l.afterBruteforce ||= tripped;
      return;
    }
    if (this.logins.size >= LIMITS.logins) {
      this.stats.loginsDropped++;
      return;
    }
    this.logins.set(own(key), { user: own(e.user), address: own(e.address), method: own(e.method), count: 1, firstSeen: e.time, lastSeen: e.time, failuresBefore: before, afterBruteforce: tripped });
  }

  private sudo(e: Extract<AuthEvent, { kind: 'sudo' }>): void {
    let u = this.sudoUsers.get(e.user);
    if (!u) {
      if (this.sudoUsers.size >= LIMITS.sudoUsers) {
        this.stats.sudoUsersDropped++;
        return;
      }
      u = { user: own(e.user), runs: 0, runAs: [], commands: [], firstSeen: e.time, lastSeen: e.time, incorrectAttempts: 0, lastIncorrect: null, denied: 0, deniedReason: '', lastDenied: null, runAsSet: new Set(), commandSet: new Set() };
      this.sudoUsers.set(u.user, u);
    }
    u.firstSeen = Math.min(u.firstSeen, e.time);
    u.lastSeen = Math.max(u.lastSeen, e.time);
    if (e.outcome === 'ran') {
      u.runs++;
      if (u.runAsSet.size < 8 && !u.runAsSet.has(e.runAs)) u.runAsSet.add(own(e.runAs));
      if (e.command && u.commandSet.size < 8 && !u.commandSet.has(e.command)) u.commandSet.add(own(e.command));
    } else if (e.outcome === 'incorrect-password') {
      u.incorrectAttempts += e.attempts;
      u.lastIncorrect = Math.max(u.lastIncorrect ?? 0, e.time);
    } else {
      u.denied++;
      if (u.deniedReason !== e.reason) u.deniedReason = own(e.reason);
      u.lastDenied = Math.max(u.lastDenied ?? 0, e.time);
    }
  }

  /**
   * A log may hold a few broken lines, but input in which no line has a header is not a log at all (a wrong path,
   * a binary file): that is a ParseError naming the source and the first such line, never quoting it.
   */
  assertLooksLikeLog(source: string): void {
    const { malformed, oversized, other, events, outsideWindow } = this.stats;
    if (malformed + oversized > 0 && other + events + outsideWindow === 0) {
      throw new ParseError(source, 'no line has a syslog or journal header (is it an auth log?)', this.firstMalformed || 1);
    }
  }

  /** The summary so far. */
  summary(): AuthSummary {
    const sources = [...this.sources.values()]
      .filter((s) => s.failures >= 2 || s.fast.trippedAt !== null || s.slow.trippedAt !== null)
      .sort((a, b) => b.failures - a.failures || a.address.localeCompare(b.address))
      .slice(0, LIMITS.reportedSources)
      .map(
        (s): SourceSummary => ({
          address: s.address,
          failures: s.failures,
          firstSeen: s.firstSeen,
          lastSeen: s.lastSeen,
          fastAt: s.fast.trippedAt,
          slowAt: s.slow.trippedAt,
          invalidUsers: s.invalid.size,
          topUsers: [...s.names]
            .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .slice(0, 3)
            .map(([name, count]) => ({ name, count })),
          accountsGuessed: [...s.guessed].sort(),
        }),
      );
    const logins = [...this.logins.values()].sort((a, b) => a.firstSeen - b.firstSeen || a.user.localeCompare(b.user));
    const sudo = [...this.sudoUsers.values()]
      .map(({ runAsSet, commandSet, ...u }): SudoSummary => ({ ...u, runAs: [...runAsSet].sort(), commands: [...commandSet].sort() }))
      .sort((a, b) => a.user.localeCompare(b.user));
    return { stats: { ...this.stats }, sources, logins, sudo };
  }
}
