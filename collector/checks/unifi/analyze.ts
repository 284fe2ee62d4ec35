// Decide what the controller's view means: a blind watch, unknown clients, offline devices, alarms, WAN failover.
import type { FindingDraft } from '../../../shared/finding';
import type { Severity } from '../../../shared/severity';
import { analyzeAlarms } from './alarms';
import { normaliseMac, type UnifiClient, type UnifiDevice, type UnifiEntry } from './parse';

/** The observation: the controller's state, or why it could not be read. */
export type UnifiObservation =
  | { controller: string; site: string; status: 'ok'; flavor: string; clients: UnifiClient[]; devices: UnifiDevice[]; alarms: UnifiEntry[]; events: UnifiEntry[] | null }
  | { controller: string; site: string; status: 'unreachable'; code: string; reason: string }
  | { controller: string; site: string; status: 'login-failed'; username: string; httpStatus: number; reason: string };

/** Options the analyzer uses. */
export interface UnifiAnalyzeOptions {
  known_macs: string[];
  events_within: number;
}

/**
 * Device states as the controller reports them (stat/device `state`; the values UniFi clients such as
 * unifi-client's EDeviceStates use). Null severity: normal or passing (connected, upgrading, provisioning,
 * adopting). Offline and heartbeat-missed → medium (a gateway: high, the whole network hangs on it); isolated →
 * medium (an AP that lost its uplink serves nobody); pending or failed adoption → low (a device nobody adopted
 * may be a stranger's, worth a glance).
 */
const DEVICE_STATES: Record<number, { name: string; severity: Severity | null }> = {
  0: { name: 'offline', severity: 'medium' },
  1: { name: 'connected', severity: null },
  2: { name: 'waiting for adoption', severity: 'low' },
  4: { name: 'upgrading', severity: null },
  5: { name: 'provisioning', severity: null },
  6: { name: 'unreachable (heartbeat missed)', severity: 'medium' },
  7: { name: 'adopting', severity: null },
  9: { name: 'failed adoption', severity: 'low' },
  10: { name: 'waiting for adoption', severity: 'low' },
  11: { name: 'isolated', severity: 'medium' },
};
const GATEWAY_TYPES = new Set(['ugw', 'udm', 'uxg']);
const TYPE_NAMES: Record<string, string> = { uap: 'access point', usw: 'switch', ugw: 'gateway', udm: 'gateway', uxg: 'gateway' };

/** A `known_macs` entry: a full MAC, or an OUI prefix written `3c:22:fb:*` (a vendor's whole range). */
export function parseKnownMac(entry: string): { mac: string } | { prefix: string } | null {
  const prefix = /^([0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){2})[:-]\*$/.exec(entry.trim());
  if (prefix) return { prefix: `${prefix[1]!.toLowerCase().replace(/-/g, ':')}:` };
  const mac = normaliseMac(entry);
  return mac ? { mac } : null;
}

function isKnown(mac: string, known: readonly ({ mac: string } | { prefix: string })[]): boolean {
  return known.some((k) => ('mac' in k ? k.mac === mac : mac.startsWith(k.prefix)));
}

function iso(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}

/**
 * A client nobody listed. Medium: an unlisted device on the home network is exactly what this watch is for
 * (a new IoT gadget, or someone else's laptop). On the guest network, low: it is isolated by design.
 */
