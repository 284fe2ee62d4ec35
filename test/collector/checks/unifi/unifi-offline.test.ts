// unifi offline: recorded conversations replayed strictly, the policy tables, options, and fuzzed controller answers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { threatSeverity } from '../../../../collector/checks/unifi/alarms';
import { analyzeUnifi, parseKnownMac, type UnifiObservation } from '../../../../collector/checks/unifi/analyze';
import { parseClients, parseDevices, parseEntries, parseEnvelope, type UnifiEntry } from '../../../../collector/checks/unifi/parse';
import { loginFailure, parseSetCookie } from '../../../../collector/checks/unifi/session';
import type { ConfigError } from '../../../../collector/errors/config-error';
import { ParseError } from '../../../../collector/errors/parse-error';
import type { Fixture } from '../../../../collector/host/fixture';
import { parseFixture, ReplayHost } from '../../../../collector/host/replay-host';
import { HOSTILE_STRINGS, mutations } from '../../../helpers/fuzz';
import { HOMELAB, KNOWN_MACS } from './expected';
import { runUnifi, unifiConfig } from './run-check';

const FIX = join(import.meta.dirname, 'fixtures');
const NOW = new Date('2026-11-23T06:15:00Z');
const load = (name: string): Fixture => parseFixture(JSON.parse(readFileSync(join(FIX, `${name}.json`), 'utf8')), name);
const raw = (scenario: string, file: string) => readFileSync(join(FIX, scenario, `${file}.json`), 'utf8');

/** Replay a recorded conversation strictly, with no password in the environment at all. */
async function replay(name: string) {
  const fixture = load(name);
  const first = fixture.answers.find((a) => a.op === 'http');
  const url = first?.op === 'http' ? first.request.url.replace(/\/$/, '') : '';
  const host = new ReplayHost(fixture, 'local', 'strict');
  const config = unifiConfig(`    url: ${url}\n    username: vigil\n    password_env: VIGIL_TEST_NEVER_SET\n    known_macs: ${KNOWN_MACS}\n`);
  const result = await runUnifi(host, config, host.capturedAt);
  expect(host.misses).toEqual([]);
  return result;
}

function entry(key: string, fields: UnifiEntry['fields'], time = NOW.getTime() - 3_600_000, archived = false): UnifiEntry {
  return { id: `${key}-${time}-${JSON.stringify(fields)}`, key, time, archived, fields };
}

function ok(partial: Partial<Extract<UnifiObservation, { status: 'ok' }>>): UnifiObservation {
  return { controller: 'https://unifi.home.arpa', site: 'default', status: 'ok', flavor: 'unifi-os', clients: [], devices: [], alarms: [], events: [], ...partial };
}

describe('unifi recorded', () => {
  it('unifi-os-stub-homelab: the UniFi OS conversation (with one expired session) replays to every finding', async () => {
    const { findings } = await replay('unifi-os-stub-homelab');
    expect(findings.map((f) => [f.severity, f.title])).toEqual(HOMELAB);
  });

  it('classic-stub-quiet: the classic conversation replays to nothing', async () => {
    const { gathered, findings } = await replay('classic-stub-quiet');
    expect(gathered.status).toBe('data');
    expect(findings).toEqual([]);
  });
});

