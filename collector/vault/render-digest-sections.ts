// Digest sections added by correlation: what changed since the last run, open incidents, and the narrator's summary.
import { localDate } from '../../shared/dates';
import type { Finding } from '../../shared/finding';
import { callout, code, link, table, text } from '../../shared/markdown';
import { severityRank, type Severity } from '../../shared/severity';
import { SEVERITY_STYLE } from '../../shared/severity-style';
import { isAccepted } from '../engine/correlate';
import type { IncidentState } from '../engine/incident-state';

/** A finding of the previous run that is gone now. */
export interface FixedFinding {
  title: string;
  host: string;
  check: string;
  severity: Severity;
}

/** What changed since the previous run. */
export interface DigestChanges {
  fresh: readonly Finding[];
  fixed: readonly FixedFinding[];
  expired: readonly Finding[];
  /** Findings of the previous run still present. */
  unchanged: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "3 new, 2 fixed, 1 acceptance expired" — or that nothing changed. */
export function changeLine(c: DigestChanges): string {
  const parts = [`${c.fresh.length} new`, `${c.fixed.length} fixed`];
  if (c.expired.length) parts.push(plural(c.expired.length, 'acceptance') + ' expired');
  parts.push(`${c.unchanged} unchanged`);
  return parts.join(', ');
}

/** The "What changed" section; links go to incidents where one exists. */
export function changesSection(c: DigestChanges, incidentPathOf: (fingerprint: string) => string | undefined, previousRun: boolean): string {
  if (!previousRun) return '## What changed\n\nFirst run: everything below is new.';
  const out = ['## What changed', '', `${changeLine(c)} since the previous run.`];
  const where = (f: FixedFinding) => ` · ${text(f.host)} · ${code(f.check)}`;
  const titled = (f: Finding) => {
    const path = incidentPathOf(f.fingerprint);
    return `${SEVERITY_STYLE[f.severity].icon} ${path ? link(path, f.title) : text(f.title)}${where(f)}`;
  };
  // Most severe first, then by host and check, so one machine's changes read together.
  const ordered = <T extends FixedFinding>(list: readonly T[]) =>
    [...list].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.host.localeCompare(b.host) || a.check.localeCompare(b.check) || a.title.localeCompare(b.title));
  if (c.fresh.length) out.push('', '**New**', '', ...ordered(c.fresh).map((f) => `- ${titled(f)}`));
  if (c.fixed.length) out.push('', '**Fixed**', '', ...ordered(c.fixed).map((f) => `- ✅ ${text(f.title)}${where(f)}`));
  if (c.expired.length) out.push('', '**Acceptance expired**', '', ...ordered(c.expired).map((f) => `- ⏰ ${titled(f)}`));
  return out.join('\n');
}

/** Open incidents, most severe first, with their notes; an accepted one says until when. */
export function openIncidentsSection(open: readonly IncidentState[], vaultPathOf: (notePath: string) => string, now: Date): string {
  if (open.length === 0) return '## Open incidents\n\nNone.';
  const rows = [...open]
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.opened.localeCompare(b.opened))
    .map((i) => [
      `${SEVERITY_STYLE[i.severity].icon} ${text(i.severity)}`,
      link(vaultPathOf(i.path), i.title),
      text(i.host),
      text(localDate(new Date(i.opened))),
      text(i.status === 'open' && isAccepted(i.accepted_until, now) ? `accepted until ${i.accepted_until}` : i.status),
    ]);
  return ['## Open incidents', '', table(['Severity', 'Incident', 'Host', 'Since', 'Status'], rows)].join('\n');
}

/** The narrator's text, labelled as generated, every line escaped as plain text. */
export function narrativeSection(narrative: string, model: string): string {
  const lines = narrative.split(/\r?\n/).map((l) => text(l));
  return callout('quote', `Summary written by ${text(model)} on your machine from the findings below; it may be wrong`, lines, false);
}

