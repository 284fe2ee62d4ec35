// Replay the demo homelab strictly, with the config block proposed for systemd-drift, for one host-scoped check.
import { parseConfigText } from '../../../../collector/config/load';
import { DEMO_CONFIG, DEMO_NOW } from '../../../../collector/demo/homelab';
import { DEMO_MACHINES, demoFixture } from '../../../../collector/demo/hosts';
import { executeRun, type RunResult } from '../../../../collector/engine/run';
import type { Host } from '../../../../collector/host/host';
import { ReplayHost } from '../../../../collector/host/replay-host';
import type { CheckId } from '../../../../shared/ids';

/**
 * The block proposed for DEMO_CONFIG's `checks:` (apt-upgradable and lynis run with their defaults). It is inserted
 * only while the demo config lacks it, so this keeps passing once the lead has added it.
 */
export const SYSTEMD_DRIFT_BLOCK = `  systemd-drift:
    hosts:
      ubuntu:
        expected: [ssh, docker, containerd, ollama, cups, avahi-daemon]
        timers: [restic-backup.timer]
        user_timers: [vigil.timer]
      sentinel:
        expected: [ssh, docker, containerd, nut-server, nut-monitor, "nut-driver@*", tailscaled,
                   prometheus-node-exporter, unattended-upgrades]
        timers: [apt-daily.timer]
`;

/** The demo config with the block in place. */
export function demoConfigText(): string {
  if (/^ {2}systemd-drift:/m.test(DEMO_CONFIG)) return DEMO_CONFIG;
  return DEMO_CONFIG.replace(/^checks:\n/m, `checks:\n${SYSTEMD_DRIFT_BLOCK}`);
}

/** Run only `check` over the demo's day, every host replayed strictly, writing nothing. */
export async function runDemoCheck(check: CheckId, stateDir: string): Promise<{ result: RunResult; misses: string[] }> {
  const config = parseConfigText(demoConfigText(), '/demo/vigil.yaml', { env: {}, home: '/home/alex', cwd: '/demo' });
  config.stateDir = stateDir;
  const replays = DEMO_MACHINES.map((m) => new ReplayHost(demoFixture(m, DEMO_NOW, 0), m.name, 'strict'));
  const hosts = new Map<string, Host>(replays.map((h) => [h.name, h]));
  const result = await executeRun({ config, version: 'test', mode: 'demo', hosts, now: DEMO_NOW, salt: 'vigil-demo-salt', dryRun: true, notify: false, filter: { only: [check] } });
  return { result, misses: replays.flatMap((h) => h.misses) };
}
