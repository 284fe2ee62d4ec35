// backup-restic on bad input: garbage, another tool's JSON, a permission error, a password in the address, fuzzed output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupRestic } from '../../../../collector/checks/backup-restic';
import { parseLock, parseLockIds, parseSnapshots, parseStats } from '../../../../collector/checks/backup-restic/parse';
import { parseCheck, resticFailure } from '../../../../collector/checks/backup-restic/outcome';
import { ParseError } from '../../../../collector/errors/parse-error';
import type { Fixture, FixtureAnswer } from '../../../../collector/host/fixture';
import { ReplayHost } from '../../../../collector/host/replay-host';
import { mutations } from '../../../helpers/fuzz';
import { factsOf, labConfig, runCheck, subjects } from './harness';

const NOW = new Date('2026-11-23T06:15:00Z');
const ENV = ['env', 'RESTIC_PASSWORD_FILE=/etc/vigil/restic-pass', 'RESTIC_PASSWORD_COMMAND=', 'RESTIC_REPOSITORY_FILE='];
const snapshotsArgv = (repo: string) => [...ENV, 'restic', '--repo', repo, '--no-cache', '--no-lock', 'snapshots', '--json'];
const answer = (argv: string[], stdout: string, code = 0, stderr = ''): FixtureAnswer => ({ op: 'exec', argv, sudo: false, result: { code, stdout, stderr } });

function host(answers: FixtureAnswer[], mode: 'strict' | 'lenient' = 'strict'): ReplayHost {
  const fixture: Fixture = { vigil_fixture: 1, host: 'lab', kind: 'local', captured_at: NOW.toISOString(), answers };
  return new ReplayHost(fixture, 'lab', mode);
}

function job(name: string, repo: string): string {
  return `  - name: ${name}\n    kind: restic\n    repo: ${repo}\n    password_file: /etc/vigil/restic-pass\n    data_class: service-state\n    copy: { media: nas }\n    max_age: 26h\n`;
}

describe('backup-restic on bad input', () => {
  it('reports garbage, a borg listing and an unreadable repository as findings about each job, never a crash', async () => {
    const borgJson = JSON.stringify({ archives: [{ name: 'gitea-2026-11-23', id: 'ab'.repeat(32), start: '2026-11-23T02:00:00.000000' }], repository: { id: 'cd'.repeat(32) } });
    const replay = host([
      answer(snapshotsArgv('/srv/garbage'), '<html><body>502 Bad Gateway</body></html>\n'),
      answer(snapshotsArgv('/srv/borg-shaped'), borgJson),
      // Recorded by hand on Debian 12 as user nobody against a root-owned repository.
      answer(snapshotsArgv('/srv/root-only'), '', 1, 'Fatal: unable to open repository at /srv/root-only: ReadDir: open /srv/root-only/keys: permission denied\n'),
    ]);
    const config = labConfig([job('garbage', '/srv/garbage'), job('borg-shaped', '/srv/borg-shaped'), job('root-only', '/srv/root-only'), job('rest', 'rest:https://vigil:s3cr3t@backup.home.arpa:8000/x')].join(''));
    const run = await runCheck(backupRestic, config, replay, NOW);
    expect(replay.misses).toEqual([]);
    expect(subjects(run.findings)).toEqual([
      ['borg-shaped:garbage', 'high'],
      ['garbage:garbage', 'high'],
      ['rest:credentials-in-address', 'high'],
      ['root-only:permission', 'high'],
    ]);
    const byId = Object.fromEntries(run.findings.map((f) => [f.subject, f]));
    expect(byId['garbage:garbage']!.evidence).toMatchObject({ detail: expect.stringMatching(/^expected a list of snapshots as JSON/) });
    expect(byId['borg-shaped:garbage']!.evidence).toMatchObject({ detail: 'the answer is not a list' });
    expect(byId['root-only:permission']!.remediation).toMatch(/sudo: true/);
    // The password in the address is never shown, run, or handed over.
    expect(JSON.stringify(run)).not.toContain('s3cr3t');
    expect(factsOf(run, 'rest')).toMatchObject({ status: 'unknown', destination: 'rest:https://backup.home.arpa:8000/x' });
    expect(factsOf(run, 'garbage').status).toBe('unknown');
  });

  it('retries a permission error through sudo -n when the host allows it', async () => {
    const argv = snapshotsArgv('/srv/root-only');
    const replay = host([
      answer(argv, '', 1, 'Fatal: unable to open repository at /srv/root-only: ReadDir: open /srv/root-only/keys: permission denied\n'),
      { op: 'exec', argv, sudo: true, result: { code: 0, stdout: '[]\n', stderr: '' } },
      // Once sudo was needed, the job's next commands use it directly.
      { op: 'exec', argv: [...ENV, 'restic', '--repo', '/srv/root-only', '--no-cache', '--no-lock', 'stats', '--json', '--mode', 'raw-data'], sudo: true, result: { code: 0, stdout: '{"total_size":0}', stderr: '' } },
      { op: 'exec', argv: [...ENV, 'restic', '--repo', '/srv/root-only', '--no-cache', '--no-lock', 'list', 'locks', '--json'], sudo: true, result: { code: 0, stdout: '', stderr: '' } },
    ]);
    const run = await runCheck(backupRestic, labConfig(job('root-only', '/srv/root-only'), { sudo: true }), replay, NOW);
    expect(replay.misses).toEqual([]);
    expect(subjects(run.findings)).toEqual([['root-only:no-restore-point', 'high']]);
  });

  it('is skipped with a reason on a host without restic jobs', async () => {
    const run = await runCheck(backupRestic, labConfig(''), host([]), NOW);
    expect(run).toMatchObject({ status: 'skipped', reason: 'no restic jobs on this host' });
  });
});

