// The correlator: turns this run's findings and the previous state into incidents, changes to notify, and a diff.
import type { Finding } from '../../shared/finding';
import { ENGINE_FINDING_CHECKS } from '../../shared/ids';
import { atLeast, severityRank, type Severity } from '../../shared/severity';
import type { IncidentChange, IncidentEvent, IncidentState, RunDiff } from './incident-state';
import type { CheckOutcome } from './run-checks';

/** What the user set on an incident note (read from its frontmatter before correlating). */
export interface UserIncidentState {
  status?: string;
  accepted_until?: string;
  accepted_reason?: string;
}

/** An acceptance from the config: a fingerprint or finding id, why, and until when. */
export interface ConfigAcceptance {
  match: string;
  reason: string;
  until: string;
}

/** Everything the correlator needs; it does no I/O. */
export interface CorrelateInput {
  previous: Readonly<Record<string, IncidentState>>;
  /** Fingerprints of the previous run's findings (for new / fixed / unchanged). */
  previousFindings: readonly string[];
  findings: readonly Finding[];
  outcomes: readonly CheckOutcome[];
  now: Date;
  minSeverity: Severity;
  /** Consecutive clean runs before an incident resolves (damps flapping). */
  resolveAfter: number;
  user: ReadonlyMap<string, UserIncidentState>;
  acceptances: readonly ConfigAcceptance[];
  /** Note path for a new incident. */
  pathFor: (finding: Finding, opened: Date) => string;
}

/** The correlator's verdict. */
export interface CorrelateResult {
  incidents: Record<string, IncidentState>;
  changes: IncidentChange[];
  diff: RunDiff;
}

/** Reopened this many times within FLAP_WINDOW → notifications pause (the incident still updates). */
const FLAP_REOPENS = 3;
const FLAP_WINDOW_MS = 7 * 86_400_000;
/** The timeline detail of a reopen that was not notified. */
const FLAPPING_DETAIL = 'flapping: notifications paused';
/** Timeline lines per incident; older "still present" lines are folded so a year of runs stays readable. */
const MAX_EVENTS = 60;

const ENGINE = new Set<string>(ENGINE_FINDING_CHECKS);

function day(iso: string): string {
  return iso.slice(0, 10);
}

/** Whether this run looked again where a finding of `check` on `host` came from (so its absence means it is gone). */
export function lookedAgain(check: string, host: string, outcomes: readonly CheckOutcome[]): boolean {
  const onHost = outcomes.filter((o) => o.host === host);
  if (ENGINE.has(check)) return onHost.some((o) => o.status !== 'error');
  return onHost.some((o) => o.check === check && o.status === 'ok' && !o.stale);
}

/** Whether this run gives evidence that the incident's problem is gone (the check ran fine where it lives). */
function ranClean(st: IncidentState, outcomes: readonly CheckOutcome[]): boolean {
  if (st.check === 'check-failed') {
    const failed = st.finding_id.split(':').slice(2).join(':');
    return outcomes.some((o) => o.host === st.host && o.check === failed && o.status !== 'error');
  }
  return lookedAgain(st.check, st.host, outcomes);
}

function acceptanceFor(f: { fingerprint: string; finding_id: string }, user: UserIncidentState | undefined, config: readonly ConfigAcceptance[]) {
  if (user?.accepted_until) return { until: user.accepted_until, reason: user.accepted_reason ?? null, from: 'note' as const };
  const c = config.find((a) => a.match === f.fingerprint || a.match === f.finding_id);
  return c ? { until: c.until, reason: c.reason, from: 'config' as const } : null;
}

export function isAccepted(until: string | null, now: Date): boolean {
  if (!until) return false;
  // A date means "through the end of that day".
  const end = /^\d{4}-\d{2}-\d{2}$/.test(until) ? Date.parse(`${until}T23:59:59.999Z`) : Date.parse(until);
  return Number.isFinite(end) && now.getTime() <= end;
}

function push(st: IncidentState, event: IncidentEvent): void {
  st.events.push(event);
  if (st.events.length > MAX_EVENTS) {
    // Drop the oldest "still present" line; keep every state change.
    const i = st.events.findIndex((e) => e.kind === 'still-present');
    st.events.splice(i >= 0 ? i : 1, 1);
  }
}

