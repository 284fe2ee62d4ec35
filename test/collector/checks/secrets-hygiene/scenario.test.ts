// Recorded scenarios, live: real directory trees made in a temp dir and scanned through LocalHost.
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSecrets } from '../../../../collector/checks/secrets-hygiene/analyze';
import { gatherSecrets, secretHash, type SecretsOptions } from '../../../../collector/checks/secrets-hygiene/probe';
import { LocalHost } from '../../../../collector/host/local-host';
import { tempDir } from '../../../helpers/tmp';
import { leakedPiece, makeCanaries } from './canaries';
import { makeTree, optionsFor } from './tree';

const NOW = new Date('2026-11-23T06:15:00Z');
const SALT = 'scenario-salt';

async function scan(options: SecretsOptions) {
  const obs = await gatherSecrets(new LocalHost('lab'), { options, salt: SALT, sudo: false, signal: new AbortController().signal, budgetMs: 60_000 });
  return { obs, findings: analyzeSecrets(obs, 'lab', NOW) };
}

describe('secrets-hygiene on a Docker host tree (opt/stacks, scripts, a forgotten export, a loose key)', async () => {
  const root = await tempDir();
  const c = makeCanaries(7);
  await makeTree(root, {
    'opt/stacks/paperless/compose.yaml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${PAPERLESS_DBPASS}\n',
    'opt/stacks/paperless/.env': { text: `TZ=Europe/Berlin\n${c.lines['generic-password']}\n${c.lines['generic-secret']}\n`, mode: 0o600 },
    'opt/stacks/infra/.env': Object.values(c.lines).join('\n'),
    'usr/local/bin/backup.sh': { text: `#!/bin/sh\nset -eu\n${c.lines['ntfy-token']}\n`, mode: 0o755 },
    // A secret inside a binary, a file over the size cap, a symlink loop, a link to /dev/zero and a FIFO: none is read.
    'opt/stacks/ntfy/cache.db': Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.from(c.lines['github-token']!)]),
    'opt/stacks/big/huge.log': `${'x'.repeat(3 * 1024 * 1024)}\n${c.lines['aws-access-key']}\n`,
    'opt/stacks/loop/self': { symlink: '..' },
    'opt/stacks/loop/zero': { symlink: '/dev/zero' },
    'opt/stacks/loop/pipe': { fifo: true },
    // Ignored three ways: by path glob, by path and rule, by salted hash.
    'opt/stacks/accepted/.vigilignore': `# accepted\nlegacy/**\nnut.users:generic-password\n${secretHash(SALT, Buffer.from('FAKEEXAMPLEkeptHashIgnored1'))}\n`,
    'opt/stacks/accepted/legacy/old.env': c.lines['gitlab-token']!,
    'opt/stacks/accepted/nut.users': '[upsmon]\n\tpassword = FAKEEXAMPLEnutpw\n',
    'opt/stacks/accepted/app.env': 'API_TOKEN=FAKEEXAMPLEkeptHashIgnored1\n',
    'opt/stacks/skip/x.env.example': c.lines['slack-token']!,
    'keys/id_ed25519': { text: c.keyFile, mode: 0o644 },
    'keys/id_rsa_private': { text: c.keyFile, mode: 0o600 },
    'Downloads/tmp.x1/export.csv': c.exportCsv,
  });
  // mkdtemp makes the root 0700; open it like a home folder so the key is really readable by all.
  await chmod(root, 0o755);
  const options = optionsFor(join(root, 'opt'), {
    paths: [join(root, 'opt'), join(root, 'usr/local/bin')],
    exclude: ['*.example'],
    key_paths: [join(root, 'keys')],
    export_paths: [join(root, 'Down*')],
  });
  const { obs, findings } = await scan(options);

  it('finds every rule\'s canary once, with path, line and rule', () => {
    const infra = obs.secrets.filter((s) => s.path.endsWith('infra/.env'));
    expect(infra.map((s) => s.rule).sort()).toEqual(Object.keys(c.lines).sort());
    expect(infra.find((s) => s.rule === 'github-token')).toMatchObject({ line: 3, readableByOthers: true });
    const paperless = obs.secrets.filter((s) => s.path.endsWith('paperless/.env'));
    expect(paperless.map((s) => [s.rule, s.line, s.readableByOthers])).toEqual([
      ['generic-password', 2, false],
      ['generic-secret', 3, false],
    ]);
    expect(obs.secrets.find((s) => s.path.endsWith('backup.sh'))).toMatchObject({ rule: 'ntfy-token', line: 3 });
  });

  it('skips the binary, the oversized file, symlinks and the FIFO, and says so', () => {
    expect(obs.secrets.some((s) => s.path.includes('ntfy/cache.db') || s.path.includes('huge.log'))).toBe(false);
    expect(obs.scan).toMatchObject({ binary: 1, tooBig: 1, symlinks: 2, excluded: 1, partial: null });
  });

  it('honours .vigilignore by path glob, by path:rule and by salted hash', () => {
    expect(obs.secrets.some((s) => s.path.includes('/accepted/'))).toBe(false);
    expect(obs.scan.ignored).toBe(1);
    expect(obs.ignoredSecrets).toBe(2);
  });

  it('flags the world-readable unencrypted key (critical) and the Chrome export (critical), not the 0600 key', () => {
    expect(obs.keys.map((k) => k.path)).toEqual([join(root, 'keys/id_ed25519')]);
    const key = findings.find((f) => f.subject.startsWith('key '));
    expect(key).toMatchObject({ severity: 'critical', title: `Private key readable by every user on lab: ${join(root, 'keys/id_ed25519')}` });
    expect(key?.evidence).toMatchObject({ mode: '0644', kind: 'openssh', passphrase: 'unknown', reachable_by_others: true });
    const exported = findings.find((f) => f.subject.startsWith('export '));
    expect(exported).toMatchObject({ severity: 'critical', title: `Plaintext Chrome export left on lab: ${join(root, 'Downloads/tmp.x1/export.csv')}` });
  });

  it('rates the same key medium when a folder above it keeps other users out', async () => {
    await chmod(root, 0o700);
    try {
      const key = (await scan(options)).findings.find((f) => f.subject.startsWith('key '));
      expect(key).toMatchObject({ severity: 'medium', title: `Private key with world-readable permissions on lab: ${join(root, 'keys/id_ed25519')} (a folder above keeps others out)` });
    } finally {
      await chmod(root, 0o755);
    }
  });

  it('findings carry path, line, rule and hash — never a value or a piece of one', () => {
    const text = JSON.stringify(findings);
    expect(leakedPiece(text, c.secrets)).toBeNull();
    expect(leakedPiece(JSON.stringify(obs), c.secrets)).toBeNull();
    const aws = findings.find((f) => f.evidence?.rule === 'aws-access-key')!;
    expect(aws.title).toBe(`AWS access key in ${join(root, 'opt/stacks/infra/.env')}:2 on lab`);
    expect(Object.keys(aws.evidence!).sort()).toEqual(['hash', 'line', 'path', 'readable_by_others', 'rule']);
    expect(aws.evidence!.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives the same subjects on a second run even when lines move', async () => {
    const again = await scan(optionsFor(join(root, 'opt'), { paths: [join(root, 'opt'), join(root, 'usr/local/bin')], exclude: ['*.example'] }));
    const subjects = (fs: typeof findings) => fs.filter((f) => f.evidence?.rule).map((f) => f.subject).sort();
    expect(subjects(again.findings)).toEqual(subjects(findings));
  });
});

