// apt-upgradable: recorded apt 2.6 simulations (118 upgrades, nothing to do), list staleness, trivy from its documented JSON.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aptUpgradable, parseTrivy } from '../../../../collector/checks/apt-upgradable';
import { analyzeApt, rememberApt, type AptObservation, type AptOptions, type TrivyObservation } from '../../../../collector/checks/apt-upgradable/analyze';
import { isSecurityOrigin, parseAptSimulation } from '../../../../collector/checks/apt-upgradable/parse';
import { APT_SIMULATE, LIST_STAMPS, LISTS_DIR, TRIVY_SCAN, TRIVY_VERSION } from '../../../../collector/checks/apt-upgradable/probe';
import { parseTrivyReport, parseTrivyVersion } from '../../../../collector/checks/apt-upgradable/trivy';
import { defaultConfig } from '../../../../collector/config/load';
import { ParseError } from '../../../../collector/errors/parse-error';
import type { FixtureAnswer } from '../../../../collector/host/fixture';
import { LocalHost } from '../../../../collector/host/local-host';
import { ReplayHost } from '../../../../collector/host/replay-host';
import { requireBinary, which } from '../../../helpers/binaries';
import { mutations } from '../../../helpers/fuzz';

const FIX = join(import.meta.dirname, 'fixtures');
const read = (name: string) => readFileSync(join(FIX, name), 'utf8');
const NOW = new Date('2026-11-23T06:15:00Z');
const HOUR = 3_600_000;
const options: AptOptions = { max_list_age: 7 * 24 * HOUR, security_grace: 14 * 24 * HOUR, trivy: 'auto' };

function observation(simulation: string, listsAgeHours: number, trivy: TrivyObservation = { state: 'absent' }): AptObservation {
  return {
    checkedAt: NOW.toISOString(),
    simulation: parseAptSimulation(simulation),
    simulationExit: 0,
    listsUpdatedMs: NOW.getTime() - listsAgeHours * HOUR,
    listsStamp: '/var/lib/apt/lists',
    packageLists: 3,
    trivy,
  };
}

const exec = (argv: readonly string[], stdout: string, code = 0, stderr = ''): FixtureAnswer => ({ op: 'exec', argv: [...argv], sudo: false, result: { code, stdout, stderr } });
const stat = (path: string, hoursOld: number): FixtureAnswer => ({ op: 'stat', path, result: { type: 'file', size: 0, mode: 0o644, uid: 0, gid: 0, mtimeMs: NOW.getTime() - hoursOld * HOUR } });
const listing: FixtureAnswer = { op: 'list', path: LISTS_DIR, result: [{ name: 'deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4', type: 'file' }, { name: 'partial', type: 'dir' }] };

async function gather(answers: FixtureAnswer[], opts: AptOptions = options) {
  const config = defaultConfig();
  const host = new ReplayHost({ vigil_fixture: 1, host: 'lab', kind: 'ssh', captured_at: NOW.toISOString(), vigil_version: 'test', answers }, 'lab', 'strict');
  return aptUpgradable.gather({ host, hostConfig: config.hosts[0]!, options: opts, config, signal: new AbortController().signal, now: NOW, previous: undefined, salt: 't' });
}

