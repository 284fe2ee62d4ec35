// Run restic or borg through Host: environment as a leading `env`, a time budget, a sudo retry on permission errors.
import { isProbeError } from '../../errors/probe-error';
import type { ExecResult, Host } from '../../host/host';

/**
 * What one command did: its answer, or why there is none. `timeout` and `not-found` are facts about the job;
 * a strict replay's missing answer, a lost connection or a refused sudo are not, and are thrown instead.
 */
export type ToolOutcome = ({ ran: true } & ExecResult) | { ran: false; reason: 'timeout' | 'not-found' | 'io' };

/**
 * Put variables in front of a command as `env NAME=value … argv`.
 *
 * Host.exec has no environment parameter: LocalHost runs commands with the collector's own environment plus
 * LC_ALL=C, and SshHost runs `env LC_ALL=C LANG=C argv…` on the remote side. A leading `env` works the same in
 * both, and through `sudo -n --` too. It is part of the argv, so it shows in `ps` and is recorded in fixtures:
 * only paths and switches go here (RESTIC_PASSWORD_FILE=/path, BORG_PASSCOMMAND=cat /path), never a secret.
 */
export function withEnv(vars: Readonly<Record<string, string>>, argv: readonly string[]): string[] {
  const assignments = Object.entries(vars).map(([name, value]) => {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name) || /[\n\0]/.test(value)) throw new Error(`withEnv: refusing ${name}`);
    return `${name}=${value}`;
  });
  return ['env', ...assignments, ...argv];
}

/** A deadline shared by every command of one gather, so a slow repository cannot eat the whole check budget silently. */
export class Budget {
  private readonly deadline: number;
  constructor(totalMs: number, readonly clock: () => number = Date.now) {
    // Keep a tenth (at most a minute) for analysis and for the engine's own timeout not to fire first.
    this.deadline = clock() + totalMs - Math.min(totalMs / 10, 60_000);
  }
  /** Milliseconds a command may take: its own cap, or what is left, whichever is smaller (0 = nothing left). */
  allow(capMs: number): number {
    return Math.max(0, Math.min(capMs, this.deadline - this.clock()));
  }
}

/** Output cap for one command: a snapshot list of ten thousand snapshots is a few MiB of JSON. */
export const TOOL_MAX_BYTES = 32 * 1024 * 1024;

/** A permission problem as restic, borg and coreutils print it (EACCES from Go, Python and C). */
const PERMISSION = /permission denied|\[Errno 13\]/i;

/** Options of one command. */
export interface ToolOptions {
  signal: AbortSignal;
  timeoutMs: number;
  /** The host allows `sudo -n`: retry through it once when the plain run hits a permission error. */
  sudoFallback: boolean;
}

async function execOnce(host: Host, argv: readonly string[], options: ToolOptions, sudo: boolean): Promise<ToolOutcome> {
  if (options.timeoutMs <= 0) return { ran: false, reason: 'timeout' };
  try {
    const result = await host.exec(argv, { signal: options.signal, timeoutMs: options.timeoutMs, maxBytes: TOOL_MAX_BYTES, sudo });
    return { ran: true, ...result };
  } catch (error) {
    if (isProbeError(error, 'ETIMEDOUT')) return { ran: false, reason: 'timeout' };
    if (isProbeError(error, 'ENOENT')) return { ran: false, reason: 'not-found' };
    if (isProbeError(error, 'EIO', 'EACCES')) return { ran: false, reason: 'io' };
    throw error;
  }
}

/**
 * Runs one job's commands. With `sudoFallback`, a permission error is retried once through `sudo -n` (a refusal
 * keeps the first answer); once sudo was needed, the job's later commands use it straight away.
 */
export class ToolRunner {
  private sudo = false;

  constructor(
    private readonly host: Host,
    private readonly signal: AbortSignal,
    private readonly sudoFallback: boolean,
    private readonly budget: Budget,
  ) {}

  /** Run a command within `capMs` (and what is left of the budget). */
  async run(argv: readonly string[], capMs: number): Promise<ToolOutcome> {
    const options: ToolOptions = { signal: this.signal, timeoutMs: this.budget.allow(capMs), sudoFallback: this.sudoFallback };
    const first = await execOnce(this.host, argv, options, this.sudo);
    if (this.sudo || !this.sudoFallback || !first.ran || first.code === 0 || !PERMISSION.test(first.stderr)) return first;
    try {
      const second = await execOnce(this.host, argv, options, true);
      if (!second.ran) return first;
      this.sudo = true;
      return second;
    } catch (error) {
      if (isProbeError(error, 'ESUDO')) return first;
      throw error;
    }
  }
}
