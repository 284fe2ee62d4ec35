// systemd-drift: recorded systemctl 252 output (drift and clean), the "no systemd" cases, options, malformed and fuzzed input.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemdDrift, parseDrift } from '../../../../collector/checks/systemd-drift';
import { analyzeDrift, planFor, type DriftObservation, type DriftOptions } from '../../../../collector/checks/systemd-drift/analyze';
import { parseListUnitFiles, parseListUnits } from '../../../../collector/checks/systemd-drift/parse';
import { unitMatcher } from '../../../../collector/checks/systemd-drift/patterns';
import { LIST_FAILED, LIST_UNIT_FILES, LIST_UNITS, userCommand } from '../../../../collector/checks/systemd-drift/probe';
import { defaultConfig, parseConfigText } from '../../../../collector/config/load';
import { ConfigError } from '../../../../collector/errors/config-error';
import { ParseError } from '../../../../collector/errors/parse-error';
import type { FixtureAnswer } from '../../../../collector/host/fixture';
import { LocalHost } from '../../../../collector/host/local-host';
import { ReplayHost } from '../../../../collector/host/replay-host';
import { requireBinary } from '../../../helpers/binaries';
import { mutations } from '../../../helpers/fuzz';

const FIX = join(import.meta.dirname, 'fixtures');
const read = (scenario: string, file: string) => readFileSync(join(FIX, scenario, file), 'utf8');
function recorded(scenario: string) {
  return { units: read(scenario, 'list-units.txt'), failed: read(scenario, 'list-units-failed.txt'), unitFiles: read(scenario, 'list-unit-files.txt') };
}

const defaults: DriftOptions = { timers: [], user_timers: [], baseline: true, hosts: {} };
/** The allowlist a sentinel-like host would have. */
const SENTINEL: DriftOptions = {
  ...defaults,
  expected: ['ssh', 'docker', 'containerd', 'nut-server', 'nut-monitor.service', 'nut-driver@*', 'tailscaled'],
  timers: ['restic-backup.timer', 'vigil'],
};

async function gather(answers: FixtureAnswer[], options: DriftOptions = defaults, host = 'lab') {
  const config = defaultConfig();
  const replay = new ReplayHost({ vigil_fixture: 1, host, kind: 'ssh', captured_at: '2026-11-23T06:15:00.000Z', vigil_version: 'test', answers }, host, 'strict');
  return systemdDrift.gather({
    host: replay,
    hostConfig: { ...config.hosts[0]!, name: host },
    options,
    config,
    signal: new AbortController().signal,
    now: new Date('2026-11-23T06:15:00Z'),
    previous: undefined,
    salt: 'test',
  });
}
const exec = (argv: readonly string[], stdout: string, code = 0, stderr = ''): FixtureAnswer => ({ op: 'exec', argv: [...argv], sudo: false, result: { code, stdout, stderr } });

