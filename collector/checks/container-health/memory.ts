// What container-health remembers between runs (restart counts, unhealthy-since, who was there) and how it reads it back.
import * as v from 'valibot';
import type { DockerContainer, DockerObservation } from '../docker/types';

/** One container as the previous run saw it. */
export interface RememberedContainer {
  id: string;
  image: string;
  status: string;
  running: boolean;
  /** The restart policy says the engine keeps it up. */
  shouldRun: boolean;
  restartCount: number;
  /** When it was first seen unhealthy in the current unhealthy stretch, or null. */
  unhealthySince: string | null;
}

/** The memory kept per host. */
export interface HealthMemory {
  v: 1;
  observedAt: string;
  containers: Record<string, RememberedContainer>;
}

/** Bound on remembered containers: a state file must not grow with a runaway compose project. */
const MAX_REMEMBERED = 2000;

const memorySchema = v.object({
  v: v.literal(1),
  observedAt: v.pipe(v.string(), v.isoTimestamp()),
  containers: v.record(
    v.string(),
    v.object({
      id: v.string(),
      image: v.string(),
      status: v.string(),
      running: v.boolean(),
      shouldRun: v.boolean(),
      restartCount: v.number(),
      unhealthySince: v.nullable(v.pipe(v.string(), v.isoTimestamp())),
    }),
  ),
});

/**
 * The previous run's memory when it is usable for comparison: well formed and observed strictly before
 * `now`. Replaying the same moment again (the demo, `vigil replay`) must not count as a second run.
 */
export function readMemory(previous: unknown, now: Date | string): HealthMemory | null {
  const parsed = v.safeParse(memorySchema, previous);
  if (!parsed.success) return null;
  const at = Date.parse(parsed.output.observedAt);
  return at < new Date(now).getTime() ? parsed.output : null;
}

/** What the previous run remembered of a container, if anything (own entries only: names come from the engine). */
export function rememberedOf(memory: HealthMemory | null, name: string): RememberedContainer | undefined {
  return memory && Object.hasOwn(memory.containers, name) ? memory.containers[name] : undefined;
}

/** The restart policy keeps the container up (`on-failure` only until its retries run out). */
export function shouldRun(c: DockerContainer): boolean {
  return c.restartPolicy.name === 'always' || c.restartPolicy.name === 'unless-stopped' || c.restartPolicy.name === 'on-failure';
}

/** Since when a container has been unhealthy: carried over while it stays the same container and stays unhealthy. */
export function unhealthySince(c: DockerContainer, before: RememberedContainer | undefined, observedAt: string): string | null {
  if (c.health.status !== 'unhealthy') return null;
  return before && before.id === c.id && before.unhealthySince ? before.unhealthySince : observedAt;
}

/** Memory for the next run, from this run's observation. */
export function rememberHealth(obs: DockerObservation, previous: unknown): HealthMemory {
  const before = readMemory(previous, obs.observedAt);
  const containers: Record<string, RememberedContainer> = Object.create(null) as Record<string, RememberedContainer>;
  for (const c of obs.containers.slice(0, MAX_REMEMBERED)) {
    containers[c.name] = {
      id: c.id,
      image: c.image,
      status: c.status,
      running: c.running,
      shouldRun: shouldRun(c),
      restartCount: c.restartCount,
      unhealthySince: unhealthySince(c, rememberedOf(before, c.name), obs.observedAt),
    };
  }
  return { v: 1, observedAt: obs.observedAt, containers };
}
