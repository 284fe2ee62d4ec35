// tls-expiry: certificates of the configured endpoints — expiry against warn/critical days, name, trust, reachability.
import * as v from 'valibot';
import { nonEmpty } from '../../config/value-schemas';
import { ParseError } from '../../errors/parse-error';
import { defineCheck } from '../check';
import { analyzeTls } from './analyze';
import { parseEndpointText, parseHandshake, type EndpointObservation, type TlsEndpoint } from './parse';
import { probeEndpoints, type EndpointProbe } from './probe';

/** Options of the check, as the config schema outputs them. */
export interface TlsOptions {
  endpoints: TlsEndpoint[];
  warn_days: number;
  critical_days: number;
  ca_file?: string;
}

/** What gathering produced. */
export interface TlsObservation {
  endpoints: EndpointObservation[];
  caConfigured: boolean;
}

const ENDPOINT_HINT = 'expected HOST:PORT such as "vault.home.arpa:443" or { host, port, servername, warn_days, critical_days }';
const port = v.pipe(v.number(), v.integer(), v.minValue(1, 'expected a port 1-65535'), v.maxValue(65535, 'expected a port 1-65535'));
const hostName = v.pipe(v.string(), v.regex(/^(?:[A-Za-z0-9._-]+|[0-9A-Fa-f:.]+)$/, 'expected a host name or IP address'));

const days = v.pipe(v.number('expected a number of days'), v.integer('expected a whole number of days'), v.minValue(0, 'expected 0 or more days'));

const endpointSchema = v.union(
  [
    v.pipe(
      v.string(),
      v.check((s) => parseEndpointText(s) !== null, ENDPOINT_HINT),
      v.transform((s): TlsEndpoint => ({ ...parseEndpointText(s)!, servername: null })),
    ),
    v.pipe(
      v.strictObject({ host: hostName, port: v.optional(port, 443), servername: v.optional(nonEmpty), warn_days: v.optional(days), critical_days: v.optional(days) }),
      v.transform((o): TlsEndpoint => ({
        host: o.host,
        port: o.port,
        servername: o.servername ?? null,
        ...(o.warn_days !== undefined ? { warn_days: o.warn_days } : {}),
        ...(o.critical_days !== undefined ? { critical_days: o.critical_days } : {}),
      })),
    ),
  ],
  ENDPOINT_HINT,
);


/** Collapse raw probe results into the observation (pure). */
export function parseTlsProbes(probes: readonly EndpointProbe[], caConfigured: boolean): TlsObservation {
  return {
    caConfigured,
    endpoints: probes.map((p) =>
      'error' in p ? { endpoint: p.endpoint, status: 'unreachable', code: p.error.code, reason: p.error.reason } : parseHandshake(p.endpoint, p.result),
    ),
  };
}

/** A CA bundle must hold at least one PEM certificate; anything else is a mistake worth failing on. */
export function checkCaBundle(text: string, path: string): string {
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(text)) throw new ParseError(path, 'contains no PEM certificate');
  return text;
}

/** The tls-expiry check: runs once per run, from the machine running Vigil. */
export const tlsExpiry = defineCheck<TlsObservation, TlsOptions>({
  id: 'tls-expiry',
  title: 'TLS certificates',
  domain: 'security',
  scope: 'collector',
  description: 'Certificates of checks.tls-expiry.endpoints: expiry (warn/critical days), name mismatch, untrusted or self-signed chains, unreachable endpoints.',
  options: {
    endpoints: v.optional(v.array(endpointSchema), []),
    // "a warning at 30 days, a critical at 7" (the user's homelab posts, Mad-Eye's Watch).
    warn_days: v.optional(days, 30),
    critical_days: v.optional(days, 7),
    ca_file: v.optional(v.pipe(v.string(), v.regex(/^\//, 'expected an absolute path such as /etc/ssl/homelab-ca.pem'))),
  },
  async gather({ host, options, signal }) {
    if (options.endpoints.length === 0) return { status: 'skipped', reason: 'no endpoints configured (checks.tls-expiry.endpoints)' };
    const ca = options.ca_file
      ? checkCaBundle((await host.readFile(options.ca_file, { signal, maxBytes: 1024 * 1024 })).toString('utf8'), options.ca_file)
      : undefined;
    const probes = await probeEndpoints(host, options.endpoints, ca, signal);
    return { status: 'data', data: parseTlsProbes(probes, ca !== undefined) };
  },
  analyze(obs, { options, now }) {
    return analyzeTls(obs.endpoints, { warn_days: options.warn_days, critical_days: options.critical_days, caConfigured: obs.caConfigured }, now);
  },
});