const FIX = join(import.meta.dirname, 'fixtures');
const LEAKS = /onerror|<script>|rm -rf|javascript:|vigil:end/;
const stdoutOf = (file: string, ...words: string[]): string => {
  const f = JSON.parse(readFileSync(join(FIX, file), 'utf8')) as Fixture;
  const a = f.answers.find((x) => x.op === 'exec' && words.every((w) => x.argv.includes(w)) && x.result?.code === 0);
  return a?.op === 'exec' ? (a.result?.stdout ?? '') : '';
};

describe('backup-restic parsers under fuzz', () => {
  const cases: [string, string, (s: string) => unknown][] = [
    ['snapshots 0.14', stdoutOf('restic-0.14-lab.json', '/srv/vigil-lab/photos', 'snapshots'), parseSnapshots],
    ['snapshots 0.17', stdoutOf('restic-0.17-summary.json', 'snapshots'), parseSnapshots],
    ['stats', stdoutOf('restic-0.17-summary.json', 'raw-data'), parseStats],
    ['lock', stdoutOf('restic-0.14-lab.json', 'cat'), parseLock],
    ['lock ids', stdoutOf('restic-0.14-lab.json', '/srv/vigil-lab/locked', 'list'), parseLockIds],
  ];
  for (const [name, input, parse] of cases) {
    it(`${name}: a clean result or a ParseError that quotes nothing`, () => {
      for (const mutated of mutations(input, 250, name.length)) {
        try {
          parse(mutated);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
          const message = (error as ParseError).message;
          expect(message).not.toMatch(LEAKS);
          expect(message.length).toBeLessThan(200);
        }
      }
    });
  }

  it('exit classification and check judgement take any stderr', () => {
    const stderr = 'error for tree a3f2cbc2:\nPack ID does not match, want 40289269286c360692e360a79381321a0bd37c4a53b86a71afd41e8d66206ae7\nFatal: repository contains errors\n';
    for (const mutated of mutations(stderr, 200, 7)) {
      const outcome = { ran: true as const, code: 1, stdout: '', stderr: mutated };
      expect(resticFailure(outcome)?.problem).toMatch(/^[a-z-]+$/);
      const verify = parseCheck(outcome, 'check');
      expect(['failed', 'not-run']).toContain(verify.state);
      for (const id of verify.broken) expect(id).toMatch(/^[0-9a-f]{8}$/);
    }
  });
});
