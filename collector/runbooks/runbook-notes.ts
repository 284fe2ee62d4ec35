// Write the runbook notes (created once from a template, then only their status block) and the rows Recovery.md lists.
import type { BackupJobFacts } from '../checks/backup/facts';
import type { ServiceSettings, VigilConfig } from '../config/types';
import type { IncidentState } from '../engine/incident-state';
import { backupJobPath, RECOVERY_PATH, runbookPath } from '../vault/paths';
import type { RunbookRow } from '../vault/render-recovery';
import { runbookNote } from '../vault/render-runbook';
import type { VaultWriter } from '../vault/write-vault';
import type { RunbookInfo } from './runbook-stage';

/** Open incidents that concern a service: its containers or backups when listed, else its host. */
export function incidentsOf(service: ServiceSettings, incidents: readonly IncidentState[]): IncidentState[] {
  const open = incidents.filter((i) => i.status !== 'resolved');
  return open.filter((i) => {
    const container = typeof i.evidence.container === 'string' ? i.evidence.container : null;
    const job = typeof i.evidence.job === 'string' ? i.evidence.job : null;
    if (job && service.backups.includes(job)) return true;
    if (service.containers.length > 0) return container !== null && service.containers.includes(container) && (!service.host || i.host === service.host);
    return service.host !== null && i.host === service.host;
  });
}

/** Write every runbook; returns what Recovery.md lists. */
export async function writeRunbooks(input: {
  config: VigilConfig;
  writer: VaultWriter;
  runbooks: readonly RunbookInfo[];
  facts: ReadonlyMap<string, BackupJobFacts>;
  incidents: readonly IncidentState[];
  now: Date;
}): Promise<RunbookRow[]> {
  const { writer } = input;
  const rows: RunbookRow[] = [];
  for (const info of input.runbooks) {
    const s = info.service;
    const mine = incidentsOf(s, input.incidents);
    const jobs = input.config.backups.filter((j) => s.backups.includes(j.name));
    await writer.write(
      runbookNote(s, {
        jobs: jobs.map((job) => ({ job, facts: input.facts.get(job.name), path: writer.vaultPath(backupJobPath(job.name)) })),
        lastVerified: info.lastVerified,
        incidents: mine.map((incident) => ({ incident, path: writer.vaultPath(incident.path) })),
        recoveryPath: writer.vaultPath(RECOVERY_PATH),
        now: input.now,
      }),
    );
    rows.push({ service: s, path: writer.vaultPath(runbookPath(s.name)), lastVerified: info.lastVerified?.at ?? null, openIncidents: mine.length });
  }
  return rows;
}
