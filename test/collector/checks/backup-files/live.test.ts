// backup-files on a real file system: artifact folders with controlled mtimes and sizes, read through LocalHost, recorded.
import { mkdir, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backupFiles } from '../../../../collector/checks/backup-files';
import { LocalHost } from '../../../../collector/host/local-host';
import { RecordingHost } from '../../../../collector/host/recording-host';
import { tempDir } from '../../../helpers/tmp';
import { committedFixture, factsOf, labConfig, RECORD, runCheck, subjects, writeFixture } from '../backup-restic/harness';
import { DAY, FILES_LAB_FINDINGS, filesJob as job, HOUR, labJobs, MB, NOW } from './lab';

/** Artifacts of a folder: name, size, age. Sparse files: big sizes cost no disk. */
async function folder(dir: string, files: readonly [string, number, number][]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, size, ageMs] of files) {
    const file = join(dir, name);
    await writeFile(file, '');
    await truncate(file, size);
    const t = new Date(NOW.getTime() - ageMs);
    await utimes(file, t, t);
  }
}

describe('backup-files on a real file system', () => {
  let root = '';
  beforeAll(async () => {
    root = await tempDir('vigil-files-');
    const ha = Array.from({ length: 6 }, (_, i): [string, number, number] => [`core_2026-11-${String(17 + i).padStart(2, '0')}.tar`, 52 * MB + i * 300_000, (6 - i) * DAY]);
    // Today's Home Assistant backup: 1.2 MB, where the others are 52 MB (an add-on's data left out).
    await folder(join(root, 'home-assistant'), [...ha, ['core_2026-11-23.tar', 1_200_000, 2 * HOUR]]);
    await folder(join(root, 'vault'), [
      ['vault-2026-11-21.kdbx', 182_000, 2 * DAY + 3 * HOUR],
      ['vault-2026-11-22.kdbx', 183_500, DAY + 3 * HOUR],
      ['vault-2026-11-23.kdbx', 184_100, 3 * HOUR],
      // rsync's in-progress temp file: not an artifact yet.
      ['.vault-2026-11-24.kdbx.Xy12Zq', 0, 60_000],
    ]);
    await folder(join(root, 'gitea'), [
      ['gitea-dump-1795300000.zip', 24 * MB, 2 * DAY],
      ['gitea-dump-1795386400.zip', 24 * MB, DAY],
      ['gitea-dump-1795472800.zip', 0, HOUR],
    ]);
    await folder(join(root, 'postgres'), [['app-2026-11-13.sql.gz', 8 * MB, 10 * DAY]]);
    await folder(join(root, 'nut'), Array.from({ length: 40 }, (_, i): [string, number, number] => [`nut-${String(i).padStart(3, '0')}.tar.gz`, 4_096, (40 - i) * DAY - 5 * HOUR]));
    await mkdir(join(root, 'tm', 'MacBook.sparsebundle'), { recursive: true });
    await utimes(join(root, 'tm', 'MacBook.sparsebundle'), new Date(NOW.getTime() - 5 * HOUR), new Date(NOW.getTime() - 5 * HOUR));
  });

  it('judges each folder the way it is, and records it', async () => {
    const recorder = new RecordingHost(new LocalHost('lab'));
    const run = await runCheck(backupFiles, labConfig(labJobs(root)), recorder, NOW);
    expect(subjects(run.findings)).toEqual(FILES_LAB_FINDINGS);
    const titles = Object.fromEntries(run.findings.map((f) => [f.subject, f.title]));
    expect(titles['home-assistant:below-min-size']).toBe('The newest file of backup home-assistant is 1.2 MB, below its minimum of 10 MB on lab');
    expect(titles['gitea:empty']).toBe('The newest restore point of backup gitea is empty (0 bytes) on lab');
    expect(titles['postgres:stale']).toBe('Backup postgres is 10 days old (max 26 hours) on lab');
    expect(titles['nut-config:too-many-files']).toBe(`Backup nut-config keeps 40 files in ${root}/nut, more than its max of 30, on lab`);
    expect(factsOf(run, 'keepass')).toMatchObject({ status: 'ok', restorePoints: 3, sizeBytes: 184_100, ageHours: 3, verify: 'not-configured', problems: [] });
    expect(factsOf(run, 'home-assistant')).toMatchObject({ status: 'warning', restorePoints: 7, sizeBytes: 1_200_000, doubtful: true });
    expect(factsOf(run, 'nut-config')).toMatchObject({ status: 'warning', pruning: false, doubtful: false });
    expect(factsOf(run, 'time-machine')).toMatchObject({ status: 'ok', sizeBytes: null, ageHours: 5 });
    expect(factsOf(run, 'gitea').status).toBe('failing');
    if (RECORD) await writeFixture(import.meta.dirname, 'files-lab', committedFixture(recorder, root, NOW, 'Artifact folders on ext4 (Debian 12): Home Assistant tars, KeePass archives, gitea dumps, a stale dump, a rotation that stopped, a sparsebundle'));
  });

  it('judges an offline copy by what it held when last connected', async () => {
    const usb = join(root, 'usb-keepass');
    await folder(usb, [['vault-2026-11-22.kdbx', 183_500, DAY]]);
    const config = labConfig(job('keepass-usb', usb, '    pattern: "*.kdbx"\n', 'irreplaceable', '8d', '{ media: usb, offline: true }'));
    const connected = await runCheck(backupFiles, config, new LocalHost('lab'), NOW);
    expect(connected.findings).toEqual([]);
    // The disk goes back in the drawer.
    await rm(usb, { recursive: true });
    const away = await runCheck(backupFiles, config, new LocalHost('lab'), new Date(NOW.getTime() + 3 * DAY), connected.memory);
    expect(away.findings).toEqual([]);
    expect(factsOf(away, 'keepass-usb')).toMatchObject({ status: 'ok', restorePoints: 1, lastSuccess: new Date(NOW.getTime() - DAY).toISOString(), ageHours: 96 });
    const forgotten = await runCheck(backupFiles, config, new LocalHost('lab'), new Date(NOW.getTime() + 12 * DAY), away.memory);
    expect(subjects(forgotten.findings)).toEqual([['keepass-usb:stale', 'high']]);
    expect(forgotten.findings[0]!.title).toBe('Backup keepass-usb is 13 days old (max 8 days) on lab: its offline copy has not been connected since');
    expect(factsOf(forgotten, 'keepass-usb').status).toBe('stale');
  });
});
