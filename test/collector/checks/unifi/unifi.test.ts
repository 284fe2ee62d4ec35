// unifi against a loopback stub controller: UniFi OS and classic login, findings, login failure, expiry, TLS, replay, canary.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { executeRun } from '../../../../collector/engine/run';
import { LocalHost } from '../../../../collector/host/local-host';
import { RecordingHost } from '../../../../collector/host/recording-host';
import { ReplayHost } from '../../../../collector/host/replay-host';
import { messageOf } from '../../../../collector/errors/vigil-error';
import { requireBinary } from '../../../helpers/binaries';
import { tempDir } from '../../../helpers/tmp';
import { startUnifiStub, type UnifiStub, type UnifiStubData, type UnifiStubOptions } from '../../../helpers/unifi-server';
import { HOMELAB, KNOWN_MACS } from './expected';
import { runUnifi, unifiConfig } from './run-check';

/**
 * fixtures/modelled-*: controller answers written for these tests in the shapes public API clients document
 * (Art-of-WiFi UniFi-API-client, aiounifi, unpoller: the envelope, stat/sta, stat/device, list/alarm with
 * inner_alert_* fields, stat/event keys); no controller can run here. *-stub-*.json: conversations recorded from the stub.
 */
const FIX = join(import.meta.dirname, 'fixtures');
/** The recorded scenarios are judged on the morning after the night they describe. */
const NOW = new Date('2026-11-23T06:15:00Z');
/** A password that must never show up anywhere Vigil writes. */
const CANARY = 'canary-7f3a-Pa55word!';
const ENV = 'VIGIL_TEST_UNIFI_PASSWORD';

function scenario(name: string): UnifiStubData {
  const read = (file: string) => (JSON.parse(readFileSync(join(FIX, name, `${file}.json`), 'utf8')) as { data: unknown[] }).data;
  return { devices: read('stat-device'), clients: read('stat-sta'), alarms: read('list-alarm'), events: read('stat-event') };
}

const stubs: UnifiStub[] = [];
async function stub(o: Partial<UnifiStubOptions> & { data: UnifiStubData }): Promise<UnifiStub> {
  const s = await startUnifiStub({ flavor: 'unifi-os', username: 'vigil', password: CANARY, ...o });
  stubs.push(s);
  return s;
}

function config(url: string, extra = ''): ReturnType<typeof unifiConfig> {
  return unifiConfig(`    url: ${url}\n    username: vigil\n    password_env: ${ENV}\n    known_macs: ${KNOWN_MACS}\n${extra}`);
}

/** Everything Vigil could write about a run, as one string, for the canary checks. */
function everything(...values: unknown[]): string {
  return JSON.stringify(values);
}

beforeAll(() => {
  process.env[ENV] = CANARY;
});
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});
afterAll(() => {
  delete process.env[ENV];
});


