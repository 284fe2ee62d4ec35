// Golden test: the whole demo vault's notes, byte for byte. Update deliberately with
// VIGIL_UPDATE_GOLDEN=1 npx vitest run test/cli/demo-golden.test.ts — then read the diff before committing.
import { cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, vigil } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const GOLDEN = join(ROOT, 'test/golden/demo-vault');

async function notes(dir: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return all.filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

describe('demo vault golden files', () => {
  it('matches test/golden/demo-vault exactly', async () => {
    const vault = join(await tempDir(), 'demo');
    const r = await vigil(['demo', '--vault', vault]);
    expect(r.code, r.stderr).toBe(0);
    const produced = join(vault, 'Vigil');
    if (process.env.VIGIL_UPDATE_GOLDEN === '1') {
      await rm(GOLDEN, { recursive: true, force: true });
      await mkdir(GOLDEN, { recursive: true });
      await cp(produced, GOLDEN, { recursive: true });
    }
    const want = await notes(GOLDEN);
    expect(await notes(produced)).toEqual(want);
    for (const file of want) {
      expect(await readFile(join(produced, file), 'utf8'), file).toBe(await readFile(join(GOLDEN, file), 'utf8'));
    }
  });
});
