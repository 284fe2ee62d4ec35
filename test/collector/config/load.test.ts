import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { starterConfig } from '../../../collector/cli/commands/init';
import { defaultConfig, loadConfig, parseConfigText } from '../../../collector/config/load';
import { expandPath } from '../../../collector/config/expand-path';
import { formatDuration, formatSize, parseDuration, parseSize } from '../../../collector/config/units';
import { ConfigError } from '../../../collector/errors/config-error';
import { tempDir } from '../../helpers/tmp';

const env = { env: { HOME: '/home/alex', BACKUPS: '/mnt/backups' }, home: '/home/alex', cwd: '/work' };

describe('config loading', () => {
  it('resolves ~, $VARS and relative paths (relative to the config file)', () => {
    const c = parseConfigText(
      'vault: ~/Obsidian/Homelab\nstate_dir: ${BACKUPS}/vigil-state\nhosts:\n  - name: nas\n    fixture: fixtures/nas.json\n',
      '/etc/vigil/vigil.yaml',
      env,
    );
    expect(c.vault).toBe('/home/alex/Obsidian/Homelab');
    expect(c.stateDir).toBe('/mnt/backups/vigil-state');
    expect(c.hosts[0]).toMatchObject({ name: 'nas', kind: 'fixture', fixture: '/etc/vigil/fixtures/nas.json', collector: false });
  });

  it('fills defaults: folder, state dir, one local host that runs the once-per-run checks, check options', () => {
    const c = parseConfigText('vault: /v\n', '/etc/vigil.yaml', env);
    expect(c.folder).toBe('Vigil');
    expect(c.stateDir).toBe('/home/alex/.local/state/vigil');
    expect(c.hosts).toEqual([expect.objectContaining({ name: 'local', kind: 'local', collector: true, checks: null })]);
    expect(c.checks['listening-sockets']).toEqual({ enabled: true, timeoutMs: null, options: { allow: [] } });
    expect(c.checks['collector-self'].options).toMatchObject({ max_gap: 36 * 3_600_000, timer: 'vigil.timer' });
  });

  it('the default restore calendar follows the runbooks of the services it restores', () => {
    const c = parseConfigText(
      'vault: /v\nservices:\n  - { name: paperless, kind: docker-app }\n  - { name: ha, kind: home-assistant }\n  - { name: syno, kind: nas }\n',
      '/etc/vigil.yaml',
      env,
    );
    expect(c.restoreTests.map((t) => [t.template, t.runbook])).toEqual([
      ['random-file', null],
      ['docker-app', 'paperless'],
      ['home-assistant', 'ha'],
      ['lose-the-nas', 'syno'],
    ]);
    expect(parseConfigText('vault: /v\n', '/etc/vigil.yaml', env).restoreTests.every((t) => t.runbook === null)).toBe(true);
  });

  it('agent: true without SSH_AUTH_SOCK is left to that host (it becomes its host-unreachable finding)', () => {
    const c = parseConfigText('vault: /v\nhosts:\n  - { name: local, local: true }\n  - { name: nas, ssh: { host: nas.home.arpa, agent: true } }\n', '/etc/vigil.yaml', env);
    expect(c.hosts[1]!.ssh).toMatchObject({ host: 'nas.home.arpa', agent: null, key: null });
  });

  it('refuses a credential written into services[].credentials, and takes the labels people write', () => {
    const parse = (label: string) => () => parseConfigText(`vault: /v\nservices:\n  - { name: s, kind: generic, credentials: [${JSON.stringify(label)}] }\n`, '/e/vigil.yaml', env);
    for (const ok of ['KeePass master passphrase: memorised, sealed copy in the safe', 'Vaultwarden: Gitea admin account', 'b2-photos-app-key in Bitwarden', 'password: in the fire safe envelope']) expect(parse(ok), ok).not.toThrow();
    for (const bad of ['admin password Tr0ub4dor3xyzQ', 'token ghp_0123456789abcdefghijABCDEFGHIJ012345', 'https://admin:hunter2hunter2@nas.local/']) {
      expect(parse(bad), bad).toThrow(/services\.0\.credentials\.0: looks like a secret value/);
      expect(parse(bad)).not.toThrow(bad.split(' ').at(-1)!);
    }
  });

  it("the starter config parses, and so does its SSH host example once uncommented", () => {
    const text = starterConfig('/home/alex/Obsidian/Homelab');
    expect(parseConfigText(text, '/e/vigil.yaml', env).hosts.map((h) => h.name)).toEqual(['local']);
    const withNas = text.replace(/^ {2}# (- name: nas)$/m, '  $1').replace(/^ {2}# {3}(ssh|docker): /gm, '    $1: ');
    expect(parseConfigText(withNas, '/e/vigil.yaml', env).hosts.find((h) => h.name === 'nas')).toMatchObject({ kind: 'ssh', ssh: { host: '192.168.1.10', user: 'vigil' } });
  });

  it('takes check options, enabled flags and timeouts', () => {
    const c = parseConfigText(
      'vault: /v\nchecks:\n  listening-sockets: { allow: ["*:22/tcp"], timeout: 5s }\n  collector-self: { enabled: false }\n',
      '/x.yaml',
      env,
    );
    expect(c.checks['listening-sockets']).toEqual({ enabled: true, timeoutMs: 5000, options: { allow: ['*:22/tcp'] } });
    expect(c.checks['collector-self'].enabled).toBe(false);
  });

  it('reports every problem at once, in line order', () => {
    try {
      parseConfigText('vault: /v\nfolder: 3\nrun: { host_concurrency: 0 }\nbogus: 1\n', '/x.yaml', env);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const lines = (error as ConfigError).problems.map((p) => p.line);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
      expect((error as ConfigError).problems.length).toBe(3);
    }
  });

  it('uses defaults with no file, and an explicit missing file is an error', async () => {
    const dir = await tempDir();
    const e = { env: {}, home: join(dir, 'home'), cwd: dir };
    const c = await loadConfig(null, e);
    expect(c.file).toBeNull();
    expect(c.vault).toBe(join(dir, 'vigil-vault'));
    await expect(loadConfig('nope.yaml', e)).rejects.toThrow(/nope\.yaml:1: cannot read the config file: no such file/);
  });

  it('finds ./vigil.yaml, then $VIGIL_CONFIG first when set', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'vigil.yaml'), 'vault: ./here\n');
    await mkdir(join(dir, 'other'));
    await writeFile(join(dir, 'other', 'v.yaml'), 'vault: ./there\n');
    expect((await loadConfig(null, { env: {}, home: dir, cwd: dir })).vault).toBe(join(dir, 'here'));
    expect((await loadConfig(null, { env: { VIGIL_CONFIG: 'other/v.yaml' }, home: dir, cwd: dir })).vault).toBe(join(dir, 'other', 'there'));
  });

  it('has safe defaults without any file', () => {
    const c = defaultConfig(env);
    expect(c.hosts.map((h) => h.name)).toEqual(['local']);
    expect(c.vault).toBe('/work/vigil-vault');
  });
});

describe('path expansion and units', () => {
  it('expands ~ only at the start and reports unset variables', () => {
    expect(expandPath('~/x/~', {}, '/h')).toEqual({ ok: true, path: '/h/x/~' });
    expect(expandPath('$A/${B}', { A: '1', B: '2' }, '/h')).toEqual({ ok: true, path: '1/2' });
    expect(expandPath('$NOPE/x', {}, '/h')).toEqual({ ok: false, missing: 'NOPE' });
  });

  it('parses durations and sizes as people write them', () => {
    expect(parseDuration('26h')).toBe(26 * 3_600_000);
    expect(parseDuration('1h30m')).toBe(90 * 60_000);
    expect(parseDuration('8 days')).toBeNull();
    expect(parseSize('10MB')).toBe(10_000_000);
    expect(parseSize('1.5GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('ten')).toBeNull();
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatSize(1536)).toBe('1.5 KiB');
  });
});