describe('unifi against a stub UniFi OS console', () => {
  it('modelled-homelab: unknown clients, IPS and scan alarms, an evil twin, failed logins, an offline AP, WAN failover', async () => {
    const s = await stub({ data: scenario('modelled-homelab') });
    const { gathered, findings } = await runUnifi(new LocalHost('local'), config(s.url), NOW);
    expect(gathered.status).toBe('data');
    expect(findings.map((f) => [f.severity, f.title])).toEqual(HOMELAB);
    const scan = findings.find((f) => f.subject.startsWith('alarm:scan:'));
    expect(scan?.evidence).toMatchObject({ count: 2, inner_alert_signature_id: 2010937, first_seen: '2026-11-23T03:40:12.000Z', last_seen: '2026-11-23T05:02:51.000Z' });
    expect(findings.find((f) => f.subject === 'client:3c:22:fb:9a:41:07')?.evidence).toMatchObject({ vendor: 'Apple', ssid: 'Hogwarts', first_seen: '2026-11-23T01:02:11.000Z' });
    // Logged in once, sent the TOKEN cookie and the (rotating) CSRF token on every data call.
    expect(s.logins).toBe(1);
    expect(s.requests.filter((r) => r.path.startsWith('/proxy/network/')).every((r) => r.cookie && r.csrf && r.status === 200)).toBe(true);
  });

  it('an expired session (401 after login) logs in again once and carries on', async () => {
    const s = await stub({ data: scenario('modelled-homelab'), expireSessionsAfter: 2 });
    const { findings } = await runUnifi(new LocalHost('local'), config(s.url), NOW);
    expect(s.logins).toBe(2);
    expect(s.requests.filter((r) => r.status === 401).map((r) => r.path)).toEqual(['/proxy/network/api/s/default/list/alarm']);
    expect(findings.length).toBe(HOMELAB.length);
  });

  it('a controller that rejects every fresh session fails the check after one renewal, not in a loop', async () => {
    const s = await stub({ data: scenario('modelled-homelab'), rejectAllSessions: true });
    const error = await runUnifi(new LocalHost('local'), config(s.url), NOW).catch((e: unknown) => e);
    expect(messageOf(error)).toBe('stat/device: the controller rejected a fresh session');
    expect(s.logins).toBe(2);
  });

  it('a wrong password is a finding with a clear reason, and the password appears nowhere', async () => {
    const s = await stub({ data: scenario('modelled-homelab'), password: 'the-real-one' });
    const recorder = new RecordingHost(new LocalHost('local'));
    const result = await runUnifi(recorder, config(s.url), NOW);
    expect(result.findings).toEqual([
      expect.objectContaining({
        subject: 'controller-login',
        severity: 'medium',
        title: `Vigil could not log in to the UniFi controller at ${s.url}: the controller rejected the username or password`,
        evidence: { controller: s.url, username: 'vigil', http_status: 401, reason: 'the controller rejected the username or password' },
      }),
    ]);
    expect(s.failedLogins).toBe(1);
    expect(everything(result, recorder.toFixture(NOW, 'test'))).not.toContain(CANARY);
  });

  it('a whole run (engine, report, digest) with a good and a wrong password never carries the password', async () => {
    const good = await stub({ data: scenario('modelled-homelab') });
    const bad = await stub({ data: scenario('modelled-homelab'), password: 'the-real-one' });
    for (const s of [good, bad]) {
      const cfg = config(s.url);
      cfg.stateDir = await tempDir();
      const { report } = await executeRun({ config: cfg, version: 'test', now: NOW, dryRun: true, notify: false, salt: 'test', filter: { only: ['unifi'] } });
      expect(report.checks.map((c) => c.status)).toEqual(['ok']);
      expect(report.findings.length).toBeGreaterThan(0);
      expect(JSON.stringify(report)).not.toContain(CANARY);
    }
  });

  it('an unset password variable skips with the variable\'s name', async () => {
    const s = await stub({ data: scenario('modelled-homelab') });
    const { gathered } = await runUnifi(new LocalHost('local'), unifiConfig(`    url: ${s.url}\n    username: vigil\n    password_env: VIGIL_TEST_UNSET_VARIABLE\n`), NOW);
    expect(gathered).toEqual({ status: 'skipped', reason: 'environment variable VIGIL_TEST_UNSET_VARIABLE (checks.unifi.password_env) is not set' });
    expect(s.requests).toEqual([]);
  });

  it('a recorded run replays offline (no cookies, no password) to the same findings; the fixture holds no password', async () => {
    const s = await stub({ data: scenario('modelled-homelab'), expireSessionsAfter: 1 });
    const recorder = new RecordingHost(new LocalHost('local'));
    const live = await runUnifi(recorder, config(s.url), NOW);
    const fixture = { ...recorder.toFixture(NOW, 'test'), description: 'stub UniFi OS console serving modelled-homelab, with one expired session' };
    const text = JSON.stringify(fixture, null, 2);
    expect(text).not.toContain(CANARY);
    if (process.env.VIGIL_RECORD_FIXTURES === '1') writeFileSync(join(FIX, 'unifi-os-stub-homelab.json'), `${text}\n`);
    delete process.env[ENV];
    try {
      const replay = new ReplayHost(fixture, 'local', 'strict');
      const replayed = await runUnifi(replay, config(s.url), replay.capturedAt);
      expect(replay.misses).toEqual([]);
      expect(replayed.findings).toEqual(live.findings);
    } finally {
      process.env[ENV] = CANARY;
    }
  });
});

