// After the checks: correlate into incidents, narrate, write every note, notify. Each stage can fail alone.
import { isoWeek, localDate } from '../../shared/dates';
import type { Finding } from '../../shared/finding';
import type { VigilConfig } from '../config/types';
import { messageOf } from '../errors/vigil-error';
import { narrate, narratorFacts } from '../notify/narrator';
import { notifyRun, type NotificationRecord, type OutboxEntry } from '../notify/notify';
import { weeklyMessage } from '../notify/ntfy-message';
import { serverRoot } from '../notify/ntfy-send';
import { changesSection, narrativeSection, openIncidentsSection, type FixedFinding } from '../vault/render-digest-sections';
import { digestBody, digestFrontmatter } from '../vault/render-digest';
import { incidentNote } from '../vault/render-incident';
import { weeklyNote, weeklySummary, type RunHistoryEntry } from '../vault/render-weekly';
import { digestPath, incidentPath, runbookPath } from '../vault/paths';
import { incidentsOf } from '../runbooks/runbook-notes';
import { readIncidentNotes } from '../vault/read-incidents';
import type { VaultWriter } from '../vault/write-vault';
import { writeBackupNotes } from '../backups/backup-notes';
import type { BackupComputation } from '../backups/backup-stage';
import type { RunbookComputation } from '../runbooks/runbook-stage';
import { correlate, lookedAgain } from './correlate';
import type { IncidentState } from './incident-state';
import type { RunReport } from './report';
import type { CheckOutcome } from './run-checks';
import type { RunState } from './state';

/** What the previous run left about findings, for the diff. */
interface LastFindings {
  findings: (FixedFinding & { fingerprint: string })[];
}

/** Sections of state.json owned by these stages. */
interface Sections {
  incidents?: Record<string, IncidentState>;
  last_findings?: LastFindings;
  history?: RunHistoryEntry[];
  ntfy?: { outbox: OutboxEntry[]; last_weekly: string | null };
}

/** Inputs of the stages after the checks. */
export interface AfterChecksInput {
  config: VigilConfig;
  state: RunState;
  writer: VaultWriter;
  now: Date;
  runId: string;
  findings: Finding[];
  outcomes: CheckOutcome[];
  hosts: RunReport['hosts'];
  summary: RunReport['summary'];
  notify: boolean;
  narrate: boolean;
  env: NodeJS.ProcessEnv;
  /** What the backup stages computed (jobs, scorecard, restore calendar). */
  backups: BackupComputation;
  runbooks: RunbookComputation;
}

/** What they produced: report extras, state sections, the digest path. */
export interface AfterChecksResult {
  extra: Record<string, unknown>;
  sections: Record<string, unknown>;
  digest: string;
  warnings: string[];
}

