// Render the daily digest note (kind `report`): what this run found, grouped by severity then host.
import { localDate, localTime, longDate } from '../../shared/dates';
import type { Finding } from '../../shared/finding';
import type { FrontmatterData } from '../../shared/frontmatter';
import { callout, code, link, table, text, wikiLink } from '../../shared/markdown';
import { VIGIL_SCHEMA } from '../../shared/note-schema';
import { SEVERITIES, severityRank, type Severity } from '../../shared/severity';
import { SEVERITY_STYLE } from '../../shared/severity-style';
import type { CheckOutcome } from '../engine/run-checks';
import type { RunReport } from '../engine/report';

/** Inputs of the digest. Paths are vault-relative (for links). */
export interface DigestInput {
  now: Date;
  runId: string;
  hosts: RunReport['hosts'];
  findings: readonly Finding[];
  outcomes: readonly CheckOutcome[];
  summary: RunReport['summary'];
  previousDigest: string | null;
  /** Incident note per fingerprint, when the correlator opened one. */
  incidentLinks?: ReadonlyMap<string, string>;
  /** Extra sections (new/fixed, narrator) placed after the headline. */
  sections?: readonly string[];
  /** Extra frontmatter (new, fixed…). */
  extraFrontmatter?: FrontmatterData;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function headline(summary: RunReport['summary'], hostCount: number): string {
  const parts = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .filter((s) => summary.by_severity[s] > 0)
    .map((s) => `${summary.by_severity[s]} ${s}`);
  return parts.length === 0
    ? `All clear on ${plural(hostCount, 'host')}`
    : `${parts.join(' · ')} across ${plural(hostCount, 'host')}`;
}

function evidenceTable(f: Finding): string {
  const rows = Object.entries(f.evidence)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => [text(k.replace(/_/g, ' ')), typeof v === 'string' && /[/\\:]/.test(v) ? code(v) : text(v)]);
  return rows.length ? table(['Evidence', 'Value'], rows) : '';
}

function findingSection(f: Finding, incident: string | undefined): string {
  const meta = [code(f.check), text(f.host), `observed ${localTime(new Date(f.observed_at))}`];
  const lines = [`### ${SEVERITY_STYLE[f.severity].icon} ${text(f.title)}`, meta.join(' · ')];
  if (incident) lines.push(`Incident: ${link(incident, 'open the incident')}`);
  const ev = evidenceTable(f);
  if (ev) lines.push('', ev);
  if (f.remediation) lines.push('', `**Fix:** ${text(f.remediation)}`);
  return lines.join('\n');
}

function hostTable(input: DigestInput): string {
  const rows = input.hosts.map((h) => {
    const mine = input.findings.filter((f) => f.host === h.name && f.severity !== 'ok');
    const count = (s: Severity) => String(mine.filter((f) => f.severity === s).length || '·');
    const outcomes = input.outcomes.filter((o) => o.host === h.name);
    const state = h.reachable
      ? `${outcomes.filter((o) => o.status === 'ok').length} ok${outcomes.some((o) => o.status === 'error') ? `, ${outcomes.filter((o) => o.status === 'error').length} failed` : ''}`
      : 'unreachable';
    return [text(h.name), count('critical'), count('high'), count('medium'), count('low'), count('info'), text(state)];
  });
  return table(['Host', 'Critical', 'High', 'Medium', 'Low', 'Info', 'Checks'], rows);
}

function checksCallout(outcomes: readonly CheckOutcome[]): string {
  const rows = [...outcomes]
    .sort((a, b) => a.check.localeCompare(b.check) || a.host.localeCompare(b.host))
    .map((o) => [code(o.check), text(o.host), text(o.status === 'ok' ? `ok · ${plural(o.findings, 'finding')}` : o.status), text(o.reason ?? '')]);
  const body = table(['Check', 'Host', 'Outcome', 'Why'], rows).split('\n');
  return callout('info', `All ${plural(outcomes.length, 'check')} of this run`, body, true);
}

/** The digest note's frontmatter. */
export function digestFrontmatter(input: DigestInput): FrontmatterData {
  const s = input.summary;
  return {
    vigil: 'report',
    vigil_schema: VIGIL_SCHEMA,
    period: 'daily',
    date: localDate(input.now),
    generated: input.now.toISOString(),
    run_id: input.runId,
    hosts: input.hosts.map((h) => h.name),
    worst: s.worst,
    findings: s.findings,
    critical: s.by_severity.critical,
    high: s.by_severity.high,
    medium: s.by_severity.medium,
    low: s.by_severity.low,
    info: s.by_severity.info,
    checks_failed: s.checks.error,
    ...(input.extraFrontmatter ?? {}),
  };
}

/** The digest note's body. */
export function digestBody(input: DigestInput): string {
  const s = input.summary;
  const style = SEVERITY_STYLE[s.worst];
  const problems = input.findings.filter((f) => f.severity !== 'ok');
  const checkLine = `Checked at ${localTime(input.now)}: ${plural(s.checks.ok, 'check')} ran, ${s.checks.skipped} skipped, ${s.checks['no-data']} without data, ${s.checks.error} failed.`;
  const out: string[] = [
    `# Daily audit · ${longDate(input.now)}`,
    '',
    callout(style.callout, text(headline(s, input.hosts.length)), [checkLine]),
  ];
  for (const section of input.sections ?? []) out.push('', section);
  out.push('', '## Hosts', '', hostTable(input));

  const detailed = SEVERITIES.filter((sev) => severityRank(sev) >= severityRank('medium')).reverse();
  for (const sev of detailed) {
    const list = problems.filter((f) => f.severity === sev);
    if (list.length === 0) continue;
    out.push('', `## ${SEVERITY_STYLE[sev].icon} ${SEVERITY_STYLE[sev].label} (${list.length})`);
    for (const f of list) out.push('', findingSection(f, input.incidentLinks?.get(f.fingerprint)));
  }
  const minor = problems.filter((f) => f.severity === 'low' || f.severity === 'info');
  if (minor.length > 0) {
    out.push('', `## Low and info (${minor.length})`, '');
    out.push(
      table(
        ['', 'Finding', 'Host', 'Check'],
        minor.map((f) => [SEVERITY_STYLE[f.severity].icon, text(f.title), text(f.host), code(f.check)]),
      ),
    );
  }
  if (problems.length === 0) out.push('', 'Nothing to report: every check that ran found its host as expected.');
  out.push('', '## Checks', '', checksCallout(input.outcomes));
  out.push('', '---', input.previousDigest ? `Previous: ${link(input.previousDigest, 'the digest before this one')}` : 'This is the first digest.');
  return `${out.join('\n')}\n`;
}

/** A link to a digest for other notes' tables. */
export function digestLink(path: string, d: Date): string {
  return wikiLink(path, `Digest ${localDate(d)}`);
}
