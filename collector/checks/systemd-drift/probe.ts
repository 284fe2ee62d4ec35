// Ask systemctl for loaded units, failed units and installed unit files; tell "no systemd here" from a real failure.
import { isProbeError, ProbeError } from '../../errors/probe-error';
import type { ExecResult, Host } from '../../host/host';

/**
 * Every service, socket and timer systemd has loaded, whatever its state (list-units prints only loaded units).
 * Sockets are there for socket-activated services (Ubuntu 24.04's ssh), which are idle until a connection comes.
 */
export const LIST_UNITS = ['systemctl', 'list-units', '--type=service,socket,timer', '--all', '--no-legend', '--no-pager', '--plain', '--full'];
/** Failed units of every type (a failed mount or socket matters as much as a failed service). */
export const LIST_FAILED = ['systemctl', 'list-units', '--failed', '--no-legend', '--no-pager', '--plain', '--full'];
/** Installed service and timer files with their enablement state; works even for units that are not loaded. */
export const LIST_UNIT_FILES = ['systemctl', 'list-unit-files', '--type=service,timer', '--no-legend', '--no-pager'];

/** The same questions asked of the user's own manager (`systemctl --user`), for user timers. */
export function userCommand(argv: readonly string[]): string[] {
  return [argv[0]!, '--user', ...argv.slice(1)];
}

/** Raw listings of one manager. */
export interface ManagerRaw {
  units: string;
  failed: string;
  unitFiles: string;
}

/** What the probe found: the system manager's listings, or why systemd is not there to ask. */
export type SystemdRaw =
  | { status: 'absent'; reason: string }
  | { status: 'data'; system: ManagerRaw; user: ManagerRaw | null; userUnavailable: boolean };

/**
 * What systemctl prints when systemd is installed but not PID 1 (containers, WSL without systemd, sysvinit hosts):
 * "System has not been booted with systemd as init system (PID 1). Can't operate." then
 * "Failed to connect to bus: Host is down" (recorded from Debian 12's systemctl 252).
 */
const NOT_BOOTED = /has not been booted with systemd|Failed to connect to bus/;

type Answer = { ok: ExecResult } | { absent: string } | { failed: string };

async function ask(host: Host, argv: readonly string[], signal: AbortSignal): Promise<Answer> {
  let r: ExecResult;
  try {
    r = await host.exec(argv, { signal, timeoutMs: 20_000 });
  } catch (error) {
    if (isProbeError(error, 'ENOENT')) return { absent: 'systemctl is not installed (the host does not use systemd)' };
    throw error;
  }
  if (r.code === 127) return { absent: 'systemctl is not installed (the host does not use systemd)' };
  if (r.code === 0) return { ok: r };
  if (NOT_BOOTED.test(r.stderr)) return { absent: 'systemd is not running as the init system (PID 1) on this host' };
  // Only the exit code: stderr may echo unit names or paths the report has no business carrying.
  return { failed: `${argv.slice(0, argv[1] === '--user' ? 3 : 2).join(' ')} exited with code ${r.code ?? 'signal'}` };
}

async function askManager(host: Host, commands: readonly (readonly string[])[], signal: AbortSignal): Promise<{ raw: ManagerRaw } | { absent: string } | { failed: string }> {
  const out: string[] = [];
  for (const argv of commands) {
    const a = await ask(host, argv, signal);
    if (!('ok' in a)) return a;
    out.push(a.ok.stdout);
  }
  return { raw: { units: out[0]!, failed: out[1]!, unitFiles: out[2]! } };
}

/** Run the listings; the user manager is asked only when user timers are configured. */
export async function probeSystemd(host: Host, wantUser: boolean, signal: AbortSignal): Promise<SystemdRaw> {
  const system = await askManager(host, [LIST_UNITS, LIST_FAILED, LIST_UNIT_FILES], signal);
  if ('absent' in system) return { status: 'absent', reason: system.absent };
  if ('failed' in system) throw new ProbeError('EIO', system.failed);
  if (!wantUser) return { status: 'data', system: system.raw, user: null, userUnavailable: false };
  // A user manager that cannot be reached (no session, no lingering, no XDG_RUNTIME_DIR) is a finding, not an error.
  const user = await askManager(host, [LIST_UNITS, LIST_FAILED, LIST_UNIT_FILES].map(userCommand), signal);
  return 'raw' in user
    ? { status: 'data', system: system.raw, user: user.raw, userUnavailable: false }
    : { status: 'data', system: system.raw, user: null, userUnavailable: true };
}
