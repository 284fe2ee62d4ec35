// The explicit list of checks, in the order they run and are listed. No import side effects.
import type { AnyCheck } from './check';
import { collectorSelf } from './collector-self';
import { containerHealth } from './container-health';
import { dockerPosture } from './docker-posture';
import { listeningSockets } from './listening-sockets';
import { prometheusAlerts } from './prometheus-alerts';
import { sshAuth } from './ssh-auth';
import { tlsExpiry } from './tls-expiry';
import { unifi } from './unifi';

/** Every check Vigil runs. Add a check here and nowhere else. */
export const REGISTRY: readonly AnyCheck[] = [listeningSockets, dockerPosture, containerHealth, sshAuth, unifi, prometheusAlerts, tlsExpiry, collectorSelf];

/** Look up a check by id. */
export function findCheck(id: string): AnyCheck | undefined {
  return REGISTRY.find((c) => c.id === id);
}
