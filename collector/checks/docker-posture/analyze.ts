// Judge each container's configuration against the docker-posture rules: one finding per container and rule.
import type { Evidence, FindingDraft } from '../../../shared/finding';
import type { Severity } from '../../../shared/severity';
import { isInService } from '../docker/gather';
import type { DockerContainer, DockerObservation, PortBinding } from '../docker/types';
import { isAllowed, parseAllowEntry, type AllowEntry } from './allow';
import {
  DOCKER_DEFAULT_CAPS,
  ENGINE_SOCKET,
  HIGH_RISK_CAPS,
  HIGH_RISK_PORTS,
  RULE_SEVERITY,
  SENSITIVE_PATHS,
  SENSITIVE_MOUNT_SEVERITY,
  type PostureRule,
} from './rules';

/** Options of the check. */
export interface PostureOptions {
  /** `CONTAINER` or `CONTAINER:RULE` entries accepted on purpose; `*` globs container names. */
  allow: string[];
}

/** What one rule says about one container, before the common parts are added. */
interface Verdict {
  severity: Severity;
  title: string;
  evidence: Evidence;
  remediation: string;
}

const list = (items: readonly string[]) => items.join(', ');
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

function capabilities(c: DockerContainer, host: string): Verdict | null {
  if (c.capAdd.includes('ALL')) {
    return {
      severity: 'critical',
      title: `Container ${c.name} has every kernel capability (cap_add: ALL) on ${host}`,
      evidence: { capabilities: 'ALL' },
      remediation: 'Replace cap_add: ALL with the one or two capabilities the service documents as required.',
    };
  }
  const extra = c.capAdd.filter((cap) => !DOCKER_DEFAULT_CAPS.has(cap));
  if (extra.length === 0) return null;
  const risky = extra.filter((cap) => HIGH_RISK_CAPS[cap]);
  return {
    severity: risky.length > 0 ? 'high' : 'medium',
    title: `Container ${c.name} has extra kernel ${plural(extra.length, 'capability', 'capabilities')} (${list(extra)}) on ${host}`,
    evidence: { capabilities: list(extra), high_risk: risky.length > 0 ? list(risky) : null },
    remediation: 'Remove the cap_add entries the service does not document as required; keep the rest in checks.docker-posture.allow as NAME:capabilities.',
  };
}

function dockerSocket(c: DockerContainer, host: string): Verdict | null {
  const sockets = c.mounts.filter((m) => ENGINE_SOCKET.test(m.source) || ENGINE_SOCKET.test(m.destination));
  if (sockets.length === 0) return null;
  return {
    severity: RULE_SEVERITY['docker-socket'],
    title: `Container ${c.name} has the Docker socket mounted on ${host}`,
    // A read-only bind does not stop anyone from writing API requests to a socket.
    evidence: { socket: list(sockets.map((m) => m.source || m.destination)), read_only_mount: sockets.every((m) => m.readOnly) },
    remediation: `Give ${c.name} a socket proxy that allows only the API calls it needs, or accept it with checks.docker-posture.allow: ["${c.name}:docker-socket"].`,
  };
}

function sensitiveMounts(c: DockerContainer, host: string): Verdict | null {
  const hits = c.mounts
    .filter((m) => m.type === 'bind')
    .map((m) => ({ path: m.source.length > 1 ? m.source.replace(/\/+$/, '') : m.source, readOnly: m.readOnly }))
    .filter((m) => Object.hasOwn(SENSITIVE_PATHS, m.path))
    .sort((a, b) => a.path.localeCompare(b.path));
  if (hits.length === 0) return null;
  const described = hits.map((m) => `${m.path} (${m.readOnly ? 'read-only' : 'read-write'})`);
  const first = hits[0]!;
  return {
    severity: SENSITIVE_MOUNT_SEVERITY,
    title:
      hits.length === 1
        ? `Container ${c.name} mounts the host's ${first.path} ${first.readOnly ? 'read-only' : 'read-write'} on ${host}`
        : `Container ${c.name} mounts sensitive host paths (${list(hits.map((m) => m.path))}) on ${host}`,
    evidence: { paths: list(described), what: list(hits.map((m) => SENSITIVE_PATHS[m.path]!)) },
    remediation: 'Mount only the files or subfolders it needs, read-only (:ro), or a named volume instead.',
  };
}

function namespace(c: DockerContainer, host: string, rule: 'host-network' | 'host-pid' | 'host-ipc' | 'host-uts'): Verdict | null {
  const mode = { 'host-network': c.networkMode, 'host-pid': c.pidMode, 'host-ipc': c.ipcMode, 'host-uts': c.utsMode }[rule];
  if (mode !== 'host') return null;
  const what = { 'host-network': 'network', 'host-pid': 'process', 'host-ipc': 'IPC', 'host-uts': 'UTS (hostname)' }[rule];
  const key = { 'host-network': 'network_mode', 'host-pid': 'pid', 'host-ipc': 'ipc', 'host-uts': 'uts' }[rule];
  return {
    severity: RULE_SEVERITY[rule],
    title: `Container ${c.name} shares the host's ${what} namespace on ${host}`,
    evidence: { [key]: 'host' },
    remediation:
      rule === 'host-network'
        ? `Use a bridge network and publish only the ports it serves, or accept it with checks.docker-posture.allow: ["${c.name}:host-network"].`
        : `Remove ${key}: host unless the service cannot work without it.`,
  };
}

