// The JSON run report: latest.json plus a timestamped archive copy in state_dir, pruned by age.
import { readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../../shared/finding';
import { compareFindings } from '../../shared/finding';
import { countBySeverity, worstSeverity, type Severity } from '../../shared/severity';
import { ensureDir } from '../fs/atomic-write';
import { writeIfChanged } from '../fs/write-if-changed';
import type { VaultWriteSummary } from '../vault/write-vault';
import type { CheckOutcome } from './run-checks';

/** Report format version. */
export const REPORT_VERSION = 1;

/** The whole run report. */
export interface RunReport {
  vigil_report: typeof REPORT_VERSION;
  vigil_version: string;
  run_id: string;
  mode: 'live' | 'replay' | 'demo';
  started_at: string;
  finished_at: string;
  duration_ms: number;
  config: string | null;
  hosts: { name: string; kind: string; reachable: boolean; reason?: string }[];
  summary: { worst: Severity; findings: number; by_severity: Record<Severity, number>; checks: Record<CheckOutcome['status'], number> };
  checks: CheckOutcome[];
  findings: Finding[];
  vault: VaultWriteSummary & { path: string | null };
  warnings: string[];
  /** Sections added by later pipeline stages (incidents, notifications, narrator). */
  extra: Record<string, unknown>;
}

/** Summaries the report and the notes share. */
export function summarise(findings: readonly Finding[], checks: readonly CheckOutcome[]): RunReport['summary'] {
  const problems = findings.filter((f) => f.severity !== 'ok');
  const statuses = { ok: 0, skipped: 0, 'no-data': 0, error: 0 };
  for (const c of checks) statuses[c.status]++;
  return {
    worst: worstSeverity(problems.map((f) => f.severity)),
    findings: problems.length,
    by_severity: countBySeverity(problems.map((f) => f.severity)),
    checks: statuses,
  };
}

/** Sort findings for stable output. */
export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

function archiveName(finishedAt: string): string {
  return `${finishedAt.replace(/[:]/g, '').replace(/\.000Z$/, 'Z')}.json`;
}

/** Write latest.json and the archive copy; returns the archive path. */
export async function writeReport(stateDir: string, report: RunReport): Promise<string> {
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const year = report.finished_at.slice(0, 4);
  const dir = join(stateDir, 'archive', year);
  await ensureDir(dir);
  const archive = join(dir, archiveName(report.finished_at));
  await writeIfChanged(archive, text);
  await writeIfChanged(join(stateDir, 'latest.json'), text);
  return archive;
}

/** Delete archived reports older than `keepDays`; returns how many went. */
export async function pruneArchive(stateDir: string, keepDays: number, now: Date): Promise<number> {
  const root = join(stateDir, 'archive');
  const cutoff = now.getTime() - keepDays * 86_400_000;
  let removed = 0;
  let years: string[];
  try {
    years = await readdir(root);
  } catch {
    return 0;
  }
  for (const year of years) {
    const dir = join(root, year);
    let files: string[];
    try {
      files = await readdir(dir);
    } catch {
      continue;
    }
    for (const f of files) {
      const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z\.json$/.exec(f);
      if (!m) continue;
      const t = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`);
      if (t < cutoff) {
        await rm(join(dir, f), { force: true });
        removed++;
      }
    }
    if ((await readdir(dir).catch(() => ['x'])).length === 0) await rmdir(dir).catch(() => undefined);
  }
  return removed;
}
