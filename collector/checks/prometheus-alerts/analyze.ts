// Decide what Prometheus is telling us: firing and pending alerts, down targets, failing rules, or that it is blind.
import { oneLine, type FindingDraft } from '../../../shared/finding';
import { severityRank, type Severity } from '../../../shared/severity';
import type { PromAlert, PromRule, PromTarget } from './parse';

/** The observation: Prometheus's state, or why it could not be asked. */
export type PromObservation =
  | { url: string; reachable: true; alerts: PromAlert[]; targets: PromTarget[]; rules: PromRule[] }
  | { url: string; reachable: false; code: string; reason: string };

/** Options the analyzer uses. */
export interface PromAnalyzeOptions {
  ignore_alerts: string[];
  pending: 'report' | 'ignore';
}

/**
 * The `severity` label → Vigil severity. The labels follow the convention of the Prometheus monitoring mixins and
 * the kube-prometheus runbooks: `critical` pages a human now, `warning` needs a look soon, `info` is context only
 * (`none` is what the always-firing Watchdog carries). Synonyms seen in community rule sets map alongside.
 */
const ALERT_SEVERITY: Record<string, Severity> = {
  critical: 'critical',
  page: 'critical',
  error: 'high',
  high: 'high',
  major: 'high',
  warning: 'medium',
  warn: 'medium',
  medium: 'medium',
  minor: 'low',
  low: 'low',
  info: 'info',
  none: 'info',
};
/** An alert without a recognised severity label is treated as a warning: someone wrote a rule for it. */
const UNLABELLED: Severity = 'medium';
/** A pending alert has not held for its `for:` yet, so it may clear by itself: never above low. */
const PENDING_CAP: Severity = 'low';

const MAX_TEXT = 300;

/** Text from Prometheus made safe for a title or evidence: one line, bounded, URLs without credentials or query. */
export function safeText(text: string, max = MAX_TEXT): string {
  const clean = oneLine(text)
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s"@]+@/gi, '$1')
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s"?]+)\?[^\s"]*/gi, '$1?…');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** `host` of an `instance` label (`nas.home.arpa:9100` → `nas.home.arpa`, `[::1]:9100` → `::1`). */
export function instanceHost(instance: string): string {
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(instance);
  if (v6) return v6[1]!;
  return instance.replace(/:\d+$/, '');
}

/** The stable identity of an alert: its name and labels (without severity, so a relabel escalates, not duplicates). */
export function alertSubject(a: PromAlert): string {
  const rest = Object.keys(a.labels)
    .filter((k) => k !== 'alertname' && k !== 'severity')
    .sort()
    .map((k) => `${k}=${JSON.stringify(a.labels[k])}`);
  return `alert:${a.name}{${rest.join(',')}}`;
}

function min(a: Severity, b: Severity): Severity {
  return severityRank(a) <= severityRank(b) ? a : b;
}

function hoursSince(iso: string | null, now: Date): number | null {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) && t <= now.getTime() ? Math.floor((now.getTime() - t) / 3_600_000) : null;
}

function alertFinding(a: PromAlert, options: PromAnalyzeOptions, now: Date): FindingDraft | null {
  if (options.ignore_alerts.includes(a.name)) return null;
  if (a.state !== 'firing' && a.state !== 'pending') return null;
  if (a.state === 'pending' && options.pending === 'ignore') return null;
  const label = (a.labels.severity ?? '').toLowerCase();
  const mapped = ALERT_SEVERITY[label] ?? UNLABELLED;
  const severity = a.state === 'pending' ? min(mapped, PENDING_CAP) : mapped;
  const instance = a.labels.instance;
  const summary = a.annotations.summary ?? a.annotations.description;
  return {
    subject: alertSubject(a),
    severity,
    title: `Prometheus alert ${safeText(a.name, 80)} is ${a.state}${instance ? ` for ${safeText(instanceHost(instance), 80)}` : ''}`,
    evidence: {
      alertname: safeText(a.name, 120),
      state: a.state,
      severity_label: a.labels.severity ? safeText(a.labels.severity, 40) : null,
      instance: instance ? safeText(instance, 120) : null,
      job: a.labels.job ? safeText(a.labels.job, 120) : null,
      active_since: a.activeAt ? safeText(a.activeAt, 40) : null,
      active_hours: hoursSince(a.activeAt, now),
      summary: summary ? safeText(summary) : null,
    },
    remediation: a.annotations.runbook_url ? `Runbook: ${safeText(a.annotations.runbook_url, 200)}` : 'Look at the alert in Prometheus or Alertmanager and fix its cause; silence it there if it is expected.',
  };
}

