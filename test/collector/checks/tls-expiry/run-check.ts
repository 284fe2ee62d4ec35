// Run the tls-expiry check the way the engine does (config-parsed options, gather through a Host, analyze at a clock).
import { parseConfigText } from '../../../../collector/config/load';
import type { VigilConfig } from '../../../../collector/config/types';
import type { Host } from '../../../../collector/host/host';
import type { GatherResult } from '../../../../collector/checks/check';
import type { FindingDraft } from '../../../../shared/finding';
import { tlsExpiry } from '../../../../collector/checks/tls-expiry';

const ENV = { env: { HOME: '/home/t' }, home: '/home/t', cwd: '/work' };

/** A config whose `checks.tls-expiry` is the given YAML mapping body (indented by the caller's 4 spaces). */
export function tlsConfig(optionsYaml: string): VigilConfig {
  return parseConfigText(`vault: /tmp/v\nhosts:\n  - name: local\n    local: true\nchecks:\n  tls-expiry:\n${optionsYaml}`, '/work/vigil.yaml', ENV);
}

/** Gather through `host` and analyze at `now`; returns the gather result and the findings. */
export async function runTls(host: Host, config: VigilConfig, now: Date): Promise<{ gathered: GatherResult<unknown>; findings: FindingDraft[] }> {
  const options = config.checks['tls-expiry'].options;
  const gathered = await tlsExpiry.gather({
    host,
    hostConfig: config.hosts[0]!,
    options,
    config,
    signal: new AbortController().signal,
    now,
    previous: undefined,
    salt: 'test-salt',
  });
  const findings = gathered.status === 'data' ? tlsExpiry.analyze(gathered.data, { host: host.name, options, now, previous: undefined, salt: 'test-salt' }) : [];
  return { gathered, findings };
}
