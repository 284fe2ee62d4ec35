// Live: a real sshd, rsyslogd and sudo in a private lab; failed and successful logins, sudo use; the check reads the
// auth.log rsyslog wrote. With VIGIL_RECORD=1 the same run (re)writes the recorded fixtures next to this file.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshAuth, resolveOptions, type SshAuthObservation } from '../../../../collector/checks/ssh-auth';
import { journalctlArgv } from '../../../../collector/checks/ssh-auth/probe';
import { defaultConfig } from '../../../../collector/config/load';
import { LocalHost } from '../../../../collector/host/local-host';
import type { FindingDraft } from '../../../../shared/finding';
import { LAB_ROOT_PASSWORD, LAB_USERS, startLab, type Lab } from './lab/lab';

const RECORD = process.env.VIGIL_RECORD === '1';
const FIX = join(import.meta.dirname, 'fixtures');
/** A password typed at the user-name prompt: it must never appear in any output. */
const TYPED_PASSWORD = 'Winter2026!';
const OPTIONS = { known_networks: ['192.168.1.0/24', '100.64.0.0/10'], expected_sudo_users: ['alex'] };

let lab: Lab | null = null;
const snapshots: Record<'clean' | 'attack', { authLog: string; traditional: string; at: Date }> = {} as never;

function snapshot(name: 'clean' | 'attack'): void {
  const dir = join(lab!.dir, `snapshot-${name}`);
  mkdirSync(dir);
  copyFileSync(lab!.authLog, join(dir, 'auth.log'));
  copyFileSync(lab!.traditionalLog, join(dir, 'auth-traditional.log'));
  snapshots[name] = { authLog: join(dir, 'auth.log'), traditional: join(dir, 'auth-traditional.log'), at: new Date() };
}

