import { describe, expect, it } from 'vitest';
import { parseAuthLine, parseHeader, type AuthEvent } from '../../../../collector/checks/ssh-auth/parse';
import { LogClock } from '../../../../collector/checks/ssh-auth/timestamps';

const NOW = new Date('2026-11-23T06:15:00Z');
const clock = new LogClock(NOW);
const at = (iso: string) => Date.parse(iso);

function event(line: string): AuthEvent | 'other' | null {
  return parseAuthLine(line, clock);
}

describe('ssh-auth timestamps', () => {
  it('reads rsyslog RFC 3339 with microseconds and any offset, and journalctl short-iso with +0000', () => {
    expect(clock.iso('2026-11-23T06:14:59.513240+00:00', 0, 32)).toBe(at('2026-11-23T06:14:59.513Z'));
    expect(clock.iso('2026-11-23T07:14:59.5+01:00', 0, 27)).toBe(at('2026-11-23T06:14:59.500Z'));
    expect(clock.iso('2026-11-23T06:14:59+0000', 0, 24)).toBe(at('2026-11-23T06:14:59Z'));
    expect(clock.iso('2026-11-23T01:14:59-0500', 0, 24)).toBe(at('2026-11-23T06:14:59Z'));
    expect(clock.iso('2026-11-23T06:14:59Z', 0, 20)).toBe(at('2026-11-23T06:14:59Z'));
    for (const bad of ['2026-13-23T06:14:59+00:00', '2026-11-23T06:14:59+00', '2026-11-23T06:14:59', '2026-1x-23T06:14:59+00:00']) {
      expect(clock.iso(bad, 0, bad.length), bad).toBeNaN();
    }
  });

  it('classic timestamps take the year from the clock, and last year for dates ahead of it (New Year)', () => {
    expect(clock.classic('Nov 23 06:14:59', 0)).toBe(at('2026-11-23T06:14:59Z'));
    expect(clock.classic('Nov  3 06:14:59', 0)).toBe(at('2026-11-03T06:14:59Z'));
    const newYear = new LogClock(new Date('2027-01-01T00:10:00Z'));
    expect(newYear.classic('Dec 31 23:59:58', 0)).toBe(at('2026-12-31T23:59:58Z'));
    expect(newYear.classic('Jan  1 00:09:00', 0)).toBe(at('2027-01-01T00:09:00Z'));
    // A few hours of clock skew ahead is still this year.
    expect(clock.classic('Nov 23 09:00:00', 0)).toBe(at('2026-11-23T09:00:00Z'));
    for (const bad of ['Foo 23 06:14:59', 'Nov 32 06:14:59', 'Nov 23 25:14:59', 'Nov 23 06-14-59']) expect(clock.classic(bad, 0), bad).toBeNaN();
  });

  it('classic timestamps are read in the configured zone, across a daylight-saving change', () => {
    const berlin = new LogClock(NOW, 'Europe/Berlin');
    expect(berlin.classic('Nov 23 07:14:59', 0)).toBe(at('2026-11-23T06:14:59Z'));
    expect(berlin.classic('Jul 23 08:14:59', 0)).toBe(at('2026-07-23T06:14:59Z'));
  });
});

