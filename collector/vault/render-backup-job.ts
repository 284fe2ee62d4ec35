// Render a backup job's note: status properties and a managed status block; the rest is the user's.
import { ageInWords, localDateTime } from '../../shared/dates';
import type { FrontmatterData } from '../../shared/frontmatter';
import { renderBlock } from '../../shared/managed-blocks';
import { callout, code, table, text } from '../../shared/markdown';
import { VIGIL_SCHEMA } from '../../shared/note-schema';
import type { BackupJob } from '../config/types';
import type { BackupJobFacts } from '../checks/backup/facts';
import { formatSize } from '../config/units';
import { FAILURES, type CopyRow } from '../backups/strategy';
import { backupJobPath } from './paths';
import type { NoteSpec } from './write-vault';

const STATUS_CALLOUT: Record<BackupJobFacts['status'], string> = { ok: 'success', warning: 'warning', failing: 'failure', stale: 'warning', unknown: 'question' };
const STATUS_WORDS: Record<BackupJobFacts['status'], string> = {
  ok: 'Healthy',
  warning: 'Usable, with a warning',
  failing: 'Failing: no usable restore point',
  stale: 'Stale: the newest restore point is too old',
  unknown: 'Unknown: Vigil could not read it this run',
};

const VERIFY_WORDS: Record<BackupJobFacts['verify'], string> = {
  passed: 'passed',
  failed: 'failed',
  'not-configured': 'not configured (add verify: to the job to check the repository)',
  'not-run': 'did not run this time',
};

/** 45 s, 26 min, 2 h 5 min: how people say how long a backup took. */
export function durationText(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function lastRunText(r: NonNullable<BackupJobFacts['lastRun']>): string {
  const parts = [
    r.filesNew !== null ? `${r.filesNew} new file${r.filesNew === 1 ? '' : 's'}` : null,
    r.filesChanged !== null ? `${r.filesChanged} changed` : null,
    r.dataAddedBytes !== null ? `${formatSize(r.dataAddedBytes)} added` : null,
  ];
  return parts.filter(Boolean).join(', ');
}

/** The status block: what exists now, and which failures this copy survives. */
export function backupStatusBlock(job: BackupJob, facts: BackupJobFacts | undefined, copy: CopyRow | undefined, now: Date): string {
  const status = facts?.status ?? 'unknown';
  const age = facts?.lastSuccess ? ageInWords(now.getTime() - Date.parse(facts.lastSuccess)) : null;
  const head = `${STATUS_WORDS[status]}${age ? ` · newest restore point ${age} old` : ''}`;
  const rows: string[][] = [
    ['Last success', facts?.lastSuccess ? text(localDateTime(new Date(facts.lastSuccess))) : 'never seen'],
    ['Allowed age', text(`${Math.round(job.maxAgeMs / 3_600_000)} h`)],
    ['Size', facts?.sizeBytes != null ? text(formatSize(facts.sizeBytes)) : '—'],
    ['Duration', facts?.durationSeconds != null ? text(durationText(facts.durationSeconds)) : '—'],
    ...(facts?.lastRun ? [['Last run changed', text(lastRunText(facts.lastRun))]] : []),
    ['Restore points', String(facts?.restorePoints ?? 0)],
    ['Destination', facts?.destination ? code(facts.destination) : code(job.repo ?? job.path ?? '')],
    ['Verification', text(facts ? `${VERIFY_WORDS[facts.verify]}${facts.verified ? ` (last passed ${localDateTime(new Date(facts.verified))})` : ''}` : 'not run')],
    ['Prune / retention', text(facts?.pruning == null ? 'unknown' : facts.pruning ? 'running' : 'not running: it only grows')],
    ['Copy', text(`${job.copy.media} at ${job.copy.location}${job.copy.offsite ? ', offsite' : ''}${job.copy.offline ? ', offline' : ''}${job.copy.immutable ? ', immutable' : ''}${job.copy.mounted ? ', always mounted' : ''}`)],
  ];
  const survives = copy ? FAILURES.map((f) => `${copy.survives[f] ? '✅' : '❌'} ${f}`).join(' · ') : '';
  const problems = facts?.problems.length ? ['', '**Problems this run**', '', ...facts.problems.map((p) => `- ${text(p)}`)] : [];
  return [callout(STATUS_CALLOUT[status], text(head)), '', table(['', ''], rows), '', survives ? `Survives: ${survives}` : '', ...problems, '', `Checked ${localDateTime(now)}.`]
    .filter((l, i, all) => !(l === '' && all[i - 1] === ''))
    .join('\n');
}

/** The job note's frontmatter. */
export function backupJobFrontmatter(job: BackupJob, facts: BackupJobFacts | undefined, now: Date): FrontmatterData {
  return {
    vigil: 'backup-job',
    vigil_schema: VIGIL_SCHEMA,
    job: job.name,
    backup_kind: job.kind,
    host: job.host,
    data_class: job.dataClass,
    status: facts?.status ?? 'unknown',
    last_success: facts?.lastSuccess ?? null,
    age_hours: facts?.ageHours ?? null,
    size_bytes: facts?.sizeBytes ?? null,
    verified: facts?.verified ?? null,
    checked: now.toISOString(),
  };
}

/** The whole note spec. */
export function backupJobNote(job: BackupJob, facts: BackupJobFacts | undefined, copy: CopyRow | undefined, now: Date): NoteSpec {
  const body = [
    `# Backup: ${text(job.name)}`,
    '',
    renderBlock('status', backupStatusBlock(job, facts, copy, now)),
    '',
    '## Notes',
    '',
    '_How this job is set up, where its key lives (never the key itself), what to do when it fails: yours to write._',
    '',
  ].join('\n');
  return { path: backupJobPath(job.name), ownership: 'blocks', frontmatter: backupJobFrontmatter(job, facts, now), body };
}
