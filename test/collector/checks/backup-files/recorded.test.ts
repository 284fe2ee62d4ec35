// backup-files replayed strictly from a recorded folder tree, plus permission errors and hostile names and patterns.
import { describe, expect, it } from 'vitest';
import { backupFiles } from '../../../../collector/checks/backup-files';
import { patternMatcher } from '../../../../collector/checks/backup-files/glob';
import { artifactEntries, MAX_ENTRIES } from '../../../../collector/checks/backup-files/probe';
import type { Fixture } from '../../../../collector/host/fixture';
import { ReplayHost } from '../../../../collector/host/replay-host';
import { HOSTILE_STRINGS, mutations } from '../../../helpers/fuzz';
import { factsOf, LAB, labConfig, replay, runCheck, subjects } from '../backup-restic/harness';
import { FILES_LAB_FINDINGS, filesJob, labJobs, NOW } from './lab';

describe('backup-files on a recorded folder tree', () => {
  it('finds the same as on the day, asking nothing the recording lacks', async () => {
    const host = await replay(import.meta.dirname, 'files-lab');
    const run = await runCheck(backupFiles, labConfig(labJobs(LAB)), host, host.capturedAt);
    expect(host.misses).toEqual([]);
    expect(subjects(run.findings)).toEqual(FILES_LAB_FINDINGS);
    expect(run.findings.find((f) => f.subject === 'home-assistant:below-min-size')!.evidence).toMatchObject({
      file: 'core_2026-11-23.tar',
      usual_size_bytes: 52_750_000,
      min_size_bytes: 10_000_000,
      destination: `${LAB}/home-assistant`,
    });
    expect(factsOf(run, 'keepass')).toMatchObject({ status: 'ok', destination: `${LAB}/vault`, lastSuccess: '2026-11-23T03:15:00.000Z' });
  });
});

describe('backup-files when the host refuses', () => {
  it('reports a folder it may not list, and one that vanished mid-run, as findings, not crashes', async () => {
    const fixture: Fixture = {
      vigil_fixture: 1,
      host: 'lab',
      kind: 'ssh',
      captured_at: NOW.toISOString(),
      answers: [
        { op: 'stat', path: '/volume1/backups/home-assistant', result: { type: 'dir', size: 4096, mode: 0o700, uid: 1026, gid: 100, mtimeMs: NOW.getTime() } },
        { op: 'list', path: '/volume1/backups/home-assistant', error: { code: 'EACCES', message: '/volume1/backups/home-assistant: permission denied' } },
        { op: 'stat', path: '/volume1/backups/vault', result: { type: 'dir', size: 4096, mode: 0o755, uid: 1026, gid: 100, mtimeMs: NOW.getTime() } },
        { op: 'list', path: '/volume1/backups/vault', result: [{ name: 'vault-2026-11-23.kdbx', type: 'file' }] },
        { op: 'stat', path: '/volume1/backups/vault/vault-2026-11-23.kdbx', error: { code: 'ENOENT', message: 'gone' } },
      ],
    };
    const host = new ReplayHost(fixture, 'lab', 'strict');
    const config = labConfig(
      filesJob('home-assistant', '/volume1/backups/home-assistant', '    pattern: "*.tar"\n') + filesJob('keepass', '/volume1/backups/vault', '    pattern: "*.kdbx"\n', 'irreplaceable'),
    );
    const run = await runCheck(backupFiles, config, host, NOW);
    expect(host.misses).toEqual([]);
    expect(subjects(run.findings)).toEqual([
      ['home-assistant:permission', 'high'],
      ['keepass:no-restore-point', 'critical'],
    ]);
    expect(run.findings[0]!.title).toBe('Backup home-assistant: Vigil may not read /volume1/backups/home-assistant on lab (permission denied)');
    expect(factsOf(run, 'home-assistant').status).toBe('unknown');
  });
});

describe('artifact names and patterns', () => {
  it('matches like a shell glob on one name, hidden in-progress files excluded', () => {
    const m = patternMatcher('core_*.tar');
    expect(['core_2026-11-23.tar', 'core_.tar', 'core_x.tar.gz', '.core_x.tar', 'Core_x.tar'].map(m)).toEqual([true, true, false, false, false]);
    expect(patternMatcher('vault-202?-*.kdbx')('vault-2026-11-23.kdbx')).toBe(true);
    expect(patternMatcher('dump-[0-9]*.sql.gz')('dump-7.sql.gz')).toBe(true);
    expect(patternMatcher('dump-[!0-9]*')('dump-a')).toBe(true);
    expect(patternMatcher('.*.tmp')('.x.tmp')).toBe(true);
    expect(patternMatcher('a.b')('axb')).toBe(false);
  });

  it('never throws on hostile patterns or names', () => {
    for (const pattern of [...HOSTILE_STRINGS, '[z-a]', '[', '\\', '(((', '*'.repeat(1000), ...mutations('core_[0-9]*.t?r', 100, 5)]) {
      const m = patternMatcher(pattern);
      for (const name of [...HOSTILE_STRINGS, 'core_1.tar']) expect(typeof m(name)).toBe('boolean');
    }
  });

  it(`keeps at most ${MAX_ENTRIES} entries, the names that sort last`, () => {
    const entries = Array.from({ length: MAX_ENTRIES + 10 }, (_, i) => ({ name: `db-${String(i).padStart(6, '0')}.sql.gz`, type: 'file' as const }));
    const { names, truncated } = artifactEntries([...entries, { name: 'sub', type: 'dir' }, { name: 'link.sql.gz', type: 'symlink' }], '*.sql.gz');
    expect(truncated).toBe(true);
    expect(names).toHaveLength(MAX_ENTRIES);
    expect(names[0]).toBe('db-000010.sql.gz');
  });
});
