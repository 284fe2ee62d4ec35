// The walk through Host: root-only files read again with sudo when the host allows it, closed folders
// counted, and a fixture that lacks an answer reported rather than mistaken for a clean scan.
import { describe, expect, it } from 'vitest';
import { gatherSecrets } from '../../../../collector/checks/secrets-hygiene/probe';
import { ProbeError } from '../../../../collector/errors/probe-error';
import type { Fixture, FixtureAnswer } from '../../../../collector/host/fixture';
import type { ReadOptions } from '../../../../collector/host/host';
import { ReplayHost } from '../../../../collector/host/replay-host';
import { optionsFor } from './tree';

const dirStat = (path: string, mode = 0o755): FixtureAnswer => ({ op: 'stat', path, result: { type: 'dir', size: 4096, mode, uid: 0, gid: 0, mtimeMs: 0 } });
const fileStat = (path: string, mode = 0o600): FixtureAnswer => ({ op: 'stat', path, result: { type: 'file', size: 40, mode, uid: 0, gid: 0, mtimeMs: 0 } });

const fixture: Fixture = {
  vigil_fixture: 1,
  host: 'nut',
  kind: 'ssh',
  captured_at: '2026-11-23T06:15:00.000Z',
  answers: [
    dirStat('/etc'),
    { op: 'list', path: '/etc', result: [{ name: 'nut', type: 'dir' }, { name: 'private', type: 'dir' }] },
    dirStat('/etc/nut'),
    { op: 'list', path: '/etc/nut', result: [{ name: 'upsd.users', type: 'file' }] },
    fileStat('/etc/nut/upsd.users', 0o640),
    { op: 'read', path: '/etc/nut/upsd.users', result: { text: '[upsmon]\n\tpassword = FAKEEXAMPLEups\n' } },
    dirStat('/etc/private', 0o700),
    { op: 'list', path: '/etc/private', error: { code: 'EACCES', message: '/etc/private: permission denied' } },
    { op: 'stat', path: '/root/bin', error: { code: 'EACCES', message: '/root/bin: permission denied' } },
  ],
};

/** A host where upsd.users needs root: without sudo its read fails like it would for a plain user. */
class RootOnlyHost extends ReplayHost {
  override async *readStream(path: string, options: ReadOptions = {}): AsyncIterable<Buffer> {
    if (path === '/etc/nut/upsd.users' && !options.sudo) throw new ProbeError('EACCES', `${path}: permission denied`);
    yield* super.readStream(path, options);
  }
}

function gather(host: ReplayHost, sudo: boolean, paths = ['/etc', '/root/bin']) {
  return gatherSecrets(host, { options: optionsFor('/etc', { paths }), salt: 's', sudo, signal: new AbortController().signal, budgetMs: 60_000 });
}

describe('secrets-hygiene walk through Host', () => {
  it('without sudo, root-only files and closed folders are counted as unreadable, never fatal', async () => {
    const obs = await gather(new RootOnlyHost(fixture, 'nut', 'strict'), false);
    expect(obs.secrets).toEqual([]);
    expect(obs.scan).toMatchObject({ unreadable: 3, unreadableExample: '/etc/nut/upsd.users' });
  });

  it('with sudo allowed for the host, a root-only file is read again through sudo', async () => {
    const obs = await gather(new RootOnlyHost(fixture, 'nut', 'strict'), true);
    expect(obs.secrets).toEqual([expect.objectContaining({ path: '/etc/nut/upsd.users', line: 2, rule: 'generic-password', readableByOthers: false })]);
    expect(obs.scan.unreadable).toBe(2);
  });

  it('a fixture without an answer for a probe fails the check instead of passing it clean', async () => {
    await expect(gather(new ReplayHost(fixture, 'nut', 'strict'), false, ['/etc', '/srv'])).rejects.toThrow(/ENOTRECORDED|no answer/);
  });
});
