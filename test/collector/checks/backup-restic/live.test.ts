// backup-restic against Debian 12's real restic 0.14: fresh and old snapshots, wrong password, missing repo, bit rot, a stale lock.
import { beforeAll, describe, expect, it } from 'vitest';
import { backupRestic } from '../../../../collector/checks/backup-restic';
import { LocalHost } from '../../../../collector/host/local-host';
import { RecordingHost } from '../../../../collector/host/recording-host';
import { requireBinary } from '../../../helpers/binaries';
import { committedFixture, factsOf, labConfig, RECORD, runCheck, subjects, writeFixture } from './harness';
import { RESTIC_LAB_FINDINGS, ResticLab } from './lab';

const restic = requireBinary('restic', 'restic');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One job of the lab config. */
function job(name: string, repo: string, extra: string, dataClass = 'irreplaceable', maxAge = '26h'): string {
  return `  - name: ${name}
    kind: restic
    repo: ${repo}
    data_class: ${dataClass}
    copy: { media: usb }
    max_age: ${maxAge}
${extra}`;
}

describe.skipIf(!restic)('backup-restic against real restic repositories', () => {
  let lab: ResticLab;
  beforeAll(async () => {
    lab = await ResticLab.create(restic!);
  });

  it('judges a lab of repositories the way each one really is, and records it', async () => {
    const photos = await lab.init('photos');
    const source = await lab.source('src-photos', [120_000, 80_000, 40_000]);
    await lab.backup(photos, source, { time: new Date('2026-01-01T00:00:00Z') });
    await lab.backup(photos, source, { time: new Date('2026-03-01T12:00:00Z'), host: 'laptop', tags: ['laptop'] });
    await lab.backup(photos, source);
    const documents = await lab.init('documents');
    await lab.backup(documents, await lab.source('src-docs', [10_000]), { time: new Date('2026-01-01T00:00:00Z') });
    const damaged = await lab.init('damaged');
    await lab.backup(damaged, await lab.source('src-damaged', [300_000]));
    await lab.corruptLargestPack(damaged);
    const locked = await lab.init('locked');
    await lab.backup(locked, await lab.source('src-locked', [5_000]));
    await lab.leaveStaleLock(locked);

    const pw = `    password_file: ${lab.passwordFile}\n`;
    const config = labConfig(
      [
        job('photos', photos, `${pw}    verify: true\n`),
        job('laptop', photos, `${pw}    snapshot_host: laptop\n    snapshot_tags: [laptop]\n`, 'irreplaceable', '8d'),
        job('documents', documents, pw, 'service-state', '8d'),
        job('wrong-password', photos, `    password_file: ${lab.wrongPasswordFile}\n`),
        job('missing', lab.path('gone'), pw, 'rebuild'),
        job('usb-away', lab.path('usb/restic'), pw).replace('copy: { media: usb }', 'copy: { media: usb, offline: true }'),
        job('damaged', damaged, `${pw}    verify: read-data-subset=100%\n`, 'service-state'),
        job('locked', locked, `${pw}    verify: true\n`, 'rebuild'),
      ].join(''),
    );
    // Two hours later: the killed backup's lock is stale (restic's own limit is 30 minutes), the fresh snapshots are not.
    const now = new Date(Date.now() + 2 * HOUR);
    const recorder = new RecordingHost(new LocalHost('lab'));
    const run = await runCheck(backupRestic, config, recorder, now);

    expect(subjects(run.findings)).toEqual(RESTIC_LAB_FINDINGS);
    const byRule = new Map(run.findings.map((f) => [f.subject, f]));
    expect(byRule.get('documents:stale')!.title).toMatch(/^Backup documents is \d+ days old \(max 8 days\) on lab$/);
    expect(byRule.get('damaged:verify-failed')!.evidence).toMatchObject({ verify: 'read-data-subset=100%', reason: 'errors found' });
    expect(byRule.get('locked:stale-lock')!.evidence).toMatchObject({ exclusive: false, held_by: expect.stringMatching(/ pid \d+$/) });
    expect(byRule.get('locked:verify-not-run')!.title).toContain('repository locked');

    const photosFacts = factsOf(run, 'photos');
    expect(photosFacts).toMatchObject({ status: 'ok', kind: 'restic', restorePoints: 3, verify: 'passed', verified: now.toISOString(), problems: [] });
    // restic 0.14 stores no summary: the newest snapshot's size comes from `restic stats` (restore size).
    expect(photosFacts.sizeBytes).toBe(240_000);
    expect(photosFacts.durationSeconds).toBeNull();
    expect(photosFacts.ageHours).toBeGreaterThanOrEqual(2);
    expect(factsOf(run, 'laptop')).toMatchObject({ status: 'stale', restorePoints: 1, lastSuccess: '2026-03-01T12:00:00.000Z' });
    expect(factsOf(run, 'wrong-password')).toMatchObject({ status: 'unknown', lastSuccess: null });
    expect(factsOf(run, 'missing')).toMatchObject({ status: 'failing' });
    expect(factsOf(run, 'damaged')).toMatchObject({ status: 'failing', verify: 'failed', verified: null });
    expect(factsOf(run, 'locked')).toMatchObject({ status: 'warning', verify: 'not-run' });
    expect(factsOf(run, 'usb-away')).toMatchObject({ status: 'unknown', destination: lab.path('usb/restic') });

    const everything = JSON.stringify({ findings: run.findings, facts: run.facts, memory: run.memory });
    expect(everything).not.toContain(lab.password);
    const fixture = committedFixture(recorder, lab.dir, now, 'restic 0.14.0 (Debian 12): healthy, tag/host selection, stale, wrong password, missing, offline, damaged pack, stale lock');
    expect(JSON.stringify(fixture)).not.toContain(lab.password);
    if (RECORD) await writeFixture(import.meta.dirname, 'restic-0.14-lab', fixture);
  }, 120_000);

  it('remembers a passed check: not run again within verify_every, still reported as passed', async () => {
    const repo = await lab.init('verify-every');
    await lab.backup(repo, await lab.source('src-verify', [20_000]));
    const config = labConfig(job('nightly', repo, `    password_file: ${lab.passwordFile}\n    verify: true\n`));
    const t1 = new Date(Date.now() + HOUR);
    const first = await runCheck(backupRestic, config, new LocalHost('lab'), t1);
    expect(first.observation!.jobs[0]!.verify.state).toBe('passed');
    const t2 = new Date(t1.getTime() + DAY);
    const second = await runCheck(backupRestic, config, new LocalHost('lab'), t2, first.memory);
    expect(second.observation!.jobs[0]!.verify).toMatchObject({ state: 'not-run', reason: 'not-due' });
    expect(factsOf(second, 'nightly')).toMatchObject({ verify: 'passed', verified: t1.toISOString() });
    expect(second.findings).toEqual([]);
    const t3 = new Date(t1.getTime() + 8 * DAY);
    const third = await runCheck(backupRestic, config, new LocalHost('lab'), t3, second.memory);
    expect(third.observation!.jobs[0]!.verify.state).toBe('passed');
  }, 60_000);

  it('notices a backup that suddenly became tiny, from the sizes it remembered (restic 0.14 has no summary)', async () => {
    const repo = await lab.init('shrinks');
    const config = labConfig(job('home', repo, `    password_file: ${lab.passwordFile}\n`, 'irreplaceable', '2d'));
    const t0 = Date.now() - 10 * DAY;
    let memory: unknown;
    for (let day = 0; day < 3; day++) {
      await lab.backup(repo, await lab.source('src-home', [200_000, 200_000, 100_000]), { time: new Date(t0 + day * DAY) });
      const run = await runCheck(backupRestic, config, new LocalHost('lab'), new Date(t0 + day * DAY + HOUR), memory);
      expect(run.findings).toEqual([]);
      memory = run.memory;
    }
    // The source share was not mounted: only a placeholder file was there.
    await lab.backup(repo, await lab.source('src-home', [4_000]), { time: new Date(t0 + 3 * DAY) });
    const run = await runCheck(backupRestic, config, new LocalHost('lab'), new Date(t0 + 3 * DAY + HOUR), memory);
    expect(subjects(run.findings)).toEqual([['home:smaller', 'medium']]);
    expect(run.findings[0]!.title).toBe('Backup home is much smaller than usual on lab: 4.0 kB against 500 kB');
    expect(factsOf(run, 'home')).toMatchObject({ status: 'warning', sizeBytes: 4_000 });
  }, 60_000);

  it('says prune is not running when snapshots only pile up, and takes it back once forget --prune runs', async () => {
    const repo = await lab.init('grows');
    const config = labConfig(job('media', repo, `    password_file: ${lab.passwordFile}\n`, 'convenience', '6d'));
    const source = await lab.source('src-media', [50_000]);
    const t0 = Date.now() - 60 * DAY;
    let memory: unknown;
    let last = null as Awaited<ReturnType<typeof runCheck>> | null;
    for (let day = 0; day <= 35; day += 5) {
      await lab.backup(repo, source, { time: new Date(t0 + day * DAY) });
      last = await runCheck(backupRestic, config, new LocalHost('lab'), new Date(t0 + day * DAY + HOUR), memory);
      memory = last.memory;
    }
    expect(subjects(last!.findings)).toEqual([['media:only-grows', 'low']]);
    expect(factsOf(last!, 'media').pruning).toBe(false);
    await lab.forget(repo, 3);
    await lab.backup(repo, source, { time: new Date(t0 + 40 * DAY) });
    const after = await runCheck(backupRestic, config, new LocalHost('lab'), new Date(t0 + 40 * DAY + HOUR), memory);
    expect(after.findings).toEqual([]);
    expect(factsOf(after, 'media')).toMatchObject({ pruning: true, restorePoints: 4 });
  }, 120_000);
});
