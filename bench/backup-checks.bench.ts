// Benchmark: the backup checks' own work against the cheapest way to get the same data — JSON.parse for a restic
// listing of many snapshots, and `find -printf` for an artifact folder of thousands of files (through LocalHost).
// Usage: npm run bench -- backup-checks [SNAPSHOTS] [FILES]   (defaults 20000 and 5000; it prints ratios, it never fails)
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { backupFiles } from '../collector/checks/backup-files';
import { judgeJob } from '../collector/checks/backup/judge';
import { NO_VERIFY, type JobObservation } from '../collector/checks/backup/observation';
import { parseSnapshots, selectSnapshots } from '../collector/checks/backup-restic/parse';
import { parseConfigText } from '../collector/config/load';
import { LocalHost } from '../collector/host/local-host';
import { report, timeCommand, timeIt } from './lib';

const [snapshotArg, fileArg] = process.argv.slice(2).filter((a) => /^\d+$/.test(a));
const SNAPSHOTS = Number(snapshotArg ?? 20_000);
const FILES = Number(fileArg ?? 5_000);
const NOW = new Date('2026-11-23T06:15:00Z');

/** A restic ≥ 0.17 listing with summaries, as big as a repository with years of hourly snapshots gets. */
function listing(n: number): string {
  const snaps = Array.from({ length: n }, (_, i) => {
    const id = createHash('sha256').update(String(i)).digest('hex');
    const t = new Date(NOW.getTime() - (n - i) * 3_600_000).toISOString();
    return {
      time: t,
      tree: id,
      paths: ['/home/alex', '/etc'],
      hostname: i % 3 ? 'ubuntu' : 'laptop',
      username: 'root',
      tags: ['hourly'],
      program_version: 'restic 0.17.3',
      summary: { backup_start: t, backup_end: t, files_new: 3, files_changed: 2, files_unmodified: 51000, data_added: 1e6, total_files_processed: 51005, total_bytes_processed: 4.1e11 },
      id,
      short_id: id.slice(0, 8),
    };
  });
  return JSON.stringify(snaps);
}

async function main(): Promise<void> {
  console.log(`node ${process.version}; ${cpus().length} CPUs; ${SNAPSHOTS} snapshots, ${FILES} files`);
  const text = listing(SNAPSHOTS);
  const options = { stale_lock_after: 3_600_000, verify_every: 7 * 86_400_000, prune_window: 30 * 86_400_000, anomaly_ratio: 0.5 };
  const ours = await timeIt(() => {
    const points = selectSnapshots(parseSnapshots(text), { host: 'ubuntu', paths: ['/etc'], tags: [] }).map((s) => ({ id: s.id, time: s.time, sizeBytes: s.summary?.totalBytesProcessed ?? null, durationSeconds: 0 }));
    const job: JobObservation = {
      job: 'home',
      kind: 'restic',
      dataClass: 'irreplaceable',
      maxAgeMs: 86_400_000,
      offline: false,
      destination: '/srv/restic',
      access: null,
      points,
      repoBytes: 1,
      locks: [],
      verify: NO_VERIFY,
      newestEvidence: {},
      limits: { minSize: null, maxFiles: null },
      truncated: false,
    };
    return judgeJob(job, null, 'ubuntu', NOW, options);
  });
  const baseline = await timeIt(() => JSON.parse(text) as unknown);
  report(`restic listing (${(text.length / 1e6).toFixed(1)} MB): parse, select, judge`, ours, 'JSON.parse alone', baseline);

  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-files-'));
  try {
    for (let i = 0; i < FILES; i++) {
      const file = join(dir, `db-${String(i).padStart(6, '0')}.sql.gz`);
      writeFileSync(file, 'x'.repeat(i % 97));
      const t = new Date(NOW.getTime() - (FILES - i) * 60_000);
      utimesSync(file, t, t);
    }
    const config = parseConfigText(
      `vault: /tmp/unused\nhosts:\n  - name: lab\n    local: true\nbackups:\n  - name: db\n    kind: files\n    path: ${dir}\n    pattern: "*.sql.gz"\n    data_class: service-state\n    copy: { media: nas }\n    max_age: 26h\n`,
      '/bench/vigil.yaml',
      { env: {}, home: '/home/bench', cwd: '/bench' },
    );
    const host = new LocalHost('lab');
    const checkMs = await timeIt(async () => {
      const g = await backupFiles.gather({ host, hostConfig: config.hosts[0]!, options: config.checks['backup-files'].options, config, signal: new AbortController().signal, now: NOW, previous: undefined, salt: 'b' });
      if (g.status !== 'data') throw new Error(g.reason);
      return backupFiles.analyze(g.data, { host: 'lab', options: config.checks['backup-files'].options, now: NOW, previous: undefined, salt: 'b' });
    });
    const find = timeCommand(['find', dir, '-maxdepth', '1', '-name', '*.sql.gz', '-printf', '%T@ %s %f\\n'], 5);
    report(`artifact folder of ${FILES} files: list, stat each, judge`, checkMs, 'find -printf', find.ms);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
