// Acceptance of the foundation: the README's demo command, run as a new user would, on the built CLI.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontmatter, splitNote } from '../../shared/frontmatter';
import { validateNoteFrontmatter } from '../../shared/note-schema';
import { vigil } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(join(e.parentPath, e.name));
  return out.sort();
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const f of await filesUnder(dir)) {
    const s = await stat(f);
    map.set(relative(dir, f), `${s.mtimeMs}:${s.ino}:${(await readFile(f)).toString('base64')}`);
  }
  return map;
}

describe('vigil demo', () => {
  it('writes a vault whose every note parses and validates, with the plugin installed and enabled', async () => {
    const base = await tempDir();
    const vault = join(base, 'demo');
    const r = await vigil(['demo', '--vault', vault], { env: { XDG_STATE_HOME: join(base, 'state') } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`the demo vault is in ${vault}`);
    const notes = (await filesUnder(vault)).filter((f) => f.endsWith('.md'));
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      const split = splitNote(await readFile(note, 'utf8'));
      expect(split.yaml, note).not.toBeNull();
      const verdict = validateNoteFrontmatter(parseFrontmatter(split.yaml!));
      expect(verdict, note).toMatchObject({ state: 'valid' });
    }
    expect(JSON.parse(await readFile(join(vault, '.obsidian/community-plugins.json'), 'utf8'))).toContain('vigil');
    for (const f of ['main.js', 'manifest.json', 'styles.css']) {
      expect((await stat(join(vault, '.obsidian/plugins/vigil', f))).size).toBeGreaterThan(0);
    }
    const stateDir = /run reports are in (.*)\n/.exec(r.stderr)?.[1] ?? '';
    expect(stateDir.startsWith(join(base, 'state', 'vigil', 'demo-'))).toBe(true);
    const report = JSON.parse(await readFile(join(stateDir, 'latest.json'), 'utf8'));
    expect(report.findings.filter((f: { check: string }) => f.check === 'check-failed')).toEqual([]);
    expect(new Set(report.hosts.map((h: { name: string }) => h.name))).toEqual(new Set(['ubuntu', 'nas', 'sentinel']));
  });

  it('a second run rewrites no file: contents, inodes and mtimes unchanged', async () => {
    const vault = join(await tempDir(), 'demo');
    expect((await vigil(['demo', '--vault', vault])).code).toBe(0);
    const first = await snapshot(vault);
    await new Promise((r) => setTimeout(r, 30));
    const again = await vigil(['demo', '--vault', vault]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/0 notes written/);
    expect(await snapshot(vault)).toEqual(first);
  });

  it('keeps a user\'s edits to an incident note (text outside blocks, an added key) through 20 further runs', async () => {
    const vault = join(await tempDir(), 'demo');
    expect((await vigil(['demo', '--vault', vault])).code).toBe(0);
    const [incident] = (await filesUnder(join(vault, 'Vigil/Incidents'))).filter((f) => f.endsWith('.md'));
    const text = await readFile(incident!, 'utf8');
    const edited = text.replace('vigil_schema: 1\n', 'vigil_schema: 1\nticket: "HOME-42"\n').replace('## Notes\n', '## Notes\n\nTalked to Sam: this box goes away in December.\n');
    await writeFile(incident!, edited);
    for (let i = 0; i < 20; i++) expect((await vigil(['demo', '--vault', vault, '--quiet'])).code).toBe(0);
    const after = await readFile(incident!, 'utf8');
    expect(after).toBe(edited);
  }, 180_000);

  it('keeps a user-added frontmatter key on the digest through 20 further runs', async () => {
    const vault = join(await tempDir(), 'demo');
    expect((await vigil(['demo', '--vault', vault])).code).toBe(0);
    const [digest] = (await filesUnder(join(vault, 'Vigil/Reports'))).filter((f) => f.endsWith('digest.md'));
    const text = await readFile(digest!, 'utf8');
    await writeFile(digest!, text.replace('period: "daily"\n', 'period: "daily"\nreviewed_by: "alex"\n'));
    for (let i = 0; i < 20; i++) expect((await vigil(['demo', '--vault', vault, '--quiet'])).code).toBe(0);
    expect(parseFrontmatter(splitNote(await readFile(digest!, 'utf8')).yaml!)).toMatchObject({ reviewed_by: 'alex', vigil: 'report' });
  }, 120_000);

  it('a crash between writing the temp file and renaming it leaves the old note and no temp file after the next run', async () => {
    const vault = join(await tempDir(), 'demo');
    expect((await vigil(['demo', '--vault', vault])).code).toBe(0);
    // The final day's digest: a repeated demo re-runs that day only.
    const digest = (await filesUnder(join(vault, 'Vigil/Reports'))).filter((f) => f.endsWith('digest.md')).at(-1);
    // Make the digest differ from what the demo writes, so the next run must rewrite it.
    const edited = (await readFile(digest!, 'utf8')).replace('# Daily audit', '# Edited daily audit');
    await writeFile(digest!, edited);
    const crashed = await vigil(['demo', '--vault', vault], { env: { VIGIL_TEST_FAULT: 'kill-before-rename' } });
    expect(crashed.signal).toBe('SIGKILL');
    expect(await readFile(digest!, 'utf8')).toBe(edited);
    expect((await filesUnder(vault)).filter((f) => f.includes('.vigil-tmp-')).length).toBeGreaterThan(0);
    const next = await vigil(['demo', '--vault', vault]);
    expect(next.code, next.stderr).toBe(0);
    expect((await filesUnder(vault)).filter((f) => f.includes('.vigil-tmp-'))).toEqual([]);
    expect(await readFile(digest!, 'utf8')).toContain('# Daily audit');
  });
});
