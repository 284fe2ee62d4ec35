import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveOptions, sshAuth, type SshAuthObservation } from '../../../../collector/checks/ssh-auth';
import { forEachLineReversed, LineSplitter } from '../../../../collector/checks/ssh-auth/lines';
import { journalctlArgv } from '../../../../collector/checks/ssh-auth/probe';
import { defaultConfig } from '../../../../collector/config/load';
import { ParseError } from '../../../../collector/errors/parse-error';
import { ProbeError } from '../../../../collector/errors/probe-error';
import type { FixtureAnswer } from '../../../../collector/host/fixture';
import type { Host } from '../../../../collector/host/host';
import { LocalHost } from '../../../../collector/host/local-host';
import { ReplayHost } from '../../../../collector/host/replay-host';
import { tempDir } from '../../../helpers/tmp';

const NOW = new Date('2026-11-23T06:15:00Z');
const H = 3_600_000;
const fail = (iso: string, address: string) => `${iso} nas sshd[4242]: Failed password for root from ${address} port 2222 ssh2\n`;

async function gather(host: Host, raw: Parameters<typeof resolveOptions>[0] = {}) {
  const config = defaultConfig();
  return sshAuth.gather({ host, hostConfig: config.hosts[0]!, options: resolveOptions(raw), config, signal: new AbortController().signal, now: NOW, previous: undefined, salt: 's' });
}
const data = (r: Awaited<ReturnType<typeof gather>>) => (r as { data: SshAuthObservation }).data;

function replay(answers: FixtureAnswer[]): ReplayHost {
  return new ReplayHost({ vigil_fixture: 1, host: 'nas', kind: 'ssh', captured_at: NOW.toISOString(), answers }, 'nas', 'strict');
}

describe('ssh-auth probe: syslog files and rotations (real files through LocalHost)', () => {
  it('reads the live file and the rotations that reach into the window, oldest first, .gz streamed', async () => {
    const dir = await tempDir();
    const log = join(dir, 'auth.log');
    await writeFile(log, fail('2026-11-23T06:00:00+00:00', '203.0.113.1'));
    await writeFile(`${log}.1`, fail('2026-11-23T01:00:00+00:00', '203.0.113.2'));
    await writeFile(`${log}.2.gz`, gzipSync(fail('2026-11-22T07:00:00+00:00', '203.0.113.3') + fail('2026-11-21T07:00:00+00:00', '203.0.113.9')));
    await writeFile(`${log}.3.gz`, gzipSync(fail('2026-11-20T07:00:00+00:00', '203.0.113.4')));
    await writeFile(join(dir, 'auth.log.old'), 'not a rotation');
    const mtime = async (path: string, ms: number) => utimes(path, new Date(ms), new Date(ms));
    await mtime(`${log}.1`, NOW.getTime() - 5 * H);
    await mtime(`${log}.2.gz`, NOW.getTime() - 22 * H);
    await mtime(`${log}.3.gz`, NOW.getTime() - 60 * H);
    const obs = data(await gather(new LocalHost('nas'), { log }));
    expect(obs.files).toEqual([`${log}.2.gz`, `${log}.1`, log]);
    expect(obs.stats).toMatchObject({ events: 3, outsideWindow: 1 });
  });

  it('a damaged .gz rotation keeps what was read of it and becomes an info finding', async () => {
    const dir = await tempDir();
    const log = join(dir, 'auth.log');
    await writeFile(log, '');
    const lines = Array.from({ length: 2000 }, (_, i) => fail(`2026-11-23T05:${String(i % 60).padStart(2, '0')}:00+00:00`, `198.51.100.${i % 200}`)).join('');
    const gz = gzipSync(lines);
    await writeFile(`${log}.1.gz`, gz.subarray(0, Math.floor(gz.length * 0.7)));
    await writeFile(`${log}.2.gz`, 'plain text pretending to be gzip\n');
    const obs = data(await gather(new LocalHost('nas'), { log }));
    expect(obs.damaged).toEqual([`${log}.2.gz`, `${log}.1.gz`]);
    expect(obs.stats.events).toBeGreaterThan(500);
    const findings = sshAuth.analyze(obs, { host: 'nas', options: resolveOptions({ log }), now: NOW, previous: undefined, salt: 's' });
    expect(findings.filter((f) => f.subject.startsWith('log-damaged:')).map((f) => f.severity)).toEqual(['info', 'info']);
  });

  it('a file that is not a log at all is a ParseError naming it, never quoting it', async () => {
    const dir = await tempDir();
    const log = join(dir, 'auth.log');
    await writeFile(log, Buffer.concat([Buffer.from([0, 1, 2, 255, 254]), Buffer.from('\npassword=hunter2 <script>\n')]));
    const error = await gather(new LocalHost('nas'), { log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toBe(`${log}:1: no line has a syslog or journal header (is it an auth log?)`);
  });

  it('an unreadable auth.log says how to fix it', async () => {
    const host = replay([
      { op: 'stat', path: '/var/log/auth.log', result: { type: 'file', size: 10, mode: 0o640, uid: 0, gid: 4, mtimeMs: NOW.getTime() } },
      { op: 'list', path: '/var/log', result: [{ name: 'auth.log', type: 'file' }] },
      { op: 'read', path: '/var/log/auth.log', error: { code: 'EACCES', message: '/var/log/auth.log: permission denied' } },
    ]);
    const error = await gather(host).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).message).toMatch(/permission denied; add the Vigil user to group adm/);
  });

  it('skips with the reason when there is no log to read', async () => {
    const none: FixtureAnswer[] = [
      { op: 'stat', path: '/var/log/auth.log', result: null },
      { op: 'stat', path: '/var/log/secure', result: null },
    ];
    expect(await gather(replay(none), { source: 'file' })).toEqual({ status: 'skipped', reason: 'no /var/log/auth.log or /var/log/secure' });
    const noJournal = [...none, { op: 'exec', argv: journalctlArgv(NOW.getTime() - 24 * H), sudo: false, result: { code: 127, stdout: '', stderr: '' } } as FixtureAnswer];
    expect(await gather(replay(noJournal))).toEqual({ status: 'skipped', reason: 'no /var/log/auth.log or /var/log/secure and no journalctl' });
  });
});