describe('ssh-auth line headers', () => {
  it('splits program, pid and message in both formats', () => {
    const iso = '2026-11-23T06:14:59.513240+00:00 nas sshd[1234]: Failed password for root from 203.0.113.7 port 50022 ssh2';
    expect(parseHeader(iso, clock)).toMatchObject({ program: 'sshd', pid: '1234', time: at('2026-11-23T06:14:59.513Z') });
    const classic = 'Nov 23 06:14:59 nas sudo: pam_unix(sudo:session): session closed for user root';
    expect(parseHeader(classic, clock)).toMatchObject({ program: 'sudo', pid: '' });
    expect(classic.slice(parseHeader(classic, clock)!.messageAt)).toBe('pam_unix(sudo:session): session closed for user root');
  });

  it('returns null for lines without a header, and "other" for other programs', () => {
    for (const bad of ['', 'garbage', '\u0000\u0001\u0002', 'Nov 23 06:14:59', '2026-11-23T06:14:59+00:00 host', 'Nov 23 06:14:59 nas no colon here']) {
      expect(event(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(event('2026-11-23T06:17:01.001+00:00 ubuntu CRON[2211]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)')).toBe('other');
    expect(event('Nov 23 06:14:59 nas sshd[1]: Server listening on 0.0.0.0 port 22.')).toBe('other');
  });
});

describe('ssh-auth sshd messages', () => {
  const t = at('2026-11-23T06:14:59Z');
  const line = (program: string, msg: string) => `Nov 23 06:14:59 host ${program}[77]: ${msg}`;

  it('failed and accepted logins, invalid users, with sshd, sshd-session (OpenSSH 9.8+) and sshd-auth (10.0+)', () => {
    for (const program of ['sshd', 'sshd-session', 'sshd-auth']) {
      expect(event(line(program, 'Failed password for invalid user admin from 203.0.113.7 port 50022 ssh2'))).toEqual({
        kind: 'failed', time: t, conn: '77', address: '203.0.113.7', user: 'admin', invalid: true, method: 'password',
      });
    }
    expect(event(line('sshd', 'Failed keyboard-interactive/pam for root from 2001:DB8::7 port 1 ssh2'))).toMatchObject({ kind: 'failed', address: '2001:db8::7', user: 'root', invalid: false, method: 'keyboard-interactive/pam' });
    expect(event(line('sshd', 'Failed publickey for alex from ::ffff:192.168.1.23 port 5 ssh2: ED25519 SHA256:abc'))).toMatchObject({ address: '192.168.1.23', user: 'alex', method: 'publickey' });
    expect(event(line('sshd-session', 'Accepted publickey for alex from 192.168.1.23 port 51544 ssh2: ED25519 SHA256:cQaQ2pie'))).toEqual({
      kind: 'accepted', time: t, conn: '77', address: '192.168.1.23', user: 'alex', method: 'publickey',
    });
    expect(event(line('sshd', 'Invalid user  from 203.0.113.7 port 4'))).toMatchObject({ kind: 'invalid-user', user: '' });
    expect(event(line('sshd', 'Invalid user oracle from 203.0.113.7'))).toMatchObject({ kind: 'invalid-user', user: 'oracle', address: '203.0.113.7' });
    expect(event(line('sshd', 'User root from 203.0.113.7 not allowed because not listed in AllowUsers'))).toMatchObject({ kind: 'not-allowed', user: 'root' });
  });

  it('clients leaving during authentication, and connection ends', () => {
    expect(event(line('sshd', 'Connection closed by authenticating user root 203.0.113.7 port 46112 [preauth]'))).toMatchObject({ kind: 'gave-up', user: 'root', invalid: false, address: '203.0.113.7' });
    expect(event(line('sshd', 'Disconnected from invalid user test 203.0.113.7 port 1 [preauth]'))).toMatchObject({ kind: 'gave-up', user: 'test', invalid: true });
    expect(event(line('sshd', 'Disconnecting authenticating user eve 2001:db8::7 port 41367: Too many authentication failures [preauth]'))).toMatchObject({ kind: 'gave-up', user: 'eve', address: '2001:db8::7' });
    expect(event(line('sshd', 'Connection closed by 203.0.113.7 port 5 [preauth]'))).toEqual({ kind: 'closed', time: t, conn: '77' });
    expect(event(line('sshd', 'Disconnected from user alex 192.168.1.23 port 51544'))).toMatchObject({ kind: 'closed' });
    // Counted through the "Failed" lines they follow, never twice.
    expect(event(line('sshd', 'error: maximum authentication attempts exceeded for eve from 2001:db8::7 port 1 ssh2 [preauth]'))).toBe('other');
    expect(event(line('sshd', 'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7  user=root'))).toBe('other');
  });

  it('takes the address from sshd\'s own " from ", not one the client put into the user name', () => {
    expect(event(line('sshd', 'Failed password for invalid user x from 10.9.9.9 port 22 ssh2 from 203.0.113.7 port 4 ssh2'))).toMatchObject({
      address: '203.0.113.7',
      user: 'x from 10.9.9.9 port 22 ssh2',
    });
    expect(event(line('sshd', 'Connection closed by invalid user a 10.9.9.9 port 1 203.0.113.7 port 2 [preauth]'))).toMatchObject({ address: '203.0.113.7' });
    // An address that is neither an IP nor a host name is not an event.
    expect(event(line('sshd', 'Failed password for root from <script> port 4 ssh2'))).toBe('other');
    expect(event(line('sshd', `Failed password for ${'u'.repeat(150)} from 203.0.113.7 port 4 ssh2`))).toBe('other');
  });
});

describe('ssh-auth sudo messages', () => {
  const line = (msg: string) => `2026-11-23T06:14:59.100000+00:00 ubuntu sudo: ${msg}`;

  it('commands run, wrong passwords, refusals; only the program of a command is kept', () => {
    expect(event(line('    alex : TTY=pts/0 ; PWD=/home/alex ; USER=root ; COMMAND=/usr/bin/mysql -psecret'))).toMatchObject({
      kind: 'sudo', user: 'alex', runAs: 'root', command: '/usr/bin/mysql', outcome: 'ran',
    });
    expect(event(line('    alex : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/alex ; USER=root ; COMMAND=/usr/bin/apt upgrade'))).toMatchObject({ outcome: 'incorrect-password', attempts: 3 });
    expect(event(line('    alex : 1 incorrect password attempt ; TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/usr/bin/id'))).toMatchObject({ attempts: 1 });
    expect(event(line('     eve : user NOT in sudoers ; PWD=/ ; USER=root ; COMMAND=/usr/bin/id'))).toMatchObject({ outcome: 'denied', reason: 'user NOT in sudoers' });
    expect(event(line('     bob : command not allowed ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/bin/sh'))).toMatchObject({ outcome: 'denied', reason: 'command not allowed' });
    expect(event(line('   vigil : PWD=/ ; USER=postgres ; COMMAND=/usr/bin/psql'))).toMatchObject({ runAs: 'postgres' });
  });

  it('ignores PAM chatter and sudo -n without a cached password (how Vigil itself calls sudo)', () => {
    expect(event(line('pam_unix(sudo:auth): authentication failure; logname=alex uid=1000 euid=0 tty=/dev/pts/0 ruser=alex rhost=  user=alex'))).toBe('other');
    expect(event(line('   vigil : a password is required ; PWD=/ ; USER=root ; COMMAND=/usr/bin/ls'))).toBe('other');
    expect(event(line('unable to resolve host ubuntu: Name or service not known'))).toBe('other');
  });
});
