// Render the weekly digest (kind `report`, period `weekly`): the heartbeat that says "all green" when it is.
import { isoWeek, localDate, shortDate, weekStart } from '../../shared/dates';
import type { FrontmatterData } from '../../shared/frontmatter';
import { callout, link, table, text } from '../../shared/markdown';
import { VIGIL_SCHEMA } from '../../shared/note-schema';
import { countBySeverity, worstSeverity } from '../../shared/severity';
import { SEVERITY_STYLE } from '../../shared/severity-style';
import type { IncidentState } from '../engine/incident-state';
import { weeklyPath } from './paths';
import type { NoteSpec } from './write-vault';

/** One run as the history keeps it. */
export interface RunHistoryEntry {
  at: string;
  date: string;
  run_id: string;
  worst: string;
  findings: number;
  new: number;
  fixed: number;
  checks_failed: number;
  digest: string;
}

/** Inputs of the weekly note. */
export interface WeeklyInput {
  now: Date;
  history: readonly RunHistoryEntry[];
  incidents: readonly IncidentState[];
  hosts: readonly string[];
  /** Vault path of an incident note (for links). */
  vaultPathOf: (notePath: string) => string;
}

function inWeek(iso: string, week: string): boolean {
  return isoWeek(new Date(iso)) === week;
}

/** The weekly summary text (also the notification body). */
export function weeklySummary(input: WeeklyInput, week: string): { allGreen: boolean; lines: string[] } {
  const open = input.incidents.filter((i) => i.status !== 'resolved');
  const opened = input.incidents.filter((i) => inWeek(i.opened, week));
  const resolved = input.incidents.filter((i) => i.resolved && inWeek(i.resolved, week));
  const runs = input.history.filter((h) => inWeek(h.at, week));
  // A week without a run proves nothing: it is never "all green".
  const allGreen = open.length === 0 && runs.length > 0 && runs.every((r) => r.checks_failed === 0);
  const failedChecks = runs.reduce((n, r) => n + r.checks_failed, 0);
  const headline = allGreen
    ? 'All green: no open incidents, every check ran.'
    : open.length > 0
      ? `${open.length} open incident${open.length === 1 ? '' : 's'} (worst: ${worstSeverity(open.map((i) => i.severity))}).`
      : runs.length === 0
        ? 'Vigil did not run this week: nothing was checked.'
        : `No open incidents, but ${failedChecks} check${failedChecks === 1 ? '' : 's'} could not run.`;
  const lines = [
    headline,
    `${runs.length} run${runs.length === 1 ? '' : 's'} this week · ${opened.length} opened · ${resolved.length} resolved.`,
  ];
  return { allGreen, lines };
}

/** The weekly note for the week containing `now`. */
export function weeklyNote(input: WeeklyInput): NoteSpec {
  const week = isoWeek(input.now);
  const monday = weekStart(input.now);
  const sunday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6);
  const { allGreen, lines } = weeklySummary(input, week);
  const open = input.incidents.filter((i) => i.status !== 'resolved');
  const opened = input.incidents.filter((i) => inWeek(i.opened, week));
  const resolved = input.incidents.filter((i) => i.resolved && inWeek(i.resolved, week));
  const runs = input.history.filter((h) => inWeek(h.at, week));
  const counts = countBySeverity(open.map((i) => i.severity));
  const incidentLink = (i: IncidentState) => link(input.vaultPathOf(i.path), i.title);

  const body = [
    `# Week ${week.slice(6)} · ${shortDate(monday)} – ${shortDate(sunday)} ${sunday.getFullYear()}`,
    '',
    callout(allGreen ? 'success' : open.length > 0 ? SEVERITY_STYLE[worstSeverity(open.map((i) => i.severity))].callout : 'warning', text(lines[0] ?? ''), [text(lines[1] ?? '')]),
    '',
    '## Runs',
    '',
    runs.length
      ? table(
          ['Day', 'Worst', 'Findings', 'New', 'Fixed', 'Failed checks'],
          runs.map((r) => [link(r.digest, r.date), text(r.worst), String(r.findings), String(r.new), String(r.fixed), String(r.checks_failed)]),
        )
      : 'No runs yet this week.',
  ];
  if (opened.length) body.push('', '## Opened this week', '', ...opened.map((i) => `- ${SEVERITY_STYLE[i.severity].icon} ${incidentLink(i)} (${text(i.host)})`));
  if (resolved.length) body.push('', '## Resolved this week', '', ...resolved.map((i) => `- ✅ ${incidentLink(i)} (${text(i.host)})`));
  if (open.length) {
    body.push('', '## Still open', '', ...open.map((i) => `- ${SEVERITY_STYLE[i.severity].icon} ${incidentLink(i)} — ${text(i.host)}, since ${localDate(new Date(i.opened))}${i.status === 'acknowledged' ? ' (acknowledged)' : ''}`));
  }
  const last = runs.at(-1);
  const frontmatter: FrontmatterData = {
    vigil: 'report',
    vigil_schema: VIGIL_SCHEMA,
    period: 'weekly',
    date: localDate(monday),
    generated: input.now.toISOString(),
    run_id: last?.run_id ?? '',
    hosts: [...input.hosts],
    worst: worstSeverity(open.map((i) => i.severity)),
    findings: open.length,
    critical: counts.critical,
    high: counts.high,
    medium: counts.medium,
    low: counts.low,
    info: counts.info,
    checks_failed: runs.reduce((n, r) => n + r.checks_failed, 0),
    new: opened.length,
    fixed: resolved.length,
  };
  return { path: weeklyPath(week), ownership: 'whole', frontmatter, body: `${body.join('\n')}\n` };
}