describe('apt-upgradable parsing (recorded apt 2.6 on Debian 12)', () => {
  it('reads 118 upgrades with versions, releases and architectures, 74 of them from the security archive', () => {
    const sim = parseAptSimulation(read('debian-12-bookworm-118-upgrades.txt'));
    expect(sim).toMatchObject({ newPackages: 0, removals: 0, notUpgraded: 0 });
    expect(sim.upgrades).toHaveLength(118);
    expect(sim.upgrades.filter((u) => u.security)).toHaveLength(74);
    expect(sim.upgrades.find((u) => u.package === 'libgcrypt20-dev')).toEqual({
      package: 'libgcrypt20-dev',
      from: '1.10.1-3',
      to: '1.10.1-3+deb12u1',
      origins: ['Debian:12.15/oldstable', 'Debian-Security:12/oldstable-security'],
      arch: 'amd64',
      security: true,
    });
    expect(sim.upgrades.find((u) => u.package === 'bash')?.security).toBe(false);
  });

  it('reads the same simulation run as a non-root user (with apt\'s NOTE block) identically', () => {
    expect(parseAptSimulation(read('debian-12-bookworm-118-upgrades-as-nobody.txt'))).toEqual(parseAptSimulation(read('debian-12-bookworm-118-upgrades.txt')));
  });

  it('reads an up-to-date system as nothing to do, and new packages and removals from a dist-upgrade', () => {
    expect(parseAptSimulation(read('debian-12-bookworm-nothing-to-upgrade.txt'))).toEqual({ upgrades: [], newPackages: 0, removals: 0, notUpgraded: 0 });
    const sim = parseAptSimulation(
      [
        'Inst linux-image-6.1.0-28-amd64 (6.1.119-1 Debian-Security:12/stable-security [amd64])',
        'Remv linux-image-6.1.0-21-amd64 [6.1.90-1]',
        'Inst libc6:i386 [2.36-9+deb12u8] (2.36-9+deb12u9 Debian:12.8/stable [i386])',
        '1 upgraded, 1 newly installed, 1 to remove and 2 not upgraded.',
      ].join('\n'),
    );
    expect(sim).toMatchObject({ newPackages: 1, removals: 1, notUpgraded: 2 });
    expect(sim.upgrades.map((u) => [u.package, u.from, u.security])).toEqual([
      ['linux-image-6.1.0-28-amd64', null, true],
      ['libc6:i386', '2.36-9+deb12u8', false],
    ]);
  });

  it('tells security archives from the rest (Debian, Ubuntu, third-party repositories)', () => {
    for (const o of ['Debian-Security:12/stable-security', 'Ubuntu:24.04/noble-security', 'UbuntuESMApps:24.04/noble-apps-security']) expect(isSecurityOrigin(o), o).toBe(true);
    for (const o of ['Debian:12.8/stable', 'Ubuntu:24.04/noble-updates', 'Docker CE:noble', 'Raspberry Pi Foundation:stable']) expect(isSecurityOrigin(o), o).toBe(false);
  });

  it('turns malformed or cut-short output into a ParseError naming the command and line, never quoting input', () => {
    const good = read('debian-12-bookworm-118-upgrades.txt');
    const cases: [string, RegExp][] = [
      [good.replace('Inst bash [5.2.15-2+b8] (5.2.15-2+b13', 'Inst bash [5.2.15-2+b8] 5.2.15-2+b13'), /^apt-get -s dist-upgrade:\d+: an Inst line/],
      [good.split('\n').filter((l) => !l.startsWith('118 upgraded')).join('\n'), /summary line/],
      [good.split('\n').slice(0, 60).join('\n'), /do not add up to the summary/],
      ['Inst $(rm -rf /) [1] (2 x [amd64])\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n', /:1: an Inst line/],
    ];
    for (const [text, message] of cases) {
      let error: unknown;
      try {
        parseAptSimulation(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).message).toMatch(message);
      expect((error as ParseError).message).not.toMatch(/rm -rf|bash/);
    }
  });

  it('never throws anything but ParseError on truncated, binary, enormous and hostile input (fuzz)', () => {
    for (const input of mutations(read('debian-12-bookworm-118-upgrades.txt'), 300, 7)) {
      try {
        const sim = parseAptSimulation(input);
        for (const u of sim.upgrades) expect(u.package).toMatch(/^[a-z0-9][a-z0-9+.:-]*$/);
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        expect((error as ParseError).message).not.toMatch(/onerror|<script>|rm -rf/);
      }
    }
    for (const input of mutations(read('trivy-0.58-rootfs-debian-12-from-docs.json'), 200, 11)) {
      try {
        parseTrivyReport(input);
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        expect((error as ParseError).message).not.toMatch(/onerror|<script>|rm -rf|CVE-/);
      }
    }
  });
});

