// restic parsing and exit classification on real 0.14 text (Debian 12), ≥ 0.17 exit codes, and wrong shapes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFlags, resticEnv } from '../../../../collector/checks/backup-restic/probe';
import { parseCheck, resticFailure } from '../../../../collector/checks/backup-restic/outcome';
import { parseLock, parseLockIds, parseSnapshots, parseStats, selectSnapshots } from '../../../../collector/checks/backup-restic/parse';
import { ParseError } from '../../../../collector/errors/parse-error';
import type { Fixture } from '../../../../collector/host/fixture';
import type { ToolOutcome } from '../../../../collector/checks/backup/tool';
import { labConfig } from './harness';

const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', `${name}.json`), 'utf8')) as Fixture;
/** The stdout of the first recorded exec whose argv contains every word. */
function recorded(name: string, ...words: string[]): string {
  const a = fixture(name).answers.find((x) => x.op === 'exec' && words.every((w) => x.argv.includes(w)) && x.result?.code === 0);
  if (!a || a.op !== 'exec' || !a.result) throw new Error(`no answer for ${words.join(' ')}`);
  return a.result.stdout;
}
const failed = (code: number, stderr: string, stdout = ''): ToolOutcome => ({ ran: true, code, stdout, stderr });

describe('restic snapshots --json', () => {
  it('reads 0.14 snapshots (no summary) oldest first', () => {
    const snaps = parseSnapshots(recorded('restic-0.14-lab', '/srv/vigil-lab/photos', 'snapshots'));
    expect(snaps.map((s) => [s.hostname, s.tags, s.summary])).toEqual([
      ['vm', [], null],
      ['laptop', ['laptop'], null],
      ['vm', [], null],
    ]);
    expect(new Date(snaps[0]!.time).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reads ≥ 0.17 summaries: start, end, files, bytes', () => {
    const snaps = parseSnapshots(recorded('restic-0.17-summary', 'snapshots'));
    expect(snaps).toHaveLength(7);
    expect(snaps.at(-1)!.summary).toMatchObject({ filesNew: 0, totalBytesProcessed: 96_118_402_551, totalFilesProcessed: 9120 });
    expect(snaps.at(-1)!.programVersion).toBe('restic 0.17.3');
  });

  it('takes an empty repository as no snapshots, whether restic says [] or null', () => {
    expect(parseSnapshots('[]\n')).toEqual([]);
    expect(parseSnapshots('null\n')).toEqual([]);
  });

  it('rejects other shapes with a ParseError that names the field and quotes nothing', () => {
    const secret = 'hunter2-секрет';
    for (const [input, reason] of [
      [`<html>${secret}</html>`, /expected a list of snapshots as JSON/],
      [JSON.stringify({ archives: [{ name: secret }] }), /the answer is not a list/],
      [JSON.stringify([{ id: secret, time: '2026-01-01T00:00:00Z' }]), /snapshot 1\.id is not a snapshot id/],
      [JSON.stringify([{ id: 'a'.repeat(64), time: secret }]), /snapshot 1\.time is not an RFC 3339 timestamp/],
      [JSON.stringify([{ id: 'a'.repeat(64) }]), /snapshot 1\.time is missing or not text/],
    ] as const) {
      const error = (() => {
        try {
          parseSnapshots(input);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).message).toMatch(reason);
      expect((error as ParseError).message).not.toContain(secret);
    }
  });

  it('selects by host, every path and every tag, as restic --host/--path/--tag do', () => {
    const snaps = parseSnapshots(recorded('restic-0.14-lab', '/srv/vigil-lab/photos', 'snapshots'));
    expect(selectSnapshots(snaps, { host: 'laptop', paths: [], tags: [] })).toHaveLength(1);
    expect(selectSnapshots(snaps, { host: null, paths: ['/srv/vigil-lab/src-photos'], tags: [] })).toHaveLength(3);
    expect(selectSnapshots(snaps, { host: null, paths: ['/srv/vigil-lab/src-photos', '/etc'], tags: [] })).toHaveLength(0);
    expect(selectSnapshots(snaps, { host: 'laptop', paths: [], tags: ['laptop', 'nightly'] })).toHaveLength(0);
  });
});

describe('restic stats, locks', () => {
  it('reads both stats modes and the 0.17 compression fields alike', () => {
    expect(parseStats('{"total_size":300000,"total_file_count":4,"snapshots_count":1}')).toEqual({ totalSize: 300_000, totalFileCount: 4 });
    expect(parseStats(recorded('restic-0.17-summary', 'raw-data')).totalSize).toBe(402_118_907_331);
    expect(() => parseStats('{"total_size":"big"}')).toThrow(ParseError);
  });

  it('reads lock ids one per line (0.14) or as a JSON list, and a lock file', () => {
    const id = 'ab'.repeat(32);
    expect(parseLockIds(`${id}\nnot-an-id\n`)).toEqual([id]);
    expect(parseLockIds(JSON.stringify([id]))).toEqual([id]);
    expect(parseLockIds('')).toEqual([]);
    const lock = parseLock(recorded('restic-0.14-lab', 'cat', 'lock'));
    expect(lock).toMatchObject({ exclusive: false, hostname: 'vm' });
    expect(lock.pid).toBeGreaterThan(0);
  });
});

describe('what a failed restic command means', () => {
  it.each([
    ['0.14 wrong password', failed(1, 'Fatal: wrong password or no key found\n'), 'wrong-password'],
    ['0.17 wrong password', failed(12, '{"message_type":"exit_error","code":12,"message":"Fatal: wrong password or no key found"}\n'), 'wrong-password'],
    ['0.14 missing repository', failed(1, 'Fatal: unable to open config file: stat nope/config: no such file or directory\nIs there a repository at the following location?\nnope\n'), 'missing-repo'],
    ['0.17 missing repository', failed(10, 'Fatal: repository does not exist: unable to open config file: stat /srv/restic-repo/config: no such file or directory\n'), 'missing-repo'],
    ['0.14 password file missing', failed(1, 'Resolving password failed: Fatal: /etc/vigil/restic-pass does not exist\n'), 'password-unavailable'],
    ['0.14 password variable unset (printenv fails)', failed(1, 'Resolving password failed: exit status 1\n'), 'password-unavailable'],
    ['0.14 no password at all', failed(1, 'Fatal: an empty password is not a password\n'), 'password-unavailable'],
    ['0.14 unreadable repository (as user nobody)', failed(1, 'Fatal: unable to open repository at /tmp/rx/repo: ReadDir: open /tmp/rx/repo/keys: permission denied\n'), 'permission'],
    ['0.14 sftp host down', failed(1, 'subprocess ssh: ssh: connect to host 127.0.0.1 port 22: Connection refused\nFatal: unable to open repository at sftp:nobody@127.0.0.1:/x: unable to start the sftp session, error: EOF\n'), 'unreachable'],
    ['0.17 locked', failed(11, 'Fatal: unable to create lock in backend: repository is already locked exclusively by PID 4242 on nas by root (UID 0, GID 0)\n'), 'locked'],
    ['restic not installed', failed(127, "env: 'restic': No such file or directory\n"), 'tool-missing'],
    ['something else', failed(1, 'Fatal: something new\n'), 'error'],
  ] as const)('%s', (_name, outcome, problem) => {
    expect(resticFailure(outcome)?.problem).toBe(problem);
  });

  it('is nothing when restic succeeded, and a timeout when it never answered', () => {
    expect(resticFailure(failed(0, ''))).toBeNull();
    expect(resticFailure({ ran: false, reason: 'timeout' })?.problem).toBe('timeout');
  });
});

describe('restic check', () => {
  it('passes on exit 0, fails with the errors and pack ids 0.14 printed, and does not run when locked', () => {
    expect(parseCheck(failed(0, '', 'no errors were found\n'), 'check').state).toBe('passed');
    const bitRot = parseCheck(
      failed(
        1,
        'error for tree a3f2cbc2:\n  decrypting blob a3f2cbc210ddce02f146aecffc9386f237ad5cb2d3976b4bb2f17cd6b5935623 failed: ciphertext verification failed\nPack ID does not match, want 40289269286c360692e360a79381321a0bd37c4a53b86a71afd41e8d66206ae7, got 7f92dd7bbddb76556b371078a7f14fd14967d6045ccc469d2bf9b43462bf7e05\nFatal: repository contains errors\n',
      ),
      'read-data-subset=100%',
    );
    expect(bitRot).toMatchObject({ state: 'failed', errors: 2, broken: ['40289269'], mode: 'read-data-subset=100%' });
    const missingPack = parseCheck(failed(1, 'pack 735d817f23156b4d26b1d30136815e5ec2a269c7a64eb8c806611b6adfb3fc15: does not exist\nFatal: repository contains errors\n'), 'check');
    expect(missingPack).toMatchObject({ state: 'failed', errors: 1, broken: ['735d817f'] });
    const locked = parseCheck(failed(1, 'unable to create lock in backend: repository is already locked by PID 12391 on vm by root (UID 0, GID 0)\n'), 'check');
    expect(locked).toMatchObject({ state: 'not-run', reason: 'repository locked' });
    expect(parseCheck({ ran: false, reason: 'timeout' }, 'check')).toMatchObject({ state: 'not-run', reason: 'timed out' });
  });

  it('turns verify settings into flags and refuses anything else', () => {
    expect(checkFlags(true)).toEqual([]);
    expect(checkFlags('read-data')).toEqual(['--read-data']);
    expect(checkFlags('read-data-subset=5%')).toEqual(['--read-data-subset=5%']);
    expect(checkFlags('read-data-subset=1/5')).toEqual(['--read-data-subset=1/5']);
    expect(checkFlags('read-data-subset=5%; rm -rf /')).toBeNull();
  });
});

describe('how the password reaches restic', () => {
  const jobs = labConfig(`  - name: a
    kind: restic
    repo: /srv/a
    password_file: /etc/vigil/restic pass
    data_class: rebuild
    copy: { media: usb }
    max_age: 1d
  - name: b
    kind: restic
    repo: /srv/b
    password_env: PHOTOS_RESTIC_PASSWORD
    data_class: rebuild
    copy: { media: usb }
    max_age: 1d
`).backups;

  it('is a path or a variable name, never a value', () => {
    expect(resticEnv(jobs[0]!)).toEqual({ RESTIC_PASSWORD_FILE: '/etc/vigil/restic pass', RESTIC_PASSWORD_COMMAND: '', RESTIC_REPOSITORY_FILE: '' });
    expect(resticEnv(jobs[1]!)).toEqual({ RESTIC_PASSWORD_COMMAND: 'printenv PHOTOS_RESTIC_PASSWORD', RESTIC_PASSWORD_FILE: '', RESTIC_REPOSITORY_FILE: '' });
  });
});
