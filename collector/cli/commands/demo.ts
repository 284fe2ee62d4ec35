// `vigil demo`: the bundled sample homelab, replayed into a demo vault with the plugin enabled.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { readState } from '../../engine/state';
import { digestPath } from '../../vault/paths';
import { resolve } from 'node:path';
import { folderSegments } from '../../../shared/file-names';
import { demoHomelab } from '../../demo/homelab';
import { applyUserEdits } from '../../demo/user-edits';
import { executeRun, runIdOf } from '../../engine/run';
import type { Host } from '../../host/host';
import { ReplayHost } from '../../host/replay-host';
import { installPlugin } from '../../vault/install-plugin';
import { VERSION } from '../../version';
import { parseCommand } from '../args';
import { packageRoot } from '../package-root';
import { processOutput, summaryLine } from '../output';

/** Build the demo vault; returns the exit code. */
export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand('demo', argv, { vault: { type: 'string' } });
  const o = processOutput(Boolean(values.quiet), Boolean(values['no-color']));
  const vault = resolve(values.vault ?? 'vigil-demo');
  const lab = demoHomelab(vault);
  await installPlugin(vault, packageRoot());
  // A demo vault that already holds the last day is refreshed by re-running that day alone: a same-instant
  // rerun changes nothing, so your copy of the demo is not rewritten. Anything else replays every day from
  // empty state, so the demo always tells the same story (your edits in the vault are still respected).
  const root = resolve(vault, ...folderSegments(lab.config.folder));
  const final = lab.days.at(-1)!;
  const { state } = await readState(lab.config.stateDir);
  const complete = state.last_run?.run_id === runIdOf(final.now) && existsSync(resolve(root, ...digestPath(final.now).split('/')));
  if (!complete) await rm(lab.config.stateDir, { recursive: true, force: true });
  let last = null;
  for (const [index, day] of lab.days.entries()) {
    if (complete && day !== final) continue;
    const hosts = new Map<string, Host>(day.fixtures.map((f) => [f.host, new ReplayHost(f, f.host, 'strict')]));
    const { report } = await executeRun({
      config: lab.config,
      version: VERSION,
      mode: 'demo',
      hosts,
      now: day.now,
      notify: false,
      // A fixed salt keeps the demo's hashed evidence identical from run to run.
      salt: 'vigil-demo-salt',
    });
    last = report;
    if (report.vault.errors.length > 0) {
      for (const e of report.vault.errors) o.err(`vigil demo: could not write ${e.message}\n`);
      return 2;
    }
    await applyUserEdits(root, index);
  }
  if (!o.quiet && last) {
    o.err(`${summaryLine(o, last)}\n`);
    o.err(`vigil demo: the demo vault is in ${vault}\n`);
    o.err(`vigil demo: run reports are in ${lab.config.stateDir}\n`);
    o.err('Open it in Obsidian with "Open folder as vault"; the Vigil plugin is installed and enabled.\n');
  }
  return 0;
}