/** A down target: Prometheus has no data from it, so every rule about it is blind (except `up == 0` ones). Medium. */
function targetFinding(t: PromTarget): FindingDraft | null {
  if (t.health !== 'down') return null;
  return {
    subject: `target:${t.scrapePool}/${t.instance}`,
    severity: 'medium',
    title: `Prometheus scrape target ${safeText(t.instance, 120)} (job ${safeText(t.job, 80)}) is down`,
    evidence: {
      job: safeText(t.job, 120),
      instance: safeText(t.instance, 120),
      scrape_url: safeText(t.scrapeUrl, 200),
      last_error: t.lastError ? safeText(t.lastError) : null,
      last_scrape: t.lastScrape ? safeText(t.lastScrape, 40) : null,
    },
    remediation: 'Check that the exporter runs and that Prometheus can reach it; remove the target if the machine is gone.',
  };
}

/**
 * A rule whose evaluation fails. Alerting → high: that alert can never fire, and nothing says so. Recording →
 * medium: dashboards and alerts built on it read stale data ("recording rules that stopped working without
 * telling anyone", the user's homelab posts).
 */
function ruleFinding(r: PromRule): FindingDraft | null {
  if (r.health !== 'err') return null;
  const kind = r.type === 'alerting' ? 'alerting' : 'recording';
  return {
    subject: `rule:${r.group}/${r.name}`,
    severity: kind === 'alerting' ? 'high' : 'medium',
    title: `Prometheus ${kind} rule ${safeText(r.name, 100)} (group ${safeText(r.group, 80)}) fails to evaluate`,
    evidence: {
      group: safeText(r.group, 120),
      rule: safeText(r.name, 120),
      type: kind,
      file: r.file ? safeText(r.file.split('/').pop() ?? r.file, 120) : null,
      last_error: r.lastError ? safeText(r.lastError) : null,
      last_evaluation: r.lastEvaluation ? safeText(r.lastEvaluation, 40) : null,
    },
    remediation: 'Run the rule\'s expression in the Prometheus UI to see the error, then fix it and reload the rules.',
  };
}

/**
 * Findings (pure). Prometheus unreachable → high: every alert, target and rule behind it is unwatched, and the
 * alerts it would have sent are not being sent.
 */
export function analyzePrometheus(obs: PromObservation, options: PromAnalyzeOptions, now: Date): FindingDraft[] {
  if (!obs.reachable) {
    return [
      {
        subject: 'prometheus',
        severity: 'high',
        title: `Prometheus at ${obs.url} cannot be asked: ${safeText(obs.reason, 160)}`,
        evidence: { url: obs.url, code: obs.code, reason: safeText(obs.reason) },
        remediation: 'Check that Prometheus runs and this machine can reach it (systemctl status prometheus, or its container).',
      },
    ];
  }
  const out: FindingDraft[] = [];
  for (const a of obs.alerts) {
    const f = alertFinding(a, options, now);
    if (f) out.push(f);
  }
  for (const t of obs.targets) {
    const f = targetFinding(t);
    if (f) out.push(f);
  }
  for (const r of obs.rules) {
    const f = ruleFinding(r);
    if (f) out.push(f);
  }
  return out;
}
