// Run the built CLI (dist/vigil.mjs) as a user would, capturing exit code and output.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');
/** The built collector. */
export const VIGIL = resolve(ROOT, 'dist/vigil.mjs');

/** Per-process XDG dirs, so tests never read or write the real ~/.config/vigil or ~/.local/state/vigil. */
const XDG = mkdtempSync(join(tmpdir(), 'vigil-xdg-'));

/** What a CLI run produced. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run `node dist/vigil.mjs ...args`; fails loudly when the build is missing. */
export function vigil(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  if (!existsSync(VIGIL)) throw new Error(`${VIGIL} is missing: run \`npm run build\` first`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [VIGIL, ...args], {
      cwd: options.cwd ?? ROOT,
      env: {
        ...process.env,
        NO_COLOR: '1',
        FORCE_COLOR: '',
        XDG_STATE_HOME: join(XDG, 'state'),
        XDG_CONFIG_HOME: join(XDG, 'config'),
        VIGIL_CONFIG: '',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}