describe('unifi policy', () => {
  it('Suricata priority 1/2/3 → high/medium/low; blocked is one step lower, never below low', () => {
    const judge = (p: number | undefined, action: string) => threatSeverity(entry('EVT_IPS_IpsAlert', { ...(p === undefined ? {} : { inner_alert_severity: p }), inner_alert_action: action }));
    expect([judge(1, 'allowed'), judge(2, 'allowed'), judge(3, 'allowed'), judge(undefined, 'allowed')]).toEqual(['high', 'medium', 'low', 'medium']);
    expect([judge(1, 'blocked'), judge(2, 'blocked'), judge(3, 'blocked')]).toEqual(['medium', 'low', 'low']);
  });

  it('tells a flood from a scan from other threats, and a neighbour\'s AP from an evil twin', () => {
    const findings = analyzeUnifi(
      ok({
        clients: [{ mac: 'f0:18:98:5c:2e:41', name: null, hostname: null, oui: null, ip: null, network: null, essid: 'Hogwarts', wired: false, guest: false, blocked: false, firstSeen: null, lastSeen: null }],
        alarms: [
          entry('EVT_IPS_IpsAlert', { inner_alert_category: 'Attempted Denial of Service', inner_alert_signature: 'ET DOS Possible SYN flood', dest_ip: '203.0.113.5', inner_alert_severity: 2 }),
          entry('EVT_AP_DetectRogueAP', { essid: 'FRITZ!Box 7590 XY', bssid: '3c:a6:2f:00:11:22' }),
          entry('EVT_SW_DetectRogueDHCP', { ip: '192.168.1.254', mac: '00:1a:2b:3c:4d:5e', sw_name: 'Office switch' }),
          entry('EVT_AP_Lost_Contact', { ap: '74:83:c2:aa:bb:51' }),
        ],
      }),
      { known_macs: ['f0:18:98:5c:2e:41'], events_within: 86_400_000 },
      NOW,
    );
    expect(findings.map((f) => [f.severity, f.title])).toEqual([
      ['medium', 'Flood against 203.0.113.5 detected by the UniFi gateway, not blocked'],
      ['medium', 'Rogue access point "FRITZ!Box 7590 XY" seen by the UniFi access points'],
      ['high', 'Rogue DHCP server 192.168.1.254 (00:1a:2b:3c:4d:5e) on switch Office switch'],
    ]);
  });

  it('an offline gateway is high; an empty known_macs is one info finding, not one per client', () => {
    const findings = analyzeUnifi(
      ok({
        devices: [{ mac: '74:ac:b9:14:2a:10', name: 'UDM Pro', model: 'UDMPRO', type: 'udm', state: 0, ip: null, lastSeen: 1795383612 }],
        clients: [{ mac: '3c:22:fb:9a:41:07', name: null, hostname: null, oui: null, ip: null, network: null, essid: null, wired: true, guest: false, blocked: false, firstSeen: null, lastSeen: null }],
      }),
      { known_macs: [], events_within: 86_400_000 },
      NOW,
    );
    expect(findings.map((f) => [f.subject, f.severity, f.title])).toEqual([
      ['device:74:ac:b9:14:2a:10', 'high', 'UniFi gateway UDM Pro is offline'],
      ['clients:no-known-list', 'info', 'The UniFi controller sees 1 client, but checks.unifi.known_macs is empty'],
    ]);
  });

  it('reads known MACs in any case and separator, and vendor prefixes', () => {
    expect(parseKnownMac('F0-18-98-5C-2E-41')).toEqual({ mac: 'f0:18:98:5c:2e:41' });
    expect(parseKnownMac('E8:DB:84:*')).toEqual({ prefix: 'e8:db:84:' });
    expect(parseKnownMac('e8:db:*')).toBeNull();
  });
});

describe('unifi session helpers', () => {
  it('splits Set-Cookie headers joined with commas, even with Expires dates in them', () => {
    expect(parseSetCookie('TOKEN=abc.def; path=/; expires=Wed, 21 Oct 2026 07:28:00 GMT; secure, csrf_token=xyz; Path=/')).toEqual([
      ['TOKEN', 'abc.def'],
      ['csrf_token', 'xyz'],
    ]);
    expect(parseSetCookie(undefined)).toEqual([]);
    for (const mutated of mutations('TOKEN=abc; path=/, csrf_token=xyz; Path=/', 200, 3)) expect(Array.isArray(parseSetCookie(mutated))).toBe(true);
  });

  it('explains login failures without quoting the answer', () => {
    expect(loginFailure(400, '{"meta":{"rc":"error","msg":"api.err.Invalid"},"data":[]}')).toBe('the controller rejected the username or password');
    expect(loginFailure(200, '{"meta":{"rc":"error","msg":"api.err.Ubic2faTokenRequired"}}')).toBe('the account requires two-factor authentication; give Vigil a local account without it');
    expect(loginFailure(429, '')).toBe('too many login attempts; the controller refuses logins for a while');
    expect(loginFailure(502, '<html>hunter2</html>')).toBe('the login answered HTTP 502');
    expect(loginFailure(404, '')).toBe('no login endpoint there (HTTP 404); set checks.unifi.controller to unifi-os or classic');
  });
});

