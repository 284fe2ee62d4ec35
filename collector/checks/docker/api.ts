// The Docker Engine API over Host.http on the engine's unix socket: version negotiation, list, inspect (raw bodies only).
import { ProbeError } from '../../errors/probe-error';
import type { Host } from '../../host/host';
import { CONTAINER_ID } from './parse';

/**
 * The API version Vigil's typed subset was written against (Docker Engine API v1.41, Docker 20.10;
 * podman 4.x serves its compat API at this version). Every field read has kept its meaning since.
 */
export const PREFERRED_API_VERSION = '1.41';

/** Time budget of one API call: inspect answers are small, a busy daemon still answers within seconds. */
const CALL_TIMEOUT_MS = 15_000;

/** The unversioned version endpoint, answered by every Docker and podman release. */
export const VERSION_PATH = '/version';

/** `/v{version}/containers/json?all=true`: every container, running or not. */
export function listPath(apiVersion: string): string {
  return `/v${apiVersion}/containers/json?all=true`;
}

/** `/v{version}/containers/{id}/json`; the id must be a full hex id (it goes into the request path). */
export function inspectPath(apiVersion: string, id: string): string {
  if (!CONTAINER_ID.test(id)) throw new ProbeError('EIO', 'refusing to inspect a container id that is not 64 hex digits');
  return `/v${apiVersion}/containers/${id}/json`;
}

function versionNumber(s: string): number {
  const [major, minor] = s.split('.').map(Number);
  return (major ?? 0) * 1000 + (minor ?? 0);
}

/**
 * Which API version to speak: the preferred one when the engine accepts it, else the engine's minimum
 * (Docker 29 refuses anything below 1.44 with HTTP 400), never above what the engine offers.
 */
export function chooseApiVersion(engine: { apiVersion: string; minApiVersion: string }): string {
  const preferred = versionNumber(PREFERRED_API_VERSION);
  if (engine.minApiVersion && versionNumber(engine.minApiVersion) > preferred) return engine.minApiVersion;
  if (engine.apiVersion && versionNumber(engine.apiVersion) < preferred) return engine.apiVersion;
  return PREFERRED_API_VERSION;
}

/** An API answer: its status and body text. */
export interface ApiAnswer {
  status: number;
  body: string;
}

/** One GET on the engine socket. Transport failures are the host's ProbeErrors (ECONNREFUSED, EACCES, ETIMEDOUT…). */
export async function dockerGet(host: Host, socketPath: string, path: string, signal: AbortSignal): Promise<ApiAnswer> {
  const r = await host.http({ url: path, socketPath, method: 'GET', timeoutMs: CALL_TIMEOUT_MS, signal });
  return { status: r.status, body: r.body };
}

/** Fail on an HTTP error status; the body is not quoted (it can echo request data). */
export function requireOk(answer: ApiAnswer, path: string): string {
  if (answer.status < 200 || answer.status > 299) {
    throw new ProbeError('EIO', `Docker API ${path.replace(/\/containers\/[0-9a-f]{64}\//, '/containers/{id}/')} answered HTTP ${answer.status}`);
  }
  return answer.body;
}