function record(name: string, from: 'clean' | 'attack', description: string): void {
  const dir = join(FIX, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(snapshots[from].authLog, join(dir, 'auth.log'));
  copyFileSync(snapshots[from].traditional, join(dir, 'auth-traditional.log'));
  const version = (argv: string[]) => execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8' }).split('\n')[0]!.trim();
  const meta = {
    description,
    recorded_at: snapshots[from].at.toISOString(),
    recorded_with: {
      dpkg: execFileSync('dpkg-query', ['-W', '-f', '${Package} ${Version}\\n', 'openssh-server', 'rsyslog', 'sudo'], { encoding: 'utf8' }).trim().split('\n'),
      os: version(['sh', '-c', '. /etc/os-release; echo "$PRETTY_NAME"']),
    },
    options: OPTIONS,
  };
  writeFileSync(join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
}

/**
 * The same events as journalctl prints them: the syslog lines become journal entries (systemd-journal-remote writes
 * the journal file) and the real journalctl formats them with the check's own arguments.
 */
function recordJournal(name: string, from: 'clean' | 'attack'): void {
  const remote = '/lib/systemd/systemd-journal-remote';
  if (!existsSync(remote)) return console.warn('not recording the journal fixture: systemd-journal-remote is not installed');
  const entries = readFileSync(snapshots[from].authLog, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const m = /^(\S+) (\S+) ([^[:]+)(?:\[(\d+)\])?: (.*)$/.exec(line)!;
      const usec = BigInt(Date.parse(m[1]!)) * 1000n + BigInt(Number(/\.(\d{6})/.exec(m[1]!)?.[1] ?? 0) % 1000);
      const fields = [`__REALTIME_TIMESTAMP=${usec}`, `__MONOTONIC_TIMESTAMP=${usec - 1_700_000_000_000_000n}`, '_BOOT_ID=5e1f0a2b3c4d4e5f8a9b0c1d2e3f4a5b'];
      fields.push(`_HOSTNAME=${m[2]}`, `SYSLOG_IDENTIFIER=${m[3]}`, ...(m[4] ? [`_PID=${m[4]}`] : []), `MESSAGE=${m[5]}`, 'PRIORITY=6');
      return `${fields.join('\n')}\n\n`;
    })
    .join('');
  const journal = join(lab!.dir, `${name}.journal`);
  execFileSync(remote, [`--output=${journal}`, '-'], { input: entries, stdio: ['pipe', 'ignore', 'ignore'] });
  const [cmd, ...args] = journalctlArgv(Date.parse(snapshots[from].at.toISOString()) - 86_400_000);
  const text = execFileSync(cmd!, [`--file=${journal}`, ...args], { encoding: 'utf8' });
  const dir = join(FIX, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'journalctl.txt'), text);
  writeFileSync(
    join(dir, 'meta.json'),
    `${JSON.stringify({ description: `journalctl ${execFileSync('journalctl', ['--version'], { encoding: 'utf8' }).split('\n')[0]} output (short-iso, --reverse) of the debian-12-sshd-9.2-bruteforce events`, recorded_at: snapshots[from].at.toISOString(), options: OPTIONS }, null, 2)}\n`,
  );
}

async function check(log: string, now = new Date()) {
  const config = defaultConfig();
  const options = resolveOptions({ source: 'file', log, ...OPTIONS });
  const gathered = await sshAuth.gather({ host: new LocalHost('lab'), hostConfig: config.hosts[0]!, options, config, signal: new AbortController().signal, now, previous: undefined, salt: 'test' });
  expect(gathered.status).toBe('data');
  const obs = (gathered as { data: SshAuthObservation }).data;
  return { obs, findings: sshAuth.analyze(obs, { host: 'lab', options, now, previous: undefined, salt: 'test' }) };
}

const bySubject = (findings: FindingDraft[]) => Object.fromEntries(findings.map((f) => [f.subject, f.severity]));

beforeAll(async () => {
  lab = await startLab(['203.0.113.7/32', '198.51.100.77/32', '192.168.1.23/32', '2001:db8::7/128']);
  if (!lab) return;
  const wrong = (n: number) => Array.from({ length: n }, (_, i) => `guess-${i + 1}`);
  // A normal morning: alex with her key from the LAN, then sudo with the right password.
  await lab.ssh([
    { from: '192.168.1.23', user: 'alex', key: lab.alexKey },
    { from: '192.168.1.23', user: 'alex', key: lab.alexKey },
  ]);
  expect(await lab.sudo('alex', [LAB_USERS.alex.password], ['/usr/bin/id'])).toBe(0);
  await lab.settle();
  snapshot('clean');
  // The attack: dictionary names, a typed password as a user name, root guesses, a real account's password guessed,
  // then the right root password; an IPv6 address hammering eve; alex from a hotel; sudo mistakes and refusals.
  await lab.ssh([
    ...['admin', 'oracle', 'test', 'ubuntu', TYPED_PASSWORD, 'postgres'].map((user) => ({ from: '203.0.113.7', user, passwords: wrong(2) })),
    ...[1, 2, 3].map(() => ({ from: '203.0.113.7', user: 'root', passwords: wrong(3) })),
    { from: '203.0.113.7', user: 'alex', passwords: wrong(2) },
    { from: '2001:db8::7', user: 'eve', passwords: wrong(6) },
    { from: '203.0.113.7', user: 'root', passwords: [LAB_ROOT_PASSWORD] },
    { from: '198.51.100.77', user: 'alex', passwords: [LAB_USERS.alex.password] },
  ]);
  expect(await lab.sudo('alex', ['typo-1', 'typo-2', 'typo-3'], ['/usr/bin/id'])).toBe(1);
  expect(await lab.sudo('bob', [LAB_USERS.bob.password], ['/usr/bin/id'])).toBe(0);
  expect(await lab.sudo('eve', [LAB_USERS.eve.password], ['/usr/bin/id'])).toBe(1);
  await lab.settle();
  snapshot('attack');
  if (RECORD) {
    record('debian-12-sshd-9.2-clean', 'clean', 'A quiet morning: alex logs in with her key from the LAN and uses sudo. Must find nothing.');
    record(
      'debian-12-sshd-9.2-bruteforce',
      'attack',
      'Brute force from 203.0.113.7 (dictionary names, a password typed as a user name, root guesses, alex guessed) ending in a root password login; eve hammered from 2001:db8::7; alex from 198.51.100.77; sudo: alex wrong 3 times, bob (unexpected) ran it, eve refused.',
    );
    recordJournal('debian-12-journalctl-252-bruteforce', 'attack');
  }
}, 120_000);

afterAll(async () => {
  await lab?.stop();
});

describe('ssh-auth live (real sshd 9.2, rsyslogd and sudo in a private lab)', () => {
  it('clean: key logins from the LAN and sudo by an expected user → nothing', async (t) => {
    // Null only outside CI: startLab throws under CI=true when a component is missing.
    if (!lab) return t.skip();
    const { obs, findings } = await check(snapshots.clean.authLog);
    expect(obs.logins.map((l) => `${l.user}@${l.address} ${l.method}`)).toEqual(['alex@192.168.1.23 publickey']);
    expect(obs.sudo.map((s) => [s.user, s.runs])).toEqual([['alex', 1]]);
    expect(findings).toEqual([]);
  });

  it('attack: brute force, root in after failures, an unknown network, sudo failures and refusals', async (t) => {
    // Null only outside CI: startLab throws under CI=true when a component is missing.
    if (!lab) return t.skip();
    const { findings } = await check(snapshots.attack.authLog);
    expect(bySubject(findings)).toEqual({
      'bruteforce:203.0.113.7': 'high',
      'bruteforce:2001:db8::7': 'high',
      'success-after-failures:root@203.0.113.7': 'critical',
      'root-login:203.0.113.7': 'high',
      'unknown-network:alex@198.51.100.77': 'medium',
      'sudo-failed:alex': 'medium',
      'sudo-unexpected:bob': 'high',
      'sudo-denied:eve': 'high',
    });
    const bf = findings.find((f) => f.subject === 'bruteforce:203.0.113.7')!;
    // 6 names × 2 guesses + 3 × 3 root guesses + 2 alex guesses, each counted once.
    expect(bf.evidence).toMatchObject({ source: '203.0.113.7', failures: 23, invalid_users: 6, accounts_guessed: 'alex', detector: 'fast, slow' });
    expect(bf.title).toMatch(/^23 failed SSH logins from 203\.0\.113\.7 on lab in /);
    expect(JSON.stringify(findings)).not.toContain(TYPED_PASSWORD);
  });

  it('reads the same events from the traditional syslog format', async (t) => {
    // Null only outside CI: startLab throws under CI=true when a component is missing.
    if (!lab) return t.skip();
    const iso = await check(snapshots.attack.authLog);
    const classic = await check(snapshots.attack.traditional);
    expect(bySubject(classic.findings)).toEqual(bySubject(iso.findings));
    expect(classic.obs.stats.events).toBe(iso.obs.stats.events);
  });

  it('ignores what happened before the window', async (t) => {
    // Null only outside CI: startLab throws under CI=true when a component is missing.
    if (!lab) return t.skip();
    const tomorrow = new Date(Date.now() + 2 * 86_400_000);
    const { obs, findings } = await check(snapshots.attack.authLog, tomorrow);
    expect(findings).toEqual([]);
    expect(obs.stats.outsideWindow).toBeGreaterThan(20);
  });

  it('writes nothing into the auth log it reads', async (t) => {
    // Null only outside CI: startLab throws under CI=true when a component is missing.
    if (!lab) return t.skip();
    const before = readFileSync(snapshots.attack.authLog);
    await check(snapshots.attack.authLog);
    expect(readFileSync(snapshots.attack.authLog).equals(before)).toBe(true);
  });
});
