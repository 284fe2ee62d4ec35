// Judge container health from this run and the last: restart loops, unhealthy and stuck-unhealthy, unexpected exits, OOM kills, vanished containers.
import type { Evidence, FindingDraft } from '../../../shared/finding';
import type { Severity } from '../../../shared/severity';
import { formatDuration } from '../../config/units';
import { globMatch } from '../docker/safe-text';
import type { DockerContainer, DockerObservation } from '../docker/types';
import { readMemory, rememberedOf, shouldRun, unhealthySince, type RememberedContainer } from './memory';

/** Options of the check (durations in milliseconds). */
export interface HealthOptions {
  /** Container name globs this check leaves alone. */
  ignore: string[];
  /** Restarts that make a loop. */
  restart_threshold: number;
  /** Without a previous run to compare with: restarts this recent (last start) still count as a loop. */
  restart_window: number;
  /** Unhealthy for this long is "stuck": it will not recover by itself. */
  stuck_after: number;
}

/** Docker's healthcheck interval when none is set (Dockerfile reference, HEALTHCHECK: `--interval` defaults to 30s). */
const DEFAULT_HEALTH_INTERVAL_MS = 30_000;

/**
 * Exit codes of a deliberate stop: 0, and 128 + SIGTERM / SIGINT, which is what `docker stop` and Ctrl-C
 * produce (Docker run reference, "Exit status"). SIGKILL (137) is not here: it is also what the OOM killer sends.
 */
const CLEAN_EXIT = new Set([0, 130, 143]);

/** One container's story for this run. */
interface Context {
  c: DockerContainer;
  before: RememberedContainer | undefined;
  host: string;
  now: Date;
  options: HealthOptions;
  observedAt: string;
}

function base(c: DockerContainer): Evidence {
  return { container: c.name, image: c.image, state: c.status, restart_policy: c.restartPolicy.name };
}

function draft(c: DockerContainer, rule: string, severity: Severity, title: string, evidence: Evidence, remediation: string): FindingDraft {
  return { subject: `${c.name}:${rule}`, severity, title, evidence: { ...base(c), rule, ...evidence }, remediation };
}

function restarts({ c, before, host, now, options }: Context): FindingDraft | null {
  // The count resets when a container is recreated, so only the same container id is comparable.
  const delta = before && before.id === c.id ? c.restartCount - before.restartCount : null;
  const startedMs = c.startedAt ? now.getTime() - Date.parse(c.startedAt) : Number.POSITIVE_INFINITY;
  const loop =
    (delta !== null && delta >= options.restart_threshold) ||
    (c.restartCount >= options.restart_threshold && (c.restarting || (delta === null && startedMs <= options.restart_window)));
  const evidence: Evidence = {
    restart_count: c.restartCount,
    restarts_since_last_run: delta,
    last_exit_code: c.exitCode,
    oom_killed: c.oomKilled,
    started_at: c.startedAt,
  };
  if (loop) {
    const oom = c.oomKilled ? ', out of memory' : '';
    return draft(
      c,
      'restart-loop',
      // A container that keeps dying serves nothing; Docker's back-off (doubling from 100 ms) only slows the loop.
      'high',
      `Container ${c.name} is in a restart loop on ${host} (${delta !== null && delta > 0 ? `${delta} restarts since the last run` : `${c.restartCount} restarts`}${oom})`,
      evidence,
      `Read why it exits: docker logs --tail 50 ${c.name}; a missing dependency, a bad config value or a memory limit are the usual causes.`,
    );
  }
  if (delta !== null && delta > 0) {
    return draft(
      c,
      'restart-loop',
      'low',
      `Container ${c.name} restarted ${delta} ${delta === 1 ? 'time' : 'times'} since the last run on ${host}`,
      evidence,
      `See why it exited: docker logs --since 24h ${c.name}.`,
    );
  }
  return null;
}

function oomKilled({ c, host }: Context): FindingDraft | null {
  if (!c.oomKilled) return null;
  return draft(
    c,
    'oom-killed',
    // The kernel killed it mid-work: whatever it was writing may be half-written.
    'high',
    `Container ${c.name} was killed for running out of memory on ${host}`,
    { exit_code: c.exitCode, finished_at: c.finishedAt },
    'Raise its mem_limit (or the host memory), or find what made it grow.',
  );
}

