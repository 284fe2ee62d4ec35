// Backup metrics in node_exporter's textfile format, so the user's Prometheus alerting sees Vigil's view.
import { chmod } from 'node:fs/promises';
import type { BackupJobFacts } from '../checks/backup/facts';
import { writeIfChanged } from '../fs/write-if-changed';

/** One restore test's last pass, for the age metric. */
export interface RestoreMetric {
  test: string;
  lastPassed: string | null;
}

/** Escape a label value as the exposition format requires (backslash, quote, newline). */
export function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

const STATUS_VALUE: Record<BackupJobFacts['status'], number> = { ok: 0, warning: 1, stale: 2, failing: 3, unknown: 4 };

/** Render the textfile (pure). Timestamps are seconds since the epoch, as node_exporter's own metrics. */
export function renderMetrics(jobs: readonly BackupJobFacts[], restores: readonly RestoreMetric[], now: Date): string {
  const lines: string[] = [];
  const metric = (name: string, help: string, type: 'gauge', samples: [Record<string, string>, number][]) => {
    if (samples.length === 0) return;
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) {
      const l = Object.entries(labels)
        .map(([k, v]) => `${k}="${labelValue(v)}"`)
        .join(',');
      lines.push(`${name}{${l}} ${Number.isFinite(value) ? value : 'NaN'}`);
    }
  };
  const withSuccess = jobs.filter((j) => j.lastSuccess);
  metric('vigil_backup_last_success_timestamp_seconds', 'Time of the newest restore point of the job.', 'gauge', withSuccess.map((j) => [{ job: j.job, kind: j.kind, data_class: j.dataClass }, Math.floor(Date.parse(j.lastSuccess!) / 1000)]));
  metric('vigil_backup_size_bytes', 'Size of the newest restore point.', 'gauge', jobs.filter((j) => j.sizeBytes != null).map((j) => [{ job: j.job }, j.sizeBytes!]));
  metric('vigil_backup_restore_points', 'Number of restore points (snapshots, archives, files).', 'gauge', jobs.map((j) => [{ job: j.job }, j.restorePoints]));
  metric('vigil_backup_verified', '1 when the last verification passed, 0 when it failed, -1 when none is configured or ran.', 'gauge', jobs.map((j) => [{ job: j.job }, j.verify === 'passed' ? 1 : j.verify === 'failed' ? 0 : -1]));
  metric('vigil_backup_status', 'Job health: 0 ok, 1 warning, 2 stale, 3 failing, 4 unknown.', 'gauge', jobs.map((j) => [{ job: j.job }, STATUS_VALUE[j.status]]));
  metric(
    'vigil_restore_test_age_seconds',
    'Seconds since the restore test last passed (NaN when it never did).',
    'gauge',
    restores.map((r) => [{ test: r.test }, r.lastPassed ? Math.floor((now.getTime() - Date.parse(r.lastPassed)) / 1000) : Number.NaN]),
  );
  metric('vigil_last_run_timestamp_seconds', 'When Vigil last ran.', 'gauge', [[{}, Math.floor(now.getTime() / 1000)]]);
  return `${lines.join('\n')}\n`.replace(/\{\}/g, '');
}

/**
 * Write the textfile atomically (node_exporter may read it at any moment). Mode 0644: node_exporter runs as
 * another user, and the file holds no secret, only job names and numbers.
 */
export async function writeMetrics(path: string, content: string): Promise<void> {
  // Readable from the moment it appears; the chmod only fixes a file an older version wrote 0600.
  await writeIfChanged(path, content, 0o644);
  await chmod(path, 0o644);
}
