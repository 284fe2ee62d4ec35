// Plaintext password-manager exports left behind: CSV files whose header has a password column
// (Bitwarden/Vaultwarden, 1Password, KeePass/KeePassXC, Dashlane, LastPass, Chrome, Firefox) and
// Bitwarden's unencrypted JSON export, in temp and download folders.
import { isProbeError } from '../../errors/probe-error';
import type { Host } from '../../host/host';
import { expandRoots } from './walk';

/** A plaintext export as the analyzer sees it: where, which manager, when — never a row of it. */
export interface PasswordExport {
  path: string;
  format: string;
  mtimeMs: number;
  mode: number;
}

/** The header columns of a CSV line, lower-cased, quotes and BOM removed. */
export function csvColumns(line: string): string[] {
  const clean = line.replace(/^\uFEFF/, '').trim();
  const separator = [',', ';', '\t'].map((s) => ({ s, n: clean.split(s).length })).sort((a, b) => b.n - a.n)[0]!.s;
  return clean.split(separator).map((c) => c.trim().replace(/^"|"$/g, '').trim().toLowerCase());
}

/**
 * Which password manager wrote this header, or null when it has no password column. Column sets
 * from each manager's documented export (Bitwarden "Condition an import file", 1Password, KeePassXC,
 * Dashlane credentials.csv, LastPass, Chromium and Firefox password exports).
 */
export function passwordExportFormat(headerLine: string): string | null {
  const cols = new Set(csvColumns(headerLine));
  const has = (...names: string[]) => names.every((n) => cols.has(n));
  if (has('login_password') && (has('login_username') || has('login_uri'))) return 'Bitwarden';
  if (!has('password')) return null;
  if (has('otpauth', 'title')) return '1Password';
  if (has('group', 'title', 'username')) return 'KeePass';
  if (has('username2') || has('otpsecret') || (has('category', 'title', 'note'))) return 'Dashlane';
  if (has('grouping', 'extra')) return 'LastPass';
  if (has('httprealm')) return 'Firefox';
  if (has('name', 'url', 'username')) return 'Chrome';
  return ['username', 'user', 'login', 'email', 'url', 'title', 'name'].some((c) => cols.has(c)) ? 'password manager' : null;
}

/** Bitwarden's JSON export: `"encrypted": false` and login items (its encrypted export says true). */
export function isPlainBitwardenJson(head: string): boolean {
  return /"encrypted"\s*:\s*false/.test(head) && /"items"\s*:/.test(head);
}

/** Exports are small; anything bigger is not one. */
const MAX_EXPORT_BYTES = 32 * 1024 * 1024;
/** Temp folders hold mktemp subfolders (the export script's private dir): look two levels down. */
const EXPORT_DEPTH = 2;
/** Bound on files inspected, so a /tmp with thousands of CSVs stays cheap. */
const MAX_INSPECTED = 500;

/** Find plaintext exports in the given folders (globs allowed), reading only .csv and Bitwarden .json files. */
export async function probeExports(host: Host, patterns: readonly string[], signal: AbortSignal): Promise<PasswordExport[]> {
  const found: PasswordExport[] = [];
  let inspected = 0;
  const visit = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await host.list(dir);
    } catch (error) {
      if (isProbeError(error, 'ENOTRECORDED')) throw error;
      return; // other users' private temp dirs are closed to us, as they should be
    }
    for (const e of entries) {
      const path = `${dir.replace(/\/$/, '')}/${e.name}`;
      if (e.type === 'dir' && depth < EXPORT_DEPTH) await visit(path, depth + 1);
      const csv = /\.csv$/i.test(e.name);
      const json = /\.json$/i.test(e.name) && /bitwarden|vaultwarden/i.test(e.name);
      if (e.type !== 'file' || !(csv || json) || inspected >= MAX_INSPECTED) continue;
      inspected++;
      try {
        const stat = await host.stat(path);
        if (!stat || stat.type !== 'file' || stat.size > MAX_EXPORT_BYTES) continue;
        const text = (await host.readFile(path, { maxBytes: MAX_EXPORT_BYTES, signal })).toString('utf8');
        const format = csv ? passwordExportFormat(text.split('\n', 1)[0] ?? '') : isPlainBitwardenJson(text.slice(0, 4096)) ? 'Bitwarden JSON' : null;
        if (format) found.push({ path, format, mtimeMs: stat.mtimeMs, mode: stat.mode });
      } catch (error) {
        if (isProbeError(error, 'ENOTRECORDED')) throw error;
      }
    }
  };
  for (const root of await expandRoots(host, patterns)) await visit(root, 0);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