describe('secrets-hygiene on a clean tree (placeholders, references, hashes)', async () => {
  const root = await tempDir();
  await makeTree(root, {
    'opt/stacks/vaultwarden/.env': "DOMAIN=https://vault.home.arpa\nADMIN_TOKEN='$argon2id$v=19$m=65540,t=3,p=4$FAKEsalt$FAKEhash'\nSMTP_PASSWORD=${SMTP_PASSWORD}\n",
    'opt/stacks/paperless/compose.yaml': 'services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD_FILE=/run/secrets/db_password\n      - POSTGRES_USER=paperless\nsecrets:\n  db_password:\n    file: ./db_password.txt\n',
    'opt/stacks/app/.env.sample': 'API_KEY=<your api key>\nPASSWORD=changeme\nTOKEN=\n',
    'etc/nsswitch.conf': 'passwd:         files systemd\ngroup:          files systemd\n',
    'etc/ssh/sshd_config': 'PasswordAuthentication no\nPermitRootLogin prohibit-password\n',
    'etc/ha/configuration.yaml': 'mqtt:\n  password: !secret mqtt_password\n',
  });
  it('finds nothing', async () => {
    const { obs, findings } = await scan(optionsFor(root));
    expect(findings).toEqual([]);
    expect(obs.scan.files).toBe(6);
  });
});

describe('secrets-hygiene bounds', async () => {
  const root = await tempDir();
  await makeTree(root, Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`d${i % 3}/f${i}.conf`, `key_${i}: value\n`])));
  it('stops at max_files with a partial finding naming the bound', async () => {
    const { obs, findings } = await scan(optionsFor(root, { max_files: 10 }));
    expect(obs.scan.partial).toBe('max_files (10) files were read');
    expect(obs.scan.files).toBeLessThan(30);
    expect(findings).toEqual([expect.objectContaining({ subject: 'scan-partial', severity: 'info', title: 'Secrets scan on lab stopped early: max_files (10) files were read' })]);
  });
  it('stops when the time budget runs out', async () => {
    const obs = await gatherSecrets(new LocalHost('lab'), { options: optionsFor(root), salt: SALT, sudo: false, signal: new AbortController().signal, budgetMs: -1 });
    expect(obs.scan.partial).toBe('the time budget ran out');
  });
  it('does not descend below max_depth', async () => {
    await makeTree(root, { 'a/b/c/d/deep.env': 'PASSWORD=FAKEEXAMPLEdeep\n' });
    expect((await scan(optionsFor(root, { max_depth: 2 }))).obs.secrets).toEqual([]);
    expect((await scan(optionsFor(root, { max_depth: 4 }))).obs.secrets.map((s) => s.rule)).toEqual(['generic-password']);
  });
});
