// Decide which listening sockets are a problem: bound to every interface and not in the allow list.
import type { FindingDraft } from '../../../shared/finding';
import type { Severity } from '../../../shared/severity';
import { isListening, type ProcSocket } from './parse';

/** A listening socket with its owner, as the analyzer sees it. */
export interface ListeningSocket extends ProcSocket {
  pid: number | null;
  process: string | null;
}

/** The observation: every socket from the four tables, with owners where the probe could see them. */
export interface SocketsObservation {
  sockets: ListeningSocket[];
  /** Whether process owners could be read (root, or own processes only). */
  ownersVisible: boolean;
}

/** Options of the check. */
export interface SocketsOptions {
  allow: string[];
}

/** Addresses that mean "every interface". */
const WILDCARDS = new Set(['0.0.0.0', '::', '::ffff:0.0.0.0']);

/**
 * Ports whose exposure on every interface is high severity: databases, caches and container/cluster
 * control APIs that are routinely found open and unauthenticated (CIS Docker Benchmark 2.x on the
 * Docker daemon socket over TCP; the MongoDB/Redis/Elasticsearch exposure advisories).
 */
const HIGH_RISK_PORTS: Record<number, string> = {
  2375: 'Docker API (plain)',
  2376: 'Docker API (TLS)',
  2379: 'etcd',
  3306: 'MySQL/MariaDB',
  5432: 'PostgreSQL',
  5984: 'CouchDB',
  6379: 'Redis',
  9200: 'Elasticsearch',
  10250: 'kubelet',
  11211: 'memcached',
  27017: 'MongoDB',
};

/** Well-known services named in titles when the owning process is not visible. */
const KNOWN_PORTS: Record<number, string> = {
  22: 'SSH',
  53: 'DNS',
  80: 'HTTP',
  443: 'HTTPS',
  445: 'SMB',
  3000: 'web app',
  5000: 'web app',
  8080: 'HTTP alt',
  8443: 'HTTPS alt',
  9090: 'Prometheus',
  9100: 'node_exporter',
  ...HIGH_RISK_PORTS,
};

/** A parsed `allow` entry: `*:22`, `0.0.0.0:53/udp`, `[::]:8000-8100/tcp`, `22`. */
interface AllowRule {
  address: string | null;
  from: number;
  to: number;
  protocol: 'tcp' | 'udp' | null;
}

/** Parse an allow entry; null when it is not one (the config schema reports it). */
export function parseAllow(entry: string): AllowRule | null {
  const m = /^(?:(\*|\[[0-9a-fA-F:.]+\]|[0-9.]+):)?(\*|\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp))?$/.exec(entry.trim());
  if (!m) return null;
  const address = m[1] === undefined || m[1] === '*' ? null : m[1].replace(/^\[|\]$/g, '');
  const from = m[2] === '*' ? 0 : Number(m[2]);
  const to = m[2] === '*' ? 65535 : m[3] ? Number(m[3]) : from;
  if (from > 65535 || to > 65535 || to < from) return null;
  return { address, from, to, protocol: (m[4] as 'tcp' | 'udp' | undefined) ?? null };
}

function allowed(s: ListeningSocket, rules: AllowRule[]): boolean {
  return rules.some(
    (r) =>
      (r.protocol === null || r.protocol === s.protocol) &&
      s.port >= r.from &&
      s.port <= r.to &&
      (r.address === null || r.address === s.address || (WILDCARDS.has(r.address) && WILDCARDS.has(s.address))),
  );
}

function severityFor(protocol: 'tcp' | 'udp', port: number): Severity {
  if (HIGH_RISK_PORTS[port]) return 'high';
  // UDP services on every interface are common and low-risk by default (mDNS, DHCP client, WireGuard).
  return protocol === 'udp' ? 'low' : 'medium';
}

/** Findings: one per protocol/port bound to a wildcard address and not allowed. */
export function analyzeListeningSockets(obs: SocketsObservation, options: SocketsOptions, host: string): FindingDraft[] {
  const rules = options.allow.map(parseAllow).filter((r): r is AllowRule => r !== null);
  const groups = new Map<string, ListeningSocket[]>();
  for (const s of obs.sockets) {
    if (!isListening(s) || !WILDCARDS.has(s.address) || allowed(s, rules)) continue;
    const key = `${s.protocol}/${s.port}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const findings: FindingDraft[] = [];
  for (const [key, sockets] of [...groups].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
    const first = sockets[0]!;
    const processName = sockets.find((s) => s.process)?.process ?? null;
    const known = KNOWN_PORTS[first.port];
    // docker-proxy says only that a container port is published; the port's usual service says more.
    const published = processName === 'docker-proxy';
    const service = published ? (known ?? null) : (processName ?? known ?? null);
    const addresses = [...new Set(sockets.map((s) => s.address))].sort();
    findings.push({
      subject: key,
      severity: severityFor(first.protocol, first.port),
      title: `${service ? `${service} on port` : 'Port'} ${first.port}/${first.protocol}${published ? ', published by Docker,' : ''} listens on all interfaces on ${host}`,
      evidence: {
        port: first.port,
        protocol: first.protocol,
        addresses: addresses.join(', '),
        process: processName,
        pid: sockets.find((s) => s.pid !== null)?.pid ?? null,
        uid: first.uid,
      },
      remediation: `Bind it to 127.0.0.1 or the one LAN address it serves, or add "*:${first.port}/${first.protocol}" to checks.listening-sockets.allow if it is meant to be reachable.`,
    });
  }
  return findings;
}
