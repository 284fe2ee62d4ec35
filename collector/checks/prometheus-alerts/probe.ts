// Ask Prometheus's HTTP API for alerts, active targets and rules through Host; an unreachable Prometheus is data.
import { isProbeError } from '../../errors/probe-error';
import type { Host } from '../../host/host';

/** The three API answers, as text. */
export interface PromRaw {
  alerts: string;
  targets: string;
  rules: string;
}

/** What the probe got: the answers, or why Prometheus could not be asked. */
export type PromProbe = { reachable: true; raw: PromRaw } | { reachable: false; code: string; reason: string };

/** The API paths, relative to the configured URL (which may carry a --web.route-prefix). */
export const API_PATHS = { alerts: 'api/v1/alerts', targets: 'api/v1/targets?state=active', rules: 'api/v1/rules' } as const;

/** Prometheus answers from memory in milliseconds; a slow answer means trouble worth reporting. */
const REQUEST_TIMEOUT_MS = 15_000;

/** The absolute URL of an API path under the configured base (`http://p:9090` or `http://h/prometheus/`). */
export function apiUrl(base: string, path: string): string {
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
}

/** The reason without the `origin/path: ` prefix the host layer adds. */
function reasonOf(message: string): string {
  return message.replace(/^[a-z]+:\/\/[^\s:]+(?::\d+)?\S*: /, '').slice(0, 200);
}

/** Query the three endpoints in turn; the first failure ends the probe as "unreachable" with its reason. */
export async function probePrometheus(host: Host, base: string, signal: AbortSignal): Promise<PromProbe> {
  const raw: Partial<PromRaw> = {};
  for (const key of ['alerts', 'targets', 'rules'] as const) {
    try {
      const r = await host.http({ url: apiUrl(base, API_PATHS[key]), timeoutMs: REQUEST_TIMEOUT_MS, signal });
      if (r.status < 200 || r.status > 299) return { reachable: false, code: `HTTP ${r.status}`, reason: `it answered HTTP ${r.status} for /${API_PATHS[key].replace(/\?.*/, '')}` };
      raw[key] = r.body;
    } catch (error) {
      // A strict replay that lacks an answer is a broken fixture, not an unreachable Prometheus.
      if (!isProbeError(error) || error.probeCode === 'ENOTRECORDED') throw error;
      return { reachable: false, code: error.probeCode, reason: reasonOf(error.message) };
    }
  }
  return { reachable: true, raw: raw as PromRaw };
}
