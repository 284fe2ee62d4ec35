// Parse one auth log line (syslog or journalctl short-iso) into an authentication event: sshd, sshd-session and sudo.
import { isAddress, normaliseAddress } from './networks';
import type { LogClock } from './timestamps';
import { isAccountName } from './users';

/** Programs whose lines are read. OpenSSH 9.8 moved per-connection logging to sshd-session, 10.0 pre-auth to sshd-auth. */
export const SSHD_PROGRAMS: ReadonlySet<string> = new Set(['sshd', 'sshd-session', 'sshd-auth']);

/** sshd truncates user names to 100 characters in its messages (auth.c "%.100s"); anything longer is not sshd's. */
const MAX_USER = 100;

/** An authentication event. `conn` is the logging process id: one sshd process serves one connection. */
export type AuthEvent =
  /** A rejected authentication attempt ("Failed password for …"). */
  | { kind: 'failed'; time: number; conn: string; address: string; user: string; invalid: boolean; method: string }
  /** A user name that does not exist ("Invalid user … from …"). */
  | { kind: 'invalid-user'; time: number; conn: string; address: string; user: string }
  /** An existing user refused by AllowUsers/DenyUsers/groups/shell. */
  | { kind: 'not-allowed'; time: number; conn: string; address: string; user: string }
  /** The client left during authentication ("Connection closed by authenticating user …", "Too many authentication failures"). */
  | { kind: 'gave-up'; time: number; conn: string; address: string; user: string; invalid: boolean }
  | { kind: 'accepted'; time: number; conn: string; address: string; user: string; method: string }
  /** A connection ended without naming a user. */
  | { kind: 'closed'; time: number; conn: string }
  | { kind: 'sudo'; time: number; user: string; runAs: string; command: string; outcome: 'ran' | 'incorrect-password' | 'denied'; attempts: number; reason: string };

/** The parts of a log line's header. */
export interface LogHeader {
  time: number;
  program: string;
  pid: string;
  /** Index of the message in the line. */
  messageAt: number;
}

/**
 * Split a line into time, program, pid and message offset; null when it has no syslog or journal header.
 * Formats: `2026-11-23T06:14:59.513240+00:00 host prog[pid]: msg` (rsyslog RSYSLOG_FileFormat, journalctl
 * short-iso) and `Nov 23 06:14:59 host prog[pid]: msg` (RSYSLOG_TraditionalFileFormat, journalctl short).
 */
export function parseHeader(line: string, clock: LogClock): LogHeader | null {
  let time: number;
  let at: number;
  if (line.charCodeAt(4) === 45 && line.charCodeAt(10) === 84) {
    const space = line.indexOf(' ', 19);
    if (space < 0) return null;
    time = clock.iso(line, 0, space);
    at = space + 1;
  } else {
    if (line.length < 17 || line.charCodeAt(15) !== 32) return null;
    time = clock.classic(line, 0);
    at = 16;
  }
  if (Number.isNaN(time)) return null;
  const hostEnd = line.indexOf(' ', at);
  if (hostEnd <= at) return null;
  const colon = line.indexOf(': ', hostEnd + 1);
  if (colon < 0) return null;
  const tagStart = hostEnd + 1;
  const bracket = line.indexOf('[', tagStart);
  let program: string;
  let pid = '';
  if (bracket > 0 && bracket < colon && line.charCodeAt(colon - 1) === 93) {
    program = line.slice(tagStart, bracket);
    pid = line.slice(bracket + 1, colon - 1);
  } else {
    program = line.slice(tagStart, colon);
  }
  return { time, program, pid, messageAt: colon + 2 };
}

/** `<address> port <n>` (optionally followed by ` ssh2` and `: <details>`), as sshd ends its messages. */
const ADDRESS_TAIL = /^(\S+) port \d{1,5}(?: ssh2)?(?:: .*)?$/;
/** `<user> <address> port <n>` with an optional ` [preauth]` or `: reason [preauth]`. */
const USER_ADDRESS_TAIL = /^(.*) (\S+) port \d{1,5}(?::.*?)?(?: \[preauth\])?$/;
const HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;
/** sshd's method names: password, publickey, keyboard-interactive/pam, gssapi-with-mic, hostbased, none. */
const AUTH_METHOD = /^[a-z][a-z0-9-]{0,30}(?:\/[a-z0-9-]{1,30})?$/;
/** A command's program as sudo logs it: a path without spaces (arguments are never kept). */
const PROGRAM = /^[\w./+-]{1,200}$/;

function address(text: string): string | null {
  if (isAddress(text)) return normaliseAddress(text);
  // sshd prints a host name instead of the address only with UseDNS yes.
  return HOSTNAME.test(text) ? text.toLowerCase() : null;
}

/** Split `… for [invalid user ]USER from ADDRESS port N ssh2[: details]`; the last " from " is sshd's (USER is the client's). */
function userFrom(rest: string): { user: string; invalid: boolean; address: string } | null {
  const invalid = rest.startsWith('invalid user ');
  const from = rest.lastIndexOf(' from ');
  const userStart = invalid ? 13 : 0;
  if (from < 0 || from < userStart - 1) return null;
  const m = ADDRESS_TAIL.exec(rest.slice(from + 6));
  const a = m ? address(m[1]!) : null;
  const user = rest.slice(userStart, Math.max(userStart, from));
  if (!a || user.length > MAX_USER) return null;
  return { user, invalid, address: a };
}

