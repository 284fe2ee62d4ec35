// `vigil run`: the main job.
import { atLeast } from '../../../shared/severity';
import { loadConfig } from '../../config/load';
import { executeRun } from '../../engine/run';
import { VERSION } from '../../version';
import { parseCommand, parseOnly, parseSeverity } from '../args';
import { clearProgress, paint, processOutput, progressLine, summaryLine, topFindings } from '../output';
import { resolve } from 'node:path';

/** Run and return the exit code. */
export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand('run', argv, {
    vault: { type: 'string' },
    only: { type: 'string' },
    host: { type: 'string' },
    json: { type: 'boolean' },
    'no-notify': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'fail-on': { type: 'string' },
  });
  const failOn = parseSeverity('--fail-on', values['fail-on']);
  const only = parseOnly(values.only);
  const o = processOutput(Boolean(values.quiet) || Boolean(values.json), Boolean(values['no-color']));
  const config = await loadConfig(values.config ?? null);
  if (values.vault) config.vault = resolve(values.vault);
  if (values.host && !config.hosts.some((h) => h.name === values.host)) {
    o.err(`vigil run: no host named "${values.host}" in the config\n`);
    return 2;
  }
  const result = await executeRun({
    config,
    version: VERSION,
    dryRun: Boolean(values['dry-run']),
    notify: !values['no-notify'],
    filter: { ...(only ? { only } : {}), ...(values.host ? { host: values.host } : {}) },
    onProgress: ({ done, total, task, phase }) =>
      progressLine(o, done, total, phase === 'start' ? `${task.host.name} · ${task.check.id}` : ''),
  });
  clearProgress(o);
  const { report } = result;
  if (values.json) o.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (!o.quiet) {
    if (o.tty && report.findings.length) o.err(`${topFindings(o, report.findings)}\n`);
    o.err(`${summaryLine(o, report, values['dry-run'] ? '--dry-run' : undefined)}\n`);
    if (o.tty && !values['dry-run']) o.err(paint(o, 'gray', `notes: ${config.vault}\n`));
  }
  for (const w of report.warnings) if (!o.quiet) o.err(`vigil: warning: ${w}\n`);
  for (const e of report.vault.errors) o.err(`vigil: could not write ${e.message}\n`);
  // Left as the user has them: said every run (until fixed), and no reason to fail the timer.
  if (!o.quiet) for (const k of report.vault.kept) o.err(`vigil: left unchanged: ${k.message}\n`);
  if (report.vault.errors.length > 0) return 2;
  if (failOn && report.findings.some((f) => atLeast(f.severity, failOn))) return 1;
  return 0;
}