describe('apt-upgradable analysis', () => {
  const recorded = read('debian-12-bookworm-118-upgrades.txt');

  it('recorded Debian 12 with fresh lists: one medium finding naming the count and the security share', () => {
    const [f, ...rest] = analyzeApt(observation(recorded, 5), options, 'lab', NOW, undefined);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ subject: 'updates', severity: 'medium', title: '118 package updates pending on lab, 74 of them security updates' });
    expect(f!.evidence).toMatchObject({ updates: 118, security: 74, new_packages: 0, lists_age_hours: 5, security_pending_days: 0, trivy: 'skipped: trivy is not installed' });
  });

  it('clean scenario (recorded, up to date, fresh lists, no trivy): nothing', () => {
    expect(analyzeApt(observation(read('debian-12-bookworm-nothing-to-upgrade.txt'), 5), options, 'lab', NOW, undefined)).toEqual([]);
  });

  it('stale lists are a finding of their own and raise the update finding one step', () => {
    const found = analyzeApt(observation(recorded, 19 * 24), options, 'sentinel', NOW, undefined);
    expect(found.map((f) => [f.subject, f.severity, f.title])).toEqual([
      ['lists', 'medium', "apt's package lists on sentinel are 19 days old, so newer updates are unknown"],
      ['updates', 'high', '118 package updates pending on sentinel, 74 of them security updates'],
    ]);
    const onlyRegular = 'Inst bash [1] (2 Debian:12.8/stable [amd64])\n1 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n';
    expect(analyzeApt(observation(onlyRegular, 5), options, 'lab', NOW, undefined)[0]?.severity).toBe('low');
    expect(analyzeApt(observation(onlyRegular, 10 * 24), options, 'lab', NOW, undefined).map((f) => f.severity)).toEqual(['medium', 'medium']);
    // Even with nothing pending, lists that old make "nothing pending" untrustworthy.
    expect(analyzeApt(observation(read('debian-12-bookworm-nothing-to-upgrade.txt'), 10 * 24), options, 'lab', NOW, undefined).map((f) => f.subject)).toEqual(['lists']);
  });

  it('no package lists at all is a finding, never a clean bill', () => {
    const obs = { ...observation(read('debian-12-bookworm-nothing-to-upgrade.txt'), 1), packageLists: 0 };
    expect(analyzeApt(obs, options, 'lab', NOW, undefined).map((f) => [f.subject, f.severity])).toEqual([['lists', 'medium']]);
  });

  it('a security update pending longer than security_grace is high; memory keeps the first sighting', () => {
    const obs = observation(recorded, 5);
    const first = rememberApt(obs, undefined);
    expect(Object.keys(first.security_first_seen)).toHaveLength(74);
    expect(first.security_first_seen['libgcrypt20-dev=1.10.1-3+deb12u1']).toBe(NOW.toISOString());
    const old = { security_first_seen: { 'libgcrypt20-dev=1.10.1-3+deb12u1': '2026-11-01T06:00:00.000Z', 'gone=1': '2026-01-01T00:00:00.000Z' } };
    const [f] = analyzeApt(obs, options, 'lab', NOW, old);
    expect(f).toMatchObject({ severity: 'high' });
    expect(f!.evidence?.security_pending_days).toBe(22);
    const next = rememberApt(obs, old);
    expect(next.security_first_seen['libgcrypt20-dev=1.10.1-3+deb12u1']).toBe('2026-11-01T06:00:00.000Z');
    expect(next.security_first_seen['gone=1']).toBeUndefined();
    // Garbage memory is ignored, not trusted.
    expect(analyzeApt(obs, options, 'lab', NOW, { security_first_seen: { 'libgcrypt20-dev=1.10.1-3+deb12u1': 42 } })[0]?.severity).toBe('medium');
  });

  it('apt-get refusing to plan (broken dependencies, exit 100) is a finding', () => {
    const obs: AptObservation = { ...observation(recorded, 5), simulation: null, simulationExit: 100 };
    expect(analyzeApt(obs, options, 'lab', NOW, undefined)).toEqual([
      expect.objectContaining({ subject: 'simulation', severity: 'medium', title: 'apt cannot plan an upgrade on lab (apt-get exited with code 100)' }),
    ]);
  });
});

