import { describe, expect, it } from 'vitest';
import { completeFinding, type Finding } from '../../../shared/finding';
import type { Severity } from '../../../shared/severity';
import { correlate, type CorrelateInput, type UserIncidentState } from '../../../collector/engine/correlate';
import type { IncidentState } from '../../../collector/engine/incident-state';
import type { CheckOutcome } from '../../../collector/engine/run-checks';
import { incidentNote } from '../../../collector/vault/render-incident';

const day = (n: number) => new Date(Date.UTC(2026, 10, 20 + n, 6, 15));
const finding = (severity: Severity, at: Date, subject = 'vaultwarden:privileged'): Finding =>
  completeFinding('docker-posture', 'nas', at.toISOString(), { subject, severity, title: `Container vaultwarden runs privileged on nas`, evidence: { container: 'vaultwarden' } });
const ok: CheckOutcome = { check: 'docker-posture', host: 'nas', status: 'ok', duration_ms: 1, findings: 0 };
const failed: CheckOutcome = { ...ok, status: 'error', reason: 'permission denied' };

function run(previous: Record<string, IncidentState>, findings: Finding[], now: Date, extra: Partial<CorrelateInput> = {}) {
  return correlate({
    previous,
    previousFindings: [],
    findings,
    outcomes: [ok],
    now,
    minSeverity: 'medium',
    resolveAfter: 2,
    user: new Map(),
    acceptances: [],
    pathFor: (f, opened) => `Incidents/${opened.toISOString().slice(0, 10)} ${f.title}.md`,
    ...extra,
  });
}

