// tls-expiry against real node:tls servers on 127.0.0.1 serving certificates the real openssl issued for this test.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../../collector/host/local-host';
import { RecordingHost } from '../../../../collector/host/recording-host';
import { requireBinary } from '../../../helpers/binaries';
import { tempDir } from '../../../helpers/tmp';
import { makePki, type KeyPair, type LeafSpec } from './certs';
import { runTls, tlsConfig } from './run-check';

const openssl = requireBinary('openssl', 'openssl');
const DAY = 86_400_000;
/** The test's clock: certificates are issued around it and the analyzer is judged at it (never the wall clock). */
const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (days: number, hours = 0) => new Date(t0.getTime() + days * DAY + hours * 3_600_000);

/** One server per case; `name` is the SNI name the endpoint is configured with. */
const CASES: { name: string; leaf: Omit<LeafSpec, 'commonName'> & { commonName?: string } }[] = [
  { name: 'expired.vigil.test', leaf: { altNames: ['DNS:expired.vigil.test'], start: at(-100), end: at(-1, -1) } },
  { name: 'soon.vigil.test', leaf: { altNames: ['DNS:soon.vigil.test'], start: at(-60), end: at(5, 1) } },
  { name: 'warn.vigil.test', leaf: { altNames: ['DNS:warn.vigil.test'], start: at(-60), end: at(20, 1) } },
  { name: 'long.vigil.test', leaf: { altNames: ['DNS:long.vigil.test', 'IP:127.0.0.1'], start: at(-10), end: at(200, 1) } },
  { name: 'wrong.vigil.test', leaf: { commonName: 'other.vigil.test', altNames: ['DNS:other.vigil.test'], start: at(-10), end: at(200, 1) } },
  { name: 'self.vigil.test', leaf: { altNames: ['DNS:self.vigil.test'], start: at(-10), end: at(200, 1), selfSigned: true } },
  { name: 'future.vigil.test', leaf: { altNames: ['DNS:future.vigil.test'], start: at(2), end: at(300) } },
];

const servers: net.Server[] = [];
const ports = new Map<string, number>();
let caFile = '';
let closedPort = 0;
let plainHttpPort = 0;
let dir = '';

