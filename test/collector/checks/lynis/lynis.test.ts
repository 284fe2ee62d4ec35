// lynis: recorded Lynis 3.0.8 reports (a full quick audit, a passing group, one still being written), staleness, bad input, a live audit.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lynis } from '../../../../collector/checks/lynis';
import { analyzeLynis, type LynisObservation, type LynisOptions } from '../../../../collector/checks/lynis/analyze';
import { parseLynisReport } from '../../../../collector/checks/lynis/parse';
import { DEFAULT_REPORT } from '../../../../collector/checks/lynis/probe';
import { defaultConfig } from '../../../../collector/config/load';
import { ParseError } from '../../../../collector/errors/parse-error';
import type { FixtureAnswer } from '../../../../collector/host/fixture';
import { ReplayHost } from '../../../../collector/host/replay-host';
import { LocalHost } from '../../../../collector/host/local-host';
import { requireBinary } from '../../../helpers/binaries';
import { mutations } from '../../../helpers/fuzz';
import { tempDir } from '../../../helpers/tmp';

const FIX = join(import.meta.dirname, 'fixtures');
const read = (name: string) => readFileSync(join(FIX, name), 'utf8');
const NOW = new Date('2026-11-25T23:00:00Z');
const DAY = 86_400_000;
const options: LynisOptions = { report: DEFAULT_REPORT, max_age: 8 * DAY, min_hardening_index: 60 };
const obs = (name: string, ageMs = 3_600_000): LynisObservation => ({ path: DEFAULT_REPORT, mtimeMs: NOW.getTime() - ageMs, report: parseLynisReport(read(name)) });

async function gather(answers: FixtureAnswer[], sudo = false) {
  const config = defaultConfig();
  const host = new ReplayHost({ vigil_fixture: 1, host: 'lab', kind: 'ssh', captured_at: NOW.toISOString(), vigil_version: 'test', answers }, 'lab', 'strict');
  return lynis.gather({ host, hostConfig: { ...config.hosts[0]!, sudo }, options, config, signal: new AbortController().signal, now: NOW, previous: undefined, salt: 't' });
}

describe('lynis parsing (recorded Lynis 3.0.8 on Debian 12)', () => {
  it('reads a full quick audit: 3 warnings, 46 suggestions, index 58, local-time stamps', () => {
    const r = parseLynisReport(read('debian-12-lynis-3.0.8-quick.dat'));
    expect(r).toMatchObject({ version: '3.0.8', startedAt: '2026-11-25 21:50:55', finishedAt: '2026-11-25 21:51:45', hardeningIndex: 58 });
    expect(r.warnings).toEqual([
      { test: 'PKGS-7392', message: 'Found one or more vulnerable packages.', details: null },
      { test: 'FIRE-4512', message: 'iptables module(s) loaded, but no rules active', details: null },
      { test: 'LOGG-2138', message: 'klogd is not running, which could lead to missing kernel messages in log files', details: null },
    ]);
    expect(r.suggestions).toHaveLength(46);
    expect(r.suggestions.find((s) => s.test === 'BOOT-5264')?.details).toBe("Run '/usr/bin/systemd-analyze security SERVICE' for each service");
  });

  it('reads a report Lynis is still writing: no end time, no index', () => {
    expect(parseLynisReport(read('debian-12-lynis-3.0.8-in-progress.dat'))).toMatchObject({ finishedAt: null, hardeningIndex: null, warnings: [] });
  });

  it('turns malformed reports into a ParseError naming the file and line, never quoting input', () => {
    const good = read('debian-12-lynis-3.0.8-quick.dat');
    const cases: [string, RegExp][] = [
      ['just some text\n', /^\/var\/log\/lynis-report\.dat: no lynis_version line/],
      [good.replace('hardening_index=58', 'hardening_index=580'), /:\d+: hardening_index is not a number/],
      [good.replace('warning[]=PKGS-7392|', 'warning[]=$(rm -rf /)|'), /:\d+: a warning or suggestion does not start with a Lynis test id/],
      [good.replace('report_datetime_end=2026-11-25 21:51:45', 'report_datetime_end=yesterday <script>'), /:\d+: report_datetime_end is not/],
      [`${good}warning[]=${'A'.repeat(10_000)}\n`, /:\d+: a warning or suggestion is longer than any Lynis writes/],
    ];
    for (const [text, message] of cases) {
      let error: unknown;
      try {
        parseLynisReport(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).message).toMatch(message);
      expect((error as ParseError).message).not.toMatch(/rm -rf|<script>|AAAA/);
    }
  });

  it('never throws anything but ParseError on truncated, binary, enormous and hostile input (fuzz)', () => {
    for (const input of mutations(read('debian-12-lynis-3.0.8-quick.dat'), 300, 3)) {
      try {
        const r = parseLynisReport(input);
        for (const w of [...r.warnings, ...r.suggestions]) {
          // eslint-disable-next-line no-control-regex -- asserting control characters never reach a title
          expect(w.message).not.toMatch(/[\u0000-\u001f]/);
          expect(w.message.length).toBeLessThanOrEqual(160);
        }
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        expect((error as ParseError).message).not.toMatch(/onerror|<script>|rm -rf/);
      }
    }
  });
});

