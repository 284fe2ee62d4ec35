// backup-borg replayed strictly from real borg 1.2.4 output (Debian 12), recorded by live.test.ts.
import { describe, expect, it } from 'vitest';
import { backupBorg } from '../../../../collector/checks/backup-borg';
import { borgEnv } from '../../../../collector/checks/backup-borg/probe';
import { factsOf, LAB, labConfig, replay, runCheck, subjects } from '../backup-restic/harness';
import { BORG_LAB_FINDINGS } from './lab';

function job(name: string, repo: string, extra = '', dataClass = 'service-state', maxAge = '2d', pass = `${LAB}/borg-pass`): string {
  return `  - name: ${name}\n    kind: borg\n    repo: ${repo}\n    passphrase_file: ${pass}\n    data_class: ${dataClass}\n    copy: { media: nas }\n    max_age: ${maxAge}\n${extra}`;
}

/** The lab the fixture was recorded from (see live.test.ts). */
const LAB_CONFIG = [
  job('gitea', `${LAB}/gitea`, '    verify: true\n'),
  job('ha', `${LAB}/ha`, '', 'service-state', '8d'),
  job('wrong-passphrase', `${LAB}/gitea`, '', 'service-state', '2d', `${LAB}/wrong-pass`),
  job('missing', `${LAB}/gone`, '', 'rebuild'),
  job('not-a-repo', `${LAB}/src-ha`, '', 'rebuild'),
  job('damaged', `${LAB}/damaged`, '    verify: true\n', 'irreplaceable'),
  job('locked', `${LAB}/locked`, '    verify: true\n', 'rebuild'),
  job('moved', `${LAB}/gitea-moved`),
  job('plain', `${LAB}/plain`, '', 'convenience'),
].join('');

describe('backup-borg on recorded borg 1.2.4 output (Debian 12)', () => {
  it('finds what the lab holds, judged at the moment it was recorded', async () => {
    const host = await replay(import.meta.dirname, 'borg-1.2.4-lab');
    const run = await runCheck(backupBorg, labConfig(LAB_CONFIG), host, host.capturedAt);
    expect(host.misses).toEqual([]);
    expect(subjects(run.findings)).toEqual(BORG_LAB_FINDINGS);
    const titles = Object.fromEntries(run.findings.map((f) => [f.subject, f.title]));
    expect(titles['wrong-passphrase:wrong-password']).toBe('Backup wrong-passphrase: the password Vigil was given does not open the borg repository on lab');
    expect(titles['moved:relocated']).toBe(`Backup moved: borg refused ${LAB}/gitea-moved on lab because the repository moved since it was last used there`);
    expect(titles['locked:stale-lock']).toBe("Backup locked's borg repository has had a stale exclusive lock for 25 hours on lab");
    expect(titles['ha:stale']).toMatch(/^Backup ha is \d+ days old \(max 8 days\) on lab$/);
    expect(run.findings.find((f) => f.subject === 'damaged:verify-failed')!.evidence).toMatchObject({ reason: 'errors found', broken: expect.stringMatching(/^segment \d+/) });
    expect(factsOf(run, 'gitea')).toMatchObject({ status: 'ok', restorePoints: 2, sizeBytes: 200_000, verify: 'passed', verified: host.capturedAt.toISOString() });
    expect(run.observation!.jobs.find((j) => j.job === 'gitea')!.newestEvidence).toMatchObject({ archive: 'gitea-today', archive_host: 'vm', files: 2 });
  });
});

describe('how borg is run', () => {
  it('never prompts, reads times in UTC, and gets the passphrase by path or variable name only', () => {
    const [file, variable, none] = labConfig(
      [
        job('a', '/srv/a', '', 'rebuild', '1d', "/etc/vigil/borg pass's"),
        `  - name: b\n    kind: borg\n    repo: ssh://backup@nas/./b\n    passphrase_env: GITEA_BORG_PASSPHRASE\n    data_class: rebuild\n    copy: { media: nas }\n    max_age: 1d\n`,
        `  - name: c\n    kind: borg\n    repo: /srv/c\n    data_class: rebuild\n    copy: { media: nas }\n    max_age: 1d\n`,
      ].join(''),
    ).backups;
    expect(borgEnv(file!)).toEqual({
      TZ: 'UTC',
      PYTHONUTF8: '1',
      BORG_PASSCOMMAND: "cat '/etc/vigil/borg pass'\\''s'",
      BORG_RELOCATED_REPO_ACCESS_IS_OK: 'no',
      BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'no',
    });
    expect(borgEnv(variable!).BORG_PASSCOMMAND).toBe('printenv GITEA_BORG_PASSPHRASE');
    expect(borgEnv(none!).BORG_PASSCOMMAND).toBe('true');
  });
});
