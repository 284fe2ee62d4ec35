// Demo answers for ssh-auth: the nas's port-forwarded SSH under attack, alex on sentinel from a hotel, a tired sudo on ubuntu.
import { journalctlArgv } from '../../checks/ssh-auth/probe';
import type { FixtureAnswer } from '../../host/fixture';
import { execAnswer, hoursBefore, missing, statAnswer } from '../builders';
import type { DemoAnswers } from './types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** rsyslog's default file format on Ubuntu 24.04 and Debian 12 (RFC 3339, microseconds). */
function rfc3339(d: Date): string {
  return `${d.toISOString().slice(0, 19)}.${pad(d.getUTCMilliseconds(), 3)}${pad((d.getTime() * 7) % 1000, 3)}+00:00`;
}

/** The classic BSD syslog stamp (no year). */
function classic(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
}

/** journalctl --utc -o short-iso on systemd 252 (Raspberry Pi OS bookworm). */
function shortIso(d: Date): string {
  return `${d.toISOString().slice(0, 19)}+0000`;
}

/** Minutes before `now`. */
const ago = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

/** A deterministic stream of source ports and pids. */
function counter(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648);
}

/** The Ubuntu box: alex's LAN and Tailscale logins (OpenSSH's sshd-session), sudo, and three wrong sudo passwords late at night. */
function ubuntuLog(now: Date): string[] {
  const next = counter(7);
  const port = () => 40000 + (next() % 25000);
  const line = (minutes: number, tag: string, msg: string) => `${rfc3339(ago(now, minutes))} ubuntu ${tag}: ${msg}`;
  const login = (minutes: number, pid: number, from: string) => [
    line(minutes, `sshd-session[${pid}]`, `Accepted publickey for alex from ${from} port ${port()} ssh2: ED25519 SHA256:Xq8y1cXK2m6vWc3l0h6Qe4tGm1bJpG8b2D0ZfQyJx7U`),
    line(minutes, `sshd-session[${pid}]`, 'pam_unix(sshd:session): session opened for user alex(uid=1000) by alex(uid=0)'),
    line(minutes, 'systemd-logind[812]', `New session ${pid % 90} of user alex.`),
  ];
  const cron = (minutes: number) => line(minutes, `CRON[${70000 + minutes}]`, 'pam_unix(cron:session): session opened for user root(uid=0) by root(uid=0)');
  return [
    // Before the window (the day before): read, not counted.
    cron(1750),
    line(1745, 'sudo', '    alex : TTY=pts/1 ; PWD=/home/alex ; USER=root ; COMMAND=/usr/bin/apt full-upgrade'),
    ...login(1330, 51240, '192.168.1.23'),
    line(1328, 'sudo', '    alex : TTY=pts/0 ; PWD=/opt/stacks/immich ; USER=root ; COMMAND=/usr/bin/docker compose pull'),
    line(1328, 'sudo', 'pam_unix(sudo:session): session opened for user root(uid=0) by alex(uid=1000)'),
    cron(1275),
    ...login(1065, 52018, '100.101.12.9'),
    line(1030, `sshd-session[52018]`, 'Disconnected from user alex 100.101.12.9 port 50112'),
    cron(915),
    ...login(400, 53377, '192.168.1.23'),
    line(394, 'sudo', 'pam_unix(sudo:auth): authentication failure; logname=alex uid=1000 euid=0 tty=/dev/pts/2 ruser=alex rhost=  user=alex'),
    line(393, 'sudo', '    alex : 3 incorrect password attempts ; TTY=pts/2 ; PWD=/opt/stacks/paperless ; USER=root ; COMMAND=/usr/bin/docker compose up -d'),
    line(392, 'sudo', '    alex : TTY=pts/2 ; PWD=/opt/stacks/paperless ; USER=root ; COMMAND=/usr/bin/docker compose up -d'),
    line(392, 'sudo', 'pam_unix(sudo:session): session opened for user root(uid=0) by alex(uid=1000)'),
    line(380, `sshd-session[53377]`, 'Disconnected from user alex 192.168.1.23 port 51544'),
    cron(195),
    cron(15),
  ];
}

