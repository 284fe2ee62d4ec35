// borg parsing and return-code handling on real 1.2.4 output, other versions' shapes, garbage and fuzzed input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupBorg } from '../../../../collector/checks/backup-borg';
import { borgFailure, parseBorgCheck } from '../../../../collector/checks/backup-borg/outcome';
import { parseBorgInfo, parseBorgList, parseBorgLog, parseRoster } from '../../../../collector/checks/backup-borg/parse';
import type { ToolOutcome } from '../../../../collector/checks/backup/tool';
import { ParseError } from '../../../../collector/errors/parse-error';
import type { Fixture, FixtureAnswer } from '../../../../collector/host/fixture';
import { ReplayHost } from '../../../../collector/host/replay-host';
import { mutations } from '../../../helpers/fuzz';
import { labConfig, runCheck, subjects } from '../backup-restic/harness';

const FIXTURE = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'borg-1.2.4-lab.json'), 'utf8')) as Fixture;
function recorded(...words: string[]): { code: number | null; stdout: string; stderr: string } {
  const a = FIXTURE.answers.find((x) => x.op === 'exec' && words.every((w) => x.argv.includes(w)));
  if (!a || a.op !== 'exec' || !a.result) throw new Error(`no answer for ${words.join(' ')}`);
  return { code: a.result.code, stdout: a.result.stdout, stderr: a.result.stderr };
}
const outcome = (r: { code: number | null; stdout: string; stderr: string }): ToolOutcome => ({ ran: true, ...r });
/** What borg 1.2.4 printed for a root-owned repository, run by hand as user nobody on Debian 12 (traceback shortened). */
const PERMISSION_STDERR =
  '{"type": "log_message", "time": 1795647144.6478605, "message": "Local Exception", "levelname": "ERROR", "name": "borg.archiver", "msgid": "Exception"}\n' +
  '{"type": "log_message", "time": 1795647144.6479962, "message": "Traceback (most recent call last):\\n  ...\\nPermissionError: [Errno 13] Permission denied: \'/srv/borg/config\'\\n", "levelname": "ERROR", "name": "borg.archiver"}\n';