function securityProfile(c: DockerContainer, host: string, rule: 'seccomp-unconfined' | 'apparmor-unconfined'): Verdict | null {
  const name = rule === 'seccomp-unconfined' ? 'seccomp' : 'apparmor';
  const unconfined = c.securityOpt.some((o) => o === `${name}=unconfined` || o === `${name}:unconfined`);
  if (!unconfined && !(rule === 'apparmor-unconfined' && c.appArmorProfile === 'unconfined')) return null;
  return {
    severity: RULE_SEVERITY[rule],
    title:
      rule === 'seccomp-unconfined'
        ? `Container ${c.name} runs with seccomp disabled on ${host}`
        : `Container ${c.name} runs without AppArmor confinement on ${host}`,
    evidence: { security_opt: `${name}=unconfined` },
    remediation: `Remove security_opt ${name}=unconfined; if one syscall or path is missing, allow that one in a custom profile.`,
  };
}

function describePort(p: PortBinding): string {
  return `*:${p.hostPort ?? 'random'}->${p.containerPort}/${p.protocol}`;
}

function publishedEverywhere(c: DockerContainer, host: string): Verdict | null {
  // A container on the host network publishes nothing: its sockets are the host's (listening-sockets sees them).
  if (c.networkMode === 'host') return null;
  const open = c.ports.filter((p) => p.allInterfaces);
  if (open.length === 0) return null;
  const risky = open.filter((p) => HIGH_RISK_PORTS[p.containerPort]);
  const shown = [...new Set(open.map((p) => `${p.hostPort ?? p.containerPort}/${p.protocol}`))];
  const service = risky.length > 0 ? ` (${[...new Set(risky.map((p) => HIGH_RISK_PORTS[p.containerPort]!))].join(', ')})` : '';
  return {
    severity: risky.length > 0 ? 'high' : RULE_SEVERITY['published-all-interfaces'],
    title: `Container ${c.name} publishes ${plural(shown.length, 'port', 'ports')} ${list(shown)}${service} on all interfaces on ${host}`,
    evidence: { ports: list(open.map(describePort)), high_risk: risky.length > 0 ? list(risky.map(describePort)) : null },
    remediation: `Publish on one address ("127.0.0.1:${open[0]!.hostPort ?? open[0]!.containerPort}:${open[0]!.containerPort}") or reach it through the reverse proxy's network instead.`,
  };
}

function limits(c: DockerContainer, host: string): Verdict | null {
  const noMemory = c.memoryLimit === 0;
  const noPids = c.pidsLimit === null;
  if (!noMemory && !noPids) return null;
  const what = noMemory && noPids ? 'memory or PIDs limit' : noMemory ? 'memory limit' : 'PIDs limit';
  return {
    severity: RULE_SEVERITY['no-limits'],
    title: `Container ${c.name} has no ${what} on ${host}`,
    evidence: { memory_limit: noMemory ? null : c.memoryLimit, pids_limit: c.pidsLimit },
    remediation: 'Set mem_limit and pids_limit (e.g. 512m and 200) from what the service uses at peak.',
  };
}

function healthcheck(c: DockerContainer, host: string): Verdict | null {
  if (c.healthcheck.configured) return null;
  return {
    severity: RULE_SEVERITY['no-healthcheck'],
    title: `Container ${c.name} has no healthcheck on ${host}`,
    evidence: {},
    remediation: 'Add a healthcheck that exercises the service (an HTTP request to its status page), so container-health can see it fail.',
  };
}

/** Every rule's verdict for one container, privileged first; privileged makes the capability and profile rules moot. */
function verdicts(c: DockerContainer, host: string): [PostureRule, Verdict | null][] {
  const privileged: Verdict | null = c.privileged
    ? {
        severity: RULE_SEVERITY.privileged,
        title: `Container ${c.name} runs privileged on ${host}`,
        evidence: { privileged: true },
        remediation: `Drop privileged: true and grant only the devices (devices:) or capabilities (cap_add:) ${c.name} needs.`,
      }
    : null;
  return [
    ['privileged', privileged],
    ['capabilities', c.privileged ? null : capabilities(c, host)],
    ['docker-socket', dockerSocket(c, host)],
    ['sensitive-mount', sensitiveMounts(c, host)],
    ['host-network', namespace(c, host, 'host-network')],
    ['host-pid', namespace(c, host, 'host-pid')],
    ['host-ipc', namespace(c, host, 'host-ipc')],
    ['host-uts', namespace(c, host, 'host-uts')],
    ['seccomp-unconfined', c.privileged ? null : securityProfile(c, host, 'seccomp-unconfined')],
    ['apparmor-unconfined', c.privileged ? null : securityProfile(c, host, 'apparmor-unconfined')],
    ['published-all-interfaces', publishedEverywhere(c, host)],
    ['no-limits', limits(c, host)],
    ['no-healthcheck', healthcheck(c, host)],
  ];
}

/** Findings for every container that runs or will run, minus what the allow list accepts. */
export function analyzeDockerPosture(obs: DockerObservation, options: PostureOptions, host: string): FindingDraft[] {
  const allow = options.allow.map(parseAllowEntry).filter((e): e is AllowEntry => e !== null);
  const findings: FindingDraft[] = [];
  for (const c of obs.containers) {
    // One-shot containers that exited and will not come back have no posture to speak of.
    if (!isInService(c)) continue;
    for (const [rule, verdict] of verdicts(c, host)) {
      if (!verdict || isAllowed(allow, c.name, rule)) continue;
      findings.push({
        subject: `${c.name}:${rule}`,
        severity: verdict.severity,
        title: verdict.title,
        evidence: { container: c.name, image: c.image, rule, state: c.status, ...verdict.evidence },
        remediation: verdict.remediation,
      });
    }
  }
  return findings;
}
