// backup-restic replayed strictly from fixtures: real restic 0.14 output (Debian 12) and ≥ 0.17 output with summaries.
import { describe, expect, it } from 'vitest';
import { backupRestic } from '../../../../collector/checks/backup-restic';
import { factsOf, LAB, labConfig, replay, runCheck, subjects } from './harness';
import { RESTIC_LAB_FINDINGS } from './lab';

const PW = `    password_file: ${LAB}/restic-pass\n`;

function job(name: string, repo: string, extra = '', dataClass = 'irreplaceable', maxAge = '26h', copy = '{ media: usb }'): string {
  return `  - name: ${name}\n    kind: restic\n    repo: ${repo}\n    data_class: ${dataClass}\n    copy: ${copy}\n    max_age: ${maxAge}\n${PW}${extra}`;
}

/** The lab the 0.14 fixture was recorded from (see live.test.ts). */
const LAB_014 = [
  job('photos', `${LAB}/photos`, '    verify: true\n'),
  job('laptop', `${LAB}/photos`, '    snapshot_host: laptop\n    snapshot_tags: [laptop]\n', 'irreplaceable', '8d'),
  job('documents', `${LAB}/documents`, '', 'service-state', '8d'),
  job('wrong-password', `${LAB}/photos`).replace(PW, `    password_file: ${LAB}/wrong-pass\n`),
  job('missing', `${LAB}/gone`, '', 'rebuild'),
  job('usb-away', `${LAB}/usb/restic`, '', 'irreplaceable', '26h', '{ media: usb, offline: true }'),
  job('damaged', `${LAB}/damaged`, '    verify: read-data-subset=100%\n', 'service-state'),
  job('locked', `${LAB}/locked`, '    verify: true\n', 'rebuild'),
].join('');

describe('backup-restic on recorded restic 0.14 output (Debian 12)', () => {
  it('finds what the lab holds, judged at the moment it was recorded', async () => {
    const host = await replay(import.meta.dirname, 'restic-0.14-lab');
    const run = await runCheck(backupRestic, labConfig(LAB_014), host, host.capturedAt);
    expect(host.misses).toEqual([]);
    expect(subjects(run.findings)).toEqual(RESTIC_LAB_FINDINGS);
    const titles = Object.fromEntries(run.findings.map((f) => [f.subject, f.title]));
    expect(titles['wrong-password:wrong-password']).toBe('Backup wrong-password: the password Vigil was given does not open the restic repository on lab');
    expect(titles['missing:missing-repo']).toBe(`Backup missing has no restic repository at ${LAB}/gone on lab`);
    expect(titles['laptop:stale']).toMatch(/^Backup laptop is \d+ days old \(max 8 days\) on lab$/);
    expect(titles['locked:stale-lock']).toBe("Backup locked's restic repository has had a stale lock for 2 hours on lab");
    expect(titles['damaged:verify-failed']).toBe("restic check found errors in backup damaged's repository on lab (1 error)");
    expect(run.findings.find((f) => f.subject === 'damaged:verify-failed')!.evidence).toMatchObject({ broken: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(factsOf(run, 'photos')).toMatchObject({ status: 'ok', restorePoints: 3, sizeBytes: 240_000, verify: 'passed', pruning: null, destination: `${LAB}/photos` });
  });

  it('reads nothing but what it asked for: every question of a second identical run is answered by the same fixture', async () => {
    const host = await replay(import.meta.dirname, 'restic-0.14-lab');
    const config = labConfig(LAB_014);
    const first = await runCheck(backupRestic, config, host, host.capturedAt);
    // One day later, with the first run's memory: the passed check is not due again, everything else is asked again.
    const later = new Date(host.capturedAt.getTime() + 86_400_000);
    const second = await runCheck(backupRestic, config, host, later, first.memory);
    expect(host.misses).toEqual([]);
    expect(second.observation!.jobs.find((j) => j.job === 'photos')!.verify.reason).toBe('not-due');
    expect(factsOf(second, 'photos')).toMatchObject({ verify: 'passed', verified: host.capturedAt.toISOString() });
  });
});

describe('backup-restic on restic ≥ 0.17 output (snapshot summaries, exit codes 10 and 12)', () => {
  const config = labConfig(
    [
      job('photos-b2', 'b2:homelab-photos:/restic', '', 'irreplaceable', '26h', '{ media: cloud, offsite: true }'),
      job('vault-rest', 'rest:https://backup.home.arpa:8000/vault', '', 'irreplaceable'),
      job('offsite', 'sftp:backup@offsite.example:/srv/restic', '', 'service-state'),
    ].join(''),
  );

  it('takes size and duration from the summary, and notices the newest snapshot is a quarter of the usual and five times faster', async () => {
    const host = await replay(import.meta.dirname, 'restic-0.17-summary');
    const run = await runCheck(backupRestic, config, host, host.capturedAt);
    expect(host.misses).toEqual([]);
    expect(subjects(run.findings)).toEqual([
      ['offsite:missing-repo', 'high'],
      ['photos-b2:faster', 'low'],
      ['photos-b2:smaller', 'medium'],
      ['vault-rest:wrong-password', 'high'],
    ]);
    const smaller = run.findings.find((f) => f.subject === 'photos-b2:smaller')!;
    expect(smaller.title).toBe('Backup photos-b2 is much smaller than usual on lab: 96 GB against 414 GB');
    expect(smaller.evidence).toMatchObject({ summary: true, files_new: 0, files_processed: 9120, program_version: 'restic 0.17.3', samples: 6 });
    expect(factsOf(run, 'photos-b2')).toMatchObject({ status: 'warning', sizeBytes: 96_118_402_551, durationSeconds: 298.412, restorePoints: 7, lastSuccess: '2026-11-23T02:00:00.184Z' });
    expect(run.findings.find((f) => f.subject === 'vault-rest:wrong-password')!.evidence).toMatchObject({ exit_code: 12, destination: 'rest:https://backup.home.arpa:8000/vault' });
  });
});
