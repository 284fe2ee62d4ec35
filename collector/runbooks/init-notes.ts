// The notes `vigil init` writes before any run: one runbook per configured service, and Recovery.md.
import type { VigilConfig } from '../config/types';
import { computeBackups } from '../backups/backup-stage';
import { recoveryNote } from '../vault/render-recovery';
import { backupJobPath } from '../vault/paths';
import { VaultWriter, type VaultWriteSummary } from '../vault/write-vault';
import { writeRunbooks } from './runbook-notes';
import { computeRunbooks } from './runbook-stage';

/** Write the starting notes (existing notes keep everything but their managed blocks). */
export async function writeStartingNotes(config: VigilConfig, now: Date): Promise<VaultWriteSummary> {
  const writer = new VaultWriter(config.vault, config.folder);
  const collectorHost = config.hosts.find((h) => h.collector)?.name ?? 'local';
  const backups = await computeBackups({ config, root: writer.root, facts: {}, previous: undefined, now, collectorHost });
  const runbooks = await computeRunbooks({ config, root: writer.root, facts: {}, restores: backups.restores, now, collectorHost, vaultPathOf: (p) => writer.vaultPath(p), mountsText: null });
  const rows = await writeRunbooks({ config, writer, runbooks: runbooks.runbooks, facts: backups.facts, incidents: [], now });
  await writer.write(
    recoveryNote({
      classes: backups.strategy.classes,
      copies: backups.strategy.copies,
      restores: [],
      runbooks: rows,
      jobPath: (job) => writer.vaultPath(backupJobPath(job)),
    }),
  );
  return writer.summary;
}