describe('unifi options', () => {
  const problem = (yaml: string) => {
    try {
      unifiConfig(yaml);
    } catch (e) {
      return (e as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
    }
    return [];
  };

  it('has safe defaults and skips without a controller', async () => {
    const config = unifiConfig('    {}\n');
    expect(config.checks.unifi.options).toEqual({ password_env: 'UNIFI_PASSWORD', site: 'default', known_macs: [], controller: 'auto', insecure: false, events_within: 86_400_000 });
    const { gathered } = await runUnifi(new ReplayHost(load('classic-stub-quiet'), 'local', 'strict'), config, NOW);
    expect(gathered).toEqual({ status: 'skipped', reason: 'no controller configured (checks.unifi.url)' });
  });

  it('names the key and what it expected', () => {
    expect(problem('    known_macs: ["3c:22:fb:9a:41"]\n')).toEqual([
      'checks.unifi.known_macs.0: expected a MAC address like 3c:22:fb:12:34:56 or a vendor prefix like 3c:22:fb:*',
    ]);
    expect(problem('    url: https://admin:pw@unifi.home.arpa\n')).toEqual([
      'checks.unifi.url: expected the controller URL without credentials, such as https://unifi.home.arpa or https://192.168.1.2:8443',
    ]);
    expect(problem('    password_env: $UNIFI_PASSWORD\n')).toEqual(['checks.unifi.password_env: expected the name of an environment variable, such as UNIFI_PASSWORD']);
    expect(problem('    controller: udm\n')).toEqual(['checks.unifi.controller: expected auto, unifi-os or classic']);
  });
});

describe('unifi parsers', () => {
  it('error envelopes and wrong shapes are ParseErrors naming the endpoint, never quoting the answer', () => {
    expect(() => parseEnvelope('{"meta":{"rc":"error","msg":"api.err.NoSiteContext"},"data":[]}', 'stat/sta')).toThrow('stat/sta: the controller answered an error (api.err.NoSiteContext)');
    expect(() => parseEnvelope('{"meta":{"rc":"error","msg":"password=hunter2"}}', 'stat/sta')).toThrow(/^stat\/sta: the controller answered an error$/);
    expect(() => parseEnvelope('<html>hunter2</html>', 'stat/sta')).toThrow('stat/sta: not JSON');
    expect(() => parseClients('{"meta":{"rc":"ok"},"data":[{"mac":"hunter2"}]}')).toThrow('stat/sta: client 1 has no valid MAC address');
    expect(() => parseDevices('{"meta":{"rc":"ok"},"data":[{"mac":"74:ac:b9:14:2a:10","state":"1"}]}')).toThrow('stat/device: device 1 has no numeric state');
  });

  it('keeps only known alarm fields, made printable and bounded', () => {
    const [e] = parseEntries('{"meta":{"rc":"ok"},"data":[{"key":"EVT_AP_DetectRogueAP","essid":"evil\\u001b[2J\\nnet","password":"hunter2","time":1795400049000}]}', 'list/alarm');
    expect(e).toMatchObject({ key: 'EVT_AP_DetectRogueAP', time: 1795400049000, archived: false, fields: { essid: 'evil [2J net' } });
    expect(JSON.stringify(e)).not.toContain('hunter2');
  });

  const parsers = [
    ['stat/sta', (t: string) => parseClients(t), raw('modelled-homelab', 'stat-sta')],
    ['stat/device', (t: string) => parseDevices(t), raw('modelled-homelab', 'stat-device')],
    ['list/alarm', (t: string) => parseEntries(t, 'list/alarm'), raw('modelled-homelab', 'list-alarm')],
    ['stat/event', (t: string) => parseEntries(t, 'stat/event'), raw('modelled-homelab', 'stat-event')],
  ] as const;
  for (const [name, parse, text] of parsers) {
    it(`fuzzed ${name}: a clean result or a ParseError, never a crash, never the input in the message`, () => {
      for (const mutated of mutations(text, 250, 5)) {
        try {
          const rows = parse(mutated);
          expect(Array.isArray(rows)).toBe(true);
          // Whatever got through is analyzable without throwing.
          analyzeUnifi(ok({ clients: name === 'stat/sta' ? (rows as never) : [], devices: name === 'stat/device' ? (rows as never) : [], alarms: name === 'list/alarm' ? (rows as never) : [] }), { known_macs: ['00:11:32:ab:cd:ef'], events_within: 86_400_000 }, NOW);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
          const message = (error as ParseError).message;
          expect(message.length).toBeLessThan(200);
          for (const h of HOSTILE_STRINGS) expect(message).not.toContain(h);
        }
      }
    });
  }
});