describe('lynis analysis', () => {
  it('recorded full audit: each warning (medium), the suggestions in one info finding, the index below 60 (low)', () => {
    const found = analyzeLynis(obs('debian-12-lynis-3.0.8-quick.dat'), options, 'lab', NOW);
    expect(found.map((f) => [f.subject, f.severity, f.title])).toEqual([
      ['warning:FIRE-4512', 'medium', 'Lynis warning on lab: iptables module(s) loaded, but no rules active (FIRE-4512)'],
      ['warning:LOGG-2138', 'medium', 'Lynis warning on lab: klogd is not running, which could lead to missing kernel messages in log files (LOGG-2138)'],
      ['warning:PKGS-7392', 'medium', 'Lynis warning on lab: Found one or more vulnerable packages (PKGS-7392)'],
      ['suggestions', 'info', 'Lynis has 46 hardening suggestions for lab'],
      ['hardening-index', 'low', 'Lynis hardening index on lab is 58, below 60'],
    ]);
    expect(found[3]!.evidence?.tests).toMatch(/^ACCT-9622, ACCT-9626, ACCT-9628, AUTH-9230, /);
    expect(found[4]!.evidence).toEqual({ hardening_index: 58, minimum: 60, warnings: 3, suggestions: 46 });
  });

  it("clean (recorded passing group, minimum 50): nothing to act on — only the info summary, since Lynis always suggests", () => {
    const found = analyzeLynis(obs('debian-12-lynis-3.0.8-authentication-group.dat'), { ...options, min_hardening_index: 50 }, 'lab', NOW);
    expect(found.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(found.map((f) => f.subject)).toEqual(['suggestions']);
    // A report with no suggestions at all gives nothing.
    const bare = parseLynisReport('lynis_version=3.0.8\nreport_datetime_end=2026-11-25 22:00:00\nhardening_index=81\n');
    expect(analyzeLynis({ path: DEFAULT_REPORT, mtimeMs: NOW.getTime(), report: bare }, options, 'lab', NOW)).toEqual([]);
  });

  it('a report older than max_age is one stale finding; its old warnings are not shown as current', () => {
    const found = analyzeLynis(obs('debian-12-lynis-3.0.8-quick.dat', 40 * DAY), options, 'sentinel', NOW);
    expect(found).toEqual([
      {
        subject: 'stale-report',
        severity: 'medium',
        title: 'The Lynis report on sentinel is 6 weeks old: Lynis has stopped auditing it',
        evidence: { path: DEFAULT_REPORT, age_days: 40, max_age_days: 8, report_time: '2026-11-25 21:51:45', old_report_warnings: 3, old_report_hardening_index: 58 },
        remediation: 'Check the Lynis timer or cron job (Debian: systemctl status lynis.timer), or run lynis audit system --quick.',
      },
    ]);
    expect(analyzeLynis(obs('debian-12-lynis-3.0.8-quick.dat', 7 * DAY), options, 'lab', NOW).some((f) => f.subject === 'stale-report')).toBe(false);
    // …and the engine is told, so the old warnings' incidents do not count this run as a clean one.
    const ctx = { host: 'sentinel', options, now: NOW, previous: undefined, salt: 't' };
    expect(lynis.stale?.(obs('debian-12-lynis-3.0.8-quick.dat', 40 * DAY), ctx)).toBe(true);
    expect(lynis.stale?.(obs('debian-12-lynis-3.0.8-quick.dat', 7 * DAY), ctx)).toBe(false);
  });

  it('a report still being written (or cut off) is a low finding, not a source of warnings', () => {
    expect(analyzeLynis(obs('debian-12-lynis-3.0.8-in-progress.dat'), options, 'lab', NOW).map((f) => [f.subject, f.severity])).toEqual([['incomplete-report', 'low']]);
  });

  it("repeated warnings of one test are one finding; an index under Lynis's lowest band (50) is medium", () => {
    const r = parseLynisReport('lynis_version=3.0.9\nwarning[]=SSH-7408|weak setting A|-|-|\nwarning[]=SSH-7408|weak setting B|-|-|\nreport_datetime_end=2026-11-25 22:00:00\nhardening_index=42\n');
    const found = analyzeLynis({ path: DEFAULT_REPORT, mtimeMs: NOW.getTime(), report: r }, options, 'lab', NOW);
    expect(found.map((f) => [f.subject, f.severity, f.title])).toEqual([
      ['warning:SSH-7408', 'medium', 'Lynis warns 2 times on lab about SSH-7408: weak setting A'],
      ['hardening-index', 'medium', 'Lynis hardening index on lab is 42, below 60'],
    ]);
  });
});

describe('lynis probing', () => {
  const report = read('debian-12-lynis-3.0.8-quick.dat');
  const stat: FixtureAnswer = { op: 'stat', path: DEFAULT_REPORT, result: { type: 'file', size: report.length, mode: 0o640, uid: 0, gid: 0, mtimeMs: NOW.getTime() - 3_600_000 } };

  it('no report: skipped with the reason; unreadable (root-only): skipped, saying how to include it', async () => {
    expect(await gather([{ op: 'stat', path: DEFAULT_REPORT, result: null }])).toEqual({ status: 'skipped', reason: 'no Lynis report at /var/log/lynis-report.dat (Lynis is not installed or has never run)' });
    expect(await gather([stat, { op: 'read', path: DEFAULT_REPORT, error: { code: 'EACCES', message: 'permission denied' } }])).toEqual({
      status: 'skipped',
      reason: '/var/log/lynis-report.dat is readable by root only; set sudo: true for this host (or run Vigil as root) to include it',
    });
  });

  it('reads the report with its mtime as the report age', async () => {
    const r = await gather([stat, { op: 'read', path: DEFAULT_REPORT, result: { text: report } }], true);
    expect(r).toMatchObject({ status: 'data', data: { path: DEFAULT_REPORT, mtimeMs: NOW.getTime() - 3_600_000, report: { hardeningIndex: 58 } } });
  });
});

describe('lynis live (Debian\'s lynis, audit into a temp dir)', () => {
  it('runs lynis audit system --quick on two groups and judges its real report', async () => {
    const bin = requireBinary('lynis', 'lynis');
    if (!bin) return;
    const dir = await tempDir('vigil-lynis-');
    const reportFile = join(dir, 'lynis-report.dat');
    execFileSync(bin, ['audit', 'system', '--quick', '--no-colors', '--tests-from-group', 'firewalls logging', '--report-file', reportFile, '--log-file', join(dir, 'lynis.log')], {
      cwd: dir,
      stdio: 'ignore',
      timeout: 170_000,
      env: { ...process.env, LC_ALL: 'C' },
    });
    const config = defaultConfig();
    const now = new Date();
    const gathered = await lynis.gather({ host: new LocalHost('live'), hostConfig: config.hosts[0]!, options: { ...options, report: reportFile }, config, signal: new AbortController().signal, now, previous: undefined, salt: 't' });
    expect(gathered.status).toBe('data');
    if (gathered.status !== 'data') return;
    const o = gathered.data as LynisObservation;
    const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    expect(o.report.version).toBe(version);
    expect(o.report.finishedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(o.report.hardeningIndex).toEqual(expect.any(Number));
    expect(o.mtimeMs).toBe(Math.floor(statSync(reportFile).mtimeMs));
    const found = analyzeLynis(o, options, 'live', now);
    const warningTests = new Set(o.report.warnings.map((w) => w.test));
    expect(found.filter((f) => f.subject.startsWith('warning:')).map((f) => f.subject.slice('warning:'.length)).sort()).toEqual([...warningTests].sort());
    expect(found.some((f) => f.subject === 'stale-report' || f.subject === 'incomplete-report')).toBe(false);
  }, 180_000);
});
