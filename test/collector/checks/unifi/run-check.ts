// Run the unifi check the way the engine does (config-parsed options, gather through a Host, analyze at a clock).
import { parseConfigText } from '../../../../collector/config/load';
import type { VigilConfig } from '../../../../collector/config/types';
import type { Host } from '../../../../collector/host/host';
import type { GatherResult } from '../../../../collector/checks/check';
import type { FindingDraft } from '../../../../shared/finding';
import { unifi } from '../../../../collector/checks/unifi';

const ENV = { env: { HOME: '/home/t' }, home: '/home/t', cwd: '/work' };

/** A config whose `checks.unifi` is the given YAML mapping body (indented by the caller's 4 spaces). */
export function unifiConfig(optionsYaml: string): VigilConfig {
  return parseConfigText(`vault: /tmp/v\nhosts:\n  - name: local\n    local: true\nchecks:\n  unifi:\n${optionsYaml}`, '/work/vigil.yaml', ENV);
}

/** Gather through `host` and analyze at `now`; returns the gather result and the findings. */
export async function runUnifi(host: Host, config: VigilConfig, now: Date): Promise<{ gathered: GatherResult<unknown>; findings: FindingDraft[] }> {
  const options = config.checks.unifi.options;
  const gathered = await unifi.gather({
    host,
    hostConfig: config.hosts[0]!,
    options,
    config,
    signal: new AbortController().signal,
    now,
    previous: undefined,
    salt: 'test-salt',
  });
  const findings = gathered.status === 'data' ? unifi.analyze(gathered.data, { host: host.name, options, now, previous: undefined, salt: 'test-salt' }) : [];
  return { gathered, findings };
}