function listen(server: net.Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

function endpointsYaml(names: readonly string[]): string {
  return names.map((n) => `      - { host: 127.0.0.1, port: ${ports.get(n)}, servername: ${n} }`).join('\n');
}

describe.skipIf(!openssl)('tls-expiry against real TLS servers', () => {
  beforeAll(async () => {
    dir = await tempDir('vigil-tls-');
    const pki = makePki(openssl!, dir, at(-365), at(3650));
    caFile = join(dir, 'ca.pem');
    for (const c of CASES) {
      const pair: KeyPair = pki.issue(c.name.split('.')[0]!, { commonName: c.leaf.commonName ?? c.name, ...c.leaf });
      ports.set(c.name, await listen(tls.createServer({ key: pair.key, cert: pair.cert })));
    }
    // A port that was open a moment ago and is now closed: connection refused, deterministically.
    const probe = net.createServer();
    closedPort = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as net.AddressInfo).port)));
    await new Promise((resolve) => probe.close(resolve));
    plainHttpPort = await listen(http.createServer((_req, res) => res.end('not TLS\n')));
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('finds expired, 5-day, 20-day, wrong-name, self-signed, not-yet-valid and unreachable endpoints; 200 days with the CA is clean', async () => {
    const config = tlsConfig(
      `    ca_file: ${caFile}\n    endpoints:\n${endpointsYaml(CASES.map((c) => c.name))}\n` +
        `      - 127.0.0.1:${ports.get('long.vigil.test')}\n      - 127.0.0.1:${closedPort}\n      - 127.0.0.1:${plainHttpPort}\n`,
    );
    const recorder = new RecordingHost(new LocalHost('local'));
    const { gathered, findings } = await runTls(recorder, config, t0);
    expect(gathered.status).toBe('data');
    const byEndpoint = (name: string) => findings.filter((f) => f.subject.includes(`/${name}:`)).map((f) => [f.severity, f.title]);

    expect(byEndpoint('expired.vigil.test')).toEqual([['critical', `Certificate for expired.vigil.test:${ports.get('expired.vigil.test')} expired 1 day ago`]]);
    expect(byEndpoint('soon.vigil.test')).toEqual([['critical', `Certificate for soon.vigil.test:${ports.get('soon.vigil.test')} expires in 5 days`]]);
    expect(byEndpoint('warn.vigil.test')).toEqual([['medium', `Certificate for warn.vigil.test:${ports.get('warn.vigil.test')} expires in 20 days`]]);
    expect(byEndpoint('long.vigil.test')).toEqual([]);
    expect(byEndpoint('wrong.vigil.test')).toEqual([
      ['high', `Certificate for wrong.vigil.test:${ports.get('wrong.vigil.test')} does not cover the name wrong.vigil.test`],
    ]);
    expect(byEndpoint('self.vigil.test')).toEqual([['medium', `Certificate for self.vigil.test:${ports.get('self.vigil.test')} is self-signed`]]);
    expect(byEndpoint('future.vigil.test')).toEqual([
      ['high', `Certificate for future.vigil.test:${ports.get('future.vigil.test')} is not valid until ${at(2).toISOString().slice(0, 10)}`],
    ]);

    const soon = findings.find((f) => f.subject.includes('/soon.vigil.test:'))!;
    expect(soon.evidence).toMatchObject({ days_left: 5, warn_days: 30, critical_days: 7, subject_cn: 'soon.vigil.test', issuer_cn: 'Vigil Test CA' });
    expect(findings.find((f) => f.subject.includes('/wrong.vigil.test:'))?.evidence).toMatchObject({ names: 'other.vigil.test' });

    // The same 200-day certificate reached by IP: its IP SAN covers 127.0.0.1, so nothing to report.
    expect(findings.filter((f) => f.subject.startsWith(`127.0.0.1:${ports.get('long.vigil.test')}:`))).toEqual([]);
    const refused = findings.find((f) => f.subject === `127.0.0.1:${closedPort}:unreachable`);
    expect(refused).toMatchObject({ severity: 'medium', title: `TLS endpoint 127.0.0.1:${closedPort} could not be checked: connection refused` });
    expect(refused?.evidence).toMatchObject({ code: 'ECONNREFUSED' });
    const notTls = findings.find((f) => f.subject === `127.0.0.1:${plainHttpPort}:unreachable`);
    expect(notTls?.severity).toBe('medium');
    expect(notTls?.title).toBe(`TLS endpoint 127.0.0.1:${plainHttpPort} could not be checked: the port does not speak TLS (wrong version number)`);

    if (process.env.VIGIL_RECORD_FIXTURES === '1') {
      const fixture = recorder.toFixture(t0, 'test');
      for (const a of fixture.answers) if (a.op === 'read') a.path = '/etc/ssl/vigil-test-ca.pem';
      writeFileSync(join(import.meta.dirname, 'fixtures', 'openssl-3.0-test-pki.json'), `${JSON.stringify({ ...fixture, description: 'node:tls servers on 127.0.0.1 with certificates issued by openssl 3.0 (Debian 12) around captured_at' }, null, 2)}\n`);
    }
  });

  it('without the custom CA the same good certificate is an untrusted chain (medium); with it, clean', async () => {
    const endpoints = `    endpoints:\n${endpointsYaml(['long.vigil.test'])}\n`;
    const without = await runTls(new LocalHost('local'), tlsConfig(endpoints), t0);
    expect(without.findings.map((f) => [f.severity, f.title])).toEqual([
      ['medium', `Certificate chain of long.vigil.test:${ports.get('long.vigil.test')} is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)`],
    ]);
    const recorder = new RecordingHost(new LocalHost('local'));
    const withCa = await runTls(recorder, tlsConfig(`    ca_file: ${caFile}\n${endpoints}`), t0);
    expect(withCa.findings).toEqual([]);
    if (process.env.VIGIL_RECORD_FIXTURES === '1') {
      const fixture = recorder.toFixture(t0, 'test');
      for (const a of fixture.answers) if (a.op === 'read') a.path = '/etc/ssl/vigil-test-ca.pem';
      writeFileSync(join(import.meta.dirname, 'fixtures', 'openssl-3.0-valid-chain.json'), `${JSON.stringify({ ...fixture, description: 'a 200-day certificate from the test CA, verified with ca_file' }, null, 2)}\n`);
    }
  });

  it('a self-signed certificate pinned through ca_file verifies and is not reported', async () => {
    const config = tlsConfig(`    ca_file: ${join(dir, 'self.pem')}\n    endpoints:\n${endpointsYaml(['self.vigil.test'])}\n`);
    expect((await runTls(new LocalHost('local'), config, t0)).findings).toEqual([]);
  });

  it('a ca_file that is not a certificate fails the check with a message naming the file, not its content', async () => {
    const bogus = join(dir, 'not-a-ca.pem');
    writeFileSync(bogus, 'password=hunter2\n');
    const config = tlsConfig(`    ca_file: ${bogus}\n    endpoints:\n${endpointsYaml(['long.vigil.test'])}\n`);
    await expect(runTls(new LocalHost('local'), config, t0)).rejects.toThrow(`${bogus}: contains no PEM certificate`);
    await expect(runTls(new LocalHost('local'), config, t0)).rejects.not.toThrow(/hunter2/);
  });
});
