// Install the built Obsidian plugin into a vault and enable it, writing only what changed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDir } from '../fs/atomic-write';
import { writeIfChanged } from '../fs/write-if-changed';
import { VaultError } from '../errors/vault-error';

/** The plugin's files, as Obsidian expects them in `.obsidian/plugins/<id>/`. */
export const PLUGIN_FILES = ['main.js', 'manifest.json', 'styles.css'] as const;

/** Copy the plugin from `packageRoot` into `vault` and list it in community-plugins.json. */
export async function installPlugin(vault: string, packageRoot: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(packageRoot, 'manifest.json'), 'utf8')) as { id: string };
  const dir = join(vault, '.obsidian', 'plugins', manifest.id);
  await ensureDir(dir);
  for (const file of PLUGIN_FILES) {
    let content: string;
    try {
      content = await readFile(join(packageRoot, file), 'utf8');
    } catch {
      throw new VaultError(`.obsidian/plugins/${manifest.id}/${file}`, `${file} is missing from ${packageRoot}; run \`npm run build\` first`);
    }
    await writeIfChanged(join(dir, file), content);
  }
  const listPath = join(vault, '.obsidian', 'community-plugins.json');
  let enabled: string[] = [];
  try {
    const parsed = JSON.parse(await readFile(listPath, 'utf8')) as unknown;
    if (Array.isArray(parsed)) enabled = parsed.filter((x): x is string => typeof x === 'string');
  } catch {
    enabled = [];
  }
  if (!enabled.includes(manifest.id)) enabled.push(manifest.id);
  await writeIfChanged(listPath, `${JSON.stringify(enabled, null, 2)}\n`);
}