describe('systemd-drift parsing (recorded systemctl 252)', () => {
  it('reads list-units, list-units --failed and list-unit-files from a real systemd 252 manager', () => {
    const obs = parseDrift(recorded('debian-12-systemd-252-drift'), null, false);
    expect(obs.system.units).toHaveLength(13);
    expect(obs.system.units.find((u) => u.unit === 'ssh.socket')).toEqual({ unit: 'ssh.socket', load: 'loaded', active: 'active', sub: 'listening' });
    expect(obs.system.units.find((u) => u.unit === 'tailscaled.service')).toEqual({ unit: 'tailscaled.service', load: 'loaded', active: 'activating', sub: 'auto-restart' });
    expect(obs.system.failed).toEqual([{ unit: 'restic-backup.service', load: 'loaded', active: 'failed', sub: 'failed' }]);
    expect(obs.system.unitFiles.find((f) => f.unit === 'nut-driver@.service')?.state).toBe('indirect');
  });

  it("reads this machine's real Debian 12 unit files (164, every state systemctl 252 prints)", () => {
    const files = parseListUnitFiles(read('debian-12-systemd-252-not-booted', 'list-unit-files.txt'));
    expect(files).toHaveLength(164);
    expect(new Set(files.map((f) => f.state))).toEqual(new Set(['alias', 'disabled', 'enabled', 'indirect', 'masked', 'static']));
    expect(files.find((f) => f.unit === 'getty@.service')?.state).toBe('enabled');
  });

  it('accepts the glyph column, the legend, two-column unit files (systemd < 245) and escaped unit names', () => {
    const text = 'UNIT LOAD ACTIVE SUB DESCRIPTION\n* basic.target not-found inactive dead basic.target\n● srv-nas\\x2dbackup.mount loaded failed failed /srv/nas-backup\n\nLOAD   = Reflects whether the unit definition was properly loaded.\n2 loaded units listed.\n';
    expect(parseListUnits(text).map((u) => u.unit)).toEqual(['basic.target', 'srv-nas\\x2dbackup.mount']);
    expect(parseListUnitFiles('sshd.service enabled\ncrond.service static\n')).toEqual([
      { unit: 'sshd.service', state: 'enabled' },
      { unit: 'crond.service', state: 'static' },
    ]);
  });

  it('turns malformed listings into a ParseError naming the command and line, never quoting input', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => parseListUnits('ssh.service loaded active running SSH\nnot a unit at all\n', 'systemctl list-units'), /^systemctl list-units:2: /],
      [() => parseListUnits('ssh.service loaded\n'), /:1: expected LOAD, ACTIVE and SUB/],
      [() => parseListUnits('ssh.service LOADED Active running x\n'), /:1: /],
      [() => parseListUnitFiles('ssh.service enabled enabled extra\n'), /:1: expected at most a preset/],
      [() => parseListUnitFiles('$(rm -rf /).service enabled\n'), /:1: expected a unit file name/],
    ];
    for (const [run, message] of cases) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).message).toMatch(message);
      expect((error as ParseError).message).not.toMatch(/rm -rf|not a unit/);
    }
  });

  it('never throws anything but ParseError on truncated, binary, enormous and hostile input (fuzz)', () => {
    const drift = recorded('debian-12-systemd-252-drift');
    const inputs: [string, (t: string) => unknown][] = [
      [drift.units, (t) => parseListUnits(t)],
      [read('debian-12-systemd-252-not-booted', 'list-unit-files.txt'), (t) => parseListUnitFiles(t)],
    ];
    for (const [seed, parse] of inputs) {
      for (const input of mutations(seed, 300, seed.length)) {
        try {
          const rows = parse(input) as { unit: string }[];
          for (const r of rows) expect(r.unit).toMatch(/^[A-Za-z0-9:_.\\@-]+\.[a-z]+$/);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
          expect((error as ParseError).message).not.toMatch(/onerror|<script>|rm -rf/);
          expect((error as ParseError).message.length).toBeLessThan(160);
        }
      }
    }
  });
});