function sshdEvent(m: string, time: number, conn: string): AuthEvent | 'other' {
  if (m.startsWith('Failed ') || m.startsWith('Accepted ')) {
    const accepted = m.charCodeAt(0) === 65;
    const methodStart = accepted ? 9 : 7;
    const forAt = m.indexOf(' for ', methodStart);
    if (forAt < 0) return 'other';
    const method = m.slice(methodStart, forAt);
    const who = userFrom(m.slice(forAt + 5));
    if (!who || !AUTH_METHOD.test(method)) return 'other';
    if (accepted) return who.invalid || !isAccountName(who.user) ? 'other' : { kind: 'accepted', time, conn, address: who.address, user: who.user, method };
    return { kind: 'failed', time, conn, address: who.address, user: who.user, invalid: who.invalid, method };
  }
  if (m.startsWith('Invalid user ')) {
    const from = m.lastIndexOf(' from ');
    if (from < 12) return 'other';
    const m2 = /^(\S+)(?: port \d{1,5})?$/.exec(m.slice(from + 6));
    const a = m2 ? address(m2[1]!) : null;
    const user = m.slice(13, Math.max(13, from));
    return a && user.length <= MAX_USER ? { kind: 'invalid-user', time, conn, address: a, user } : 'other';
  }
  if (m.startsWith('User ')) {
    const because = m.lastIndexOf(' not allowed because ');
    const from = because > 0 ? m.lastIndexOf(' from ', because) : -1;
    if (from < 4) return 'other';
    const a = address(m.slice(from + 6, because));
    const user = m.slice(5, Math.max(5, from));
    return a && user.length <= MAX_USER ? { kind: 'not-allowed', time, conn, address: a, user } : 'other';
  }
  const gaveUp = /^(?:Connection closed by|Disconnected from|Disconnecting) (authenticating|invalid) user (.*)$/.exec(m);
  if (gaveUp) {
    const tail = USER_ADDRESS_TAIL.exec(gaveUp[2]!);
    const a = tail ? address(tail[2]!) : null;
    if (!tail || !a || tail[1]!.length > MAX_USER) return 'other';
    return { kind: 'gave-up', time, conn, address: a, user: tail[1]!, invalid: gaveUp[1] === 'invalid' };
  }
  if (m.startsWith('Connection closed by ') || m.startsWith('Disconnected from ') || m.startsWith('Connection reset by ')) {
    return { kind: 'closed', time, conn };
  }
  return 'other';
}

const SUDO_DENIED = /^(user NOT in sudoers|user NOT authorized on host|command not allowed)$/;

/**
 * sudo logs `  alex : TTY=pts/0 ; PWD=/home/alex ; USER=root ; COMMAND=/usr/bin/apt update`, with the user name
 * padded to eight columns and an outcome before TTY when it refused (`3 incorrect password attempts ; …`).
 */
function sudoEvent(m: string, time: number): AuthEvent | 'other' {
  if (m.startsWith('pam_')) return 'other';
  const sep = m.indexOf(' : ');
  if (sep < 0) return 'other';
  const user = m.slice(0, sep).trim();
  if (!isAccountName(user)) return 'other';
  const rest = m.slice(sep + 3);
  const fieldEnd = rest.indexOf(' ; ');
  const first = fieldEnd < 0 ? rest : rest.slice(0, fieldEnd);
  let outcome: 'ran' | 'incorrect-password' | 'denied';
  let attempts = 0;
  let reason = '';
  if (/^[A-Z]+=/.test(first)) {
    outcome = 'ran';
  } else {
    const wrong = /^(\d{1,4}) incorrect password attempts?$/.exec(first);
    if (wrong) {
      outcome = 'incorrect-password';
      attempts = Number(wrong[1]);
    } else if (SUDO_DENIED.test(first)) {
      outcome = 'denied';
      reason = first;
    } else {
      // "a password is required" (sudo -n, as Vigil itself uses it) and anything unknown.
      return 'other';
    }
  }
  const runAs = / ; USER=(\S+)/.exec(` ; ${rest}`)?.[1] ?? 'root';
  if (!isAccountName(runAs)) return 'other';
  const commandAt = rest.indexOf('COMMAND=');
  // Only the program: arguments can hold secrets (a password on a command line).
  const program = commandAt < 0 ? '' : (rest.slice(commandAt + 8).split(' ', 1)[0] ?? '');
  return { kind: 'sudo', time, user, runAs, command: PROGRAM.test(program) ? program : '', outcome, attempts, reason };
}

/**
 * One line → an event, `'other'` (a well-formed line this check does not use) or null (no recognisable header).
 * Never throws: a log line is untrusted input.
 */
export function parseAuthLine(line: string, clock: LogClock): AuthEvent | 'other' | null {
  const header = parseHeader(line, clock);
  if (!header) return null;
  if (SSHD_PROGRAMS.has(header.program)) return sshdEvent(line.slice(header.messageAt), header.time, header.pid);
  if (header.program === 'sudo') return sudoEvent(line.slice(header.messageAt), header.time);
  return 'other';
}
