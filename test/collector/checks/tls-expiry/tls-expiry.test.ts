// tls-expiry offline: recorded handshakes replayed strictly, thresholds at their edges, options, malformed and fuzzed PEM.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeTls } from '../../../../collector/checks/tls-expiry/analyze';
import { parseEndpointText, parseHandshake, parseOpensslDate, type EndpointObservation } from '../../../../collector/checks/tls-expiry/parse';
import { reasonOf } from '../../../../collector/checks/tls-expiry/probe';
import { ConfigError } from '../../../../collector/errors/config-error';
import { ParseError } from '../../../../collector/errors/parse-error';
import { parseFixture, ReplayHost } from '../../../../collector/host/replay-host';
import type { Fixture } from '../../../../collector/host/fixture';
import { HOSTILE_STRINGS, mutations } from '../../../helpers/fuzz';
import { runTls, tlsConfig } from './run-check';

const FIX = join(import.meta.dirname, 'fixtures');
const load = (name: string): Fixture => parseFixture(JSON.parse(readFileSync(join(FIX, `${name}.json`), 'utf8')), name);

/** The endpoints a fixture answers for, as config YAML (so the replay asks exactly the recorded questions). */
function endpointsOf(f: Fixture): string {
  return f.answers
    .flatMap((a) => (a.op === 'tls' ? [a.request] : []))
    .map((r) => (r.servername ? `      - { host: ${r.host}, port: ${r.port}, servername: ${r.servername} }` : `      - ${r.host}:${r.port}`))
    .join('\n');
}

async function replay(name: string) {
  const fixture = load(name);
  const host = new ReplayHost(fixture, 'local', 'strict');
  const config = tlsConfig(`    ca_file: /etc/ssl/vigil-test-ca.pem\n    endpoints:\n${endpointsOf(fixture)}\n`);
  const result = await runTls(host, config, host.capturedAt);
  expect(host.misses).toEqual([]);
  return result;
}

const leafPem = (() => {
  const a = load('openssl-3.0-valid-chain').answers.find((x) => x.op === 'tls' && x.result);
  return a?.op === 'tls' ? a.result!.chainPem[0]! : '';
})();
const endpoint = { host: 'vault.home.arpa', port: 443, servername: null };

function observation(notBefore: string, notAfter: string, extra: Partial<Extract<EndpointObservation, { status: 'handshake' }>> = {}): EndpointObservation {
  return {
    endpoint,
    status: 'handshake',
    leaf: { commonName: 'vault.home.arpa', issuerCommonName: 'Homelab CA', altNames: ['vault.home.arpa'], notBefore, notAfter, serial: '10', fingerprint256: 'AA', selfSigned: false },
    chainLength: 1,
    nameMatches: true,
    authorizationError: null,
    protocol: 'TLSv1.3',
    ...extra,
  };
}

describe('tls-expiry recorded', () => {
  it('openssl-3.0-test-pki: expired, 5 days, 20 days, wrong name, self-signed, not yet valid, refused and non-TLS ports', async () => {
    const { gathered, findings } = await replay('openssl-3.0-test-pki');
    expect(gathered.status).toBe('data');
    const summary = findings.map((f) => `${f.severity} ${f.title.replace(/:\d+/g, ':PORT')}`).sort();
    expect(summary).toEqual(
      [
        'critical Certificate for expired.vigil.test:PORT expired 1 day ago',
        'critical Certificate for soon.vigil.test:PORT expires in 5 days',
        'high Certificate for future.vigil.test:PORT is not valid until ' + new Date(Date.parse(load('openssl-3.0-test-pki').captured_at) + 2 * 86_400_000).toISOString().slice(0, 10),
        'high Certificate for wrong.vigil.test:PORT does not cover the name wrong.vigil.test',
        'medium Certificate for self.vigil.test:PORT is self-signed',
        'medium Certificate for warn.vigil.test:PORT expires in 20 days',
        'medium TLS endpoint 127.0.0.1:PORT could not be checked: connection refused',
        'medium TLS endpoint 127.0.0.1:PORT could not be checked: the port does not speak TLS (wrong version number)',
      ].sort(),
    );
  });

  it('openssl-3.0-valid-chain: a 200-day certificate that chains to ca_file → nothing', async () => {
    const { gathered, findings } = await replay('openssl-3.0-valid-chain');
    expect(gathered.status).toBe('data');
    expect(findings).toEqual([]);
  });

  it('subjects are stable as the days count down, so an incident escalates instead of multiplying', () => {
    const early = analyzeTls([observation('2026-01-01T00:00:00.000Z', '2026-12-13T06:15:00.000Z')], { warn_days: 30, critical_days: 7, caConfigured: true }, new Date('2026-11-23T06:15:00Z'));
    const late = analyzeTls([observation('2026-01-01T00:00:00.000Z', '2026-12-13T06:15:00.000Z')], { warn_days: 30, critical_days: 7, caConfigured: true }, new Date('2026-12-08T06:15:00Z'));
    expect(early.map((f) => [f.subject, f.severity])).toEqual([['vault.home.arpa:443:validity', 'medium']]);
    expect(late.map((f) => [f.subject, f.severity])).toEqual([['vault.home.arpa:443:validity', 'critical']]);
  });
});