describe('systemd-drift analysis', () => {
  const drift = parseDrift(recorded('debian-12-systemd-252-drift'), null, false);
  const clean = parseDrift(recorded('debian-12-systemd-252-clean'), null, false);

  it('recorded drift: a failed backup, a crash-looping and a stopped expected service, one running and one enabled unasked', () => {
    const found = analyzeDrift(drift, SENTINEL, 'sentinel');
    expect(found.map((f) => [f.subject, f.severity, f.title])).toEqual([
      ['failed:restic-backup.service', 'high', 'Service restic-backup failed on sentinel'],
      ['missing:nut-monitor.service', 'medium', 'Expected service nut-monitor is not running on sentinel'],
      ['missing:tailscaled.service', 'high', 'Expected service tailscaled keeps crashing and restarting on sentinel'],
      ['unexpected:avahi-daemon.service', 'medium', 'Service avahi-daemon is running on sentinel but not expected'],
      ['unexpected:cups.service', 'low', 'Service cups is enabled on sentinel but not expected'],
    ]);
    expect(found[0]!.evidence).toMatchObject({ unit: 'restic-backup.service', state: 'failed/failed', important: 'runs from restic-backup.timer' });
    expect(found[1]!.evidence).toEqual({ unit: 'nut-monitor.service', state: 'not loaded', enabled: 'disabled', installed: true });
  });

  it('a socket-activated expected service counts as up while its socket listens; an alias cannot be judged (low)', () => {
    expect(drift.system.units.find((u) => u.unit === 'ssh.service')?.active).toBe('inactive');
    expect(analyzeDrift(drift, SENTINEL, 'sentinel').some((f) => f.subject === 'missing:ssh.service')).toBe(false);
    const aliased: DriftObservation = { ...clean, system: { ...clean.system, unitFiles: [...clean.system.unitFiles, { unit: 'sshd.service', state: 'alias' }] } };
    expect(analyzeDrift(aliased, { ...SENTINEL, expected: ['sshd'] }, 'lab').filter((f) => f.subject.startsWith('missing:')).map((f) => [f.severity, f.title])).toEqual([
      ['low', 'Expected service sshd is an alias on lab, so Vigil cannot see whether it runs'],
    ]);
  });

  it('recorded clean: everything expected runs, both timers wait, nothing failed → nothing', () => {
    expect(analyzeDrift(clean, SENTINEL, 'sentinel')).toEqual([]);
  });

  it('without an allowlist: failed units still count, services are not flagged, one info finding says what went uncompared', () => {
    const found = analyzeDrift(drift, defaults, 'sentinel');
    expect(found.map((f) => [f.subject, f.severity])).toEqual([
      ['failed:restic-backup.service', 'medium'],
      ['allowlist', 'info'],
    ]);
    // avahi-daemon, containerd, cups, docker, nut-driver@ups, nut-server, tailscaled: none is OS plumbing (ssh waits on its socket).
    expect(found[1]!.evidence).toEqual({ services: 7, running: 5, allowlist: false });
    expect(found[1]!.title).toBe('No expected-services list for sentinel, so 7 services beyond the OS baseline went uncompared');
  });

  it('per-host lists add to the global ones; an explicitly empty host list still counts as an allowlist', () => {
    const options: DriftOptions = { ...defaults, expected: ['ssh'], hosts: { sentinel: { expected: ['docker'], timers: ['backup'] }, nas: { expected: [] } } };
    expect(planFor(options, 'sentinel')).toEqual({ expected: ['ssh', 'docker'], timers: ['backup.timer'], userTimers: [] });
    expect(planFor({ ...defaults, hosts: { nas: { expected: [] } } }, 'nas').expected).toEqual([]);
    expect(planFor(defaults, 'nas').expected).toBeNull();
  });

  it('watched timers: not installed (high), disabled or inactive (medium), failed (as a failed unit, high)', () => {
    const obs: DriftObservation = {
      system: {
        units: [
          { unit: 'vigil.timer', load: 'loaded', active: 'inactive', sub: 'dead' },
          { unit: 'backup.timer', load: 'loaded', active: 'active', sub: 'waiting' },
          { unit: 'scrub.timer', load: 'loaded', active: 'failed', sub: 'failed' },
        ],
        failed: [],
        unitFiles: [
          { unit: 'vigil.timer', state: 'enabled' },
          { unit: 'backup.timer', state: 'disabled' },
          { unit: 'scrub.timer', state: 'enabled' },
        ],
      },
      user: null,
      userUnavailable: false,
    };
    const found = analyzeDrift(obs, { ...defaults, timers: ['vigil.timer', 'backup', 'scrub.timer', 'gone.timer'] }, 'ubuntu');
    expect(found.map((f) => [f.subject, f.severity, f.title])).toEqual([
      ['failed:scrub.timer', 'high', 'Timer scrub.timer failed on ubuntu'],
      ['timer:vigil.timer', 'medium', 'Timer vigil.timer is not active on ubuntu: it will not fire'],
      ['timer:backup.timer', 'medium', 'Timer backup.timer is not enabled on ubuntu: it stops at the next reboot'],
      ['timer:gone.timer', 'high', 'Timer gone.timer is not installed on ubuntu'],
      ['allowlist', 'info', 'No expected-services list for ubuntu, so 0 services beyond the OS baseline went uncompared'],
    ]);
  });

  it('user timers: checked in the user manager, or one low finding when that manager cannot be reached', () => {
    const user = parseDrift(recorded('debian-12-systemd-252-clean'), recorded('debian-12-systemd-252-drift'), false);
    const options: DriftOptions = { ...SENTINEL, timers: [], user_timers: ['restic-backup.timer', 'vigil.timer'] };
    expect(analyzeDrift(user, options, 'ubuntu').map((f) => [f.subject, f.severity, f.title])).toEqual([
      ['user-failed:restic-backup.service', 'high', 'Service restic-backup failed on ubuntu (user manager)'],
    ]);
    const unreachable = analyzeDrift({ ...clean, userUnavailable: true }, options, 'ubuntu');
    expect(unreachable.map((f) => [f.subject, f.severity])).toEqual([['user-manager', 'low']]);
  });

  it('matches unit patterns with or without .service, and globs', () => {
    const match = unitMatcher(['ssh', 'docker.service', 'getty@*', 'nut-driver@ups?'], 'service');
    expect(['ssh.service', 'docker.service', 'getty@tty1.service', 'getty@.service', 'nut-driver@ups1.service'].every(match)).toBe(true);
    expect(['sshd.service', 'ssh.socket', 'nut-driver@ups.service', 'xgetty@tty1.service'].some(match)).toBe(false);
  });

  it('the baseline can be turned off: then OS plumbing needs listing too', () => {
    const found = analyzeDrift(clean, { ...SENTINEL, baseline: false, expected: ['ssh'] }, 'lab');
    expect(found.filter((f) => f.subject.startsWith('unexpected:')).map((f) => f.subject)).toContain('unexpected:docker.service');
  });
});

