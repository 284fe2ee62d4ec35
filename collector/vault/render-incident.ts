// Render an incident note: frontmatter the collector owns, a summary and a timeline in managed blocks, the rest the user's.
import { localDate, localDateTime } from '../../shared/dates';
import type { FrontmatterData } from '../../shared/frontmatter';
import { renderBlock } from '../../shared/managed-blocks';
import { callout, code, link, table, text } from '../../shared/markdown';
import { VIGIL_SCHEMA } from '../../shared/note-schema';
import { SEVERITY_STYLE } from '../../shared/severity-style';
import type { IncidentEvent, IncidentState } from '../engine/incident-state';
import type { NoteSpec } from './write-vault';

const EVENT_WORDS: Record<IncidentEvent['kind'], string> = {
  opened: 'opened',
  escalated: 'escalated',
  eased: 'eased',
  'still-present': 'still present',
  acknowledged: 'acknowledged',
  resolved: 'resolved',
  reopened: 'reopened',
  'acceptance-expired': 'acceptance expired',
  accepted: 'accepted',
};

/** One timeline line. */
export function timelineLine(e: IncidentEvent): string {
  return `- ${localDateTime(new Date(e.at))} — ${EVENT_WORDS[e.kind]}${e.detail ? ` (${text(e.detail)})` : ''}`;
}

function statusWord(st: IncidentState): string {
  return st.status === 'resolved' ? 'resolved' : st.status === 'acknowledged' ? 'acknowledged' : 'open';
}

/** The incident's frontmatter (user keys such as accepted_until are left to the merge). */
export function incidentFrontmatter(st: IncidentState): FrontmatterData {
  return {
    vigil: 'incident',
    vigil_schema: VIGIL_SCHEMA,
    fingerprint: st.fingerprint,
    finding_id: st.finding_id,
    check: st.check,
    host: st.host,
    severity: st.severity,
    status: st.status,
    title: st.title,
    opened: st.opened,
    last_seen: st.last_seen,
    resolved: st.resolved,
    occurrences: st.occurrences,
    // The config's acceptance, for the plugin and the properties view; the user's own goes in accepted_until.
    accepted_in_config: st.accepted_from === 'config' ? st.accepted_until : null,
  };
}

/** The summary block: state, evidence, fix, links. */
export function incidentSummary(st: IncidentState, links: { digest?: string; runbook?: string }): string {
  const style = SEVERITY_STYLE[st.severity];
  const head = `${style.label} · ${statusWord(st)} · ${text(st.host)} · ${code(st.check)}`;
  // The heading and file name keep the title it opened with; the summary says what it is today when that moved
  // ("9 days old" became "12 days old", "never restore-tested" became "1 kind of storage").
  const now = st.opened_title !== undefined && st.opened_title !== st.title ? [`**Now:** ${text(st.title)}`] : [];
  const facts = [
    ...now,
    `Opened ${localDateTime(new Date(st.opened))} · last seen ${localDateTime(new Date(st.last_seen))} · seen in ${st.occurrences} run${st.occurrences === 1 ? '' : 's'}${st.resolved ? ` · resolved ${localDateTime(new Date(st.resolved))}` : ''}`,
  ];
  if (st.accepted_until) facts.push(`Accepted until ${text(st.accepted_until)}${st.accepted_reason ? `: ${text(st.accepted_reason)}` : ''}`);
  const out = [callout(st.status === 'resolved' ? 'success' : style.callout, head, facts)];
  const rows = Object.entries(st.evidence)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => [text(k.replace(/_/g, ' ')), typeof v === 'string' && /[/\\:]/.test(v) ? code(v) : text(v)]);
  if (rows.length) out.push('', table(['Evidence', 'Value'], rows));
  if (st.remediation) out.push('', `**Fix:** ${text(st.remediation)}`);
  const nav = [links.digest ? link(links.digest, 'latest digest') : null, links.runbook ? link(links.runbook, 'runbook') : null].filter(Boolean);
  if (nav.length) out.push('', `See also: ${nav.join(' · ')}`);
  out.push('', `Fingerprint ${code(st.fingerprint)} · finding ${code(st.finding_id)}`);
  return out.join('\n');
}

/** The whole note spec for the vault writer. */
export function incidentNote(st: IncidentState, links: { digest?: string; runbook?: string }): NoteSpec {
  const body = [
    `# ${text(st.opened_title ?? st.title)}`,
    '',
    renderBlock('summary', incidentSummary(st, links)),
    '',
    '## Timeline',
    '',
    renderBlock('timeline', st.events.map(timelineLine).join('\n')),
    '',
    '## Notes',
    '',
    `_Everything outside Vigil's managed blocks is yours: Vigil never changes it. To acknowledge, set \`status: acknowledged\` in the properties; to accept the risk for a while, add \`accepted_until: ${localDate(new Date(st.last_seen)).slice(0, 4)}-12-31\` and \`accepted_reason\`._`,
    '',
  ].join('\n');
  return { path: st.path, ownership: 'blocks', frontmatter: incidentFrontmatter(st), body };
}
