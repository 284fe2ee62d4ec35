// The node_exporter textfile: exact output, escaping, NaN for a test that never passed, promtool's verdict, mode.
import { spawnSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupJobFacts } from '../../../collector/checks/backup/facts';
import { renderMetrics, writeMetrics } from '../../../collector/backups/metrics';
import { requireBinary } from '../../helpers/binaries';
import { tempDir } from '../../helpers/tmp';

const NOW = new Date('2026-11-23T06:15:00Z');
const job = (over: Partial<BackupJobFacts>): BackupJobFacts => ({
  job: 'photos-b2',
  kind: 'restic',
  host: 'ubuntu',
  dataClass: 'irreplaceable',
  status: 'ok',
  lastSuccess: '2026-11-23T02:00:00.000Z',
  ageHours: 4,
  sizeBytes: 1_234,
  durationSeconds: 60,
  restorePoints: 12,
  verified: null,
  verify: 'passed',
  destination: 's3:…',
  pruning: true,
  problems: [],
  ...over,
});

const JOBS = [job({}), job({ job: 'odd "name"\\x\nnext', kind: 'files', status: 'failing', lastSuccess: null, sizeBytes: null, restorePoints: 0, verify: 'not-configured' })];
const RESTORES = [
  { test: 'monthly-random-file', lastPassed: '2026-11-20T06:15:00.000Z' },
  { test: 'yearly-lose-the-nas', lastPassed: null },
];

describe('backup metrics', () => {
  it('renders the textfile exactly, with escaped labels and NaN for a test that never passed', () => {
    expect(renderMetrics(JOBS, RESTORES, NOW)).toBe(
      [
        '# HELP vigil_backup_last_success_timestamp_seconds Time of the newest restore point of the job.',
        '# TYPE vigil_backup_last_success_timestamp_seconds gauge',
        'vigil_backup_last_success_timestamp_seconds{job="photos-b2",kind="restic",data_class="irreplaceable"} 1795399200',
        '# HELP vigil_backup_size_bytes Size of the newest restore point.',
        '# TYPE vigil_backup_size_bytes gauge',
        'vigil_backup_size_bytes{job="photos-b2"} 1234',
        '# HELP vigil_backup_restore_points Number of restore points (snapshots, archives, files).',
        '# TYPE vigil_backup_restore_points gauge',
        'vigil_backup_restore_points{job="photos-b2"} 12',
        'vigil_backup_restore_points{job="odd \\"name\\"\\\\x\\nnext"} 0',
        '# HELP vigil_backup_verified 1 when the last verification passed, 0 when it failed, -1 when none is configured or ran.',
        '# TYPE vigil_backup_verified gauge',
        'vigil_backup_verified{job="photos-b2"} 1',
        'vigil_backup_verified{job="odd \\"name\\"\\\\x\\nnext"} -1',
        '# HELP vigil_backup_status Job health: 0 ok, 1 warning, 2 stale, 3 failing, 4 unknown.',
        '# TYPE vigil_backup_status gauge',
        'vigil_backup_status{job="photos-b2"} 0',
        'vigil_backup_status{job="odd \\"name\\"\\\\x\\nnext"} 3',
        '# HELP vigil_restore_test_age_seconds Seconds since the restore test last passed (NaN when it never did).',
        '# TYPE vigil_restore_test_age_seconds gauge',
        'vigil_restore_test_age_seconds{test="monthly-random-file"} 259200',
        'vigil_restore_test_age_seconds{test="yearly-lose-the-nas"} NaN',
        '# HELP vigil_last_run_timestamp_seconds When Vigil last ran.',
        '# TYPE vigil_last_run_timestamp_seconds gauge',
        'vigil_last_run_timestamp_seconds 1795414500',
        '',
      ].join('\n'),
    );
  });

  it('writes a file node_exporter (another user) can read from the first moment, and promtool accepts', async () => {
    const dir = await tempDir('vigil-metrics-');
    const path = join(dir, 'vigil.prom');
    const old = process.umask(0o077);
    try {
      await writeMetrics(path, renderMetrics(JOBS, RESTORES, NOW));
    } finally {
      process.umask(old);
    }
    expect(statSync(path).mode & 0o777).toBe(0o644);
    // An older version wrote it 0600: the next write fixes that even when the content is the same.
    chmodSync(path, 0o600);
    await writeMetrics(path, renderMetrics(JOBS, RESTORES, NOW));
    expect(statSync(path).mode & 0o777).toBe(0o644);
    if (!requireBinary('promtool', 'prometheus')) return;
    const check = spawnSync('promtool', ['check', 'metrics'], { input: renderMetrics(JOBS, RESTORES, NOW), encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });
});
