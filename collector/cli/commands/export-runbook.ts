// `vigil export-runbook`: Recovery.md, the runbooks and the latest status as one offline HTML file.
import { resolve } from 'node:path';
import { folderSegments } from '../../../shared/file-names';
import { loadConfig } from '../../config/load';
import { UsageError } from '../../errors/usage-error';
import { exportRunbook } from '../../export/write-export';
import { parseCommand } from '../args';
import { processOutput } from '../output';

/** Write the export; returns the exit code. */
export async function exportRunbookCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand('export-runbook', argv, { vault: { type: 'string' }, out: { type: 'string', short: 'o' } });
  if (!values.out) throw new UsageError('export-runbook: --out FILE is required (for example --out recovery.html)');
  const o = processOutput(Boolean(values.quiet), Boolean(values['no-color']));
  const config = await loadConfig(values.config ?? null);
  const vault = resolve(values.vault ?? config.vault);
  const out = resolve(values.out);
  const { notes } = await exportRunbook(resolve(vault, ...folderSegments(config.folder)), config.folder, out, new Date());
  if (!o.quiet) o.err(`vigil export-runbook: wrote ${notes} sections to ${out}\n`);
  return notes > 0 ? 0 : 2;
}
