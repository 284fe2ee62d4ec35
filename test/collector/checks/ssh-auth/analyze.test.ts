import { describe, expect, it } from 'vitest';
import { newAggregator, resolveOptions, type SshAuthObservation } from '../../../../collector/checks/ssh-auth';
import { LIMITS } from '../../../../collector/checks/ssh-auth/aggregate';
import { analyzeSshAuth } from '../../../../collector/checks/ssh-auth/analyze';
import { feedDetector, newDetectorState } from '../../../../collector/checks/ssh-auth/detectors';
import { DEFAULT_FAST, DEFAULT_SLOW, type Detector } from '../../../../collector/checks/ssh-auth/options';
import type { FindingDraft } from '../../../../shared/finding';

const NOW = new Date('2026-11-23T06:15:00Z');
const BASE = Date.parse('2026-11-23T02:00:00Z');
const stamp = (sec: number) => new Date(BASE + sec * 1000).toISOString().replace('Z', '+00:00');
const sshd = (sec: number, pid: number, msg: string) => `${stamp(sec)} nas sshd[${pid}]: ${msg}`;
const sudo = (sec: number, msg: string) => `${stamp(sec)} ubuntu sudo: ${msg}`;

function analyse(lines: string[], raw: Parameters<typeof resolveOptions>[0] = {}, host = 'nas'): { findings: FindingDraft[]; obs: SshAuthObservation } {
  const options = resolveOptions(raw);
  const agg = newAggregator(NOW, options);
  for (const l of lines) agg.line(l);
  const obs: SshAuthObservation = { ...agg.summary(), origin: 'file', files: [], since: NOW.getTime() - options.window, until: NOW.getTime(), damaged: [], journalTruncated: false };
  return { findings: analyzeSshAuth(obs, options, host), obs };
}
const subjects = (f: FindingDraft[]) => Object.fromEntries(f.map((x) => [x.subject, x.severity]));
/** n password guesses for root from an address, one connection each, `gap` seconds apart. */
const guesses = (address: string, n: number, gap: number, start = 0, pid = 1000) =>
  Array.from({ length: n }, (_, i) => sshd(start + i * gap, pid + i, `Failed password for root from ${address} port ${40000 + i} ssh2`));

describe('ssh-auth detectors (defaults cited from CrowdSec and fail2ban)', () => {
  const fire = (d: Detector, gaps: number[]) => {
    const s = newDetectorState(d);
    let t = 0;
    return gaps.map((g) => feedDetector(d, s, (t += g * 1000))).indexOf(true);
  };

  it('fast (CrowdSec ssh-bf, capacity 5, leak 10s): overflows on the 6th quick failure, never at one per 10 s', () => {
    expect(fire(DEFAULT_FAST, [0, 1, 1, 1, 1, 1, 1])).toBe(5);
    expect(fire(DEFAULT_FAST, Array<number>(50).fill(10))).toBe(-1);
  });

  it('slow (fail2ban sshd, maxretry 5 within findtime 10m): fires at the 5th failure inside ten minutes', () => {
    expect(fire(DEFAULT_SLOW, [0, 120, 120, 120, 119])).toBe(4);
    expect(fire(DEFAULT_SLOW, Array<number>(50).fill(151))).toBe(-1);
  });

  it('time running backwards (out-of-order lines) never drains a bucket below zero or crashes', () => {
    const s = newDetectorState(DEFAULT_FAST);
    for (const t of [5000, 1000, 3000, 2000, 4000, 4500]) feedDetector(DEFAULT_FAST, s, t);
    expect(s.trippedAt).toBe(4500);
  });
});

