// container-health: restart loops, unhealthy and stuck-unhealthy containers, unexpected exits and OOM kills, vanished containers.
import * as v from 'valibot';
import { durationSchema } from '../../config/value-schemas';
import { defineCheck } from '../check';
import { gatherContainers } from '../docker/gather';
import type { DockerObservation } from '../docker/types';
import { analyzeContainerHealth, type HealthOptions } from './analyze';
import { rememberHealth } from './memory';

const nameGlob = v.pipe(v.string(), v.regex(/^[a-zA-Z0-9_.*-]{1,128}$/, 'expected a container name, * matching any characters'));

/** container-health, as the registry holds it. */
export const containerHealth = defineCheck<DockerObservation, HealthOptions>({
  id: 'container-health',
  title: 'Container health',
  domain: 'security',
  scope: 'host',
  description:
    'Containers in a restart loop, unhealthy (and stuck unhealthy), down although their restart policy says up, killed for memory, or gone since the last run.',
  options: {
    ignore: v.optional(v.array(nameGlob), []),
    // CIS Docker Benchmark v1.6.0 5.15 caps on-failure retries at 5: more restarts than that is a loop, not bad luck.
    restart_threshold: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, 'must be at least 1')), 5),
    // Docker's back-off doubles from 100 ms and is capped at a minute: a looping container starts again well within an hour.
    restart_window: v.optional(durationSchema, '1h'),
    // A healthcheck flips to unhealthy after 3 failures 30 s apart (Docker defaults); an hour of it is no blip.
    stuck_after: v.optional(durationSchema, '1h'),
  },
  timeoutMs: 60_000,
  gather: (ctx) => gatherContainers(ctx),
  analyze(obs, { options, host, now, previous }) {
    return analyzeContainerHealth(obs, options, host, now, previous);
  },
  remember: (obs, previous) => rememberHealth(obs, previous),
});
