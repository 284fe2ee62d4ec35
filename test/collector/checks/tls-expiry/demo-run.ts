// Replay the demo homelab, strictly, with the config blocks the collector-scoped checks need, for one check at a time.
import { parseConfigText } from '../../../../collector/config/load';
import { DEMO_CONFIG, DEMO_NOW } from '../../../../collector/demo/homelab';
import { DEMO_MACHINES, demoFixture } from '../../../../collector/demo/hosts';
import { executeRun, type RunResult } from '../../../../collector/engine/run';
import type { Host } from '../../../../collector/host/host';
import { ReplayHost } from '../../../../collector/host/replay-host';
import type { CheckId } from '../../../../shared/ids';

/**
 * The blocks proposed for DEMO_CONFIG's `checks:` (indented as they would sit there). Each is appended only while
 * the demo config lacks it, so this test keeps passing once the lead has added them.
 */
export const DEMO_CHECK_BLOCKS: Record<'unifi' | 'prometheus-alerts' | 'tls-expiry', string> = {
  unifi: `  unifi:
    url: https://unifi.home.arpa
    username: vigil
    password_env: UNIFI_PASSWORD
    ca_file: /home/alex/.config/vigil/homelab-ca.pem
    known_macs: ["a8:a1:59:3e:71:0c", "00:11:32:ab:cd:ef", "dc:a6:32:4e:19:7b", "f0:18:98:5c:2e:41", "8c:85:90:1d:6a:33", "e8:db:84:*"]
`,
  'prometheus-alerts': `  prometheus-alerts:
    url: http://prometheus.home.arpa:9090
`,
  'tls-expiry': `  tls-expiry:
    ca_file: /home/alex/.config/vigil/homelab-ca.pem
    endpoints: ["vault.home.arpa:443", "ha.home.arpa:8123", "nas.home.arpa:5001", "git.home.arpa:443"]
`,
};

/** The demo config text with the missing blocks appended under `checks:` (DEMO_CONFIG ends inside `checks:`). */
export function demoConfigText(): string {
  const missing = Object.entries(DEMO_CHECK_BLOCKS).filter(([id]) => !new RegExp(`^  ${id}:`, 'm').test(DEMO_CONFIG));
  return `${DEMO_CONFIG.replace(/\n*$/, '\n')}${missing.map(([, block]) => block).join('')}`;
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
