// Pure: the one-line state of the homelab — worst open incident and counts — for the status bar, the mobile header and `vigil-status`.
import { SEVERITY_STYLE } from '../../shared/severity-style';
import { countBySeverity, severityRank, worstSeverity, type Severity } from '../../shared/severity';
import type { NoteEntry } from '../index/note-entry';
import { firstTime, severityOf, str } from '../index/note-fields';
import { localDate } from '../../shared/dates';
import { restoreStatus } from './restore-status';

/** `vigil schedule` runs the collector daily; a day and a half without a digest means a run was missed. */
export const STALE_AFTER_MS = 36 * 3_600_000;

/** What needs attention right now. */
export interface VigilStatus {
  /** Open incidents (not acknowledged, not resolved). */
  open: number;
  acknowledged: number;
  /** The worst severity among open incidents, null when none is open. */
  worst: Severity | null;
  /** Open incidents per severity. */
  bySeverity: Record<Severity, number>;
  overdueRestores: number;
  failedRestores: number;
  failingBackups: number;
  /** When the newest digest was generated, null before the first run. */
  lastRun: number | null;
  /** The newest digest is older than STALE_AFTER_MS (or there is none). */
  stale: boolean;
  /** Vigil notes that are broken or from a newer Vigil. */
  unreadable: number;
}

/** Summarize the index. */
export function vigilStatus(entries: readonly NoteEntry[], now: number): VigilStatus {
  const today = localDate(new Date(now));
  const open: Severity[] = [];
  let acknowledged = 0;
  let overdueRestores = 0;
  let failedRestores = 0;
  let failingBackups = 0;
  let lastRun: number | null = null;
  let unreadable = 0;
  for (const e of entries) {
    if (e.state !== 'valid') unreadable++;
    const fm = e.frontmatter;
    if (e.kind === 'incident') {
      const status = str(fm, 'status');
      const accepted = (firstTime(fm, ['accepted_until', 'accepted_in_config']) ?? 0) > now;
      if (status === 'open' && !accepted) open.push(severityOf(fm, 'severity') ?? 'info');
      else if (status === 'acknowledged' || status === 'open') acknowledged++;
    } else if (e.kind === 'restore-test') {
      const status = restoreStatus(fm, today);
      if (status === 'overdue') overdueRestores++;
      if (status === 'failed') failedRestores++;
    } else if (e.kind === 'backup-job') {
      const status = str(fm, 'status');
      if (status === 'failing' || status === 'stale') failingBackups++;
    } else if (e.kind === 'report') {
      const t = firstTime(fm, ['generated', 'date']);
      if (t !== null && (lastRun === null || t > lastRun)) lastRun = t;
    }
  }
  return {
    open: open.length,
    acknowledged,
    worst: open.length > 0 ? worstSeverity(open) : null,
    bySeverity: countBySeverity(open),
    overdueRestores,
    failedRestores,
    failingBackups,
    lastRun,
    stale: lastRun === null || now - lastRun > STALE_AFTER_MS,
    unreadable,
  };
}

/** The status in a few words: text for the status bar, a longer sentence for its tooltip, and the severity to colour it. */
export function statusSummary(s: VigilStatus): { text: string; detail: string; severity: Severity } {
  const parts: string[] = [];
  // The worst severity in words, not only as a colour: a phone shows no tooltip, and colour alone is not enough.
  if (s.open > 0) parts.push(s.worst ? `${s.open} open, worst ${SEVERITY_STYLE[s.worst].label.toLowerCase()}` : `${s.open} open`);
  if (s.failingBackups > 0) parts.push(`${s.failingBackups} backup${s.failingBackups === 1 ? '' : 's'} failing`);
  if (s.overdueRestores > 0) parts.push(`${s.overdueRestores} restore${s.overdueRestores === 1 ? '' : 's'} overdue`);
  const text = parts.length > 0 ? parts.join(' · ') : 'All clear';
  const details: string[] = [];
  if (s.worst) {
    const bySev = (Object.keys(s.bySeverity) as Severity[])
      .filter((k) => s.bySeverity[k] > 0)
      .sort((a, b) => severityRank(b) - severityRank(a))
      .map((k) => `${s.bySeverity[k]} ${SEVERITY_STYLE[k].label.toLowerCase()}`);
    details.push(`Open incidents: ${bySev.join(', ')} (worst ${SEVERITY_STYLE[s.worst].label.toLowerCase()})`);
  } else details.push('No open incidents');
  if (s.acknowledged > 0) details.push(`${s.acknowledged} acknowledged`);
  if (s.failedRestores > 0) details.push(`${s.failedRestores} restore test${s.failedRestores === 1 ? '' : 's'} failed`);
  if (s.stale) details.push(s.lastRun === null ? 'No collector run yet' : 'The last collector run is more than a day old');
  if (s.unreadable > 0) details.push(`${s.unreadable} note${s.unreadable === 1 ? '' : 's'} cannot be read`);
  let severity: Severity = s.worst ?? 'ok';
  if (severityRank(severity) < severityRank('high') && s.failingBackups > 0) severity = 'high';
  if (severityRank(severity) < severityRank('medium') && (s.overdueRestores > 0 || s.stale)) severity = 'medium';
  return { text, detail: details.join('. ') + '.', severity };
}