describe('unifi against a stub classic controller', () => {
  it('modelled-quiet: unifises cookie + csrf_token, everything known and connected → nothing', async () => {
    const s = await stub({ flavor: 'classic', data: scenario('modelled-quiet') });
    const recorder = new RecordingHost(new LocalHost('local'));
    const { gathered, findings } = await runUnifi(recorder, config(s.url), NOW);
    expect(gathered.status).toBe('data');
    expect(findings).toEqual([]);
    const fixture = { ...recorder.toFixture(NOW, 'test'), description: 'stub classic controller serving modelled-quiet' };
    if (process.env.VIGIL_RECORD_FIXTURES === '1') writeFileSync(join(FIX, 'classic-stub-quiet.json'), `${JSON.stringify(fixture, null, 2)}\n`);
    expect(s.requests.filter((r) => r.path.startsWith('/api/s/')).every((r) => r.cookie && r.csrf && r.status === 200)).toBe(true);
    expect(s.requests.map((r) => `${r.method} ${r.path} ${r.status}`).slice(0, 2)).toEqual(['GET / 302', 'POST /api/login 200']);
  });

  it('a wrong password (400 api.err.Invalid) and a wrong site are told apart', async () => {
    const s = await stub({ flavor: 'classic', data: scenario('modelled-quiet'), password: 'other' });
    const { findings } = await runUnifi(new LocalHost('local'), config(s.url, '    controller: classic\n'), NOW);
    expect(findings.map((f) => [f.severity, f.evidence?.http_status])).toEqual([['medium', 400]]);
    expect(s.requests.map((r) => r.path)).toEqual(['/api/login']);
    const t = await stub({ flavor: 'classic', data: scenario('modelled-quiet') });
    const error = await runUnifi(new LocalHost('local'), config(t.url, '    site: branch\n'), NOW).catch((e: unknown) => e);
    expect(messageOf(error)).toBe('site "branch" does not exist on the controller (checks.unifi.site)');
  });

  it('a stopped controller is a high finding (the watch is blind)', async () => {
    const s = await stub({ data: scenario('modelled-quiet') });
    await s.close();
    const { findings } = await runUnifi(new LocalHost('local'), config(s.url), NOW);
    expect(findings.map((f) => [f.subject, f.severity, f.title])).toEqual([['controller', 'high', `UniFi controller at ${s.url} cannot be reached: connection refused`]]);
  });
});

const openssl = requireBinary('openssl', 'openssl');

describe.skipIf(!openssl)('unifi against a stub console with a self-signed certificate', () => {
  let tls: { key: string; cert: string };
  let caFile = '';
  beforeAll(async () => {
    const dir = await tempDir('vigil-unifi-');
    execFileSync(openssl!, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '30', '-subj', '/CN=unifi', '-addext', 'subjectAltName=IP:127.0.0.1'], { cwd: dir, stdio: 'ignore' });
    tls = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
    caFile = join(dir, 'cert.pem');
  });

  it('refuses it by default (a finding that says how to fix it), accepts it with insecure or with its certificate as ca_file', async () => {
    const s = await stub({ data: scenario('modelled-quiet'), tls });
    const refused = await runUnifi(new LocalHost('local'), config(s.url), NOW);
    expect(refused.findings.map((f) => [f.subject, f.title, f.remediation])).toEqual([
      ['controller', `UniFi controller at ${s.url} cannot be reached: self-signed certificate`, expect.stringContaining('checks.unifi.insecure: true')],
    ]);
    expect((await runUnifi(new LocalHost('local'), config(s.url, '    insecure: true\n'), NOW)).findings).toEqual([]);
    expect((await runUnifi(new LocalHost('local'), config(s.url, `    ca_file: ${caFile}\n`), NOW)).findings).toEqual([]);
  });
});
