// The backup stages after the checks: restore calendar and 3-2-1-1-0 scorecard (findings), then their notes and metrics.
import { localDate } from '../../shared/dates';
import { completeFinding, type Finding, type FindingDraft } from '../../shared/finding';
import type { BackupJob, DataClass, RestoreTest, VigilConfig } from '../config/types';
import type { BackupFacts, BackupJobFacts } from '../checks/backup/facts';
import type { CheckOutcome } from '../engine/run-checks';
import { dueDate, overdueAfter, periodLabel, periodOf, previousPeriod, restoreStatus, type Period, type RestoreNoteState } from './restore-calendar';
import { readRestoreNote, scanRestoreNotes } from './restore-notes';
import { scoreStrategy, type StrategyResult } from './strategy';
import { restoreNotePath } from '../vault/render-restore-test';

/** Remembered between runs (state.json, section "restore"). */
export interface RestoreSection {
  /** Last passed completion per test name. */
  lastPassed: Record<string, string>;
}

/** One test's situation this run. */
export interface RestoreSituation {
  test: RestoreTest;
  period: Period;
  status: ReturnType<typeof restoreStatus>;
  note: RestoreNoteState | null;
  /** Where the current period's note is (or will be written). */
  path: string;
  lastPassed: string | null;
}

/** What the backup stage computed before correlation. */
export interface BackupComputation {
  findings: Finding[];
  outcomes: CheckOutcome[];
  facts: Map<string, BackupJobFacts>;
  strategy: StrategyResult;
  restores: RestoreSituation[];
  section: RestoreSection;
  active: boolean;
}

const PERIOD_MS: Record<RestoreTest['every'], number> = { monthly: 31 * 86_400_000, quarterly: 92 * 86_400_000, yearly: 366 * 86_400_000 };

/** Flatten the backup checks' facts into one map by job name. */
export function jobFacts(facts: Record<string, unknown>): Map<string, BackupJobFacts> {
  const out = new Map<string, BackupJobFacts>();
  for (const [key, value] of Object.entries(facts)) {
    if (!key.startsWith('backup-') || typeof value !== 'object' || value === null) continue;
    for (const j of (value as BackupFacts).jobs ?? []) out.set(j.job, j);
  }
  return out;
}

/** The name the NAS goes by: the host of a `nas` service, else a host called "nas". */
export function nasName(config: VigilConfig): string {
  return config.services.find((s) => s.kind === 'nas')?.host ?? config.services.find((s) => s.kind === 'nas')?.name ?? 'nas';
}