describe('ssh-auth analysis', () => {
  it('a burst from one address is brute force, titled with count, address, host and span', () => {
    const { findings } = analyse(guesses('203.0.113.7', 12, 50));
    expect(subjects(findings)).toEqual({ 'bruteforce:203.0.113.7': 'medium' });
    expect(findings[0]).toMatchObject({
      title: '12 failed SSH logins from 203.0.113.7 on nas in 9 minutes',
      evidence: { source: '203.0.113.7', failures: 12, detector: 'slow', users: 'root (12)', window: '24h', first_seen: '2026-11-23T02:00:00.000Z' },
    });
  });

  it('counts one attempt per guess: "Invalid user" and its first "Failed" are one, a silent leave counts once', () => {
    const { obs } = analyse([
      sshd(0, 1, 'Invalid user admin from 203.0.113.9 port 1'),
      sshd(1, 1, 'Failed password for invalid user admin from 203.0.113.9 port 1 ssh2'),
      sshd(2, 1, 'Failed password for invalid user admin from 203.0.113.9 port 1 ssh2'),
      sshd(3, 1, 'Disconnected from invalid user admin 203.0.113.9 port 1 [preauth]'),
      sshd(4, 2, 'Invalid user git from 203.0.113.9 port 2'),
      sshd(5, 2, 'Connection closed by invalid user git 203.0.113.9 port 2 [preauth]'),
      sshd(6, 3, 'Connection closed by authenticating user root 203.0.113.9 port 3 [preauth]'),
      sshd(7, 4, 'Failed none for invalid user x from 203.0.113.9 port 4 ssh2'),
      sshd(8, 5, 'Failed publickey for alex from 203.0.113.9 port 5 ssh2: ED25519 SHA256:x'),
    ]);
    expect(obs.sources[0]).toMatchObject({ address: '203.0.113.9', failures: 4, invalidUsers: 2 });
  });

  it('user enumeration without a burst: many non-existent names, only dictionary names shown', () => {
    const names = ['admin', 'Summer2024!x', 'hunter22', 'oracle', 'qwerty-Pa55', 'test', 'zz9plural'];
    const lines = names.map((n, i) => sshd(i * 900, 10 + i, `Invalid user ${n} from 198.51.100.23 port ${i + 1}`));
    const { findings } = analyse(lines);
    expect(subjects(findings)).toEqual({ 'user-enumeration:198.51.100.23': 'low' });
    expect(findings[0]!.title).toBe('198.51.100.23 tried 7 different non-existent user names over SSH on nas');
    expect(findings[0]!.evidence?.users).toBe('admin (1), oracle (1), test (1)');
    for (const secretish of ['Summer2024', 'hunter22', 'qwerty', 'zz9plural']) expect(JSON.stringify(findings)).not.toContain(secretish);
    expect(subjects(analyse(lines, { user_enumeration: 7 }).findings)).toEqual({});
  });

  it('guessing the password of an existing account other than root is high', () => {
    const lines = Array.from({ length: 6 }, (_, i) => sshd(i, 50 + i, `Failed password for admin from 203.0.113.7 port ${i} ssh2`));
    const { findings } = analyse(lines);
    expect(findings[0]).toMatchObject({ severity: 'high', evidence: { accounts_guessed: 'admin' } });
  });

  it('success after failures: medium from a known network, high outside, critical after a brute force', () => {
    const ok = (address: string, sec: number) => sshd(sec, 999, `Accepted password for alex from ${address} port 1 ssh2`);
    const slowFailures = (address: string) => Array.from({ length: 5 }, (_, i) => sshd(i * 700, 100 + i, `Failed password for alex from ${address} port ${i} ssh2`));
    expect(subjects(analyse([...slowFailures('192.168.1.50'), ok('192.168.1.50', 4000)]).findings)).toEqual({ 'success-after-failures:alex@192.168.1.50': 'medium' });
    expect(subjects(analyse([...slowFailures('198.51.100.4'), ok('198.51.100.4', 4000)]).findings)).toEqual({ 'success-after-failures:alex@198.51.100.4': 'high' });
    expect(subjects(analyse([...guesses('203.0.113.7', 8, 1), ok('203.0.113.7', 20)]).findings)).toMatchObject({
      'bruteforce:203.0.113.7': 'medium',
      'success-after-failures:alex@203.0.113.7': 'critical',
    });
    // Four typos then in, from outside: the unknown network is the finding, not the typos.
    const four = slowFailures('198.51.100.4').slice(0, 4);
    expect(subjects(analyse([...four, ok('198.51.100.4', 4000)]).findings)).toEqual({ 'unknown-network:alex@198.51.100.4': 'medium' });
  });

  it('root logins: medium with a key from a known network, high with a password or from outside', () => {
    const root = (address: string, method: string) => [sshd(0, 7, `Accepted ${method} for root from ${address} port 1 ssh2`)];
    expect(subjects(analyse(root('192.168.1.23', 'publickey')).findings)).toEqual({ 'root-login:192.168.1.23': 'medium' });
    expect(subjects(analyse(root('192.168.1.23', 'password')).findings)).toEqual({ 'root-login:192.168.1.23': 'high' });
    expect(subjects(analyse(root('198.51.100.4', 'publickey')).findings)).toEqual({ 'root-login:198.51.100.4': 'high' });
  });

  it('known networks: defaults cover private, CGNAT (Tailscale) and ULA ranges; configured lists replace them', () => {
    const login = (address: string) => [sshd(0, 7, `Accepted publickey for alex from ${address} port 1 ssh2: ED25519 SHA256:x`)];
    for (const a of ['10.1.2.3', '172.20.0.5', '192.168.7.7', '100.101.12.9', 'fd7a:115c:a1e0::1', '::ffff:192.168.1.5']) expect(analyse(login(a)).findings, a).toEqual([]);
    expect(subjects(analyse(login('2001:db8::5')).findings)).toEqual({ 'unknown-network:alex@2001:db8::5': 'medium' });
    expect(subjects(analyse(login('10.1.2.3'), { known_networks: ['192.168.1.0/24', '2001:db8::/32'] }).findings)).toEqual({ 'unknown-network:alex@10.1.2.3': 'medium' });
    expect(analyse(login('2001:db8::5'), { known_networks: ['2001:db8::/32'] }).findings).toEqual([]);
  });

  it('sudo: unexpected users only when expected_sudo_users is set; refusals always; wrong passwords by count', () => {
    const lines = [
      sudo(0, '     bob : TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/usr/bin/apt upgrade -y'),
      sudo(1, '    alex : 1 incorrect password attempt ; TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/usr/bin/id'),
      sudo(2, '    alex : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/usr/bin/id'),
      sudo(3, ' www-data : user NOT in sudoers ; PWD=/ ; USER=root ; COMMAND=/bin/bash'),
      sudo(4, '    root : PWD=/ ; USER=postgres ; COMMAND=/usr/bin/psql'),
    ];
    expect(subjects(analyse(lines).findings)).toEqual({ 'sudo-failed:alex': 'low', 'sudo-denied:www-data': 'high' });
    const { findings } = analyse(lines, { expected_sudo_users: ['alex'] });
    expect(subjects(findings)).toEqual({ 'sudo-unexpected:bob': 'high', 'sudo-failed:alex': 'low', 'sudo-denied:www-data': 'high' });
    expect(findings.find((f) => f.subject === 'sudo-unexpected:bob')!.evidence).toMatchObject({ commands: '/usr/bin/apt', run_as: 'root', runs: 1 });
    const three = [sudo(1, '    alex : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/usr/bin/id')];
    expect(analyse(three).findings[0]).toMatchObject({ severity: 'medium', title: 'alex typed a wrong sudo password 3 times on nas' });
  });

  it('only events inside the window count', () => {
    const old = guesses('203.0.113.7', 12, 1).map((l) => l.replace('2026-11-23T02', '2026-11-21T02'));
    const { findings, obs } = analyse(old);
    expect(findings).toEqual([]);
    expect(obs.stats.outsideWindow).toBe(12);
  });

  it('folds findings beyond twenty per kind into one, so a botnet cannot flood the vault', () => {
    const lines = Array.from({ length: 30 }, (_, s) => guesses(`203.0.113.${s + 1}`, 8, 1, s * 100, s * 100)).flat();
    const { findings } = analyse(lines);
    expect(findings.filter((f) => f.subject.startsWith('bruteforce:203.'))).toHaveLength(20);
    expect(findings.find((f) => f.subject === 'bruteforce:more-sources')).toMatchObject({ title: '10 more addresses brute-forced SSH on nas', evidence: { sources: 10, failures: 80 } });
  });

  it('memory stays bounded: a botnet of 50,000 addresses keeps at most the source cap', () => {
    const options = resolveOptions({});
    const agg = newAggregator(NOW, options);
    for (let i = 0; i < 50_000; i++) agg.line(sshd(i % 3600, i, `Failed password for root from 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} port 1 ssh2`));
    for (let i = 0; i < 7; i++) agg.line(sshd(4000 + i, 9, 'Failed password for root from 203.0.113.7 port 1 ssh2'));
    const summary = agg.summary();
    expect(summary.stats.sourcesDropped).toBeGreaterThan(50_000 - LIMITS.sources);
    // The brute force that matters is still there.
    expect(summary.sources.map((s) => s.address)).toEqual(['203.0.113.7']);
  });

  it('health: damaged rotations, a truncated journal and many unreadable lines are info findings', () => {
    const lines = [...Array.from({ length: 150 }, () => '\u0000\u0001 binary'), ...guesses('192.168.1.9', 1, 1)];
    const options = resolveOptions({});
    const agg = newAggregator(NOW, options);
    for (const l of lines) agg.line(l);
    const obs: SshAuthObservation = { ...agg.summary(), origin: 'file', files: [], since: 0, until: NOW.getTime(), damaged: ['/var/log/auth.log.2.gz'], journalTruncated: true };
    expect(subjects(analyzeSshAuth(obs, options, 'nas'))).toEqual({ 'log-damaged:/var/log/auth.log.2.gz': 'info', 'journal-truncated': 'info', 'unreadable-lines': 'info' });
  });
});
