// The explicit list of checks, in the order they run and are listed. No import side effects.
import { aptUpgradable } from './apt-upgradable';
import { backupBorg } from './backup-borg';
import { backupFiles } from './backup-files';
import { backupRestic } from './backup-restic';
import type { AnyCheck } from './check';
import { collectorSelf } from './collector-self';
import { containerHealth } from './container-health';
import { dockerPosture } from './docker-posture';
import { listeningSockets } from './listening-sockets';
import { lynis } from './lynis';
import { prometheusAlerts } from './prometheus-alerts';
import { secretsHygiene } from './secrets-hygiene';
import { sshAuth } from './ssh-auth';
import { systemdDrift } from './systemd-drift';
import { tlsExpiry } from './tls-expiry';
import { unifi } from './unifi';

/** Every check Vigil runs. Add a check here and nowhere else. */
export const REGISTRY: readonly AnyCheck[] = [listeningSockets, dockerPosture, containerHealth, systemdDrift, secretsHygiene, aptUpgradable, sshAuth, unifi, prometheusAlerts, tlsExpiry, lynis, backupRestic, backupBorg, backupFiles, collectorSelf];

/** Look up a check by id. */
export function findCheck(id: string): AnyCheck | undefined {
  return REGISTRY.find((c) => c.id === id);
}
