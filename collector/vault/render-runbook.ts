// Render a service runbook: written once from its kind's template, then the user's; Vigil keeps only the status block.
import { localDate, localDateTime } from '../../shared/dates';
import type { FrontmatterData } from '../../shared/frontmatter';
import { renderBlock } from '../../shared/managed-blocks';
import { callout, code, link, table, text } from '../../shared/markdown';
import { VIGIL_SCHEMA } from '../../shared/note-schema';
import { SEVERITY_STYLE } from '../../shared/severity-style';
import type { BackupJob, ServiceSettings } from '../config/types';
import type { BackupJobFacts } from '../checks/backup/facts';
import type { IncidentState } from '../engine/incident-state';
import { RUNBOOK_TEMPLATES } from '../runbooks/templates';
import { runbookPath } from './paths';
import type { NoteSpec } from './write-vault';

/** What the status block shows. Paths are vault-relative. */
export interface RunbookStatus {
  jobs: { job: BackupJob; facts: BackupJobFacts | undefined; path: string }[];
  lastVerified: { at: string; test: string; path: string | null } | null;
  incidents: { incident: IncidentState; path: string }[];
  recoveryPath: string;
  now: Date;
}

/** The managed status block: last backup of each job, last verified restore, open incidents. */
export function runbookStatusBlock(service: ServiceSettings, s: RunbookStatus): string {
  const out: string[] = [];
  const healthy = s.jobs.every((j) => j.facts?.status === 'ok');
  const head = s.jobs.length === 0 ? 'No backup job is linked to this service' : healthy ? 'Backups are fresh' : 'A backup of this service needs attention';
  out.push(
    callout(s.jobs.length === 0 || !healthy ? 'warning' : 'success', text(head), [
      s.lastVerified
        ? `Last verified restore: ${text(localDate(new Date(s.lastVerified.at)))} (${s.lastVerified.path ? link(s.lastVerified.path, s.lastVerified.test) : text(s.lastVerified.test)})`
        : 'Never verified by a restore test.',
    ]),
  );
  if (s.jobs.length) {
    out.push(
      '',
      table(
        ['Backup', 'Status', 'Newest restore point', 'Where'],
        s.jobs.map(({ job, facts, path }) => [
          link(path, job.name),
          text(facts?.status ?? 'unknown'),
          text(facts?.lastSuccess ? localDateTime(new Date(facts.lastSuccess)) : 'none seen'),
          text(`${job.copy.media} at ${job.copy.location}`),
        ]),
      ),
    );
  }
  if (s.incidents.length) {
    out.push('', '**Open incidents**', '', ...s.incidents.map(({ incident, path }) => `- ${SEVERITY_STYLE[incident.severity].icon} ${link(path, incident.title)}`));
  }
  out.push('', `Back to ${link(s.recoveryPath, 'Recovery')} · checked ${text(localDateTime(s.now))}`);
  return out.join('\n');
}

/** The runbook's frontmatter (service facts Vigil keeps current). */
export function runbookFrontmatter(service: ServiceSettings, lastVerified: string | null): FrontmatterData {
  return {
    vigil: 'runbook',
    vigil_schema: VIGIL_SCHEMA,
    service: service.name,
    service_kind: service.kind,
    host: service.host,
    data_class: service.dataClass,
    last_verified: lastVerified,
  };
}

/** The note, with the template's procedure for a new runbook. */
export function runbookNote(service: ServiceSettings, status: RunbookStatus): NoteSpec {
  const t = RUNBOOK_TEMPLATES[service.kind];
  const body = [
    `# Runbook: ${text(service.name)}`,
    '',
    renderBlock('status', runbookStatusBlock(service, status)),
    '',
    '## What it is',
    '',
    // Template text is Vigil's own Markdown (code spans on purpose); values from the config are escaped.
    `${t.summary}${service.host ? ` It runs on ${code(service.host)}.` : ''}${service.dependsOn.length ? ` It needs ${text(service.dependsOn.join(', '))} first.` : ''}`,
    '',
    '## Credentials (where to find them, never the values)',
    '',
    ...(service.credentials.length ? service.credentials.map((c) => `- ${text(c)}`) : ['- _Write where each credential is kept (a vault entry name, a sealed envelope), never the credential._']),
    // The one line a password-vault restore cannot do without: where its master passphrase is, in words.
    ...(service.kind === 'password-vault' && !service.credentials.some((c) => /master/i.test(c))
      ? ['- Master passphrase: _write where it is described (memorised by whom, which envelope in which safe), never the passphrase._']
      : []),
    '',
    '## Restore procedure',
    '',
    ...t.restore.map((step) => `- [ ] ${step}`),
    '',
    '## How you know it worked',
    '',
    ...t.verify.map((v) => `- ${v}`),
    ...(t.remember.length ? ['', '## Easy to forget', '', ...t.remember.map((r) => `- ${r}`)] : []),
    '',
    '## Notes',
    '',
    '_This procedure is yours now: Vigil wrote it once and only updates the status block above. Restore tests copy the tasks under "Restore procedure"._',
    '',
  ].join('\n');
  return { path: runbookPath(service.name), ownership: 'blocks', frontmatter: runbookFrontmatter(service, status.lastVerified?.at ?? null), body };
}
