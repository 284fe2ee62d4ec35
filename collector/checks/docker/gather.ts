// Gather every container on a host's Docker engine (shared by docker-posture and container-health).
import type { HostConfig } from '../../config/types';
import type { Host } from '../../host/host';
import type { GatherResult } from '../check';
import { chooseApiVersion, dockerGet, inspectPath, listPath, requireOk, VERSION_PATH } from './api';
import { parseContainerInspect, parseContainerList, parseVersion } from './parse';
import type { DockerContainer, DockerObservation } from './types';

/** Pause before asking for the container list again after a 5xx. */
const LIST_RETRY_MS = 500;

/** What gathering needs from the check's context. */
export interface DockerGatherContext {
  host: Host;
  hostConfig: HostConfig;
  signal: AbortSignal;
  now: Date;
}

/**
 * Ask the engine for its version, list all containers and inspect each one. A host without the socket
 * is skipped (no Docker there); a socket that refuses or denies us is a failure worth reporting.
 */
export async function gatherContainers(ctx: DockerGatherContext): Promise<GatherResult<DockerObservation>> {
  const { host, signal } = ctx;
  const socket = ctx.hostConfig.docker;
  if ((await host.stat(socket)) === null) return { status: 'skipped', reason: `no Docker engine socket at ${socket}` };
  const version = parseVersion(requireOk(await dockerGet(host, socket, VERSION_PATH, signal), VERSION_PATH));
  const api = chooseApiVersion(version);
  const list = listPath(api);
  // An engine listing a container that is being removed or restarted can answer 500 for that moment (podman
  // does, during a crash loop): the list is asked once more before it counts as a failure.
  let listed = await dockerGet(host, socket, list, signal);
  if (listed.status >= 500) {
    await new Promise((r) => setTimeout(r, LIST_RETRY_MS));
    listed = await dockerGet(host, socket, list, signal);
  }
  const ids = parseContainerList(requireOk(listed, list), list);
  const containers: DockerContainer[] = [];
  for (const id of ids) {
    const path = inspectPath(api, id);
    const answer = await dockerGet(host, socket, path, signal);
    // Removed between the list and the inspect: it is simply not there any more.
    if (answer.status === 404) continue;
    containers.push(parseContainerInspect(requireOk(answer, path), path));
  }
  containers.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
  return {
    status: 'data',
    data: { engine: { product: version.product, version: version.version, apiVersion: api }, containers, observedAt: ctx.now.toISOString() },
  };
}

/** Containers that matter now or on the next boot: up, restarting or paused, or set to be restarted by the engine. */
export function isInService(c: DockerContainer): boolean {
  return c.running || c.restarting || c.status === 'paused' || c.restartPolicy.name === 'always' || c.restartPolicy.name === 'unless-stopped';
}