describe('systemd-drift probing', () => {
  const drift = recorded('debian-12-systemd-252-drift');
  const systemAnswers = [exec(LIST_UNITS, drift.units), exec(LIST_FAILED, drift.failed), exec(LIST_UNIT_FILES, drift.unitFiles)];

  it('skips, with the reason, where systemd is not PID 1 (real Debian 12 stderr) or systemctl is missing', async () => {
    const notBooted = [exec(LIST_UNITS, read('debian-12-systemd-252-not-booted', 'list-units.txt'), Number(read('debian-12-systemd-252-not-booted', 'list-units.code')), read('debian-12-systemd-252-not-booted', 'list-units.stderr'))];
    expect(await gather(notBooted)).toEqual({ status: 'skipped', reason: 'systemd is not running as the init system (PID 1) on this host' });
    expect(await gather([exec(LIST_UNITS, '', 127, 'sh: systemctl: not found\n')])).toEqual({ status: 'skipped', reason: 'systemctl is not installed (the host does not use systemd)' });
  });

  it('another systemctl failure is an error naming the command and exit code, not the stderr', async () => {
    await expect(gather([exec(LIST_UNITS, '', 1, 'Access denied to secret-unit\n')])).rejects.toThrow(/^systemctl list-units exited with code 1$/);
  });

  it('asks the user manager only when user timers are configured, and survives it being unreachable', async () => {
    const options: DriftOptions = { ...defaults, user_timers: ['vigil.timer'] };
    const unreachable = await gather([...systemAnswers, exec(userCommand(LIST_UNITS), '', 1, 'Failed to connect to bus: No medium found\n')], options);
    expect(unreachable.status === 'data' && (unreachable.data as DriftObservation).userUnavailable).toBe(true);
    const plain = await gather(systemAnswers);
    expect(plain.status === 'data' && (plain.data as DriftObservation).user).toBeNull();
  });

  it('validates options in vigil.yaml with file, line and key path', () => {
    const config = parseConfigText('vault: /v\nchecks:\n  systemd-drift:\n    expected: [ssh, "getty@*", snapd.apparmor]\n    hosts: { pi: { timers: [vigil.timer] } }\n', '/c/vigil.yaml', { env: {}, home: '/h', cwd: '/c' });
    expect(config.checks['systemd-drift'].options).toMatchObject({ expected: ['ssh', 'getty@*', 'snapd.apparmor'], timers: [], baseline: true, hosts: { pi: { timers: ['vigil.timer'] } } });
    for (const [yaml, message] of [
      ['    expected: ["ssh; rm -rf /"]\n', /vigil\.yaml:4: checks\.systemd-drift\.expected\.0: expected a unit name or pattern/],
      ['    timers: ["backup-*.timer"]\n', /vigil\.yaml:4: checks\.systemd-drift\.timers\.0: name timers exactly/],
      ['    expected: [docker.socket]\n', /vigil\.yaml:4: checks\.systemd-drift\.expected\.0: expected lists services/],
      ['    hosts:\n      pi: { timers: [backup.service] }\n', /vigil\.yaml:5: checks\.systemd-drift\.hosts\.pi\.timers\.0: expected a timer/],
    ] as const) {
      let error: unknown;
      try {
        parseConfigText(`vault: /v\nchecks:\n  systemd-drift:\n${yaml}`, '/c/vigil.yaml', { env: {}, home: '/h', cwd: '/c' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('systemd-drift live (this machine)', () => {
  it('gathers from the real systemctl: skipped with the reason where systemd is not PID 1, data where it is', async () => {
    if (!requireBinary('systemctl', 'systemd')) return;
    const config = defaultConfig();
    const result = await systemdDrift.gather({
      host: new LocalHost('live'),
      hostConfig: config.hosts[0]!,
      options: defaults,
      config,
      signal: new AbortController().signal,
      now: new Date(),
      previous: undefined,
      salt: 'test',
    });
    // sd_booted(3): systemd is the init system exactly when /run/systemd/system exists.
    if (existsSync('/run/systemd/system')) {
      expect(result.status).toBe('data');
      if (result.status === 'data') expect(() => analyzeDrift(result.data as DriftObservation, defaults, 'live')).not.toThrow();
    } else {
      expect(result).toEqual({ status: 'skipped', reason: 'systemd is not running as the init system (PID 1) on this host' });
    }
  });
});
