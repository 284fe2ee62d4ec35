import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSockets, listeningSockets } from '../../../../collector/checks/listening-sockets';
import { analyzeListeningSockets, parseAllow } from '../../../../collector/checks/listening-sockets/analyze';
import { decodeIpv4, decodeIpv6, isListening, parseProcNet, parseSocketOwners } from '../../../../collector/checks/listening-sockets/parse';
import { ParseError } from '../../../../collector/errors/parse-error';
import { mutations } from '../../../helpers/fuzz';
import { LocalHost } from '../../../../collector/host/local-host';
import { defaultConfig } from '../../../../collector/config/load';
import type { SocketsObservation } from '../../../../collector/checks/listening-sockets/analyze';

const FIX = join(import.meta.dirname, 'fixtures');
function recorded(name: string) {
  const read = (t: string) => readFileSync(join(FIX, name, t), 'utf8');
  return { tcp: read('tcp'), tcp6: read('tcp6'), udp: read('udp'), udp6: read('udp6') };
}

describe('listening-sockets parsing', () => {
  it('decodes the kernel\'s little-endian addresses', () => {
    expect(decodeIpv4('0100007F')).toBe('127.0.0.1');
    expect(decodeIpv4('00000000')).toBe('0.0.0.0');
    expect(decodeIpv6('00000000000000000000000000000000')).toBe('::');
    expect(decodeIpv6('00000000000000000000000001000000')).toBe('::1');
    expect(decodeIpv6('0000000000000000FFFF00000100007F')).toBe('::ffff:127.0.0.1');
    expect(decodeIpv6('B80D0120000000000000000001000000')).toBe('2001:db8::1');
  });

  it('reads a recorded Debian 12 kernel: IPv4, IPv6, v4-mapped, UDP, established and TIME_WAIT rows', () => {
    const obs = parseSockets(recorded('debian-12-node-listeners'), '', {});
    const listening = obs.sockets.filter(isListening).map((s) => `${s.protocol} ${s.address} ${s.port}`);
    expect(listening).toEqual(
      expect.arrayContaining([
        'tcp 127.0.0.1 15432',
        'tcp 0.0.0.0 18022',
        'tcp 0.0.0.0 13306',
        'tcp ::1 16379',
        'tcp :: 18080',
        'tcp ::ffff:127.0.0.1 19100',
        'udp 0.0.0.0 15353',
        'udp :: 15354',
        'udp ::1 15355',
      ]),
    );
    // The connected socket pair and the TIME_WAIT row are not listeners.
    expect(obs.sockets.filter((s) => !isListening(s)).length).toBeGreaterThanOrEqual(3);
  });

  it('maps socket inodes to their processes', () => {
    const owners = parseSocketOwners('/proc/10/fd/3 socket:[16636]\n/proc/10/fd/4 socket:[16637]\ngarbage\n/proc/11/fd/9 pipe:[1]\n');
    expect([...owners]).toEqual([
      ['16636', 10],
      ['16637', 10],
    ]);
    const obs = parseSockets(recorded('debian-12-node-listeners'), '/proc/10/fd/3 socket:[16636]\n', { '10': 'mariadbd' });
    expect(obs.ownersVisible).toBe(true);
    expect(obs.sockets.find((s) => s.port === 18022)).toMatchObject({ pid: 10, process: 'mariadbd' });
  });

  it('turns malformed tables into a ParseError naming the table and line, never quoting input', () => {
    const good = recorded('debian-12-node-listeners').tcp;
    const bad = [
      ['', 'header'],
      [good.replace(/0A 00000000/, 'ZZ 00000000'), 'layout'],
      [`${good.split('\n').slice(0, 2).join('\n')}\n   7: 0100007F:3C48`, 'layout'],
      [`${good}\u0000\u00ff\u0001binary\n`, 'layout'],
      [`${good}${'A'.repeat(1_000_000)}\n`, 'layout'],
    ] as const;
    for (const [text, reason] of bad) {
      let error: unknown;
      try {
        parseProcNet(text, 'tcp');
      } catch (e) {
        error = e;
      }
      expect(error, reason).toBeInstanceOf(ParseError);
      expect((error as ParseError).message).toMatch(/^\/proc\/net\/tcp:\d+: /);
      expect((error as ParseError).message.length).toBeLessThan(200);
    }
  });

  it('never throws anything but ParseError on truncated, binary, enormous and hostile input (fuzz)', () => {
    const recordedTables = recorded('debian-12-node-listeners');
    for (const table of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
      for (const input of mutations(recordedTables[table], 400, table.length)) {
        try {
          const rows = parseProcNet(input, table);
          for (const r of rows) expect(r.port).toBeLessThanOrEqual(65535);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
          expect((error as ParseError).message).not.toMatch(/onerror|<script>|rm -rf/);
        }
      }
    }
  });
});