/** Run correlation, notes and notifications. */
export async function afterChecks(input: AfterChecksInput): Promise<AfterChecksResult> {
  const { config, writer, now } = input;
  const sections = input.state.sections as Sections;
  const warnings: string[] = [];
  const previous = sections.incidents ?? {};
  const user = await readIncidentNotes(writer.root, previous, now);
  const { incidents, changes, diff } = correlate({
    previous,
    previousFindings: (sections.last_findings?.findings ?? []).map((f) => f.fingerprint),
    findings: input.findings,
    outcomes: input.outcomes,
    now,
    minSeverity: config.incidents.minSeverity,
    resolveAfter: config.incidents.resolveAfter,
    user,
    acceptances: config.accept,
    pathFor: (f, opened) => incidentPath(opened, f.title),
  });
  const vaultPathOf = (p: string) => writer.vaultPath(p);
  const incidentVaultPath = (fp: string) => (incidents[fp] ? vaultPathOf(incidents[fp].path) : undefined);
  const digest = digestPath(now);
  // The runbook of the service an incident is about (the same matching as the runbook's own incident list).
  const runbookFor = (st: IncidentState): string | undefined => {
    const service = config.services.find((s) => incidentsOf(s, [st]).length > 0);
    return service ? vaultPathOf(runbookPath(service.name)) : undefined;
  };

  // Incident notes: open ones and those that changed this run (resolved ones are final).
  const touched = new Set(changes.map((c) => c.fingerprint));
  for (const st of Object.values(incidents)) {
    if (st.status === 'resolved' && !touched.has(st.fingerprint)) continue;
    const runbook = runbookFor(st);
    await writer.write(incidentNote(st, { digest: vaultPathOf(digest), ...(runbook ? { runbook } : {}) }));
  }

  // The narrator sees compact facts only, and the digest ships without it when it fails.
  const problems = input.findings.filter((f) => f.severity !== 'ok');
  const byFp = new Map(problems.map((f) => [f.fingerprint, f]));
  // A finding is fixed only where this run looked again (`vigil run --only`, a skipped or failed check, stale
  // data: not looked); the others carry over to the next run's comparison, neither fixed nor forgotten.
  const lastFindings = sections.last_findings?.findings ?? [];
  const carried = lastFindings.filter((f) => !byFp.has(f.fingerprint) && !lookedAgain(f.check, f.host, input.outcomes));
  const carriedFps = new Set(carried.map((f) => f.fingerprint));
  const fixedFps = diff.fixed.filter((fp) => !carriedFps.has(fp));
  let narrative: { text: string } | { skipped: string } | null = null;
  if (input.narrate && config.narrator.ollama) {
    narrative = await narrate(narratorFacts(problems, input.hosts.map((h) => h.name), { new: diff.new.length, fixed: fixedFps.length }), config.narrator.ollama);
    if ('skipped' in narrative) warnings.push(narrative.skipped);
  }

  const lastByFp = new Map(lastFindings.map((f) => [f.fingerprint, f]));
  const fresh = diff.new.map((fp) => byFp.get(fp)).filter((f): f is Finding => Boolean(f));
  const fixed = fixedFps.map((fp) => lastByFp.get(fp)).filter((f): f is FixedFinding & { fingerprint: string } => Boolean(f));
  const expired = diff.acceptancesExpired.map((fp) => byFp.get(fp)).filter((f): f is Finding => Boolean(f));
  const open = Object.values(incidents).filter((i) => i.status !== 'resolved');
  const digestSections = [
    ...(narrative && 'text' in narrative && config.narrator.ollama ? [narrativeSection(narrative.text, config.narrator.ollama.model)] : []),
    changesSection({ fresh, fixed, expired, unchanged: diff.unchanged.length }, incidentVaultPath, Boolean(input.state.last_run)),
    openIncidentsSection(open, vaultPathOf, input.now),
  ];
  const previousDigest = Object.entries(input.state.digests)
    .filter(([, p]) => p !== vaultPathOf(digest))
    .sort(([a], [b]) => b.localeCompare(a))[0]?.[1];
  const incidentLinks = new Map(Object.values(incidents).map((i) => [i.fingerprint, vaultPathOf(i.path)]));
  const digestInput = {
    now,
    runId: input.runId,
    hosts: input.hosts,
    findings: input.findings,
    outcomes: input.outcomes,
    summary: input.summary,
    previousDigest: previousDigest ?? null,
    incidentLinks,
    sections: digestSections,
    extraFrontmatter: { new: fresh.length, fixed: fixed.length, unchanged: diff.unchanged.length },
  };
  await writer.write({ path: digest, ownership: 'whole', frontmatter: digestFrontmatter(digestInput), body: digestBody(digestInput) });

  const history: RunHistoryEntry[] = [
    ...(sections.history ?? []).filter((h) => h.run_id !== input.runId),
    {
      at: now.toISOString(),
      date: localDate(now),
      run_id: input.runId,
      worst: input.summary.worst,
      findings: input.summary.findings,
      new: fresh.length,
      fixed: fixed.length,
      checks_failed: input.summary.checks.error,
      digest: vaultPathOf(digest),
    },
  ].slice(-120);
  const weeklyInput = { now, history, incidents: Object.values(incidents), hosts: input.hosts.map((h) => h.name), vaultPathOf };
  const weekly = weeklyNote(weeklyInput);
  await writer.write(weekly);
  warnings.push(...(await writeBackupNotes({ config, writer, now, backups: input.backups, incidents: Object.values(incidents), runbooks: input.runbooks })));

  // Notifications: only when asked and configured; the previous week's heartbeat once a new week starts.
  let records: NotificationRecord[] = [];
  let outbox = sections.ntfy?.outbox ?? [];
  let lastWeekly = sections.ntfy?.last_weekly ?? null;
  const ntfy = config.notify.ntfy;
  if (input.notify && ntfy) {
    const week = isoWeek(now);
    let weeklyMsg = null;
    if (ntfy.weeklyDigest && lastWeekly !== week) {
      const prev = new Date(now.getTime() - 7 * 86_400_000);
      const prevWeek = isoWeek(prev);
      const summary = weeklySummary({ ...weeklyInput, now: prev }, prevWeek);
      if (lastWeekly !== null) {
        const prevNote = weeklyNote({ ...weeklyInput, now: prev });
        // A week without any run has no weekly note yet: write it, so the heartbeat's link opens something.
        if (!history.some((h) => isoWeek(new Date(h.at)) === prevWeek)) await writer.write(prevNote);
        weeklyMsg = weeklyMessage(serverRoot(ntfy.url).topic, prevWeek, summary.lines.join('\n'), config.vaultName, vaultPathOf(prevNote.path), summary.allGreen);
      }
      lastWeekly = week;
    }
    try {
      const result = await notifyRun({
        settings: ntfy,
        changes,
        incidents,
        vaultName: config.vaultName,
        notePath: (fp) => vaultPathOf(incidents[fp]?.path ?? ''),
        digestPath: vaultPathOf(digest),
        runbookPath: (fp) => {
          const st = incidents[fp];
          return (st && runbookFor(st)) ?? null;
        },
        weekly: weeklyMsg,
        outbox,
        env: input.env,
        now,
      });
      records = result.records;
      outbox = result.outbox;
    } catch (error) {
      warnings.push(`notifications failed: ${messageOf(error)}`);
    }
  }

  return {
    digest,
    warnings,
    extra: {
      incidents: {
        open: open.length,
        changes: changes.map((c) => ({ ...c, title: incidents[c.fingerprint]?.title ?? '' })),
        new: fresh.length,
        fixed: fixed.length,
        unchanged: diff.unchanged.length,
        acceptances_expired: expired.length,
      },
      notifications: records,
      narrator: narrative ? ('text' in narrative ? { status: 'used' } : { status: 'skipped', reason: narrative.skipped }) : { status: 'off' },
    },
    sections: {
      incidents,
      last_findings: { findings: [...problems.map((f) => ({ fingerprint: f.fingerprint, title: f.title, host: f.host, check: f.check, severity: f.severity })), ...carried] },
      history,
      ntfy: { outbox, last_weekly: lastWeekly },
    },
  };
}