function unexpectedExit({ c, before, host }: Context): FindingDraft | null {
  const down = c.status === 'exited' || c.status === 'dead' || (c.status === 'created' && c.startError);
  if (!down || c.running || c.restarting) return null;
  const abnormal = c.status === 'dead' || c.startError || !CLEAN_EXIT.has(c.exitCode);
  if (!abnormal) return null;
  const evidence: Evidence = { exit_code: c.exitCode, start_error: c.startError, finished_at: c.finishedAt, restart_count: c.restartCount };
  if (shouldRun(c)) {
    const gaveUp = c.restartPolicy.name === 'on-failure' && c.restartPolicy.maxRetries > 0 ? ` and gave up after ${c.restartCount} restarts` : '';
    return draft(
      c,
      'exited',
      // The restart policy says it should be running and it is not: the service is down.
      'high',
      `Container ${c.name} is down (exit code ${c.exitCode}${c.startError ? ', failed to start' : ''})${gaveUp} although its restart policy is ${c.restartPolicy.name} on ${host}`,
      evidence,
      `Read why: docker logs --tail 50 ${c.name}; then docker start ${c.name}.`,
    );
  }
  const wasRunning = before?.running === true;
  return draft(
    c,
    'exited',
    wasRunning ? 'medium' : 'low',
    wasRunning
      ? `Container ${c.name} stopped with exit code ${c.exitCode} since the last run on ${host}`
      : `Container ${c.name} exited with code ${c.exitCode} on ${host}`,
    evidence,
    `Read why: docker logs --tail 50 ${c.name}.`,
  );
}

function unhealthy({ c, before, host, now, options, observedAt }: Context): FindingDraft | null {
  if (c.health.status !== 'unhealthy') return null;
  const since = unhealthySince(c, before, observedAt) ?? observedAt;
  // Consecutive failures times the probe interval is how long it has failed, even on the first run we see it.
  const streakMs = c.health.failingStreak * (c.healthcheck.intervalMs ?? DEFAULT_HEALTH_INTERVAL_MS);
  const forMs = Math.max(now.getTime() - Date.parse(since), streakMs);
  const stuck = forMs >= options.stuck_after;
  return draft(
    c,
    'unhealthy',
    stuck ? 'high' : 'medium',
    stuck ? `Container ${c.name} has been unhealthy for ${formatDuration(forMs)} on ${host}` : `Container ${c.name} is unhealthy on ${host}`,
    { failing_streak: c.health.failingStreak, unhealthy_for_minutes: Math.round(forMs / 60_000), first_seen_unhealthy: since },
    // Docker only reports health; it replaces unhealthy tasks in Swarm mode, never standalone containers.
    `Docker does not restart unhealthy containers, whatever the restart policy: docker inspect --format '{{json .State.Health.Log}}' ${c.name}, fix the cause, then docker restart ${c.name}.`,
  );
}

function vanished(name: string, before: RememberedContainer, host: string, lastSeen: string): FindingDraft {
  const mattered = before.running || before.shouldRun;
  return {
    subject: `${name}:vanished`,
    // A container that was up or meant to be up is gone: removed by hand, by an update tool, or by a failed recreate.
    severity: mattered ? 'medium' : 'low',
    title: `Container ${name} has disappeared since the last run on ${host}`,
    evidence: { container: name, image: before.image, rule: 'vanished', last_state: before.status, last_seen: lastSeen },
    remediation: `If it was not removed on purpose, recreate it from its compose file (docker compose up -d).`,
  };
}

/** Findings for one host's containers, compared with the previous run when there is one. */
export function analyzeContainerHealth(obs: DockerObservation, options: HealthOptions, host: string, now: Date, previous: unknown): FindingDraft[] {
  const memory = readMemory(previous, now);
  const ignored = (name: string) => options.ignore.some((g) => globMatch(g, name));
  const findings: FindingDraft[] = [];
  for (const c of obs.containers) {
    if (ignored(c.name)) continue;
    const ctx: Context = { c, before: rememberedOf(memory, c.name), host, now, options, observedAt: obs.observedAt };
    // One story per container: a loop explains its exits and OOM kills; an OOM kill explains its exit.
    const restart = restarts(ctx);
    const exit = restart?.severity === 'high' ? null : (oomKilled(ctx) ?? unexpectedExit(ctx));
    for (const f of [restart, exit, unhealthy(ctx)]) if (f) findings.push(f);
  }
  if (memory) {
    const present = new Set(obs.containers.map((c) => c.name));
    for (const [name, before] of Object.entries(memory.containers).sort(([a], [b]) => a.localeCompare(b, 'en'))) {
      if (!present.has(name) && !ignored(name)) findings.push(vanished(name, before, host, memory.observedAt));
    }
  }
  return findings;
}