describe('listening-sockets analysis', () => {
  const obs = parseSockets(recorded('debian-12-node-listeners'), '', {});

  it('finds wildcard listeners, one finding per protocol and port, by severity', () => {
    const found = analyzeListeningSockets(obs, { allow: [] }, 'lab');
    const subjects = found.map((f) => f.subject);
    expect(subjects).toEqual(expect.arrayContaining(['tcp/18022', 'tcp/13306', 'tcp/18080', 'udp/15353', 'udp/15354']));
    expect(subjects).not.toContain('tcp/15432');
    expect(subjects).not.toContain('tcp/16379');
    expect(subjects).not.toContain('tcp/19100');
    expect(subjects).not.toContain('udp/15355');
    expect(found.find((f) => f.subject === 'tcp/13306')?.severity).toBe('medium');
    expect(found.find((f) => f.subject === 'udp/15353')?.severity).toBe('low');
    expect(found.find((f) => f.subject === 'tcp/18080')?.title).toBe('Port 18080/tcp listens on all interfaces on lab');
  });

  it('rates database ports high and names docker-proxy by the service it publishes', () => {
    const o: SocketsObservation = {
      ownersVisible: true,
      sockets: [
        { table: 'tcp', protocol: 'tcp', address: '0.0.0.0', port: 6379, remotePort: 0, state: '0A', uid: 0, inode: '1', pid: 7, process: 'docker-proxy' },
        { table: 'tcp6', protocol: 'tcp', address: '::', port: 6379, remotePort: 0, state: '0A', uid: 0, inode: '2', pid: 8, process: 'docker-proxy' },
      ],
    };
    const [f] = analyzeListeningSockets(o, { allow: [] }, 'ubuntu');
    expect(f).toMatchObject({
      subject: 'tcp/6379',
      severity: 'high',
      title: 'Redis on port 6379/tcp, published by Docker, listens on all interfaces on ubuntu',
      evidence: { addresses: '0.0.0.0, ::', process: 'docker-proxy', pid: 7 },
    });
  });

  it('clean scenario: everything on a wildcard is allowed, nothing is found', () => {
    const allow = ['*:18022/tcp', '0.0.0.0:13306', '[::]:18080', '*:2024', '*:15353-15354/udp'];
    expect(analyzeListeningSockets(obs, { allow }, 'lab')).toEqual([]);
  });

  it('parses allow entries strictly', () => {
    expect(parseAllow('*:22')).toEqual({ address: null, from: 22, to: 22, protocol: null });
    expect(parseAllow('[::]:8000-8100/tcp')).toEqual({ address: '::', from: 8000, to: 8100, protocol: 'tcp' });
    expect(parseAllow('53/udp')).toEqual({ address: null, from: 53, to: 53, protocol: 'udp' });
    for (const bad of ['everything', '*:70000', '*:9-1', 'host:22', '*:22/sctp']) expect(parseAllow(bad), bad).toBeNull();
  });
});

describe('listening-sockets live (this machine\'s kernel)', () => {
  it('flags a server bound to 0.0.0.0 and not one bound to 127.0.0.1', async () => {
    const open = (host: string) =>
      new Promise<net.Server>((resolve) => {
        const s = net.createServer();
        s.listen(0, host, () => resolve(s));
      });
    const wild = await open('0.0.0.0');
    const local = await open('127.0.0.1');
    try {
      const wildPort = (wild.address() as net.AddressInfo).port;
      const localPort = (local.address() as net.AddressInfo).port;
      const config = defaultConfig();
      const gathered = await listeningSockets.gather({
        host: new LocalHost('live'),
        hostConfig: config.hosts[0]!,
        options: { allow: [] },
        config,
        signal: new AbortController().signal,
        now: new Date(),
        previous: undefined,
        salt: 'test',
      });
      expect(gathered.status).toBe('data');
      if (gathered.status !== 'data') return;
      const findings = listeningSockets.analyze(gathered.data, { host: 'live', options: { allow: [] }, now: new Date(), previous: undefined, salt: 'test' });
      const mine = findings.find((f) => f.subject === `tcp/${wildPort}`);
      expect(mine).toBeDefined();
      expect(findings.some((f) => f.subject === `tcp/${localPort}`)).toBe(false);
      // As root the owning process is visible: it is this test's own node process.
      if (process.getuid?.() === 0) expect(mine?.evidence?.process).toMatch(/node|vitest/);
    } finally {
      wild.close();
      local.close();
    }
  });
});