/** Correlate one run. Pure: same input, same output. */
export function correlate(input: CorrelateInput): CorrelateResult {
  const nowIso = input.now.toISOString();
  const incidents: Record<string, IncidentState> = {};
  for (const [fp, st] of Object.entries(input.previous)) incidents[fp] = { ...st, events: [...st.events], reopens: [...st.reopens] };
  const changes: IncidentChange[] = [];
  const expired: string[] = [];
  const seen = new Set<string>();

  for (const f of input.findings) {
    if (f.severity === 'ok' || !atLeast(f.severity, input.minSeverity)) continue;
    seen.add(f.fingerprint);
    const user = input.user.get(f.fingerprint);
    const acceptance = acceptanceFor({ fingerprint: f.fingerprint, finding_id: f.id }, user, input.acceptances);
    const accepted = isAccepted(acceptance?.until ?? null, input.now);
    let st = incidents[f.fingerprint];
    if (!st) {
      st = {
        fingerprint: f.fingerprint,
        finding_id: f.id,
        check: f.check,
        host: f.host,
        title: f.title,
        opened_title: f.title,
        severity: f.severity,
        status: 'open',
        opened: nowIso,
        last_seen: nowIso,
        resolved: null,
        occurrences: 1,
        clean_runs: 0,
        path: input.pathFor(f, input.now),
        reopens: [],
        evidence: f.evidence,
        remediation: f.remediation ?? null,
        accepted_until: acceptance?.until ?? null,
        accepted_reason: acceptance?.reason ?? null,
        accepted_from: acceptance?.from ?? null,
        events: [{ at: nowIso, kind: 'opened', detail: f.severity }],
      };
      incidents[f.fingerprint] = st;
      changes.push({ fingerprint: f.fingerprint, kind: 'opened', notify: !accepted });
      continue;
    }
    if (st.status === 'resolved') {
      st.status = 'open';
      st.resolved = null;
      st.reopens = [...st.reopens.filter((t) => input.now.getTime() - Date.parse(t) < FLAP_WINDOW_MS), nowIso];
      const flapping = st.reopens.length >= FLAP_REOPENS;
      push(st, { at: nowIso, kind: 'reopened', ...(flapping ? { detail: FLAPPING_DETAIL } : {}) });
      changes.push({ fingerprint: f.fingerprint, kind: 'reopened', notify: !accepted && !flapping });
    } else if (severityRank(f.severity) > severityRank(st.severity)) {
      push(st, { at: nowIso, kind: 'escalated', detail: `${st.severity} → ${f.severity}` });
      changes.push({ fingerprint: f.fingerprint, kind: 'escalated', notify: !accepted });
    } else if (severityRank(f.severity) < severityRank(st.severity)) {
      push(st, { at: nowIso, kind: 'eased', detail: `${st.severity} → ${f.severity}` });
    } else if (day(st.events.at(-1)?.at ?? '') !== day(nowIso)) {
      push(st, { at: nowIso, kind: 'still-present' });
    }
    // The user's acknowledgement, read from the note.
    if (user?.status === 'acknowledged' && st.status === 'open') {
      st.status = 'acknowledged';
      push(st, { at: nowIso, kind: 'acknowledged' });
    } else if (user?.status === 'open' && st.status === 'acknowledged') st.status = 'open';
    // An acceptance that ran out (and was not renewed) makes the finding a finding again, once.
    const prevUntil = st.accepted_until;
    const nextUntil = acceptance?.until ?? null;
    if (prevUntil && nextUntil === prevUntil && !isAccepted(prevUntil, input.now)) {
      if (!st.events.some((e) => e.kind === 'acceptance-expired' && e.detail === prevUntil)) {
        push(st, { at: nowIso, kind: 'acceptance-expired', detail: prevUntil });
        changes.push({ fingerprint: f.fingerprint, kind: 'acceptance-expired', notify: true });
        expired.push(f.fingerprint);
      }
    } else if (nextUntil && nextUntil !== prevUntil && isAccepted(nextUntil, input.now)) {
      push(st, { at: nowIso, kind: 'accepted', detail: `until ${nextUntil}` });
    }
    st.accepted_until = acceptance?.until ?? null;
    st.accepted_reason = acceptance?.reason ?? null;
    st.accepted_from = acceptance?.from ?? null;
    st.severity = f.severity;
    st.title = f.title;
    st.evidence = f.evidence;
    st.remediation = f.remediation ?? null;
    st.last_seen = nowIso;
    st.occurrences += 1;
    st.clean_runs = 0;
  }

  for (const st of Object.values(incidents)) {
    if (seen.has(st.fingerprint) || st.status === 'resolved') continue;
    const user = input.user.get(st.fingerprint);
    if (user?.status === 'acknowledged' && st.status === 'open') {
      st.status = 'acknowledged';
      push(st, { at: nowIso, kind: 'acknowledged' });
    }
    if (!ranClean(st, input.outcomes)) continue;
    st.clean_runs += 1;
    if (st.clean_runs >= input.resolveAfter) {
      st.status = 'resolved';
      st.resolved = nowIso;
      // A reopen that was kept quiet (flapping) is not followed by a "resolved" push either: a flapping
      // incident sends nothing until it settles.
      const lastOpen = [...st.events].reverse().find((e) => e.kind === 'opened' || e.kind === 'reopened');
      const quietReopen = lastOpen?.kind === 'reopened' && lastOpen.detail === FLAPPING_DETAIL;
      push(st, { at: nowIso, kind: 'resolved', detail: `absent for ${st.clean_runs} run${st.clean_runs === 1 ? '' : 's'}` });
      changes.push({ fingerprint: st.fingerprint, kind: 'resolved', notify: !isAccepted(st.accepted_until, input.now) && !quietReopen });
    }
  }

  const current = new Set(input.findings.filter((f) => f.severity !== 'ok').map((f) => f.fingerprint));
  const before = new Set(input.previousFindings);
  const diff: RunDiff = {
    new: [...current].filter((fp) => !before.has(fp)),
    fixed: [...before].filter((fp) => !current.has(fp)),
    unchanged: [...current].filter((fp) => before.has(fp)),
    acceptancesExpired: expired,
  };
  return { incidents, changes, diff };
}
