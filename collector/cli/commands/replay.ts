// `vigil replay FIXTURE…`: every check against recorded hosts, judged at capture time.
import { resolve } from 'node:path';
import type { HostConfig } from '../../config/types';
import { sha256Hex } from '../../../shared/hash';
import { DEFAULT_DOCKER_SOCKET, defaultConfig, defaultStateDir, loadConfig, processEnv } from '../../config/load';
import { executeRun } from '../../engine/run';
import { UsageError } from '../../errors/usage-error';
import type { Host } from '../../host/host';
import { loadFixture, ReplayHost } from '../../host/replay-host';
import { isCheckId } from '../../../shared/ids';
import { REGISTRY } from '../../checks/registry';
import { VERSION } from '../../version';
import { parseCommand, parseOnly } from '../args';
import { processOutput, summaryLine, topFindings } from '../output';

/** Replay fixtures; returns the exit code. */
export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    'replay',
    argv,
    { vault: { type: 'string' }, json: { type: 'boolean' }, strict: { type: 'boolean' }, only: { type: 'string' } },
    true,
  );
  if (positionals.length === 0) throw new UsageError('replay: give at least one fixture file');
  const o = processOutput(Boolean(values.quiet) || Boolean(values.json), Boolean(values['no-color']));
  const config = values.config ? await loadConfig(values.config) : defaultConfig();
  const hosts = new Map<string, Host>();
  const hostConfigs: HostConfig[] = [];
  let latest = 0;
  for (const file of positionals) {
    const fixture = await loadFixture(resolve(file));
    if (hosts.has(fixture.host)) throw new UsageError(`replay: two fixtures are for host "${fixture.host}"`);
    hosts.set(fixture.host, new ReplayHost(fixture, fixture.host, values.strict ? 'strict' : 'lenient'));
    latest = Math.max(latest, Date.parse(fixture.captured_at));
    hostConfigs.push({
      name: fixture.host,
      kind: 'fixture',
      fixture: resolve(file),
      ssh: null,
      docker: fixture.docker ?? DEFAULT_DOCKER_SOCKET,
      sudo: fixture.sudo ?? false,
      collector: false,
      checks: fixture.checks ? fixture.checks.filter(isCheckId) : null,
    });
  }
  // The once-per-run checks replay from the fixture recorded on the machine that ran them. Fixtures that say
  // they were not that machine (capture --host of a remote) replay without them, as their live run did.
  const fixtureOf = (h: HostConfig) => (hosts.get(h.name) as ReplayHost).fixture;
  const collector =
    hostConfigs.find((h) => fixtureOf(h).collector === true) ??
    hostConfigs.find((h) => fixtureOf(h).kind === 'local' && fixtureOf(h).collector !== false) ??
    (hostConfigs.every((h) => fixtureOf(h).collector === false) ? null : hostConfigs[0]!);
  if (collector) collector.collector = true;
  config.hosts = hostConfigs;
  if (values.vault) {
    config.vault = resolve(values.vault);
    // Replays keep their own state, next to Vigil's real state and never inside the vault.
    config.stateDir = resolve(defaultStateDir(processEnv()), `replay-${sha256Hex(config.vault).slice(0, 12)}`);
  }
  const asked = parseOnly(values.only);
  // No collector among the fixtures: only the per-host checks (never the once-per-run ones against this machine).
  const only = collector ? asked : (asked ?? REGISTRY.map((c) => c.id)).filter((id) => REGISTRY.find((c) => c.id === id)?.scope === 'host');
  const { report } = await executeRun({
    config,
    version: VERSION,
    mode: 'replay',
    hosts,
    now: new Date(latest),
    dryRun: !values.vault,
    notify: false,
    ...(only ? { filter: { only } } : {}),
  });
  if (values.json) o.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (!o.quiet) {
    if (report.findings.length) o.out(`${topFindings(o, report.findings, 1000)}\n`);
    o.out(`${summaryLine(o, report, values.vault ? undefined : 'give --vault to write them')}\n`);
  }
  return report.vault.errors.length > 0 ? 2 : 0;
}