describe('tls-expiry thresholds', () => {
  const now = new Date('2026-11-23T06:15:00Z');
  const judge = (daysLeft: number, warn = 30, critical = 7) =>
    analyzeTls([observation('2026-01-01T00:00:00.000Z', new Date(now.getTime() + daysLeft * 86_400_000 + 3_600_000).toISOString())], { warn_days: warn, critical_days: critical, caConfigured: false }, now).map((f) => f.severity);

  it('warns at 30 days and is critical at 7 (the user\'s own rule), nothing before', () => {
    expect(judge(31)).toEqual([]);
    expect(judge(30)).toEqual(['medium']);
    expect(judge(8)).toEqual(['medium']);
    expect(judge(7)).toEqual(['critical']);
    expect(judge(0)).toEqual(['critical']);
    expect(judge(45, 60, 14)).toEqual(['medium']);
    expect(judge(10, 60, 14)).toEqual(['critical']);
  });

  it("an endpoint's own warn_days / critical_days win over the check's", () => {
    const config = tlsConfig('    warn_days: 30\n    endpoints: ["vault.home.arpa:443", { host: nas.home.arpa, port: 5001, warn_days: 60, critical_days: 14 }]\n');
    const [plain, nas] = (config.checks['tls-expiry'].options as { endpoints: EndpointObservation['endpoint'][] }).endpoints;
    expect(plain).toEqual({ host: 'vault.home.arpa', port: 443, servername: null });
    expect(nas).toEqual({ host: 'nas.home.arpa', port: 5001, servername: null, warn_days: 60, critical_days: 14 });
    const expiresIn = (days: number) => new Date(now.getTime() + days * 86_400_000 + 3_600_000).toISOString();
    const found = analyzeTls(
      [
        { ...observation('2026-01-01T00:00:00.000Z', expiresIn(45)), endpoint: plain! },
        { ...observation('2026-01-01T00:00:00.000Z', expiresIn(45)), endpoint: nas! },
        { ...observation('2026-01-01T00:00:00.000Z', expiresIn(12)), endpoint: { ...nas!, port: 5002 } },
      ] as EndpointObservation[],
      { warn_days: 30, critical_days: 7, caConfigured: false },
      now,
    );
    expect(found.map((f) => [f.severity, f.evidence?.warn_days, f.evidence?.critical_days])).toEqual([
      ['medium', 60, 14],
      ['critical', 60, 14],
    ]);
  });

  it('expired today reads "today"; within a day reads "within a day"', () => {
    const at = (iso: string) => analyzeTls([observation('2026-01-01T00:00:00.000Z', iso)], { warn_days: 30, critical_days: 7, caConfigured: false }, now)[0]?.title;
    expect(at('2026-11-23T01:00:00.000Z')).toBe('Certificate for vault.home.arpa expired today');
    expect(at('2026-11-23T20:00:00.000Z')).toBe('Certificate for vault.home.arpa expires within a day');
  });

  it('time and name codes from OpenSSL are not reported as trust problems (the analyzer judges those itself)', () => {
    for (const code of ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      expect(analyzeTls([observation('2026-01-01T00:00:00.000Z', '2027-06-01T00:00:00.000Z', { authorizationError: code })], { warn_days: 30, critical_days: 7, caConfigured: true }, now)).toEqual([]);
    }
    // A self-signed certificate that verified was pinned through ca_file: the user chose to trust it.
    const pinned = observation('2026-01-01T00:00:00.000Z', '2027-06-01T00:00:00.000Z', { authorizationError: null });
    if (pinned.status === 'handshake') pinned.leaf.selfSigned = true;
    expect(analyzeTls([pinned], { warn_days: 30, critical_days: 7, caConfigured: true }, now)).toEqual([]);
    const untrusted = analyzeTls([observation('2026-01-01T00:00:00.000Z', '2027-06-01T00:00:00.000Z', { authorizationError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' })], { warn_days: 30, critical_days: 7, caConfigured: true }, now);
    expect(untrusted.map((f) => [f.severity, f.title])).toEqual([['high', 'Certificate chain of vault.home.arpa is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY)']]);
  });
});

describe('tls-expiry options', () => {
  it('defaults to warn 30 / critical 7 and skips with a reason when no endpoint is configured', async () => {
    const config = tlsConfig('    {}\n');
    expect(config.checks['tls-expiry'].options).toEqual({ endpoints: [], warn_days: 30, critical_days: 7 });
    const { gathered } = await runTls(new ReplayHost(load('openssl-3.0-valid-chain'), 'local', 'strict'), config, new Date());
    expect(gathered).toEqual({ status: 'skipped', reason: 'no endpoints configured (checks.tls-expiry.endpoints)' });
  });

  it('accepts host:port, [v6]:port, a bare host and { host, port, servername }', () => {
    const config = tlsConfig('    endpoints: ["vault.home.arpa:443", "[::1]:8443", "git.home.arpa", { host: 192.168.1.10, port: 5001, servername: nas.home.arpa }]\n');
    expect(config.checks['tls-expiry'].options).toMatchObject({
      endpoints: [
        { host: 'vault.home.arpa', port: 443, servername: null },
        { host: '::1', port: 8443, servername: null },
        { host: 'git.home.arpa', port: 443, servername: null },
        { host: '192.168.1.10', port: 5001, servername: 'nas.home.arpa' },
      ],
    });
    expect(parseEndpointText('a:99999')).toBeNull();
    expect(parseEndpointText('https://x')).toBeNull();
  });

  it('names the key and says what it expected for each mistake', () => {
    const problem = (yaml: string) => {
      try {
        tlsConfig(yaml);
      } catch (e) {
        return (e as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
      }
      return [];
    };
    expect(problem('    endpoints: ["vault.home.arpa:99999"]\n')).toEqual([
      'checks.tls-expiry.endpoints.0: expected HOST:PORT such as "vault.home.arpa:443" or { host, port, servername, warn_days, critical_days }',
    ]);
    expect(problem('    warn_days: "30"\n')).toEqual(['checks.tls-expiry.warn_days: expected a number of days']);
    expect(problem('    ca_file: homelab-ca.pem\n')).toEqual(['checks.tls-expiry.ca_file: expected an absolute path such as /etc/ssl/homelab-ca.pem']);
  });
});

describe('tls-expiry parsing', () => {
  it('reads OpenSSL dates and rejects anything else', () => {
    expect(parseOpensslDate('Nov  1 00:00:00 2026 GMT', 's')).toBe('2026-11-01T00:00:00.000Z');
    expect(parseOpensslDate('Dec 13 06:15:00 2026 GMT', 's')).toBe('2026-12-13T06:15:00.000Z');
    expect(() => parseOpensslDate('2026-12-13', 's')).toThrow(ParseError);
  });

  it('shortens OpenSSL and host-layer errors to their reason', () => {
    const e = { host: '10.0.0.1', port: 443, servername: null };
    expect(reasonOf('10.0.0.1:443: connection refused', e)).toBe('connection refused');
    expect(reasonOf('10.0.0.1:443: 80DC:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../x.c:1:\n', e)).toBe(
      'TLS handshake failed (sslv3 alert handshake failure)',
    );
  });

  it('an empty chain or a chain of garbage is a ParseError naming the endpoint, never quoting it', () => {
    for (const chainPem of [[], ['not a certificate'], [leafPem.replace(/[A-Za-z]{8}/, '!!!!!!!!')], [leafPem, 'password=hunter2']]) {
      let error: unknown;
      try {
        parseHandshake(endpoint, { chainPem, authorizationError: null, protocol: 'TLSv1.3' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).message).toMatch(/^tls vault\.home\.arpa:443/);
      expect((error as ParseError).message).not.toMatch(/hunter2|!!!!/);
    }
  });

  it('fuzzed PEM: a clean observation or a ParseError, never a crash, never the input in the message', () => {
    for (const mutated of mutations(leafPem, 300, 7)) {
      try {
        const o = parseHandshake(endpoint, { chainPem: [mutated], authorizationError: 'WEIRD\ncode', protocol: 'TLSv1.3' });
        expect(o.status).toBe('handshake');
        if (o.status === 'handshake') expect(o.authorizationError).toBe('UNKNOWN');
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        const message = (error as ParseError).message;
        expect(message.length).toBeLessThan(200);
        expect(message).not.toContain('BEGIN CERTIFICATE');
        for (const h of HOSTILE_STRINGS) expect(message).not.toContain(h);
      }
    }
  });
});
