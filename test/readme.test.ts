// Keep the README true: every `vigil …` command in its shell blocks runs, in order, as a new user would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, vigil } from './helpers/cli';
import { tempDir } from './helpers/tmp';

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

  it('every vigil command in it runs', async () => {
    const home = await tempDir();
    const vigilLines = commands.filter((c) => c.startsWith('vigil '));
    expect(vigilLines.length).toBeGreaterThanOrEqual(8);
    for (const line of vigilLines) {
      const args = line.split(/\s+/).slice(1);
      const r = await vigil(args, { cwd: home, env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state') } });
      const allowed = args.includes('--fail-on') ? [0, 1] : [0];
      expect(allowed, `${line}\n${r.stderr}`).toContain(r.code);
    }
  }, 120_000);
});