describe('correlator', () => {
  it('opens, updates once a day, escalates, eases, resolves after two clean runs, reopens', () => {
    const f = finding('high', day(0));
    let r = run({}, [f], day(0));
    expect(r.changes).toEqual([{ fingerprint: f.fingerprint, kind: 'opened', notify: true }]);
    const st0 = r.incidents[f.fingerprint]!;
    expect(st0).toMatchObject({ status: 'open', occurrences: 1, path: 'Incidents/2026-11-20 Container vaultwarden runs privileged on nas.md' });

    r = run(r.incidents, [finding('high', day(0))], new Date(day(0).getTime() + 3_600_000));
    expect(r.changes).toEqual([]);
    expect(r.incidents[f.fingerprint]!.events.map((e) => e.kind)).toEqual(['opened']);

    r = run(r.incidents, [finding('high', day(1))], day(1));
    expect(r.incidents[f.fingerprint]!.events.map((e) => e.kind)).toEqual(['opened', 'still-present']);

    r = run(r.incidents, [finding('critical', day(2))], day(2));
    expect(r.changes).toEqual([{ fingerprint: f.fingerprint, kind: 'escalated', notify: true }]);
    r = run(r.incidents, [finding('medium', day(3))], day(3));
    expect(r.changes).toEqual([]);
    expect(r.incidents[f.fingerprint]!.events.at(-1)).toMatchObject({ kind: 'eased', detail: 'critical → medium' });

    r = run(r.incidents, [], day(4));
    expect(r.incidents[f.fingerprint]).toMatchObject({ status: 'open', clean_runs: 1 });
    r = run(r.incidents, [], day(5));
    expect(r.changes).toEqual([{ fingerprint: f.fingerprint, kind: 'resolved', notify: true }]);
    expect(r.incidents[f.fingerprint]).toMatchObject({ status: 'resolved', resolved: day(5).toISOString() });

    r = run(r.incidents, [finding('high', day(6))], day(6));
    expect(r.changes).toEqual([{ fingerprint: f.fingerprint, kind: 'reopened', notify: true }]);
    expect(r.incidents[f.fingerprint]).toMatchObject({ status: 'open', resolved: null, occurrences: 6 });
  });

  it('keeps the opening title as heading and file name, and says what the finding reads today when it moved', () => {
    const aged = (days: number, at: Date) => completeFinding('backup-files', 'nas', at.toISOString(), { subject: 'photos-usb:stale', severity: 'high', title: `Backup photos-usb is ${days} days old`, evidence: { job: 'photos-usb' } });
    let r = run({}, [aged(9, day(0))], day(0));
    const fp = aged(9, day(0)).fingerprint;
    expect(incidentNote(r.incidents[fp]!, {}).body).not.toContain('**Now:**');
    r = run(r.incidents, [aged(12, day(3))], day(3));
    const st = r.incidents[fp]!;
    expect(st).toMatchObject({ title: 'Backup photos-usb is 12 days old', opened_title: 'Backup photos-usb is 9 days old', path: 'Incidents/2026-11-20 Backup photos-usb is 9 days old.md' });
    const body = incidentNote(st, {}).body;
    expect(body).toContain('# Backup photos-usb is 9 days old');
    expect(body).toContain('**Now:** Backup photos-usb is 12 days old');
  });

  it('does not count a run as clean when the check could not run there', () => {
    const f = finding('high', day(0));
    let r = run({}, [f], day(0));
    r = run(r.incidents, [], day(1), { outcomes: [failed] });
    r = run(r.incidents, [], day(2), { outcomes: [] });
    expect(r.incidents[f.fingerprint]).toMatchObject({ status: 'open', clean_runs: 0 });
  });

  it('damps flapping: the third reopen within a week keeps quiet', () => {
    const f = finding('high', day(0));
    let r = run({}, [f], day(0), { resolveAfter: 1 });
    const notes: boolean[] = [];
    const resolves: boolean[] = [];
    for (let i = 1; i <= 8; i++) {
      r = run(r.incidents, i % 2 ? [] : [finding('high', day(i))], day(i), { resolveAfter: 1 });
      const reopened = r.changes.find((c) => c.kind === 'reopened');
      if (reopened) notes.push(reopened.notify);
      const resolved = r.changes.find((c) => c.kind === 'resolved');
      if (resolved) resolves.push(resolved.notify);
    }
    expect(notes).toEqual([true, true, false, false]);
    // A quiet reopen is followed by a quiet resolve: while it flaps, nothing is pushed at all.
    expect(resolves).toEqual([true, true, true, false]);
    expect(r.incidents[f.fingerprint]!.events.at(-1)).toMatchObject({ kind: 'reopened', detail: 'flapping: notifications paused' });
  });

  it('takes the user\'s acknowledgement from the note, and a resolution still wins', () => {
    const f = finding('high', day(0));
    let r = run({}, [f], day(0));
    const user = new Map<string, UserIncidentState>([[f.fingerprint, { status: 'acknowledged' }]]);
    r = run(r.incidents, [finding('high', day(1))], day(1), { user });
    expect(r.incidents[f.fingerprint]!.status).toBe('acknowledged');
    expect(r.incidents[f.fingerprint]!.events.at(-1)?.kind).toBe('acknowledged');
    r = run(r.incidents, [finding('critical', day(2))], day(2), { user });
    expect(r.changes).toEqual([{ fingerprint: f.fingerprint, kind: 'escalated', notify: true }]);
    r = run(r.incidents, [], day(3), { user });
    r = run(r.incidents, [], day(4), { user });
    expect(r.incidents[f.fingerprint]!.status).toBe('resolved');
  });

  it('an acceptance keeps it quiet until it expires, then it is a finding again, once', () => {
    const f = finding('high', day(0));
    const user = new Map<string, UserIncidentState>([[f.fingerprint, { accepted_until: '2026-11-22', accepted_reason: 'replacing the box on Sunday' }]]);
    let r = run({}, [f], day(0), { user });
    expect(r.changes).toEqual([{ fingerprint: f.fingerprint, kind: 'opened', notify: false }]);
    r = run(r.incidents, [finding('critical', day(1))], day(1), { user });
    expect(r.changes).toEqual([{ fingerprint: f.fingerprint, kind: 'escalated', notify: false }]);
    r = run(r.incidents, [finding('critical', day(2))], day(2), { user });
    expect(r.changes).toEqual([]);
    r = run(r.incidents, [finding('critical', day(3))], day(3), { user });
    expect(r.changes).toEqual([{ fingerprint: f.fingerprint, kind: 'acceptance-expired', notify: true }]);
    expect(r.diff.acceptancesExpired).toEqual([f.fingerprint]);
    r = run(r.incidents, [finding('critical', day(4))], day(4), { user });
    expect(r.changes).toEqual([]);
  });

  it('a run on stale data is not a clean run: the incident stays open however often it happens', () => {
    const f = finding('high', day(0));
    let r = run({}, [f], day(0));
    const stale: CheckOutcome = { ...ok, stale: true };
    for (const n of [1, 2, 3]) r = run(r.incidents, [], day(n), { outcomes: [stale] });
    expect(r.incidents[f.fingerprint]).toMatchObject({ status: 'open', clean_runs: 0 });
    expect(r.changes).toEqual([]);
    // Fresh data again, and the finding is gone: now it resolves after two clean runs.
    r = run(r.incidents, [], day(4));
    r = run(r.incidents, [], day(5));
    expect(r.incidents[f.fingerprint]).toMatchObject({ status: 'resolved' });
  });

  it('acceptances in the config match by finding id or fingerprint', () => {
    const f = finding('high', day(0));
    const r = run({}, [f], day(0), { acceptances: [{ match: f.id, reason: 'known', until: '2027-01-31' }] });
    expect(r.changes[0]?.notify).toBe(false);
    expect(r.incidents[f.fingerprint]).toMatchObject({ accepted_until: '2027-01-31', accepted_reason: 'known', accepted_from: 'config' });
  });

  it('ignores findings below the threshold and reports new / fixed / unchanged', () => {
    const low = finding('low', day(0), 'a');
    const high = finding('high', day(0), 'b');
    const gone = finding('high', day(0), 'c');
    const r = run({}, [low, high], day(0), { previousFindings: [high.fingerprint, gone.fingerprint] });
    expect(Object.keys(r.incidents)).toEqual([high.fingerprint]);
    expect(r.diff).toEqual({ new: [low.fingerprint], fixed: [gone.fingerprint], unchanged: [high.fingerprint], acceptancesExpired: [] });
  });

  it('resolves host-unreachable once the host answers again', () => {
    const down = completeFinding('host-unreachable', 'nas', day(0).toISOString(), { subject: 'nas', severity: 'high', title: 'nas could not be reached: timeout' });
    let r = run({}, [down], day(0), { outcomes: [] });
    r = run(r.incidents, [], day(1), { outcomes: [{ ...ok, check: 'listening-sockets' }], resolveAfter: 1 });
    expect(r.incidents[down.fingerprint]!.status).toBe('resolved');
  });

  it('keeps a year of daily runs readable: the timeline is bounded, state changes kept', () => {
    const f = finding('high', day(0));
    let r = run({}, [f], day(0));
    for (let i = 1; i < 365; i++) r = run(r.incidents, [finding('high', day(i))], day(i));
    const events = r.incidents[f.fingerprint]!.events;
    expect(events.length).toBeLessThanOrEqual(60);
    expect(events[0]?.kind).toBe('opened');
  });
});