function laterOf(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** `date`, or now when it lies in the future (a due date at the end of the period, a typo in `completed`). */
function notAfter(date: string, now: Date): string {
  const t = Date.parse(date);
  return Number.isFinite(t) && t > now.getTime() ? now.toISOString() : date;
}

/** Restore-calendar findings for one test (pure). */
export function restoreFindings(s: RestoreSituation, previous: { period: Period; note: RestoreNoteState | null }, now: Date): FindingDraft[] {
  const out: FindingDraft[] = [];
  const label = (p: Period) => periodLabel(s.test.every, p);
  const prevMissed = previous.note !== null && previous.note.result !== 'passed' && now.getTime() > overdueAfter(previous.period, s.test.graceMs);
  if (prevMissed && s.status !== 'passed') {
    out.push({
      subject: `${s.test.name}:overdue`,
      // A missed yearly "lose the NAS" drill leaves the whole plan untested for a year.
      severity: s.test.every === 'yearly' ? 'high' : 'medium',
      title: `Restore test "${s.test.name}" for ${label(previous.period)} was not done (due ${dueDate(previous.period)})`,
      evidence: { test: s.test.name, period: previous.period.key, due: dueDate(previous.period), last_passed: s.lastPassed },
      remediation: `Do this period's test (${label(s.period)}) and record result: passed.`,
    });
  }
  const latest = [s.note, previous.note].find((n) => n?.result);
  // Passed with steps left unticked: it still counts (the user decides), but it is said, once per test note.
  if (latest?.result === 'passed' && latest.total > 0 && latest.done < latest.total) {
    out.push({
      subject: `${s.test.name}:passed-unfinished`,
      severity: 'info',
      title: `Restore test "${s.test.name}" was marked passed with ${latest.done} of ${latest.total} steps ticked`,
      evidence: { test: s.test.name, note: latest.path, done: latest.done, total: latest.total },
      remediation: 'If steps were skipped on purpose, say why in the note; otherwise the untested steps are what the next test should cover.',
    });
  }
  if (latest?.result === 'failed') {
    out.push({
      subject: `${s.test.name}:failed`,
      severity: 'high',
      title: `Restore test "${s.test.name}" failed${latest.completed ? ` on ${latest.completed.slice(0, 10)}` : ''}: a backup you rely on did not restore`,
      evidence: { test: s.test.name, note: latest.path, completed: latest.completed },
      remediation: 'Read the notes in the test, fix the backup, and test again.',
    });
  }
  return out;
}

/** Compute the restore calendar and the scorecard. Reads restore-test notes; writes nothing. */
export async function computeBackups(input: {
  config: VigilConfig;
  root: string;
  facts: Record<string, unknown>;
  previous: RestoreSection | undefined;
  now: Date;
  collectorHost: string;
}): Promise<BackupComputation> {
  const { config, now } = input;
  const facts = jobFacts(input.facts);
  const active = config.backups.length > 0 || config.services.length > 0;
  const lastPassed: Record<string, string> = { ...(input.previous?.lastPassed ?? {}) };
  const restores: RestoreSituation[] = [];
  const drafts: { check: 'restore-schedule' | 'backup-strategy'; d: FindingDraft }[] = [];
  const { notes, broken } = active ? await scanRestoreNotes(input.root) : { notes: new Map<string, { path: string; text: string }>(), broken: [] };
  for (const b of broken) {
    drafts.push({
      check: 'restore-schedule',
      d: {
        subject: `unreadable:${b.path}`,
        severity: 'medium',
        title: `Restore test note ${b.path} has properties Vigil cannot read: its result does not count`,
        evidence: { note: b.path, problem: b.reason },
        remediation: 'Open the note in Obsidian and fix its properties (the lines between the two --- at the top); Vigil has not changed it.',
      },
    });
  }

  for (const test of active ? config.restoreTests : []) {
    const period = periodOf(test.every, now);
    const prev = previousPeriod(test.every, period);
    const read = (p: Period) => {
      const found = notes.get(`${test.name}|${dueDate(p)}`);
      return found ? readRestoreNote(found.path, found.text) : null;
    };
    const note = read(period);
    const prevNote = read(prev);
    for (const [n, p] of [[note, period], [prevNote, prev]] as const) {
      // Without a completion date the pass is dated at the start of its own period (stable from run to run, and never
      // in the future); a completion date in the future is read as now.
      if (n?.result === 'passed') lastPassed[test.name] = laterOf(lastPassed[test.name], notAfter(n.completed ?? localDate(p.start), now)) ?? '';
    }
    const situation: RestoreSituation = {
      test,
      period,
      status: restoreStatus(note, period, test.graceMs, now),
      note,
      path: note?.path ?? restoreNotePath(test, period),
      lastPassed: lastPassed[test.name] ?? null,
    };
    restores.push(situation);
    for (const d of restoreFindings(situation, { period: prev, note: prevNote }, now)) drafts.push({ check: 'restore-schedule', d });
  }

  // A class counts as tested when one of its tests passed within that test's period plus grace.
  const verified = new Map<DataClass, { at: string; current: boolean }>();
  for (const s of restores) {
    if (!s.test.dataClass || !s.lastPassed) continue;
    const current = now.getTime() - Date.parse(s.lastPassed) <= PERIOD_MS[s.test.every] + s.test.graceMs;
    const prev = verified.get(s.test.dataClass);
    if (!prev || Date.parse(s.lastPassed) > Date.parse(prev.at)) verified.set(s.test.dataClass, { at: s.lastPassed, current: current || Boolean(prev?.current) });
    else if (current) prev.current = true;
  }
  const serviceOf = new Map<string, string>();
  for (const s of config.services) for (const job of s.backups) if (!serviceOf.has(job)) serviceOf.set(job, s.name);
  const hostOf = new Map(config.services.map((s) => [s.name, s.host]));
  const strategy = scoreStrategy({
    jobs: config.backups,
    facts,
    verified,
    nas: nasName(config),
    dataSetOf: (job) => serviceOf.get(job) ?? null,
    originOf: (service) => hostOf.get(service) ?? null,
  });
  if (config.backups.length > 0) for (const d of strategy.findings) drafts.push({ check: 'backup-strategy', d });

  const at = now.toISOString();
  const outcome = (check: string, ran: boolean, reason: string, count: number): CheckOutcome => ({
    check,
    host: input.collectorHost,
    status: ran ? 'ok' : 'skipped',
    ...(ran ? {} : { reason }),
    duration_ms: 0,
    findings: count,
  });
  const findings = drafts.map(({ check, d }) => completeFinding(check, input.collectorHost, at, d));
  return {
    findings,
    outcomes: [
      outcome('backup-strategy', config.backups.length > 0, 'no backups configured', findings.filter((f) => f.check === 'backup-strategy').length),
      outcome('restore-schedule', active, 'no backups or services configured', findings.filter((f) => f.check === 'restore-schedule').length),
    ],
    facts,
    strategy,
    restores,
    section: { lastPassed },
    active,
  };
}

/** Jobs in config order with their facts (for notes). */
export function jobsWithFacts(jobs: readonly BackupJob[], facts: ReadonlyMap<string, BackupJobFacts>): [BackupJob, BackupJobFacts | undefined][] {
  return jobs.map((j) => [j, facts.get(j.name)]);
}