function clientFindings(clients: readonly UnifiClient[], knownMacs: readonly string[]): FindingDraft[] {
  const known = knownMacs.map(parseKnownMac).filter((k): k is { mac: string } | { prefix: string } => k !== null);
  if (known.length === 0) {
    if (clients.length === 0) return [];
    return [
      {
        subject: 'clients:no-known-list',
        severity: 'info',
        title: `The UniFi controller sees ${clients.length} client${clients.length === 1 ? '' : 's'}, but checks.unifi.known_macs is empty`,
        evidence: { clients: clients.length },
        remediation: 'List the MAC addresses you know in checks.unifi.known_macs (or vendor prefixes like "3c:22:fb:*") to be told about new ones.',
      },
    ];
  }
  return clients
    .filter((c) => !c.blocked && !isKnown(c.mac, known))
    .map((c) => {
      const label = c.name ?? c.hostname ?? c.oui;
      return {
        subject: `client:${c.mac}`,
        severity: c.guest ? 'low' : 'medium',
        title: `Unknown device ${c.mac}${label ? ` (${label})` : ''} joined the ${c.guest ? 'guest ' : ''}network`,
        evidence: {
          mac: c.mac,
          name: c.name,
          hostname: c.hostname,
          vendor: c.oui,
          ip: c.ip,
          network: c.network,
          ssid: c.essid,
          wired: c.wired,
          guest: c.guest,
          first_seen: iso(c.firstSeen),
          last_seen: iso(c.lastSeen),
        },
        remediation: `If you know it, add "${c.mac}" to checks.unifi.known_macs; if not, block it in the UniFi Network app and find out what it is.`,
      };
    });
}

function deviceFindings(devices: readonly UnifiDevice[]): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const d of devices) {
    // A state this table does not know (a newer controller): low, so someone looks once and the table grows.
    const state = DEVICE_STATES[d.state] ?? { name: `in state ${d.state}`, severity: 'low' };
    if (!state.severity) continue;
    const gateway = GATEWAY_TYPES.has(d.type ?? '');
    const offline = d.state === 0 || d.state === 6;
    const kind = TYPE_NAMES[d.type ?? ''] ?? 'device';
    out.push({
      subject: `device:${d.mac}`,
      severity: gateway && offline ? 'high' : state.severity,
      title: `UniFi ${kind} ${d.name ?? d.model ?? d.mac} is ${state.name}`,
      evidence: { mac: d.mac, name: d.name, model: d.model, type: d.type, state: d.state, state_name: state.name, ip: d.ip, last_seen: iso(d.lastSeen) },
      remediation: offline ? 'Check its power and uplink (PoE port, cable); the controller shows when it was last seen.' : 'Look at it in the UniFi Network app.',
    });
  }
  return out;
}

/**
 * Findings (pure). Controller unreachable → high: the network watch is blind (the same rule as an unreachable
 * Prometheus). Login rejected → medium: also blind, but almost always a credential to fix on Vigil's side.
 */
export function analyzeUnifi(obs: UnifiObservation, options: UnifiAnalyzeOptions, now: Date): FindingDraft[] {
  if (obs.status === 'unreachable') {
    return [
      {
        subject: 'controller',
        severity: 'high',
        title: `UniFi controller at ${obs.controller} cannot be reached: ${obs.reason}`,
        evidence: { controller: obs.controller, code: obs.code, reason: obs.reason },
        remediation: /certificate/i.test(obs.reason)
          ? 'Give Vigil the controller\'s CA in checks.unifi.ca_file, or set checks.unifi.insecure: true for its self-signed certificate.'
          : 'Check that the controller runs and that this machine can reach it.',
      },
    ];
  }
  if (obs.status === 'login-failed') {
    return [
      {
        subject: 'controller-login',
        severity: 'medium',
        title: `Vigil could not log in to the UniFi controller at ${obs.controller}: ${obs.reason}`,
        evidence: { controller: obs.controller, username: obs.username, http_status: obs.httpStatus, reason: obs.reason },
        remediation: 'Check checks.unifi.username and the password in the environment variable named by checks.unifi.password_env.',
      },
    ];
  }
  const ourSsids = new Set(obs.clients.flatMap((c) => (c.essid ? [c.essid] : [])));
  return [
    ...deviceFindings(obs.devices),
    ...analyzeAlarms(obs.alarms, obs.events, ourSsids, now, options.events_within),
    ...clientFindings(obs.clients, options.known_macs),
  ];
}
