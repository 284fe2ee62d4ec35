// Run one check the way the engine does (config-parsed options, gather through a Host, analyze at a clock).
import type { AnyCheck, GatherResult } from '../../collector/checks/check';
import { parseConfigText } from '../../collector/config/load';
import type { VigilConfig } from '../../collector/config/types';
import type { Host } from '../../collector/host/host';
import type { FindingDraft } from '../../shared/finding';

const ENV = { env: { HOME: '/home/t' }, home: '/home/t', cwd: '/work' };

/** A config with one local host whose `checks.<id>` is the given YAML mapping body (indented by the caller's 4 spaces). */
export function checkConfig(id: string, optionsYaml: string): VigilConfig {
  return parseConfigText(`vault: /tmp/v\nhosts:\n  - name: local\n    local: true\nchecks:\n  ${id}:\n${optionsYaml}`, '/work/vigil.yaml', ENV);
}

/** Gather through `host` and analyze at `now`; returns the gather result and the findings. */
export async function runCheckOnce(check: AnyCheck, host: Host, config: VigilConfig, now: Date): Promise<{ gathered: GatherResult<unknown>; findings: FindingDraft[] }> {
  const options = config.checks[check.id].options;
  const ctx = { host: host.name, options, now, previous: undefined, salt: 'test-salt' };
  const gathered = await check.gather({ ...ctx, host, hostConfig: config.hosts[0]!, config, signal: new AbortController().signal });
  const findings = gathered.status === 'data' ? check.analyze(gathered.data, ctx) : [];
  return { gathered, findings };
}
