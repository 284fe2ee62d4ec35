// The note contract: which frontmatter each note kind carries (schema version 1), validated the same way on both sides.
import * as v from 'valibot';
import { NOTE_KINDS, type NoteKind } from './ids';
import { SEVERITIES } from './severity';

/** The frontmatter schema version this code writes and fully understands. */
export const VIGIL_SCHEMA = 1;

const date = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'));
const dateTime = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected a date or an ISO date-time'),
);
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const severity = v.picklist(SEVERITIES);
const opt = <T extends v.GenericSchema>(schema: T) => v.optional(v.nullable(schema));

const base = {
  vigil_schema: v.pipe(v.number(), v.integer(), v.minValue(1)),
};

/** Frontmatter of the daily digest / run report note. */
export const reportFrontmatter = v.looseObject({
  ...base,
  vigil: v.literal('report'),
  date,
  generated: dateTime,
  run_id: v.string(),
  hosts: v.array(v.string()),
  worst: severity,
  findings: count,
  critical: count,
  high: count,
  medium: count,
  low: count,
  info: count,
  checks_failed: count,
  new: opt(count),
  fixed: opt(count),
  period: opt(v.picklist(['daily', 'weekly'])),
});

/** Incident status values; `acknowledged` is only ever set by the user. */
export const INCIDENT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

/** Frontmatter of an incident note. */
export const incidentFrontmatter = v.looseObject({
  ...base,
  vigil: v.literal('incident'),
  fingerprint: v.string(),
  finding_id: v.string(),
  check: v.string(),
  host: v.string(),
  severity,
  status: v.picklist(INCIDENT_STATUSES),
  title: v.string(),
  opened: dateTime,
  last_seen: dateTime,
  resolved: opt(dateTime),
  occurrences: count,
  accepted_in_config: opt(dateTime),
  accepted_until: opt(dateTime),
  accepted_reason: opt(v.string()),
});

/** Backup job health as the backup-job note states it. */
export const BACKUP_STATUSES = ['ok', 'warning', 'failing', 'stale', 'unknown'] as const;

/** Frontmatter of a backup job note. */
export const backupJobFrontmatter = v.looseObject({
  ...base,
  vigil: v.literal('backup-job'),
  job: v.string(),
  backup_kind: v.picklist(['restic', 'borg', 'files']),
  host: v.string(),
  data_class: v.string(),
  status: v.picklist(BACKUP_STATUSES),
  last_success: opt(dateTime),
  age_hours: opt(v.number()),
  size_bytes: opt(v.number()),
  verified: opt(dateTime),
  checked: dateTime,
});

/** Restore test lifecycle states. */
export const RESTORE_STATUSES = ['due', 'overdue', 'in-progress', 'passed', 'failed'] as const;

/** Frontmatter of a restore-test note. */
export const restoreTestFrontmatter = v.looseObject({
  ...base,
  vigil: v.literal('restore-test'),
  test: v.string(),
  every: v.picklist(['monthly', 'quarterly', 'yearly']),
  due: date,
  status: v.picklist(RESTORE_STATUSES),
  result: opt(v.picklist(['passed', 'failed'])),
  started: opt(dateTime),
  completed: opt(dateTime),
  duration: opt(v.string()),
  data_class: opt(v.string()),
  runbook: opt(v.string()),
});

/** Frontmatter of a service runbook note. */
export const runbookFrontmatter = v.looseObject({
  ...base,
  vigil: v.literal('runbook'),
  service: v.string(),
  service_kind: v.string(),
  host: opt(v.string()),
  data_class: opt(v.string()),
  last_verified: opt(dateTime),
});

/** Frontmatter of the Recovery.md "start here" note. */
export const recoveryFrontmatter = v.looseObject({
  ...base,
  vigil: v.literal('recovery'),
});

/** Schema per note kind. */
export const NOTE_SCHEMAS = {
  report: reportFrontmatter,
  incident: incidentFrontmatter,
  'backup-job': backupJobFrontmatter,
  'restore-test': restoreTestFrontmatter,
  runbook: runbookFrontmatter,
  recovery: recoveryFrontmatter,
} as const satisfies Record<NoteKind, v.GenericSchema>;

/** Typed frontmatter of one kind. */
export type NoteFrontmatter<K extends NoteKind> = v.InferOutput<(typeof NOTE_SCHEMAS)[K]>;

/** The verdict on one note's frontmatter. */
export type NoteValidation =
  | { state: 'valid'; kind: NoteKind }
  | { state: 'newer-schema'; kind: NoteKind | null; schema: number }
  | { state: 'invalid'; kind: NoteKind | null; problems: string[] }
  | { state: 'not-vigil' };

/** Validate a note's frontmatter against the contract; never throws. */
export function validateNoteFrontmatter(frontmatter: unknown): NoteValidation {
  if (typeof frontmatter !== 'object' || frontmatter === null || !('vigil' in frontmatter)) return { state: 'not-vigil' };
  const fm = frontmatter as Record<string, unknown>;
  const kind = (NOTE_KINDS as readonly unknown[]).includes(fm.vigil) ? (fm.vigil as NoteKind) : null;
  if (typeof fm.vigil_schema === 'number' && fm.vigil_schema > VIGIL_SCHEMA) {
    return { state: 'newer-schema', kind, schema: fm.vigil_schema };
  }
  if (!kind) return { state: 'invalid', kind: null, problems: [`vigil: unknown note kind ${JSON.stringify(fm.vigil)}`] };
  const result = v.safeParse(NOTE_SCHEMAS[kind], fm);
  if (result.success) return { state: 'valid', kind };
  return { state: 'invalid', kind, problems: result.issues.map((i) => `${v.getDotPath(i) ?? '(note)'}: ${i.message}`) };
}
