// How much a backup problem weighs: severity per impact and data class, job status order, ages in words.
import type { Evidence, FindingDraft } from '../../../shared/finding';
import type { Severity } from '../../../shared/severity';
import type { DataClass } from '../../config/types';
import type { BackupStatus } from './facts';

/** What a problem means for the copy. */
export type Impact =
  /** No usable restore point (missing repository, nothing in it, empty newest point, failed integrity check). */
  | 'unusable'
  /** The newest restore point is older than the job's max_age. */
  | 'stale'
  /** Vigil cannot see the copy (wrong password, permission, unreachable): it may be fine, nobody can tell. */
  | 'blind'
  /** Usable, but something is wrong that will hurt later (suddenly small, never pruned, locked). */
  | 'degraded'
  /** Worth knowing, not urgent. */
  | 'notice';

/**
 * Policy as a table: the user's strategy gives irreplaceable data (photos, documents) the full treatment, service
 * state the app-aware lane, rebuild information a lighter one and convenience data "no drama"
 * ("Designing a Homelab Backup Strategy", data classes). The same problem weighs more the less replaceable the data.
 */
const SEVERITY: Record<Impact, Record<DataClass, Severity>> = {
  unusable: { irreplaceable: 'critical', 'service-state': 'high', rebuild: 'high', convenience: 'medium' },
  stale: { irreplaceable: 'high', 'service-state': 'high', rebuild: 'medium', convenience: 'low' },
  blind: { irreplaceable: 'high', 'service-state': 'high', rebuild: 'medium', convenience: 'low' },
  degraded: { irreplaceable: 'medium', 'service-state': 'medium', rebuild: 'low', convenience: 'low' },
  notice: { irreplaceable: 'low', 'service-state': 'low', rebuild: 'low', convenience: 'info' },
};

/** The severity of a problem of this impact for this data class. */
export function severityOf(impact: Impact, dataClass: DataClass): Severity {
  return SEVERITY[impact][dataClass];
}

/** One problem with a job, before it becomes a finding. `rule` makes the stable subject `<job>:<rule>`. */
export interface Issue {
  rule: string;
  impact: Impact;
  /** What the problem makes of the job's status. */
  status: BackupStatus;
  title: string;
  evidence: Evidence;
  remediation: string;
}

/** Worse first: a failing copy outranks a stale one, which outranks one Vigil could not read. */
const STATUS_RANK: Record<BackupStatus, number> = { ok: 0, warning: 1, unknown: 2, stale: 3, failing: 4 };

/** The job's status from its issues. */
export function statusOf(issues: readonly Issue[]): BackupStatus {
  let worst: BackupStatus = 'ok';
  for (const issue of issues) if (STATUS_RANK[issue.status] > STATUS_RANK[worst]) worst = issue.status;
  return worst;
}

/** The finding for an issue. */
export function toDraft(job: string, dataClass: DataClass, issue: Issue): FindingDraft {
  return {
    subject: `${job}:${issue.rule}`,
    severity: severityOf(issue.impact, dataClass),
    title: issue.title,
    evidence: { job, rule: issue.rule, data_class: dataClass, ...issue.evidence },
    remediation: issue.remediation,
  };
}

/** An age in words as people say it: minutes under two hours, hours under two days, then days. */
export function ageText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 120) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(ms / 86_400_000)} days`;
}

/** Hours with one decimal, for evidence and facts. */
export function hoursOf(ms: number): number {
  return Math.round(ms / 360_000) / 10;
}

/** A byte count in words (decimal units, as backup tools and file managers print them). */
export function sizeText(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return `${i === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[i]}`;
}
