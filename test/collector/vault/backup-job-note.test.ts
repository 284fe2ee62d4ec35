// The backup job's status block reads as people talk: durations in minutes, what the last run changed, words not enums.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../collector/config/load';
import type { BackupJobFacts } from '../../../collector/checks/backup/facts';
import { backupStatusBlock, durationText } from '../../../collector/vault/render-backup-job';

const config = parseConfigText(
  `vault: /v
backups:
  - { name: photos-b2, kind: restic, repo: "s3:s3.example.com/photos", password_file: /etc/vigil/pass, data_class: irreplaceable, copy: { media: cloud, offsite: true }, max_age: 2d }
`,
  '/etc/vigil.yaml',
  { env: { HOME: '/home/a' }, home: '/home/a', cwd: '/' },
);

const facts: BackupJobFacts = {
  job: 'photos-b2',
  kind: 'restic',
  host: 'local',
  dataClass: 'irreplaceable',
  status: 'ok',
  lastSuccess: '2026-11-23T02:00:00.000Z',
  ageHours: 4,
  sizeBytes: 52_000_000_000,
  durationSeconds: 1589,
  restorePoints: 30,
  verified: null,
  verify: 'not-configured',
  destination: 's3:s3.example.com/photos',
  pruning: true,
  problems: [],
  lastRun: { filesNew: 12, filesChanged: 3, dataAddedBytes: 48_000_000 },
};

describe('backup job note', () => {
  it('says durations the way people do', () => {
    expect([durationText(42), durationText(89.6), durationText(1589), durationText(7500)]).toEqual(['42 s', '90 s', '26 min', '2 h 5 min']);
  });

  it('shows what the last run changed, and the verification in words', () => {
    const block = backupStatusBlock(config.backups[0]!, facts, undefined, new Date('2026-11-23T06:15:00Z'));
    expect(block).toContain('| Duration | 26 min |');
    expect(block).toContain('| Last run changed | 12 new files, 3 changed, 46 MiB added |');
    expect(block).toContain('| Verification | not configured (add verify: to the job to check the repository) |');
    const { lastRun: _omit, ...withoutSummary } = facts;
    expect(backupStatusBlock(config.backups[0]!, withoutSummary, undefined, new Date('2026-11-23T06:15:00Z'))).not.toContain('Last run changed');
  });
});
