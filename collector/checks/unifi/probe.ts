// Talk to the UniFi controller through Host: find its flavour, log in, read devices, clients, alarms and events.
import { isProbeError, ProbeError } from '../../errors/probe-error';
import type { Host } from '../../host/host';
import { ControllerSession, type ControllerFlavor, type SessionSettings } from './session';

/** The controller's answers, as text (`events` is null on versions that no longer serve stat/event). */
export interface UnifiRaw {
  devices: string;
  clients: string;
  alarms: string;
  events: string | null;
}

/** What the probe got. */
export type UnifiProbe =
  | { status: 'ok'; flavor: ControllerFlavor; raw: UnifiRaw; logins: number }
  | { status: 'unreachable'; code: string; reason: string }
  | { status: 'login-failed'; flavor: ControllerFlavor; httpStatus: number; reason: string };

/** Probe settings: the session's plus the site and how to pick the flavour. */
export interface UnifiProbeSettings extends SessionSettings {
  site: string;
  flavor: 'auto' | ControllerFlavor;
}

/** Site API paths read, in order. */
export const SITE_PATHS = { devices: 'stat/device', clients: 'stat/sta', alarms: 'list/alarm', events: 'stat/event' } as const;

/** The reason without the `origin/path: ` prefix the host layer adds. */
function reasonOf(message: string): string {
  return message.replace(/^[a-z]+:\/\/[^\s:]+(?::\d+)?\S*: /, '').slice(0, 200);
}

/**
 * UniFi OS answers `GET /` with its web app (200); a classic controller redirects to /manage (302). This is how
 * aiounifi and unpoller tell them apart.
 */
async function detectFlavor(host: Host, s: UnifiProbeSettings): Promise<ControllerFlavor> {
  const r = await host.http({ url: `${s.base}/`, timeoutMs: 20_000, insecure: s.insecure, ...(s.ca ? { ca: s.ca } : {}), signal: s.signal });
  return r.status === 200 ? 'unifi-os' : 'classic';
}

/** Run the whole conversation. Network failures before login are data ("unreachable"); later ones fail the check. */
export async function probeUnifi(host: Host, s: UnifiProbeSettings): Promise<UnifiProbe> {
  let session: ControllerSession;
  try {
    const flavor = s.flavor === 'auto' ? await detectFlavor(host, s) : s.flavor;
    session = new ControllerSession(host, s, flavor);
    const login = await session.login();
    if (!login.ok) return { status: 'login-failed', flavor, httpStatus: login.status, reason: login.reason };
  } catch (error) {
    // A strict replay that lacks an answer is a broken fixture, not an unreachable controller.
    if (!isProbeError(error) || error.probeCode === 'ENOTRECORDED') throw error;
    return { status: 'unreachable', code: error.probeCode, reason: reasonOf(error.message) };
  }
  const raw: Partial<UnifiRaw> = {};
  for (const key of ['devices', 'clients', 'alarms', 'events'] as const) {
    const path = SITE_PATHS[key];
    const got = await session.get(s.site, path);
    if (!got.ok) return { status: 'login-failed', flavor: session.flavor, httpStatus: got.login.status, reason: got.login.reason };
    const r = got.response;
    if (r.status === 200) raw[key] = r.body;
    else if (r.status === 404 && key === 'events') raw.events = null;
    else if (r.status === 401) throw new ProbeError('EACCES', `${path}: the controller rejected a fresh session`);
    else if (r.body.includes('api.err.NoSiteContext')) throw new ProbeError('ENOENT', `site "${s.site}" does not exist on the controller (checks.unifi.site)`);
    else throw new ProbeError('EIO', `${path}: the controller answered HTTP ${r.status}`);
  }
  return { status: 'ok', flavor: session.flavor, raw: raw as UnifiRaw, logins: session.logins };
}