describe('ssh-auth probe: a stale auth.log (rsyslog gone, the journal took over)', () => {
  const staleLog: FixtureAnswer[] = [
    { op: 'stat', path: '/var/log/auth.log', result: { type: 'file', size: 10, mode: 0o640, uid: 0, gid: 4, mtimeMs: NOW.getTime() - 72 * H } },
    { op: 'read', path: '/var/log/auth.log', result: { text: fail('2026-11-20T06:00:00+00:00', '203.0.113.1') } },
  ];
  const journalAnswer = (code: number): FixtureAnswer => ({
    op: 'exec', argv: journalctlArgv(NOW.getTime() - 24 * H), sudo: false, result: { code, stdout: code === 0 ? fail('2026-11-23T06:00:00+0000', '203.0.113.2') : '', stderr: '' },
  });

  it('auto asks the journal instead', async () => {
    const obs = data(await gather(replay([...staleLog, journalAnswer(0)])));
    expect(obs.origin).toBe('journald');
    expect(obs.stats.events).toBe(1);
  });

  it('and reads the old file when there is no journal', async () => {
    const obs = data(await gather(replay([...staleLog, journalAnswer(127)])));
    expect(obs).toMatchObject({ origin: 'file', files: ['/var/log/auth.log'], stats: { outsideWindow: 1 } });
  });
});

describe('ssh-auth probe: the journal', () => {
  const argv = journalctlArgv(NOW.getTime() - 24 * H);
  const journal = (result: { code: number; stdout: string; stderr?: string; truncated?: boolean }) =>
    replay([{ op: 'exec', argv, sudo: false, result: { stderr: '', ...result } }]);

  it('asks journalctl for the window, newest first, by syslog identifier', () => {
    expect(argv).toEqual([
      'journalctl', '--utc', '--no-pager', '--output=short-iso', '--reverse', `--since=@${(NOW.getTime() - 24 * H) / 1000}`,
      '--identifier=sshd', '--identifier=sshd-session', '--identifier=sshd-auth', '--identifier=sudo',
    ]);
  });

  it('an empty journal is clean data, not a parse error', async () => {
    const r = await gather(journal({ code: 0, stdout: '-- No entries --\n' }), { source: 'journald' });
    expect(data(r).stats).toMatchObject({ lines: 1, malformed: 0, events: 0 });
  });

  it('journalctl without the right group says so on stderr: a ProbeError with the fix', async () => {
    const stderr = 'Hint: You are currently not seeing messages from other users and the system.\n';
    const error = await gather(journal({ code: 0, stdout: '-- No entries --\n', stderr }), { source: 'journald' }).catch((e: unknown) => e);
    expect((error as ProbeError).probeCode).toBe('EACCES');
  });

  it('output cut at the size cap keeps the newest events (it is newest first) and says so', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => `2026-11-23T06:0${9 - i}:00+0000 sentinel sshd[7]: Failed password for root from 203.0.113.7 port 1 ssh2`);
    const cut = `${lines.join('\n')}\n`.slice(0, -20);
    const obs = data(await gather(journal({ code: 0, stdout: cut, truncated: true }), { source: 'journald' }));
    expect(obs.journalTruncated).toBe(true);
    expect(obs.sources[0]).toMatchObject({ failures: 9, lastSeen: Date.parse('2026-11-23T06:09:00Z') });
  });
});

describe('ssh-auth line splitting', () => {
  it('joins lines across chunks, including a UTF-8 character split between chunks, and strips CR', () => {
    const out: string[] = [];
    const s = new LineSplitter((l) => out.push(l));
    const bytes = Buffer.from('first\r\nsecond ü line\nthird');
    for (let i = 0; i < bytes.length; i += 3) s.push(bytes.subarray(i, i + 3));
    s.end();
    expect(out).toEqual(['first', 'second ü line', 'third']);
  });

  it('skips enormous lines without holding them, and keeps the lines around them', () => {
    const out: string[] = [];
    const s = new LineSplitter((l) => out.push(l), 100);
    s.push(Buffer.from('a\n'));
    for (let i = 0; i < 1000; i++) s.push(Buffer.alloc(1000, 0x41));
    s.push(Buffer.from('\nb\n'));
    s.end();
    expect(out).toEqual(['a', 'b']);
    expect(s.oversized).toBe(1);
  });

  it('walks journal output backwards', () => {
    const out: string[] = [];
    expect(forEachLineReversed('c\nb\r\n\na\n', false, (l) => out.push(l))).toBe(0);
    expect(out).toEqual(['a', '', 'b', 'c']);
  });
});

describe('ssh-auth probe: the rotation directory may be unreadable', () => {
  it('reads just the live file when the directory cannot be listed', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'logs'));
    const log = join(dir, 'logs', 'auth.log');
    await writeFile(log, fail('2026-11-23T06:00:00+00:00', '203.0.113.1'));
    class Unlistable extends LocalHost {
      override list(): never {
        throw new ProbeError('EACCES', 'permission denied');
      }
    }
    expect(data(await gather(new Unlistable('nas'), { log })).files).toEqual([log]);
  });
});
