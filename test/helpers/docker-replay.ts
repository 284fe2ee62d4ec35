// Gather containers from a recorded podman fixture through ReplayHost in strict mode, as the engine would.
import { join } from 'node:path';
import { defaultConfig } from '../../collector/config/load';
import { gatherContainers } from '../../collector/checks/docker/gather';
import type { DockerObservation } from '../../collector/checks/docker/types';
import { loadFixture, ReplayHost } from '../../collector/host/replay-host';
import type { Fixture } from '../../collector/host/fixture';
import { FIXTURE_SOCKET } from './podman';

/** Where a test directory keeps its fixtures. */
export function fixturePath(dir: string, name: string): string {
  return join(dir, 'fixtures', `${name}.json`);
}

/** The observation a recorded fixture replays to, judged at its capture time. */
export async function replayContainers(fixture: Fixture | string, hostName = 'lab'): Promise<{ obs: DockerObservation; now: Date }> {
  const loaded = typeof fixture === 'string' ? await loadFixture(fixture) : fixture;
  const host = new ReplayHost(loaded, hostName, 'strict');
  const config = defaultConfig();
  const gathered = await gatherContainers({
    host,
    hostConfig: { ...config.hosts[0]!, name: hostName, docker: FIXTURE_SOCKET },
    signal: new AbortController().signal,
    now: host.capturedAt,
  });
  if (gathered.status !== 'data') throw new Error(`fixture did not replay to data: ${gathered.reason}`);
  return { obs: gathered.data, now: host.capturedAt };
}