describe('borg list / info --json', () => {
  it('reads 1.2.4 listings oldest first, times as UTC (borg runs with TZ=UTC and prints no offset)', () => {
    const archives = parseBorgList(recorded('list', '/srv/vigil-lab/gitea').stdout);
    expect(archives.map((a) => a.name)).toEqual(['gitea-2026-01-01', 'gitea-today']);
    expect(new Date(archives[0]!.time).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('takes times that carry an offset (borg 2 style) at their word', () => {
    const id = 'ab'.repeat(32);
    const [a] = parseBorgList(JSON.stringify({ archives: [{ name: 'x', id, time: '2026-11-23T03:00:00.000000+01:00' }] }));
    expect(new Date(a!.time).toISOString()).toBe('2026-11-23T02:00:00.000Z');
  });

  it('reads the newest archive statistics and the repository size from info', () => {
    const info = parseBorgInfo(recorded('info', '/srv/vigil-lab/gitea').stdout);
    expect(info.archive).toMatchObject({ name: 'gitea-today', originalSize: 200_000, files: 2, hostname: 'vm' });
    expect(info.repositoryBytes).toBeGreaterThan(200_000);
    expect(parseBorgInfo('{"archives": [], "cache": {"stats": {"unique_csize": 5}}}')).toEqual({ archive: null, repositoryBytes: 5 });
  });

  it('rejects other shapes with a ParseError that quotes nothing', () => {
    const secret = 'hunter2-секрет';
    for (const [input, reason] of [
      [`Traceback ${secret}`, /expected a repository listing as JSON/],
      [JSON.stringify([{ id: 'ab'.repeat(32), time: '2026-01-01T00:00:00Z', paths: [secret] }]), /the answer is not an object/],
      [JSON.stringify({ archives: [{ name: secret, id: secret, start: '2026-01-01T00:00:00' }] }), /archive 1\.id is not an archive id/],
      [JSON.stringify({ archives: [{ name: 'x', id: 'ab'.repeat(32), start: secret }] }), /archive 1\.start is not an RFC 3339 timestamp/],
      [JSON.stringify({ repository: { id: secret } }), /archives is not a list/],
    ] as const) {
      let error: unknown = null;
      try {
        parseBorgList(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).message).toMatch(reason);
      expect((error as ParseError).message).not.toContain(secret);
    }
  });
});

describe('borg return codes and message ids', () => {
  it.each([
    ['wrong passphrase', outcome(recorded('list', 'BORG_PASSCOMMAND=cat /srv/vigil-lab/wrong-pass')), 'wrong-password'],
    ['missing repository', outcome(recorded('list', '/srv/vigil-lab/gone')), 'missing-repo'],
    ['not a repository', outcome(recorded('list', '/srv/vigil-lab/src-ha')), 'not-a-repo'],
    ['moved repository', outcome(recorded('list', '/srv/vigil-lab/gitea-moved')), 'relocated'],
    ['unknown unencrypted repository', outcome(recorded('list', '/srv/vigil-lab/plain')), 'unknown-unencrypted'],
    ['lock timeout', outcome(recorded('check', '/srv/vigil-lab/locked')), 'locked'],
    ['permission denied (as user nobody)', outcome({ code: 2, stdout: '', stderr: PERMISSION_STDERR }), 'permission'],
    ['passcommand failed', outcome({ code: 2, stdout: '', stderr: 'cat: /etc/vigil/borg-pass: No such file or directory\n{"type": "log_message", "levelname": "ERROR", "msgid": "PasscommandFailure", "message": "…"}\n' }), 'password-unavailable'],
    ['borg not installed', outcome({ code: 127, stdout: '', stderr: "env: 'borg': No such file or directory\n" }), 'tool-missing'],
    ['an error borg names in a way Vigil does not know', outcome({ code: 2, stdout: '', stderr: '{"type": "log_message", "levelname": "ERROR", "msgid": "Cache.EncryptionMethodMismatch", "message": "…"}\n' }), 'error'],
  ] as const)('%s', (_name, o, problem) => {
    expect(borgFailure(o)?.problem).toBe(problem);
  });

  it('accepts 0 and 1 (warning: the operation completed) as usable', () => {
    expect(borgFailure(outcome({ code: 0, stdout: '{}', stderr: '' }))).toBeNull();
    expect(borgFailure(outcome({ code: 1, stdout: '{}', stderr: '{"type": "log_message", "levelname": "WARNING", "message": "…"}\n' }))).toBeNull();
  });

  it('judges borg check: passed, errors found (rc 1), could not lock (rc 2)', () => {
    expect(parseBorgCheck(outcome(recorded('check', '/srv/vigil-lab/gitea'))).state).toBe('passed');
    const damaged = parseBorgCheck(outcome(recorded('check', '/srv/vigil-lab/damaged')));
    expect(damaged).toMatchObject({ state: 'failed', reason: 'errors found' });
    expect(damaged.errors).toBeGreaterThan(0);
    expect(parseBorgCheck(outcome(recorded('check', '/srv/vigil-lab/locked')))).toMatchObject({ state: 'not-run', reason: 'repository locked' });
  });

  it('reads a lock roster, and only the JSON lines of stderr', () => {
    expect(parseRoster('{"exclusive": [["backup-client@1234", 19651, 0]]}')).toEqual({ exclusive: ['backup-client@1234 pid 19651'], shared: [] });
    expect(parseRoster('{"shared": [["nas@1", 7, 0], ["nas@1", 8, 0]]}').shared).toHaveLength(2);
    expect(parseBorgLog('cat: x: No such file\n{not json\n{"type": "question_prompt", "msgid": "BORG_RELOCATED_REPO_ACCESS_IS_OK"}\n')).toMatchObject({ prompts: ['BORG_RELOCATED_REPO_ACCESS_IS_OK'], errors: 0 });
  });
});

describe('backup-borg on bad input', () => {
  it('turns garbage and another version\'s schema into findings about the job', async () => {
    const env = ['env', 'TZ=UTC', 'PYTHONUTF8=1', 'BORG_PASSCOMMAND=cat /etc/vigil/borg-pass', 'BORG_RELOCATED_REPO_ACCESS_IS_OK=no', 'BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=no'];
    const list = (repo: string, stdout: string): FixtureAnswer => ({ op: 'exec', argv: [...env, 'borg', '--log-json', 'list', '--json', '--bypass-lock', '--lock-wait', '5', repo], sudo: false, result: { code: 0, stdout, stderr: '' } });
    const fixture: Fixture = {
      vigil_fixture: 1,
      host: 'lab',
      kind: 'ssh',
      captured_at: '2026-11-23T06:15:00.000Z',
      answers: [list('ssh://backup@nas/./garbage', 'Welcome to DSM 7.2!\n'), list('ssh://backup@nas/./restic-shaped', '[{"time":"2026-11-23T02:00:00Z","id":"x"}]')],
    };
    const host = new ReplayHost(fixture, 'lab', 'strict');
    const job = (name: string, repo: string) => `  - name: ${name}\n    kind: borg\n    repo: ${repo}\n    passphrase_file: /etc/vigil/borg-pass\n    data_class: service-state\n    copy: { media: nas }\n    max_age: 26h\n`;
    const run = await runCheck(backupBorg, labConfig(job('garbage', 'ssh://backup@nas/./garbage') + job('restic-shaped', 'ssh://backup@nas/./restic-shaped')), host, host.capturedAt);
    expect(host.misses).toEqual([]);
    expect(subjects(run.findings)).toEqual([
      ['garbage:garbage', 'high'],
      ['restic-shaped:garbage', 'high'],
    ]);
    expect(run.findings.map((f) => f.evidence?.detail)).toEqual(['expected a repository listing as JSON, got something else (20 bytes)', 'the answer is not an object']);
  });
});

const LEAKS = /onerror|<script>|rm -rf|javascript:|vigil:end/;

describe('borg parsers under fuzz', () => {
  const cases: [string, string, (s: string) => unknown][] = [
    ['list', recorded('list', '/srv/vigil-lab/gitea').stdout, parseBorgList],
    ['info', recorded('info', '/srv/vigil-lab/gitea').stdout, parseBorgInfo],
    ['roster', '{"exclusive": [["backup-client@1234", 19651, 0]], "shared": [["nas@1", 7, 0]]}', parseRoster],
  ];
  for (const [name, input, parse] of cases) {
    it(`${name}: a clean result or a ParseError that quotes nothing`, () => {
      for (const mutated of mutations(input, 250, name.length + 3)) {
        try {
          parse(mutated);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
          expect((error as ParseError).message).not.toMatch(LEAKS);
          expect((error as ParseError).message.length).toBeLessThan(200);
        }
      }
    });
  }

  it('stderr of any shape classifies into a known problem and a safe detail', () => {
    for (const mutated of mutations(recorded('list', '/srv/vigil-lab/gitea-moved').stderr + PERMISSION_STDERR, 250, 11)) {
      const failure = borgFailure({ ran: true, code: 2, stdout: '', stderr: mutated });
      expect(failure?.problem).toMatch(/^[a-z-]+$/);
      if (failure?.detail) expect(failure.detail).toMatch(/^[A-Za-z0-9_.]{1,60}$/);
      const check = parseBorgCheck({ ran: true, code: 1, stdout: '', stderr: mutated });
      for (const b of check.broken) expect(b).toMatch(/^segment \d+$/);
    }
  });
});
