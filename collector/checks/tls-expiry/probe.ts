// Handshake with each configured TLS endpoint through Host, a few at a time; a refused or silent endpoint is data, not a crash.
import { isProbeError } from '../../errors/probe-error';
import type { Host, TlsResult } from '../../host/host';
import type { TlsEndpoint } from './parse';

/** What one endpoint answered: its chain, or why there was none. */
export type EndpointProbe = { endpoint: TlsEndpoint; result: TlsResult } | { endpoint: TlsEndpoint; error: { code: string; reason: string } };

/** Handshakes in flight at once: enough to finish a homelab's list quickly, few enough to look like nobody. */
const CONCURRENCY = 4;
/** Per-handshake budget; a TLS server on a LAN answers in milliseconds. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

/** The reason without the `host:port: ` prefix the host layer adds (the finding names the endpoint already). */
export function reasonOf(message: string, endpoint: TlsEndpoint): string {
  const prefix = `${endpoint.host}:${endpoint.port}: `;
  const rest = (message.startsWith(prefix) ? message.slice(prefix.length) : message).trim();
  // OpenSSL errors read "<hex>:error:0A00010B:SSL routines:<function>:<reason>:<file>:<line>:"; keep the reason.
  const ssl = /error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):/.exec(rest)?.[1];
  if (ssl === 'wrong version number') return 'the port does not speak TLS (wrong version number)';
  return (ssl ? `TLS handshake failed (${ssl})` : rest).slice(0, 200);
}

async function probeOne(host: Host, endpoint: TlsEndpoint, ca: string | undefined, signal: AbortSignal): Promise<EndpointProbe> {
  try {
    const result = await host.tls({
      host: endpoint.host,
      port: endpoint.port,
      ...(endpoint.servername ? { servername: endpoint.servername } : {}),
      ...(ca ? { ca } : {}),
      timeoutMs: HANDSHAKE_TIMEOUT_MS,
      signal,
    });
    return { endpoint, result };
  } catch (error) {
    // A strict replay that lacks an answer is a broken fixture, not an unreachable endpoint.
    if (!isProbeError(error) || error.probeCode === 'ENOTRECORDED') throw error;
    return { endpoint, error: { code: error.probeCode, reason: reasonOf(error.message, endpoint) } };
  }
}

/** Probe every endpoint, results in configuration order. */
export async function probeEndpoints(host: Host, endpoints: readonly TlsEndpoint[], ca: string | undefined, signal: AbortSignal): Promise<EndpointProbe[]> {
  const results: EndpointProbe[] = new Array<EndpointProbe>(endpoints.length);
  let next = 0;
  const worker = async () => {
    while (next < endpoints.length) {
      const i = next++;
      results[i] = await probeOne(host, endpoints[i]!, ca, signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, endpoints.length) }, worker));
  return results;
}
