// Recorded scenarios: real sshd 9.2 / sudo / rsyslog / journalctl output (see each fixture's meta.json), replayed
// through the whole check — probe, parse, analyze — by a strict ReplayHost.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveOptions, sshAuth, type SshAuthObservation } from '../../../../collector/checks/ssh-auth';
import { journalctlArgv } from '../../../../collector/checks/ssh-auth/probe';
import { defaultConfig } from '../../../../collector/config/load';
import type { FixtureAnswer } from '../../../../collector/host/fixture';
import { ReplayHost } from '../../../../collector/host/replay-host';
import type { FindingDraft } from '../../../../shared/finding';

const FIX = join(import.meta.dirname, 'fixtures');

interface Meta {
  recorded_at: string;
  options: { known_networks: string[]; expected_sudo_users: string[] };
}

function meta(name: string): Meta {
  return JSON.parse(readFileSync(join(FIX, name, 'meta.json'), 'utf8')) as Meta;
}

const stat = (path: string, mtime: Date): FixtureAnswer => ({ op: 'stat', path, result: { type: 'file', size: 1, mode: 0o640, uid: 0, gid: 4, mtimeMs: mtime.getTime() } });

/** A host whose /var/log/auth.log is the recorded file (the live file only, no rotations). */
function syslogHost(name: string, file: string, now: Date): ReplayHost {
  const answers: FixtureAnswer[] = [
    stat('/var/log/auth.log', now),
    { op: 'list', path: '/var/log', result: [{ name: 'auth.log', type: 'file' }, { name: 'syslog', type: 'file' }] },
    { op: 'read', path: '/var/log/auth.log', result: { text: readFileSync(join(FIX, name, file), 'utf8') } },
  ];
  return new ReplayHost({ vigil_fixture: 1, host: 'vm', kind: 'local', captured_at: now.toISOString(), answers }, 'vm', 'strict');
}

async function run(host: ReplayHost, now: Date, m: Meta, extra: Record<string, unknown> = {}) {
  const config = defaultConfig();
  const options = resolveOptions({ ...m.options, ...extra });
  const gathered = await sshAuth.gather({ host, hostConfig: config.hosts[0]!, options, config, signal: new AbortController().signal, now, previous: undefined, salt: 's' });
  expect(gathered.status).toBe('data');
  const obs = (gathered as { data: SshAuthObservation }).data;
  return { obs, findings: sshAuth.analyze(obs, { host: 'vm', options, now, previous: undefined, salt: 's' }) };
}

const severities = (findings: FindingDraft[]) => Object.fromEntries(findings.map((f) => [f.subject, f.severity]));

const ATTACK = {
  'bruteforce:203.0.113.7': 'high',
  'bruteforce:2001:db8::7': 'high',
  'success-after-failures:root@203.0.113.7': 'critical',
  'root-login:203.0.113.7': 'high',
  'unknown-network:alex@198.51.100.77': 'medium',
  'sudo-failed:alex': 'medium',
  'sudo-unexpected:bob': 'high',
  'sudo-denied:eve': 'high',
};

describe('ssh-auth recorded scenarios', () => {
  it('debian-12-sshd-9.2-clean: key logins from the LAN and expected sudo → nothing', async () => {
    const m = meta('debian-12-sshd-9.2-clean');
    const now = new Date(m.recorded_at);
    for (const file of ['auth.log', 'auth-traditional.log']) {
      const { obs, findings } = await run(syslogHost('debian-12-sshd-9.2-clean', file, now), now, m);
      expect(findings, file).toEqual([]);
      expect(obs.stats.malformed).toBe(0);
      expect(obs.logins).toHaveLength(1);
    }
  });

  it('debian-12-sshd-9.2-bruteforce (RFC 3339): every rule fires with its severity', async () => {
    const m = meta('debian-12-sshd-9.2-bruteforce');
    const now = new Date(m.recorded_at);
    const { obs, findings } = await run(syslogHost('debian-12-sshd-9.2-bruteforce', 'auth.log', now), now, m);
    expect(severities(findings)).toEqual(ATTACK);
    expect(obs.stats).toMatchObject({ malformed: 0, oversized: 0, outsideWindow: 0 });
    const bf = findings.find((f) => f.subject === 'bruteforce:203.0.113.7')!;
    expect(bf.evidence).toMatchObject({ failures: 23, invalid_users: 6, accounts_guessed: 'alex', users: 'root (9), admin (2), alex (2)' });
    const v6 = findings.find((f) => f.subject === 'bruteforce:2001:db8::7')!;
    // Six guesses, then "maximum authentication attempts exceeded" and "Too many authentication failures": still six.
    expect(v6.evidence).toMatchObject({ failures: 6, accounts_guessed: 'eve' });
    expect(findings.find((f) => f.subject === 'success-after-failures:root@203.0.113.7')?.title).toBe(
      'root logged in over SSH on vm from 203.0.113.7 after 23 failed attempts from that address',
    );
    expect(findings.find((f) => f.subject === 'sudo-denied:eve')?.title).toBe('eve tried to use sudo on vm without permission (user NOT in sudoers)');
    // The password typed as a user name is counted, never shown.
    expect(JSON.stringify(findings)).not.toContain('Winter2026');
  });

  it('debian-12-sshd-9.2-bruteforce (traditional format, no year): the same findings', async () => {
    const m = meta('debian-12-sshd-9.2-bruteforce');
    const now = new Date(m.recorded_at);
    const { findings } = await run(syslogHost('debian-12-sshd-9.2-bruteforce', 'auth-traditional.log', now), now, m);
    expect(severities(findings)).toEqual(ATTACK);
  });

  it('debian-12-journalctl-252-bruteforce: the journal (short-iso, newest first) gives the same findings', async () => {
    const name = 'debian-12-journalctl-252-bruteforce';
    const m = meta(name);
    const now = new Date(m.recorded_at);
    const text = readFileSync(join(FIX, name, 'journalctl.txt'), 'utf8');
    const answers: FixtureAnswer[] = [
      { op: 'stat', path: '/var/log/auth.log', result: null },
      { op: 'stat', path: '/var/log/secure', result: null },
      { op: 'exec', argv: journalctlArgv(now.getTime() - 86_400_000), sudo: false, result: { code: 0, stdout: text, stderr: '' } },
    ];
    const host = new ReplayHost({ vigil_fixture: 1, host: 'vm', kind: 'ssh', captured_at: now.toISOString(), answers }, 'vm', 'strict');
    const { obs, findings } = await run(host, now, m);
    expect(obs.origin).toBe('journald');
    expect(severities(findings)).toEqual(ATTACK);
  });

  it('a narrower known network list turns the LAN login into an unknown-network finding', async () => {
    const m = meta('debian-12-sshd-9.2-clean');
    const now = new Date(m.recorded_at);
    const { findings } = await run(syslogHost('debian-12-sshd-9.2-clean', 'auth.log', now), now, m, { known_networks: ['10.0.0.0/8'] });
    expect(severities(findings)).toEqual({ 'unknown-network:alex@192.168.1.23': 'medium' });
  });
});
