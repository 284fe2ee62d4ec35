// Write what the backup stages computed: one note per job, this period's restore-test notes, Recovery.md, metrics.
import type { VigilConfig } from '../config/types';
import type { IncidentState } from '../engine/incident-state';
import { messageOf } from '../errors/vigil-error';
import { backupJobNote } from '../vault/render-backup-job';
import { recoveryNote, type RestoreRow } from '../vault/render-recovery';
import type { RunbookComputation } from '../runbooks/runbook-stage';
import { writeRunbooks } from '../runbooks/runbook-notes';
import { restoreTestNote } from '../vault/render-restore-test';
import { backupJobPath, RECOVERY_PATH, runbookPath } from '../vault/paths';
import type { VaultWriter } from '../vault/write-vault';
import type { BackupComputation } from './backup-stage';
import { dueDate } from './restore-calendar';
import { renderMetrics, writeMetrics } from './metrics';

/** Inputs of the writer stage. */
export interface BackupNotesInput {
  config: VigilConfig;
  writer: VaultWriter;
  now: Date;
  backups: BackupComputation;
  incidents: readonly IncidentState[];
  runbooks: RunbookComputation;
}

/** Write the notes; returns warnings (a metrics file that could not be written) rather than throwing. */
export async function writeBackupNotes(input: BackupNotesInput): Promise<string[]> {
  const { config, writer, now, backups } = input;
  const warnings: string[] = [];
  if (!backups.active) return warnings;
  const rows = await writeRunbooks({ config, writer, runbooks: input.runbooks.runbooks, facts: backups.facts, incidents: input.incidents, now });
  const stepsOf = new Map(input.runbooks.runbooks.map((r) => [r.service.name, r.steps]));
  const copyOf = new Map(backups.strategy.copies.map((c) => [c.job, c]));
  for (const job of config.backups) await writer.write(backupJobNote(job, backups.facts.get(job.name), copyOf.get(job.name), now));

  const restores: RestoreRow[] = [];
  for (const s of backups.restores) {
    const runbook = s.test.runbook;
    const steps = runbook ? (stepsOf.get(runbook) ?? null) : null;
    const note = restoreTestNote(
      {
        test: s.test,
        period: s.period,
        runbookSteps: steps,
        runbookPath: runbook ? writer.vaultPath(runbookPath(runbook)) : null,
        recoveryPath: writer.vaultPath(RECOVERY_PATH),
      },
      s.status,
    );
    // A note the user moved keeps its place: only its frontmatter status is refreshed there.
    await writer.write({ ...note, path: s.path });
    restores.push({ dataClass: s.test.dataClass, test: s.test.name, lastPassed: s.lastPassed, nextDue: dueDate(s.period), status: s.status, notePath: writer.vaultPath(s.path) });
  }

  await writer.write(
    recoveryNote({
      classes: backups.strategy.classes,
      copies: backups.strategy.copies,
      restores,
      runbooks: rows,
      jobPath: (job) => writer.vaultPath(backupJobPath(job)),
    }),
  );

  if (config.metricsTextfile) {
    try {
      await writeMetrics(
        config.metricsTextfile,
        renderMetrics([...backups.facts.values()], backups.restores.map((r) => ({ test: r.test.name, lastPassed: r.lastPassed })), now),
      );
    } catch (error) {
      warnings.push(`metrics textfile ${config.metricsTextfile}: ${messageOf(error)}`);
    }
  }
  return warnings;
}
