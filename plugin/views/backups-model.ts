// Pure: backup jobs as rows (status, last success, verification), worst first, for the vigil-backups block.
import type { Severity } from '../../shared/severity';
import { severityRank } from '../../shared/severity';
import type { NoteEntry } from '../index/note-entry';
import { num, parseNoteTime, str } from '../index/note-fields';

/** One backup job. */
export interface BackupRow {
  path: string;
  job: string;
  host: string | null;
  kind: string | null;
  dataClass: string | null;
  status: string;
  severity: Severity;
  lastSuccess: number | null;
  verified: number | null;
  sizeBytes: number | null;
  problem: string | null;
}

const SEVERITY: Record<string, Severity> = { failing: 'high', stale: 'medium', warning: 'low', unknown: 'info', ok: 'ok' };

/** Backup jobs matching the optional host, status and data class, most worrying first. */
export function backupRows(entries: readonly NoteEntry[], filter: { host?: string; status?: string; data_class?: string } = {}): BackupRow[] {
  const rows: BackupRow[] = [];
  for (const e of entries) {
    if (e.kind !== 'backup-job') continue;
    const fm = e.frontmatter;
    const status = str(fm, 'status') ?? 'unknown';
    const row: BackupRow = {
      path: e.path,
      job: str(fm, 'job') ?? e.name,
      host: str(fm, 'host'),
      kind: str(fm, 'backup_kind'),
      dataClass: str(fm, 'data_class'),
      status,
      severity: SEVERITY[status] ?? 'info',
      lastSuccess: parseNoteTime(fm.last_success),
      verified: parseNoteTime(fm.verified),
      sizeBytes: num(fm, 'size_bytes'),
      problem: e.problems[0] ?? null,
    };
    if (filter.host && row.host !== filter.host) continue;
    if (filter.status && row.status !== filter.status) continue;
    if (filter.data_class && row.dataClass !== filter.data_class) continue;
    rows.push(row);
  }
  return rows.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.job.localeCompare(b.job));
}

/** `512 B`, `3.4 MB`, `1.2 TB` (decimal units, as disk vendors and restic print them). */
export function formatBytes(n: number | null): string | null {
  if (n === null || n < 0) return null;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