/** The Synology: a burst from 203.0.113.7 that also guesses alex's password, and a slow user-name prober. */
function nasLog(now: Date): string[] {
  const next = counter(11);
  const port = () => 30000 + (next() % 30000);
  const pid = () => 20000 + (next() % 9000);
  const out: { seconds: number; text: string }[] = [];
  const line = (seconds: number, p: number, msg: string) => out.push({ seconds, text: `${classic(new Date(now.getTime() - seconds * 1000))} nas sshd[${p}]: ${msg}` });
  line(70_000, 9876, 'Server listening on 0.0.0.0 port 22.');
  const alexIn = pid();
  line(38_200, alexIn, `Accepted publickey for alex from 192.168.1.23 port ${port()} ssh2: ED25519 SHA256:Xq8y1cXK2m6vWc3l0h6Qe4tGm1bJpG8b2D0ZfQyJx7U`);
  // The prober: one name every 40 minutes through the night, too slow for either brute-force detector.
  ['ubnt', 'support', 'Passw0rd2019', 'guest', 'oracle', 'ftpuser', 'hadoop', 'qwe123asd', 'git', 'minecraft', 'test1', 'postgres'].forEach((name, i) => {
    const p = pid();
    const t = 30_000 - i * 2400;
    const from = port();
    line(t, p, `Invalid user ${name} from 198.51.100.23 port ${from}`);
    line(t - 2, p, `Connection closed by invalid user ${name} 198.51.100.23 port ${from} [preauth]`);
  });
  // The burst, 04:00 UTC: dictionary names, root, and the owner's own account name.
  const burst = 8100;
  const targets = ['root', 'root', 'admin', 'root', 'alex', 'root', 'test', 'alex', 'root', 'ubuntu', 'root', 'alex', 'root', 'pi', 'root', 'admin', 'root', 'alex'];
  targets.forEach((user, i) => {
    const p = pid();
    const t = burst - i * 11;
    const known = user === 'root' || user === 'alex';
    const who = known ? user : `invalid user ${user}`;
    const from = port();
    if (!known) line(t + 1, p, `Invalid user ${user} from 203.0.113.7 port ${from}`);
    line(t, p, `Failed password for ${who} from 203.0.113.7 port ${from} ssh2`);
    line(t - 1, p, `Failed password for ${who} from 203.0.113.7 port ${from} ssh2`);
    line(t - 2, p, `Connection closed by ${known ? 'authenticating' : 'invalid'} user ${user} 203.0.113.7 port ${from} [preauth]`);
  });
  // Background noise below every threshold, and Vigil's own login for this capture.
  line(5000, pid(), `Connection closed by 198.51.100.54 port ${port()} [preauth]`);
  line(90, pid(), `Accepted publickey for vigil from 192.168.1.50 port ${port()} ssh2: ED25519 SHA256:4vN1o8h5y3xYw0cR9mT2pL6kS8dF1gH3jK5lZ7xC9vB`);
  // syslog writes in time order (a stable sort keeps each connection's lines in the order logged).
  return out.sort((a, b) => b.seconds - a.seconds).map((l) => l.text);
}

/** sentinel: only the journal; alex logs in from a hotel network, then restarts NUT. */
function sentinelJournal(now: Date): string {
  const line = (minutes: number, tag: string, msg: string) => `${shortIso(ago(now, minutes))} sentinel ${tag}: ${msg}`;
  const lines = [
    line(720, 'sshd[2231]', 'Accepted publickey for alex from 100.101.12.9 port 52211 ssh2: ED25519 SHA256:Xq8y1cXK2m6vWc3l0h6Qe4tGm1bJpG8b2D0ZfQyJx7U'),
    line(720, 'sshd[2231]', 'pam_unix(sshd:session): session opened for user alex(uid=1000) by (uid=0)'),
    line(702, 'sshd[2231]', 'pam_unix(sshd:session): session closed for user alex'),
    line(508, 'sshd[3307]', 'Accepted publickey for alex from 198.51.100.77 port 61822 ssh2: ED25519 SHA256:Xq8y1cXK2m6vWc3l0h6Qe4tGm1bJpG8b2D0ZfQyJx7U'),
    line(508, 'sshd[3307]', 'pam_unix(sshd:session): session opened for user alex(uid=1000) by (uid=0)'),
    line(505, 'sudo', '    alex : TTY=pts/0 ; PWD=/home/alex ; USER=root ; COMMAND=/usr/bin/systemctl restart nut-server'),
    line(505, 'sudo', 'pam_unix(sudo:session): session opened for user root(uid=0) by alex(uid=1000)'),
    line(490, 'sshd[3307]', 'Disconnected from user alex 198.51.100.77 port 61822'),
  ];
  return `${lines.reverse().join('\n')}\n`;
}

function authLog(path: string, lines: string[], now: Date, rotated: string[]): FixtureAnswer[] {
  const text = `${lines.join('\n')}\n`;
  return [
    statAnswer(path, 'file', 0o640, Buffer.byteLength(text), ago(now, 2), 0),
    { op: 'list', path: '/var/log', result: [...rotated, 'auth.log', 'dpkg.log', 'kern.log', 'syslog', 'syslog.1'].sort().map((name) => ({ name, type: 'file' as const })) },
    { op: 'read', path, result: { lines } },
  ];
}

export const sshAuthAnswers: DemoAnswers = {
  ubuntu: (now) => [
    ...authLog('/var/log/auth.log', ubuntuLog(now), now, ['auth.log.1', 'auth.log.2.gz', 'auth.log.3.gz']),
    // Rotated weekly (Ubuntu's rsyslog logrotate) last Sunday night: older than the window, so not read.
    statAnswer('/var/log/auth.log.1', 'file', 0o640, 183_412, hoursBefore(now, 30), 0),
  ],
  nas: (now) => authLog('/var/log/auth.log', nasLog(now), now, []),
  sentinel: (now) => [
    missing('/var/log/auth.log'),
    missing('/var/log/secure'),
    execAnswer(journalctlArgv(now.getTime() - 24 * 3_600_000), sentinelJournal(now)),
  ],
};
