// The per-installation salt: secret values are represented by salted hashes that cannot be reversed or compared across installs.
import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** File name of the salt inside state_dir. */
export const SALT_FILE = 'salt';

/** Read the salt, creating it (0600) on first use; in a dry run an ephemeral one is used when none exists. */
export async function loadSalt(stateDir: string, create: boolean): Promise<string> {
  const path = join(stateDir, SALT_FILE);
  try {
    const existing = (await readFile(path, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(existing)) return existing;
  } catch {
    // missing: create below
  }
  const salt = randomBytes(32).toString('hex');
  if (!create) return salt;
  try {
    const handle = await open(path, 'wx', 0o600);
    await handle.writeFile(`${salt}\n`);
    await handle.close();
    return salt;
  } catch (error) {
    // Another process created it between our read and our create: use theirs.
    if ((error as { code?: string }).code === 'EEXIST') return (await readFile(path, 'utf8')).trim();
    throw error;
  }
}
