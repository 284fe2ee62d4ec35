// `vigil check ID`: one check, findings to stdout, nothing written.
import { isCheckId } from '../../../shared/ids';
import { findCheck } from '../../checks/registry';
import { loadConfig } from '../../config/load';
import { executeRun } from '../../engine/run';
import { UsageError } from '../../errors/usage-error';
import { VERSION } from '../../version';
import { parseCommand } from '../args';
import { STAGES } from './list';
import { paint, processOutput, severityWord } from '../output';

/** Run one check and return the exit code. */
export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('check', argv, { host: { type: 'string' }, json: { type: 'boolean' } }, true);
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new UsageError('check: give exactly one check id (see vigil list)');
  if (STAGES.some(([stage]) => stage === id)) {
    throw new UsageError(`check: ${id} runs after the checks, from their results and the vault; \`vigil run\` runs it (\`vigil run --dry-run --json\` writes nothing)`);
  }
  if (!isCheckId(id) || !findCheck(id)) throw new UsageError(`check: unknown check "${id}" (see vigil list)`);
  const o = processOutput(Boolean(values.quiet), Boolean(values['no-color']));
  const config = await loadConfig(values.config ?? null);
  config.checks[id] = { ...config.checks[id], enabled: true };
  const { report } = await executeRun({
    config,
    version: VERSION,
    dryRun: true,
    notify: false,
    filter: { only: [id], ...(values.host ? { host: values.host } : {}) },
  });
  if (values.json) {
    o.out(`${JSON.stringify({ checks: report.checks, findings: report.findings }, null, 2)}\n`);
    return 0;
  }
  for (const c of report.checks) {
    const status = c.status === 'ok' ? paint(o, 'green', 'ok') : c.status === 'error' ? paint(o, 'red', 'error') : paint(o, 'yellow', c.status);
    o.out(`${c.host}: ${status}${c.reason ? ` (${c.reason})` : ''}\n`);
  }
  for (const f of report.findings) {
    o.out(`${severityWord(o, f.severity)}\t${f.host}\t${f.title}\n`);
  }
  if (report.findings.length === 0) o.out('no findings\n');
  return 0;
}
