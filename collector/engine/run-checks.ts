// Run planned checks with isolation: per-check timeouts, hosts in parallel, a failing check becomes a finding.
import { completeFinding, type Finding } from '../../shared/finding';
import type { AnyCheck } from '../checks/check';
import { formatDuration } from '../config/units';
import type { HostConfig, VigilConfig } from '../config/types';
import { isProbeError } from '../errors/probe-error';
import { messageOf } from '../errors/vigil-error';
import type { Host } from '../host/host';
import { ReplayHost } from '../host/replay-host';
import type { OpenedHost } from './hosts';
import type { Task } from './plan';

/** The outcome of one check on one host, as the report lists it. */
export interface CheckOutcome {
  check: string;
  host: string;
  status: 'ok' | 'skipped' | 'no-data' | 'error';
  reason?: string;
  duration_ms: number;
  findings: number;
  /** The check ran on data too old to say what is gone now (its own judgement, or the engine's stale_after). */
  stale?: boolean;
}

/** Everything the checks produced. */
export interface ChecksResult {
  outcomes: CheckOutcome[];
  findings: Finding[];
  /** New memory per `check|host`. */
  memory: Record<string, unknown>;
  /** Facts per `check|host` for the stages after the checks. */
  facts: Record<string, unknown>;
}

/** Progress callback: called when a task starts and when it ends. */
export type ProgressListener = (event: { done: number; total: number; task: Task; phase: 'start' | 'end' }) => void;

/** Inputs of a checks run. */
export interface RunChecksInput {
  config: VigilConfig;
  tasks: Task[];
  /** Hosts by name; a promise lets each host connect on its own time without holding up the others. */
  hosts: Map<string, OpenedHost | Promise<OpenedHost>>;
  now: Date;
  previousMemory: Record<string, unknown>;
  /** Secret salt for checks that hash sensitive values (secrets-hygiene). */
  salt: string;
  /** Called when a worker takes a host up, before awaiting it: lets the caller connect lazily. */
  startHost?: (host: string) => void;
  onProgress?: ProgressListener;
}

class TimeoutError extends Error {}

/** What one task produced; `lost` is set when the host's connection dropped during it. */
interface TaskResult {
  outcome: CheckOutcome;
  findings: Finding[];
  memory?: unknown;
  facts?: unknown;
  lost?: string;
  /** The check ran out of time (the host may have stopped answering). */
  timedOut?: boolean;
}

/** How long a machine whose check timed out gets to answer `true` before its other checks are given up. */
const RESPONSIVE_PROBE_MS = 10_000;

/** Whether the host still runs a trivial command in time. */
async function answers(host: Host): Promise<boolean> {
  try {
    return (await host.exec(['true'], { timeoutMs: RESPONSIVE_PROBE_MS, signal: AbortSignal.timeout(RESPONSIVE_PROBE_MS + 1000) })).code === 0;
  } catch {
    return false;
  }
}

/** Memory key of a check on a host. */
export function memoryKey(check: string, host: string): string {
  return `${check}|${host}`;
}

function clockFor(host: Host, now: Date): Date {
  // A replayed host is judged at the moment it was captured, so ages read the same as on the day.
  return host instanceof ReplayHost ? host.capturedAt : now;
}

