// Write the runbook notes (created once from a template, then only their status block) and the rows Recovery.md lists.
import type { BackupJobFacts } from '../checks/backup/facts';
import type { ServiceSettings, VigilConfig } from '../config/types';
import type { IncidentState } from '../engine/incident-state';
import { backupJobPath, RECOVERY_PATH, runbookPath } from '../vault/paths';
import type { RunbookRow } from '../vault/render-recovery';
import { runbookNote } from '../vault/render-runbook';
import type { VaultWriter } from '../vault/write-vault';
import type { RunbookInfo } from './runbook-stage';

/** Services that are a whole machine: everything found on their host concerns them. */
const MACHINE_KINDS: ReadonlySet<ServiceSettings['kind']> = new Set(['nas', 'small-machine']);

/**
 * Open incidents that concern a service: those naming it (runbook coverage, its data's 3-2-1-1-0 score), its
 * backup jobs or its containers; for a service that is a whole machine, anything else on that machine too.
 */
export function incidentsOf(service: ServiceSettings, incidents: readonly IncidentState[]): IncidentState[] {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return incidents
    .filter((i) => i.status !== 'resolved')
    .filter((i) => {
      const e = i.evidence;
      if (str(e.service) === service.name || str(e.data_set) === service.name) return true;
      const jobs = [str(e.job), ...(str(e.jobs)?.split(', ') ?? [])].filter((j): j is string => j !== null);
      if (jobs.some((j) => service.backups.includes(j))) return true;
      const container = str(e.container);
      if (container !== null && service.containers.includes(container)) return !service.host || i.host === service.host;
      // On a machine-service's host, what is not about another service is about the machine.
      const aboutOther = str(e.service) !== null || str(e.data_set) !== null || jobs.length > 0;
      return MACHINE_KINDS.has(service.kind) && service.host !== null && i.host === service.host && !aboutOther;
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
