// Keep the README true: every `vigil …` command in its shell blocks runs, in order, as a new user would.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, vigil } from './helpers/cli';
import { requireBinary } from './helpers/binaries';
import { makeKey, startSshd, type Sshd } from './helpers/sshd';
import { tempDir } from './helpers/tmp';
import { parseConfigText } from '../collector/config/load';

/** Command lines from ```sh blocks, comments stripped. */
export function readmeCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) => b.split('\n')).map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
}

describe('README', () => {
  const commands = readmeCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));

  it('gives the two commands: the demo and the tests', () => {
    expect(commands).toContain('npm ci && npm run demo');
    expect(commands).toContain('npm test');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.demo).toMatch(/vigil\.mjs demo/);
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/npm test/);
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/npm run demo/);
  });

  it('its example vigil.yaml is a valid config', () => {
    const yamlBlocks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const example = yamlBlocks.find((b) => b.includes('hosts:'));
    expect(example).toBeDefined();
    const config = parseConfigText(example!, '/home/alex/.config/vigil/vigil.yaml', { env: { HOME: '/home/alex' }, home: '/home/alex', cwd: '/home/alex' });
    expect(config.hosts.map((h) => h.name)).toEqual(['local', 'nas', 'old-pi']);
    expect(config.backups.length).toBeGreaterThanOrEqual(3);
    expect(config.services.map((s) => s.name)).toContain('gitea');
  });

  it('every vigil command in it runs', async () => {
    const home = await tempDir();
    const vigilLines = commands.filter((c) => c.startsWith('vigil '));
    expect(vigilLines.length).toBeGreaterThanOrEqual(8);
    let sshd: Sshd | null = null;
    try {
      for (const line of vigilLines) {
        const args = line.split(/\s+/).slice(1);
        let allowed = args.includes('--fail-on') ? [0, 1] : [0];
        if (args[0] === 'trust') {
          // `vigil trust nas` needs an SSH host called nas: a real sshd joins the config `vigil init` wrote.
          if (!requireBinary('sshd', 'openssh-server')) continue;
          const key = makeKey(join(home, 'id_ed25519'));
          sshd = await startSshd(join(home, 'sshd'), [key.line]);
          const cfg = join(home, '.config', 'vigil', 'vigil.yaml');
          const entry = `  - name: nas\n    ssh: { host: 127.0.0.1, port: ${sshd.port}, user: root, key: ${key.path} }\n`;
          writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('hosts:\n', `hosts:\n${entry}`));
          // Without a terminal it shows the fingerprint and asks for --yes instead of pinning silently.
          allowed = [2];
        }
        const r = await vigil(args, { cwd: home, env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state') } });
        expect(allowed, `${line}\n${r.stdout}\n${r.stderr}`).toContain(r.code);
        if (args[0] === 'trust') {
          expect(r.stdout).toMatch(/nas \(127\.0\.0\.1:\d+\) presents a ssh-ed25519 key\n {2}SHA256:/);
          expect(r.stderr).toContain('re-run with --yes once you have compared the fingerprint');
        }
      }
    } finally {
      await sshd?.stop();
    }
  }, 120_000);
});