async function runOne(
  check: AnyCheck,
  hostConfig: HostConfig,
  host: Host,
  input: RunChecksInput,
): Promise<TaskResult> {
  const started = performance.now();
  const settings = input.config.checks[check.id];
  // checks.<id>.timeout first; then the check's own budget (backups may need half an hour), unless the user set
  // run.check_timeout, which then applies to every check.
  const run = input.config.run;
  const timeoutMs = settings?.timeoutMs ?? (run.checkTimeoutSet ? run.checkTimeoutMs : (check.timeoutMs ?? run.checkTimeoutMs));
  const now = clockFor(host, input.now);
  const key = memoryKey(check.id, hostConfig.name);
  const previous = input.previousMemory[key];
  const controller = new AbortController();
  const base = { check: check.id, host: hostConfig.name };
  const elapsed = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  try {
    const gathered = await Promise.race([
      check.gather({
        host,
        hostConfig,
        options: settings?.options,
        config: input.config,
        signal: controller.signal,
        now,
        previous,
        salt: input.salt,
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError(`timed out after ${formatDuration(timeoutMs)}`)), timeoutMs);
      }),
    ]);
    if (gathered.status !== 'data') {
      return { outcome: { ...base, status: gathered.status, reason: gathered.reason, duration_ms: elapsed(), findings: 0 }, findings: [] };
    }
    const observedAt = gathered.observedAt ?? now.toISOString();
    const analyzeCtx = { host: hostConfig.name, options: settings?.options, now, previous, salt: input.salt };
    const drafts = check.analyze(gathered.data, analyzeCtx);
    const findings = drafts.map((d) => completeFinding(check.id, hostConfig.name, observedAt, d));
    const memory = check.remember ? check.remember(gathered.data, previous) : undefined;
    const facts = check.facts ? check.facts(gathered.data, analyzeCtx) : undefined;
    const stale = check.stale?.(gathered.data, analyzeCtx) === true;
    return { outcome: { ...base, status: 'ok', duration_ms: elapsed(), findings: findings.length, ...(stale ? { stale } : {}) }, findings, memory, facts };
  } catch (error) {
    // A refused `sudo -n` is the host's policy, not a failure: the check is skipped with sudo's reason.
    if (isProbeError(error, 'ESUDO')) {
      return { outcome: { ...base, status: 'skipped', reason: messageOf(error), duration_ms: elapsed(), findings: 0 }, findings: [] };
    }
    // A dropped connection is reported once for the host, not as a failure of every check.
    if (isProbeError(error, 'ECONNLOST')) {
      return { outcome: { ...base, status: 'error', reason: messageOf(error), duration_ms: elapsed(), findings: 0 }, findings: [], lost: messageOf(error) };
    }
    const reason = error instanceof TimeoutError ? error.message : messageOf(error);
    const finding = completeFinding('check-failed', hostConfig.name, now.toISOString(), {
      subject: check.id,
      severity: 'medium',
      title: `Check ${check.id} could not run on ${hostConfig.name}: ${reason}`,
      evidence: { check: check.id, reason, kind: error instanceof TimeoutError ? 'timeout' : isProbeError(error) ? 'probe' : 'error' },
      remediation: 'Run `vigil check ' + check.id + ' --host ' + hostConfig.name + '` to see it alone.',
    });
    return { outcome: { ...base, status: 'error', reason, duration_ms: elapsed(), findings: 1 }, findings: [finding], ...(error instanceof TimeoutError || isProbeError(error, 'ETIMEDOUT') ? { timedOut: true } : {}) };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** Run every task: hosts in parallel (bounded), each host's checks one after another. */
export async function runChecks(input: RunChecksInput): Promise<ChecksResult> {
  const byHost = new Map<string, Task[]>();
  for (const t of input.tasks) byHost.set(t.host.name, [...(byHost.get(t.host.name) ?? []), t]);
  const results = new Map<Task, TaskResult>();
  const extra: Finding[] = [];
  let done = 0;
  const total = input.tasks.length;

  const runHost = async (hostName: string, tasks: Task[]) => {
    input.startHost?.(hostName);
    const opened = await input.hosts.get(hostName);
    if (!opened || 'error' in opened) {
      const reason = opened && 'error' in opened ? opened.error : 'host was not opened';
      extra.push(unreachableFinding(hostName, opened, reason, tasks.length, input.now));
      for (const task of tasks) {
        results.set(task, { outcome: { check: task.check.id, host: hostName, status: 'error', reason: `host unreachable: ${reason}`, duration_ms: 0, findings: 0 }, findings: [] });
        done++;
        input.onProgress?.({ done, total, task, phase: 'end' });
      }
      return;
    }
    let lost: string | null = null;
    for (const task of tasks) {
      input.onProgress?.({ done, total, task, phase: 'start' });
      const result: TaskResult = lost
        ? { outcome: { check: task.check.id, host: hostName, status: 'error', reason: lost, duration_ms: 0, findings: 0 }, findings: [] }
        : await runOne(task.check, task.host, opened.host, input);
      if (result.lost && !lost) {
        lost = result.lost;
        extra.push(
          completeFinding('host-unreachable', hostName, input.now.toISOString(), {
            subject: hostName,
            severity: 'high',
            title: `${hostName} went away during the run: ${lost}`,
            evidence: { reason: lost, kind: 'connection-lost' },
          }),
        );
      } else if (!lost && result.timedOut && opened.host.kind === 'ssh' && !(await answers(opened.host))) {
        // A check timed out and the machine does not answer a trivial command either: it accepted the login
        // but hangs (a dead disk, a wedged sshd). Waiting out every other check's timeout would hold the run.
        lost = `${hostName} stopped answering: ${task.check.id} timed out and \`true\` got no answer within ${RESPONSIVE_PROBE_MS / 1000}s`;
        extra.push(
          completeFinding('host-unreachable', hostName, input.now.toISOString(), {
            subject: hostName,
            severity: 'high',
            title: `${hostName} stopped answering during the run`,
            evidence: { reason: lost, kind: 'unresponsive' },
            remediation: `Log in to ${hostName} and look for a hung disk or file system (dmesg, mount), or a stuck sshd.`,
          }),
        );
      }
      results.set(task, result);
      done++;
      input.onProgress?.({ done, total, task, phase: 'end' });
    }
  };

  const queue = [...byHost.entries()];
  const workers = Array.from({ length: Math.min(input.config.run.hostConcurrency, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await runHost(next[0], next[1]);
  });
  await Promise.all(workers);

  const outcomes: CheckOutcome[] = [];
  const findings: Finding[] = [...extra];
  const memory: Record<string, unknown> = {};
  const facts: Record<string, unknown> = {};
  for (const task of input.tasks) {
    const r = results.get(task);
    if (!r) continue;
    outcomes.push(r.outcome);
    findings.push(...r.findings);
    const key = memoryKey(task.check.id, task.host.name);
    if (r.facts !== undefined) facts[key] = r.facts;
    if (r.memory !== undefined) memory[key] = r.memory;
    else if (key in input.previousMemory && r.outcome.status !== 'ok') memory[key] = input.previousMemory[key];
  }
  return { outcomes, findings, memory, facts };
}

/** The finding for a host that could not be opened: a changed host key is critical, anything else high. */
function unreachableFinding(hostName: string, opened: OpenedHost | undefined, reason: string, checks: number, now: Date): Finding {
  const failure = opened && 'error' in opened ? opened.failure : undefined;
  if (failure === 'key-changed' && opened && 'error' in opened) {
    return completeFinding('host-key-changed', hostName, now.toISOString(), {
      subject: hostName,
      severity: 'critical',
      title: `SSH host key of ${hostName} changed: Vigil refused to connect`,
      evidence: { presented: opened.presented ?? null, pinned: (opened.expected ?? []).join(', '), checks },
      remediation: `If the machine was reinstalled, verify the new key on its console (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and run \`vigil trust ${hostName} --replace\`; otherwise treat it as an attack.`,
    });
  }
  return completeFinding('host-unreachable', hostName, now.toISOString(), {
    subject: hostName,
    severity: 'high',
    title: `${hostName} could not be reached: ${reason}`,
    evidence: { reason, kind: failure ?? 'other', checks },
    ...(failure === 'key-unknown' ? { remediation: `Verify the fingerprint on the machine itself, then run \`vigil trust ${hostName}\`.` } : {}),
  });
}