describe('apt-upgradable trivy enrichment (documented JSON format; trivy is not in Debian)', () => {
  const summary = parseTrivyReport(read('trivy-0.58-rootfs-debian-12-from-docs.json'));

  it('counts OS-package vulnerabilities per severity, once each, ignoring language packages', () => {
    expect(summary).toEqual({
      total: 7,
      bySeverity: { CRITICAL: 2, HIGH: 2, MEDIUM: 0, LOW: 2, UNKNOWN: 1 },
      fixable: { CRITICAL: 1, HIGH: 2, MEDIUM: 0, LOW: 0, UNKNOWN: 0 },
      packages: ['libexpat1', 'zlib1g', 'openssh-client', 'openssh-server', 'apt', 'util-linux', 'bash'],
    });
    expect(parseTrivyReport(read('trivy-0.58-rootfs-clean-from-docs.json')).total).toBe(0);
    expect(parseTrivyVersion(read('trivy-0.58-version.json'))).toEqual({ version: '0.58.1', dbUpdatedAt: '2026-11-23T00:03:12.098Z' });
    expect(parseTrivyVersion('{"Version":"0.58.1"}').dbUpdatedAt).toBeNull();
  });

  it('a fixable critical makes a high finding; the update finding says trivy scanned', () => {
    const trivy: TrivyObservation = { state: 'scanned', version: '0.58.1', dbUpdatedAt: '2026-11-23T00:03:12.098Z', summary };
    const found = analyzeApt(observation(read('debian-12-bookworm-118-upgrades.txt'), 5, trivy), options, 'lab', NOW, undefined);
    expect(found.map((f) => [f.subject, f.severity, f.title])).toEqual([
      ['updates', 'medium', '118 package updates pending on lab, 74 of them security updates'],
      ['vulnerabilities', 'high', "trivy finds 7 known vulnerabilities in lab's packages (2 critical, 2 high)"],
    ]);
    expect(found[0]!.evidence?.trivy).toBe('scanned: 7 vulnerabilities');
    expect(found[1]!.evidence).toMatchObject({ critical: 2, high: 2, fixable: 3, packages: 'libexpat1, zlib1g, openssh-client, openssh-server, apt, util-linux, bash' });
  });

  it('clean scan, stale database, no database and a failed scan', () => {
    const clean = parseTrivyReport(read('trivy-0.58-rootfs-clean-from-docs.json'));
    const upToDate = read('debian-12-bookworm-nothing-to-upgrade.txt');
    expect(analyzeApt(observation(upToDate, 5, { state: 'scanned', version: '0.58.1', dbUpdatedAt: '2026-11-23T00:03:12.098Z', summary: clean }), options, 'lab', NOW, undefined)).toEqual([]);
    const stale = analyzeApt(observation(upToDate, 5, { state: 'scanned', version: '0.58.1', dbUpdatedAt: '2026-10-01T00:00:00.000Z', summary: clean }), options, 'lab', NOW, undefined);
    expect(stale.map((f) => [f.subject, f.severity, f.title])).toEqual([['trivy-db', 'low', "trivy's vulnerability database on lab is 8 weeks old"]]);
    expect(analyzeApt(observation(upToDate, 5, { state: 'no-db', version: '0.58.1' }), options, 'lab', NOW, undefined).map((f) => f.subject)).toEqual(['trivy-db']);
    expect(analyzeApt(observation(upToDate, 5, { state: 'failed', reason: 'trivy rootfs exited with code 1' }), options, 'lab', NOW, undefined)[0]?.title).toBe('trivy could not scan lab: trivy rootfs exited with code 1');
  });

  it('gathers: trivy absent (exit 127), present with a database (scan runs), present without one (no scan), failing', async () => {
    const apt = [exec(APT_SIMULATE, read('debian-12-bookworm-nothing-to-upgrade.txt')), stat(LIST_STAMPS[0]!, 3), { op: 'stat', path: LIST_STAMPS[1]!, result: null } as FixtureAnswer, stat(LIST_STAMPS[2]!, 2), listing];
    const absent = await gather([...apt, exec(TRIVY_VERSION, '', 127, 'sh: trivy: not found\n')]);
    expect(absent).toMatchObject({ status: 'data', data: { trivy: { state: 'absent' }, packageLists: 1, listsStamp: LIST_STAMPS[2], listsUpdatedMs: NOW.getTime() - 2 * HOUR } });
    const scanned = await gather([...apt, exec(TRIVY_VERSION, read('trivy-0.58-version.json')), exec(TRIVY_SCAN, read('trivy-0.58-rootfs-debian-12-from-docs.json'))]);
    expect(scanned).toMatchObject({ status: 'data', data: { trivy: { state: 'scanned', version: '0.58.1', summary: { total: 7 } } } });
    const noDb = await gather([...apt, exec(TRIVY_VERSION, '{"Version":"0.58.1"}')]);
    expect(noDb).toMatchObject({ data: { trivy: { state: 'no-db' } } });
    const failing = await gather([...apt, exec(TRIVY_VERSION, read('trivy-0.58-version.json')), exec(TRIVY_SCAN, '', 1, 'FATAL secret stuff\n')]);
    expect(failing).toMatchObject({ data: { trivy: { state: 'failed', reason: 'trivy rootfs exited with code 1' } } });
    const garbled = parseTrivy({ state: 'scanned', version: '0.58.1', dbUpdatedAt: '2026-11-23T00:00:00.000Z', report: '{"SchemaVersion":1}' });
    expect(garbled).toEqual({ state: 'failed', reason: 'trivy rootfs --format json: unsupported SchemaVersion 1 (expected 2)' });
    const off = await gather(apt, { ...options, trivy: 'off' });
    expect(off).toMatchObject({ data: { trivy: { state: 'off' } } });
  });

  it('skips where apt is not installed, with the reason', async () => {
    expect(await gather([exec(APT_SIMULATE, '', 127, 'sh: apt-get: not found\n')])).toEqual({ status: 'skipped', reason: 'apt is not installed (not a Debian-based system)' });
  });
});

