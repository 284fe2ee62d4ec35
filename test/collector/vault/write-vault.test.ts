import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBlock } from '../../../shared/managed-blocks';
import { parseFrontmatter, splitNote } from '../../../shared/frontmatter';
import { VaultError } from '../../../collector/errors/vault-error';
import { VaultWriter, type NoteSpec } from '../../../collector/vault/write-vault';
import { tempDir } from '../../helpers/tmp';

const incident = (status: string, seen: string): NoteSpec => ({
  path: 'Incidents/2026/2026-11-23 Port 3306 open on nas.md',
  ownership: 'blocks',
  frontmatter: { vigil: 'incident', vigil_schema: 1, severity: 'high', last_seen: seen },
  body: `# Port 3306 open on nas\n\n## Notes\n\n${renderBlock('timeline', status)}\n`,
});

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(join(e.parentPath, e.name));
  return out.sort();
}

describe('vault writer', () => {
  it('creates notes 0600 in 0700 folders, inside the Vigil folder only', async () => {
    const vault = await tempDir();
    const w = new VaultWriter(vault, 'Vigil');
    expect(await w.write(incident('opened', '1'))).toBe('created');
    const file = join(vault, 'Vigil/Incidents/2026/2026-11-23 Port 3306 open on nas.md');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(vault, 'Vigil/Incidents/2026'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(vault, 'Vigil'))).mode & 0o777).toBe(0o700);
    expect(w.summary.created).toEqual(['Vigil/Incidents/2026/2026-11-23 Port 3306 open on nas.md']);
  });

  it('does not touch a file whose content would not change', async () => {
    const vault = await tempDir();
    const w = new VaultWriter(vault, 'Vigil');
    await w.write(incident('opened', '1'));
    const file = join(vault, 'Vigil/Incidents/2026/2026-11-23 Port 3306 open on nas.md');
    const before = await stat(file);
    await new Promise((r) => setTimeout(r, 20));
    expect(await w.write(incident('opened', '1'))).toBe('unchanged');
    const after = await stat(file);
    expect([after.mtimeMs, after.ino]).toEqual([before.mtimeMs, before.ino]);
  });

  it('keeps the user\'s text, frontmatter keys and formatting across 20 runs', async () => {
    const vault = await tempDir();
    const w = new VaultWriter(vault, 'Vigil');
    await w.write(incident('opened', '0'));
    const file = join(vault, 'Vigil/Incidents/2026/2026-11-23 Port 3306 open on nas.md');
    const original = await readFile(file, 'utf8');
    const edited = original
      .replace('vigil_schema: 1\n', 'vigil_schema: 1\nowner: "me"   # my comment\n')
      .replace('## Notes\n', '## Notes\n\nI think this is the backup MariaDB. Ticket #42.\n- [ ] close the port\n');
    await writeFile(file, edited);
    for (let run = 1; run <= 20; run++) await w.write(incident(`run ${run}`, String(run)));
    const final = await readFile(file, 'utf8');
    expect(final).toContain('I think this is the backup MariaDB. Ticket #42.\n- [ ] close the port\n');
    const fm = parseFrontmatter(splitNote(final).yaml!);
    expect(fm).toMatchObject({ owner: 'me', last_seen: '20' });
    expect(final).toContain('run 20');
    expect(final).not.toContain('run 19');
  });

  it('leaves a note whose frontmatter or blocks are damaged exactly as it was, and says why', async () => {
    const vault = await tempDir();
    const w = new VaultWriter(vault, 'Vigil');
    await w.write(incident('opened', '0'));
    const file = join(vault, 'Vigil/Incidents/2026/2026-11-23 Port 3306 open on nas.md');
    for (const damaged of ['---\nvigil: [unclosed\n---\nbody\n', `---\nvigil: incident\n---\n%% vigil:begin timeline %%\nno end\n`]) {
      await writeFile(file, damaged);
      const result = await w.write(incident('later', '9'));
      expect(result).toBeInstanceOf(VaultError);
      expect((result as VaultError).message).toMatch(/^Vigil\/Incidents\/2026\/2026-11-23 Port 3306 open on nas\.md: its (frontmatter does not parse \(line \d+\)|managed blocks are damaged)/);
      expect(await readFile(file, 'utf8')).toBe(damaged);
    }
    // Left as the user has it on purpose: "kept", not a failed write (the run does not fail for it).
    expect(w.summary.errors).toHaveLength(0);
    expect(w.summary.kept).toHaveLength(2);
    expect((await w.write(incident('later', '9'))) as VaultError).toMatchObject({ kept: true });
  });

  it('refuses paths that leave the folder, and folders that are links leading out', async () => {
    const vault = await tempDir();
    const outside = await tempDir();
    const w = new VaultWriter(vault, 'Vigil');
    for (const path of ['../escape.md', '/etc/passwd.md', 'Reports/../../x.md', 'a\\b.md', 'x.txt']) {
      expect(await w.write({ path, ownership: 'whole', frontmatter: {}, body: '' }), path).toBeInstanceOf(VaultError);
    }
    await mkdir(join(vault, 'Vigil'), { recursive: true });
    await symlink(outside, join(vault, 'Vigil', 'Reports'));
    const r = await w.write({ path: 'Reports/x.md', ownership: 'whole', frontmatter: {}, body: 'x' });
    expect(r).toBeInstanceOf(VaultError);
    expect(await readdir(outside)).toEqual([]);
    await symlink('/etc/hostname', join(vault, 'Vigil', 'note.md'));
    expect(await w.write({ path: 'note.md', ownership: 'whole', frontmatter: {}, body: 'x' })).toBeInstanceOf(VaultError);
    expect((await lstat(join(vault, 'Vigil', 'note.md'))).isSymbolicLink()).toBe(true);
  });

  it('keeps CRLF notes CRLF', async () => {
    const vault = await tempDir();
    const w = new VaultWriter(vault, 'Vigil');
    await w.write(incident('a', '1'));
    const file = join(vault, 'Vigil/Incidents/2026/2026-11-23 Port 3306 open on nas.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/\n/g, '\r\n'));
    await w.write(incident('b', '2'));
    const text = await readFile(file, 'utf8');
    expect(text).toContain('\r\nb\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  describe('full and read-only file systems (tmpfs mounts)', () => {
    const canMount = (() => {
      try {
        execFileSync('mount', ['--version'], { stdio: 'ignore' });
        return process.getuid?.() === 0;
      } catch {
        return false;
      }
    })();

    it.runIf(canMount)('a full disk or a read-only vault loses nothing and leaves no temp file', async () => {
      const base = await tempDir();
      const vault = join(base, 'vault');
      await mkdir(vault);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', vault]);
      try {
        const w = new VaultWriter(vault, 'Vigil');
        expect(await w.write(incident('opened', '1'))).toBe('created');
        const file = join(vault, 'Vigil/Incidents/2026/2026-11-23 Port 3306 open on nas.md');
        const before = await readFile(file, 'utf8');
        const huge = { ...incident('x'.repeat(200_000), '2') };
        const full = await w.write(huge);
        expect(full).toBeInstanceOf(VaultError);
        expect((full as VaultError).message).toMatch(/no space left on the device/);
        expect(await readFile(file, 'utf8')).toBe(before);
        execFileSync('mount', ['-o', 'remount,ro', vault]);
        const ro = await w.write(incident('changed', '3'));
        expect((ro as VaultError).message).toMatch(/read-only file system/);
        expect(await readFile(file, 'utf8')).toBe(before);
        expect((await allFiles(vault)).filter((f) => f.includes('.vigil-tmp-'))).toEqual([]);
      } finally {
        execFileSync('umount', [vault]);
      }
    });
  });
});
