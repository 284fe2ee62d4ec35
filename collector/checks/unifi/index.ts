// unifi: the UniFi controller's view of the network — unknown clients, security alarms, offline devices, WAN failover.
import * as v from 'valibot';
import { durationSchema, nonEmpty } from '../../config/value-schemas';
import { defineCheck } from '../check';
import { analyzeUnifi, parseKnownMac, type UnifiObservation } from './analyze';
import { checkCaBundle, parseClients, parseDevices, parseEntries } from './parse';
import { probeUnifi, SITE_PATHS, type UnifiProbe } from './probe';

/** Options of the check, as the config schema outputs them. */
export interface UnifiOptions {
  url?: string;
  username?: string;
  password_env: string;
  site: string;
  known_macs: string[];
  controller: 'auto' | 'unifi-os' | 'classic';
  insecure: boolean;
  ca_file?: string;
  events_within: number;
}

const urlSchema = v.pipe(
  v.string(),
  v.check((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, 'expected the controller URL without credentials, such as https://unifi.home.arpa or https://192.168.1.2:8443'),
);

/** The controller as messages and evidence show it: origin and path only. */
export function controllerBase(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** Turn the probe's answers into the observation (pure; answers that do not parse throw ParseError). */
export function parseUnifiProbe(probe: UnifiProbe, controller: string, site: string, username: string): UnifiObservation {
  if (probe.status === 'unreachable') return { controller, site, status: 'unreachable', code: probe.code, reason: probe.reason };
  if (probe.status === 'login-failed') return { controller, site, status: 'login-failed', username, httpStatus: probe.httpStatus, reason: probe.reason };
  const source = (path: string) => `${controller} ${path}`;
  return {
    controller,
    site,
    status: 'ok',
    flavor: probe.flavor,
    devices: parseDevices(probe.raw.devices, source(SITE_PATHS.devices)),
    clients: parseClients(probe.raw.clients, source(SITE_PATHS.clients)),
    alarms: parseEntries(probe.raw.alarms, source(SITE_PATHS.alarms)),
    events: probe.raw.events === null ? null : parseEntries(probe.raw.events, source(SITE_PATHS.events)),
  };
}

/** The unifi check: runs once per run, from the machine running Vigil. */
export const unifi = defineCheck<UnifiObservation, UnifiOptions>({
  id: 'unifi',
  title: 'UniFi network',
  domain: 'security',
  scope: 'collector',
  description: 'From the UniFi controller: clients not in known_macs, IPS/IDS, scan, flood and rogue-AP/DHCP alarms, offline devices, WAN failover.',
  options: {
    url: v.optional(urlSchema),
    username: v.optional(nonEmpty),
    password_env: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the name of an environment variable, such as UNIFI_PASSWORD')), 'UNIFI_PASSWORD'),
    site: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected a site id such as default')), 'default'),
    known_macs: v.optional(
      v.array(v.pipe(v.string(), v.check((s) => parseKnownMac(s) !== null, 'expected a MAC address like 3c:22:fb:12:34:56 or a vendor prefix like 3c:22:fb:*'))),
      [],
    ),
    controller: v.optional(v.picklist(['auto', 'unifi-os', 'classic'], 'expected auto, unifi-os or classic'), 'auto'),
    insecure: v.optional(v.boolean(), false),
    ca_file: v.optional(v.pipe(v.string(), v.regex(/^\//, 'expected an absolute path such as /etc/ssl/unifi-ca.pem'))),
    // Events are read for the last day by default: the check runs daily, so each failover is reported once.
    events_within: v.optional(durationSchema, '24h'),
  },
  async gather({ host, options, signal }) {
    if (!options.url) return { status: 'skipped', reason: 'no controller configured (checks.unifi.url)' };
    if (!options.username) return { status: 'skipped', reason: 'no username configured (checks.unifi.username)' };
    // A replayed controller answers from its fixture: the password is neither needed nor sent anywhere.
    const password = host.kind === 'replay' ? '' : process.env[options.password_env];
    if (password === undefined || (host.kind !== 'replay' && password === '')) {
      return { status: 'skipped', reason: `environment variable ${options.password_env} (checks.unifi.password_env) is not set` };
    }
    const ca = options.ca_file ? checkCaBundle((await host.readFile(options.ca_file, { signal, maxBytes: 1024 * 1024 })).toString('utf8'), options.ca_file) : undefined;
    const base = controllerBase(options.url);
    const probe = await probeUnifi(host, {
      base,
      username: options.username,
      password,
      site: options.site,
      flavor: options.controller,
      insecure: options.insecure,
      ...(ca ? { ca } : {}),
      signal,
    });
    return { status: 'data', data: parseUnifiProbe(probe, base, options.site, options.username) };
  },
  analyze(obs, { options, now }) {
    return analyzeUnifi(obs, { known_macs: options.known_macs, events_within: options.events_within }, now);
  },
});
