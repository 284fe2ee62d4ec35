// backup-borg against Debian 12's real borg 1.2.4: fresh and old archives, wrong passphrase, missing and moved repositories, bit rot, a lock.
import { beforeAll, describe, expect, it } from 'vitest';
import { backupBorg } from '../../../../collector/checks/backup-borg';
import { LocalHost } from '../../../../collector/host/local-host';
import { RecordingHost } from '../../../../collector/host/recording-host';
import { requireBinary } from '../../../helpers/binaries';
import { committedFixture, factsOf, labConfig, RECORD, runCheck, subjects, writeFixture } from '../backup-restic/harness';
import { BORG_LAB_FINDINGS, BorgLab } from './lab';

const borg = requireBinary('borg', 'borgbackup');
const HOUR = 3_600_000;

function job(name: string, repo: string, passFile: string, extra = '', dataClass = 'service-state', maxAge = '2d'): string {
  return `  - name: ${name}
    kind: borg
    repo: ${repo}
    passphrase_file: ${passFile}
    data_class: ${dataClass}
    copy: { media: nas }
    max_age: ${maxAge}
${extra}`;
}

describe.skipIf(!borg)('backup-borg against real borg repositories', () => {
  let lab: BorgLab;
  beforeAll(async () => {
    lab = await BorgLab.create(borg!);
    // The check runs borg through LocalHost, which passes this process's environment on: borg's state stays in the lab.
    process.env.BORG_BASE_DIR = lab.baseDir;
  });

  it('judges a lab of repositories the way each one really is, and records it', async () => {
    const gitea = await lab.init('gitea');
    const dumps = await lab.source('src-gitea', [150_000, 50_000]);
    await lab.create(gitea, 'gitea-2026-01-01', dumps, new Date('2026-01-01T00:00:00Z'));
    await lab.create(gitea, 'gitea-today', dumps);
    const ha = await lab.init('ha');
    await lab.create(ha, 'ha-2026-01-01', await lab.source('src-ha', [20_000]), new Date('2026-01-01T00:00:00Z'));
    const damaged = await lab.init('damaged');
    await lab.create(damaged, 'damaged-today', await lab.source('src-damaged', [300_000]));
    await lab.corruptLargestSegment(damaged);
    const locked = await lab.init('locked');
    await lab.create(locked, 'locked-today', await lab.source('src-locked', [10_000]));
    await lab.leaveForeignLock(locked);
    const moved = await lab.relocate(gitea, 'gitea-moved');
    const plain = await lab.init('plain', 'none', true);
    const pw = lab.passphraseFile;

    const config = labConfig(
      [
        job('gitea', gitea, pw, '    verify: true\n'),
        job('ha', ha, pw, '', 'service-state', '8d'),
        job('wrong-passphrase', gitea, lab.wrongPassphraseFile),
        job('missing', lab.path('gone'), pw, '', 'rebuild'),
        job('not-a-repo', lab.path('src-ha'), pw, '', 'rebuild'),
        job('damaged', damaged, pw, '    verify: true\n', 'irreplaceable'),
        job('locked', locked, pw, '    verify: true\n', 'rebuild'),
        job('moved', moved, pw),
        job('plain', plain, pw, '', 'convenience'),
      ].join(''),
    );
    // A day and an hour later: the other client's lock has outlived a daily run (borg does not refresh its locks).
    const now = new Date(Date.now() + 25 * HOUR);
    const recorder = new RecordingHost(new LocalHost('lab'));
    const run = await runCheck(backupBorg, config, recorder, now);

    expect(subjects(run.findings)).toEqual(BORG_LAB_FINDINGS);
    const byId = Object.fromEntries(run.findings.map((f) => [f.subject, f]));
    expect(byId['locked:stale-lock']!.evidence).toMatchObject({ exclusive: true, held_by: expect.stringMatching(/^backup-client@1234 pid \d+$/) });
    expect(byId['moved:relocated']!.evidence).toMatchObject({ detail: 'BORG_RELOCATED_REPO_ACCESS_IS_OK', exit_code: 2 });
    expect(byId['damaged:verify-failed']!.title).toMatch(/^borg check found errors in backup damaged's repository on lab \(\d+ errors\)$/);

    const gf = factsOf(run, 'gitea');
    expect(gf).toMatchObject({ status: 'ok', kind: 'borg', restorePoints: 2, verify: 'passed', sizeBytes: 200_000, problems: [] });
    expect(gf.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(factsOf(run, 'ha')).toMatchObject({ status: 'stale', lastSuccess: '2026-01-01T00:00:00.000Z' });
    expect(factsOf(run, 'damaged')).toMatchObject({ status: 'failing', verify: 'failed' });
    expect(factsOf(run, 'locked')).toMatchObject({ status: 'warning', restorePoints: 1 });

    // The lock is only looked at, never taken or broken: it is still there.
    const still = await import('node:fs/promises').then((fs) => fs.stat(`${locked}/lock.exclusive`).catch(() => null));
    expect(still).not.toBeNull();
    expect(JSON.stringify(run)).not.toContain(lab.passphrase);
    const fixture = committedFixture(recorder, lab.dir, now, 'borg 1.2.4 (Debian 12): healthy with check, stale, wrong passphrase, missing, not a repository, damaged segment, another client\'s lock, moved, unknown unencrypted');
    expect(JSON.stringify(fixture)).not.toContain(lab.passphrase);
    if (RECORD) await writeFixture(import.meta.dirname, 'borg-1.2.4-lab', fixture);
  }, 180_000);

  it('remembers archive sizes across runs and notices a dump that suddenly became tiny', async () => {
    const repo = await lab.init('shrinks');
    const config = labConfig(job('db', repo, lab.passphraseFile, '', 'service-state', '2d'));
    const t0 = Date.now() - 10 * 24 * HOUR;
    let memory: unknown;
    for (let day = 0; day < 3; day++) {
      await lab.create(repo, `db-${day}`, await lab.source('src-db', [300_000]), new Date(t0 + day * 24 * HOUR));
      const run = await runCheck(backupBorg, config, new LocalHost('lab'), new Date(t0 + day * 24 * HOUR + HOUR), memory);
      expect(run.findings).toEqual([]);
      memory = run.memory;
    }
    // The dump stopped early: a twentieth of its usual size.
    await lab.create(repo, 'db-3', await lab.source('src-db', [15_000]), new Date(t0 + 3 * 24 * HOUR));
    const run = await runCheck(backupBorg, config, new LocalHost('lab'), new Date(t0 + 3 * 24 * HOUR + HOUR), memory);
    expect(subjects(run.findings)).toEqual([['db:smaller', 'medium']]);
    expect(run.findings[0]!.title).toBe('Backup db is much smaller than usual on lab: 15 kB against 300 kB');
    expect(factsOf(run, 'db')).toMatchObject({ status: 'warning', sizeBytes: 15_000 });
    // A dump of nothing at all: borg's original size is 0 bytes, not a usable restore point.
    await lab.create(repo, 'db-4', await lab.source('src-db', [0]), new Date(t0 + 4 * 24 * HOUR));
    const empty = await runCheck(backupBorg, config, new LocalHost('lab'), new Date(t0 + 4 * 24 * HOUR + HOUR), run.memory);
    expect(subjects(empty.findings)).toEqual([['db:empty', 'high']]);
    expect(factsOf(empty, 'db')).toMatchObject({ status: 'failing', sizeBytes: 0 });
  }, 120_000);
});
