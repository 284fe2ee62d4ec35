// docker-posture: risky container configuration (privileged, capabilities, host mounts and namespaces, open ports, limits).
import * as v from 'valibot';
import { defineCheck } from '../check';
import { gatherContainers } from '../docker/gather';
import type { DockerObservation } from '../docker/types';
import { parseAllowEntry } from './allow';
import { analyzeDockerPosture, type PostureOptions } from './analyze';
import { POSTURE_RULES } from './rules';

const allowEntry = v.pipe(
  v.string(),
  v.check(
    (s) => parseAllowEntry(s) !== null,
    `expected CONTAINER or CONTAINER:RULE such as "portainer:docker-socket" (RULE is one of ${POSTURE_RULES.join(', ')})`,
  ),
);

/** docker-posture, as the registry holds it. */
export const dockerPosture = defineCheck<DockerObservation, PostureOptions>({
  id: 'docker-posture',
  title: 'Docker posture',
  domain: 'security',
  scope: 'host',
  description:
    'Containers that run privileged, add kernel capabilities, mount the Docker socket or host system paths, share host namespaces, disable seccomp/AppArmor, publish ports on every interface, or lack limits and healthchecks.',
  options: {
    allow: v.optional(v.array(allowEntry), []),
  },
  timeoutMs: 60_000,
  gather: (ctx) => gatherContainers(ctx),
  analyze(obs, { options, host }) {
    return analyzeDockerPosture(obs, options, host);
  },
  // Which containers run here, for runbook coverage (a running container nobody wrote a runbook for).
  facts: (obs): ContainerFacts => ({ containers: obs.containers.map((c) => ({ name: c.name, running: c.running })) }),
});

/** The containers a host runs, as the stages after the checks see them. */
export interface ContainerFacts {
  containers: { name: string; running: boolean }[];
}
