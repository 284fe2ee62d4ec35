// `vigil capture`: record what a host answers into a fixture file.
import { resolve } from 'node:path';
import { localDate } from '../../../shared/dates';
import { loadConfig } from '../../config/load';
import { executeRun } from '../../engine/run';
import { openHost } from '../../engine/hosts';
import { atomicWriteFile } from '../../fs/atomic-write';
import { UsageError } from '../../errors/usage-error';
import type { Host } from '../../host/host';
import { RecordingHost } from '../../host/recording-host';
import { redactSecrets } from '../../host/redact';
import { VERSION } from '../../version';
import { parseCommand, parseOnly } from '../args';
import { processOutput, summaryLine } from '../output';

/** Capture a host; returns the exit code. */
export async function captureCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand('capture', argv, { host: { type: 'string' }, out: { type: 'string' }, only: { type: 'string' }, json: { type: 'boolean' } });
  const o = processOutput(Boolean(values.quiet) || Boolean(values.json), Boolean(values['no-color']));
  const config = await loadConfig(values.config ?? null);
  const hostConfig = values.host ? config.hosts.find((h) => h.name === values.host) : (config.hosts.find((h) => h.collector) ?? config.hosts[0]);
  if (!hostConfig) throw new UsageError(values.host ? `capture: no host named "${values.host}" in the config` : 'capture: no host to capture');
  const opened = await openHost(hostConfig);
  if ('error' in opened) {
    o.err(`vigil capture: ${hostConfig.name} could not be reached: ${opened.error}\n`);
    return 2;
  }
  const now = new Date();
  const recorder = new RecordingHost(opened.host, redactSecrets);
  const only = parseOnly(values.only);
  try {
    const { report } = await executeRun({
      config: { ...config, hosts: [hostConfig] },
      version: VERSION,
      dryRun: true,
      notify: false,
      now,
      hosts: new Map<string, Host>([[hostConfig.name, recorder]]),
      filter: { host: hostConfig.name, ...(only ? { only } : {}) },
    });
    const out = resolve(values.out ?? `vigil-fixture-${hostConfig.name}-${localDate(now)}.json`);
    // The host's Docker socket and sudo go into the header: a replay must ask the same questions to get the same answers.
    const kind = hostConfig.kind === 'ssh' ? 'ssh' : hostConfig.kind === 'local' ? 'local' : 'replay';
    const fixture = recorder.toFixture(now, VERSION, kind, { docker: hostConfig.docker, sudo: hostConfig.sudo, collector: hostConfig.collector, ...(hostConfig.checks ? { checks: [...hostConfig.checks] } : {}) });
    await atomicWriteFile(out, `${JSON.stringify(fixture, null, 1)}\n`);
    // The live run's own report: what a replay of this fixture must reproduce.
    if (values.json) o.out(`${JSON.stringify(report, null, 2)}\n`);
    if (!o.quiet) {
      o.err(`${summaryLine(o, report, 'capture writes only the fixture')}\n`);
      o.err(`vigil capture: wrote ${fixture.answers.length} answers to ${out}\n`);
    }
    return 0;
  } finally {
    await opened.host.close();
  }
}
