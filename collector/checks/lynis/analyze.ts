// Decide what a Lynis report means now: its warnings, its suggestions in one summary, its hardening index, its age.
import { ageInWords } from '../../../shared/dates';
import type { FindingDraft } from '../../../shared/finding';
import type { LynisItem, LynisReport } from './parse';

/** What the probe read. */
export interface LynisObservation {
  path: string;
  /** The report file's mtime: when Lynis finished writing it (absolute, unlike the report's local-time fields). */
  mtimeMs: number;
  report: LynisReport;
}

/** Options of the check (durations in ms). */
export interface LynisOptions {
  report: string;
  max_age: number;
  min_hardening_index: number;
}

/**
 * Lynis's own bands for the hardening index (include/report): below 50 "System has not or a low amount been
 * hardened", 50–79 "could use additional hardening". Below its lowest band: medium; below the configured minimum
 * only: low. Lynis warns that the index is a first impression, not a measure of safety — hence never higher.
 */
const LYNIS_LOW_BAND = 50;

/** How many distinct test ids the suggestions summary lists. */
const MAX_SUGGESTION_IDS = 30;

function grouped(items: LynisItem[]): Map<string, LynisItem[]> {
  const byTest = new Map<string, LynisItem[]>();
  for (const it of items) byTest.set(it.test, [...(byTest.get(it.test) ?? []), it]);
  return byTest;
}

/** Lynis has not written its report for longer than max_age: its old warnings say nothing about today. */
export function isLynisStale(obs: LynisObservation, options: LynisOptions, now: Date): boolean {
  return now.getTime() - obs.mtimeMs > options.max_age;
}

/** Findings for one host (pure). */
export function analyzeLynis(obs: LynisObservation, options: LynisOptions, host: string, now: Date): FindingDraft[] {
  const r = obs.report;
  const ageMs = Math.max(0, now.getTime() - obs.mtimeMs);
  const when = r.finishedAt ?? r.startedAt;
  if (isLynisStale(obs, options, now)) {
    // Stale data is a finding, and an old report's warnings are never shown as current (principle 7): one finding
    // saying the audit stopped, with the old counts for context only. Medium, as for any monitor that went quiet.
    return [
      {
        subject: 'stale-report',
        severity: 'medium',
        title: `The Lynis report on ${host} is ${ageInWords(ageMs)} old: Lynis has stopped auditing it`,
        evidence: {
          path: obs.path,
          age_days: Math.floor(ageMs / 86_400_000),
          max_age_days: Math.round(options.max_age / 86_400_000),
          report_time: when,
          old_report_warnings: r.warnings.length,
          old_report_hardening_index: r.hardeningIndex,
        },
        remediation: 'Check the Lynis timer or cron job (Debian: systemctl status lynis.timer), or run lynis audit system --quick.',
      },
    ];
  }
  if (r.finishedAt === null) {
    // Lynis writes report_datetime_end last: without it the audit was interrupted or is running right now.
    return [
      {
        subject: 'incomplete-report',
        severity: 'low',
        title: `The Lynis report on ${host} is incomplete: the audit was interrupted or is still running`,
        evidence: { path: obs.path, report_time: r.startedAt, lynis_version: r.version },
        remediation: 'See the end of /var/log/lynis.log for where it stopped.',
      },
    ];
  }
  const out: FindingDraft[] = [];
  for (const [test, items] of [...grouped(r.warnings)].sort(([a], [b]) => a.localeCompare(b))) {
    const first = items[0]!;
    const message = first.message.replace(/\.$/, '');
    out.push({
      subject: `warning:${test}`,
      // Lynis's warnings are the findings it says need action (shown in red, before the suggestions); each is a
      // concrete weakness, not a hardening idea: medium.
      severity: 'medium',
      title: items.length === 1 ? `Lynis warning on ${host}: ${message} (${test})` : `Lynis warns ${items.length} times on ${host} about ${test}: ${message}`,
      evidence: { test, message: first.message, details: first.details, count: items.length, lynis_version: r.version, report_time: when },
      remediation: `lynis show details ${test} explains the test and what it looked at.`,
    });
  }
  if (r.suggestions.length > 0) {
    const tests = [...grouped(r.suggestions).keys()].sort();
    out.push({
      subject: 'suggestions',
      // Suggestions are hardening ideas, many of them matters of taste (a legal banner, separate /home), and a
      // stock Debian install gets 40–50 of them. One info finding carries the count; the list stays in Lynis.
      severity: 'info',
      title: `Lynis has ${r.suggestions.length} hardening suggestion${r.suggestions.length === 1 ? '' : 's'} for ${host}`,
      evidence: {
        count: r.suggestions.length,
        tests: tests.slice(0, MAX_SUGGESTION_IDS).join(', ') + (tests.length > MAX_SUGGESTION_IDS ? ', …' : ''),
        report_time: when,
      },
      remediation: `grep ^suggestion ${obs.path} lists them; lynis show details TEST-ID explains one.`,
    });
  }
  if (r.hardeningIndex !== null && r.hardeningIndex < options.min_hardening_index) {
    out.push({
      subject: 'hardening-index',
      severity: r.hardeningIndex < LYNIS_LOW_BAND ? 'medium' : 'low',
      title: `Lynis hardening index on ${host} is ${r.hardeningIndex}, below ${options.min_hardening_index}`,
      evidence: { hardening_index: r.hardeningIndex, minimum: options.min_hardening_index, warnings: r.warnings.length, suggestions: r.suggestions.length },
      remediation: "Work through the warnings first, then the suggestions Lynis ranks as most effective.",
    });
  }
  return out;
}