describe('apt-upgradable live (this machine\'s apt cache)', () => {
  it('reads the real cache without changing it: the same upgrades apt-get itself lists, lists stamped, trivy reported', async () => {
    const aptGet = requireBinary('apt-get', 'apt');
    if (!aptGet) return;
    const watched = ['/var/lib/apt/lists', '/var/cache/apt', '/var/cache/apt/pkgcache.bin', '/var/cache/apt/srcpkgcache.bin'];
    const mtimes = () => watched.map((p) => { try { return statSync(p).mtimeMs; } catch { return null; } });
    const before = mtimes();
    const config = defaultConfig();
    const now = new Date();
    const result = await aptUpgradable.gather({ host: new LocalHost('live'), hostConfig: config.hosts[0]!, options, config, signal: new AbortController().signal, now, previous: undefined, salt: 't' });
    expect(mtimes()).toEqual(before);
    expect(result.status).toBe('data');
    if (result.status !== 'data') return;
    const obs = result.data as AptObservation;
    const direct = execFileSync(APT_SIMULATE[0]!, APT_SIMULATE.slice(1), { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    expect(obs.simulation?.upgrades.map((u) => u.package)).toEqual(parseAptSimulation(direct).upgrades.map((u) => u.package));
    expect(obs.listsUpdatedMs).not.toBeNull();
    expect(obs.trivy.state).toBe(which('trivy') ? expect.any(String) : 'absent');
    const found = analyzeApt(obs, options, 'live', now, undefined);
    const updates = found.find((f) => f.subject === 'updates');
    if (obs.simulation!.upgrades.length > 0) {
      expect(updates?.title).toMatch(/^\d+ package updates? pending on live/);
      if (obs.trivy.state === 'absent') expect(updates?.evidence?.trivy).toBe('skipped: trivy is not installed');
    } else expect(updates).toBeUndefined();
  }, 120_000);
});
