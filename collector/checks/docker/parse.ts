// Parse Docker Engine API answers (version, container list, container inspect) into the typed subset; pure.
import * as v from 'valibot';
import { ParseError } from '../../errors/parse-error';
import { safeImage, safeName, safePath, safeToken } from './safe-text';
import type { DockerContainer, DockerEngine, HealthStatus, MountInfo, PortBinding, RestartPolicyName } from './types';

/** Container ids are 64 lowercase hex digits on Docker and podman; nothing else may go into a request path. */
export const CONTAINER_ID = /^[0-9a-f]{64}$/;

/** JSON.parse without its message (V8 quotes the input); the line of the failure when V8 gives a position. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    throw new ParseError(source, 'not valid JSON', line);
  }
}

/** Validate with valibot and report the first problem by JSON path and expected type only (never the value). */
function check<S extends v.GenericSchema>(schema: S, data: unknown, source: string): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = v.getDotPath(issue) ?? '(top)';
  // `expected` is derived from the schema (a type name, a pattern); `received` and default messages can quote the input.
  const expected = issue.received === 'undefined' ? 'missing' : issue.expected ? `expected ${issue.expected}` : 'unexpected value';
  throw new ParseError(source, `${path}: ${expected}`);
}

const text = v.nullish(v.string(), '');
const texts = v.nullish(v.array(v.string()), []);
const flag = v.nullish(v.boolean(), false);
const count = v.nullish(v.number(), 0);

const versionSchema = v.object({
  Version: text,
  ApiVersion: text,
  MinAPIVersion: text,
  Components: v.nullish(v.array(v.object({ Name: text })), []),
});

/** `GET /version` (unversioned): the engine and the API versions it speaks. */
export function parseVersion(body: string, source = '/version'): DockerEngine & { minApiVersion: string } {
  const raw = check(versionSchema, parseJson(body, source), source);
  const names = raw.Components.map((c) => c.Name);
  const product = names.some((n) => /podman/i.test(n)) ? 'podman' : names.some((n) => /^engine$/i.test(n)) ? 'docker' : 'unknown';
  const api = (s: string) => (/^\d{1,2}\.\d{1,3}$/.test(s) ? s : '');
  return {
    product,
    version: /^[0-9A-Za-z.+~-]{1,40}$/.test(raw.Version) ? raw.Version : 'unknown',
    apiVersion: api(raw.ApiVersion),
    minApiVersion: api(raw.MinAPIVersion),
  };
}

const listSchema = v.array(v.object({ Id: v.pipe(v.string(), v.regex(CONTAINER_ID, 'a 64-hex container id')) }));

/** `GET /containers/json?all=true`: the ids to inspect. */
export function parseContainerList(body: string, source: string): string[] {
  return check(listSchema, parseJson(body, source), source).map((c) => c.Id);
}

const binding = v.object({ HostIp: text, HostPort: text });
const portMap = v.nullish(v.record(v.string(), v.nullish(v.array(binding), [])), {});

const inspectSchema = v.object({
  Id: v.pipe(v.string(), v.regex(CONTAINER_ID, 'a 64-hex container id')),
  Name: v.string(),
  Created: text,
  RestartCount: count,
  AppArmorProfile: text,
  State: v.object({
    Status: text,
    Running: flag,
    Restarting: flag,
    OOMKilled: flag,
    ExitCode: count,
    Error: text,
    StartedAt: text,
    FinishedAt: text,
    Health: v.nullish(v.object({ Status: text, FailingStreak: count })),
  }),
  HostConfig: v.object({
    NetworkMode: text,
    PidMode: text,
    IpcMode: text,
    UTSMode: text,
    Privileged: flag,
    PublishAllPorts: flag,
    CapAdd: texts,
    SecurityOpt: texts,
    Memory: count,
    PidsLimit: v.nullish(v.number()),
    RestartPolicy: v.nullish(v.object({ Name: text, MaximumRetryCount: count })),
    PortBindings: portMap,
  }),
  Mounts: v.nullish(v.array(v.object({ Type: text, Source: text, Destination: text, RW: v.nullish(v.boolean(), true) })), []),
  Config: v.object({
    Image: text,
    Healthcheck: v.nullish(v.object({ Test: texts, Interval: v.nullish(v.number()) })),
  }),
  NetworkSettings: v.nullish(v.object({ Ports: portMap })),
});

/** Docker reports "never" as Go's zero time. */
function timeOrNull(s: string): string | null {
  return s === '' || s.startsWith('0001-01-01') || Number.isNaN(Date.parse(s)) ? null : new Date(Date.parse(s)).toISOString();
}

// Maps, not object literals: the keys come from the engine, and "__proto__" must not find anything.
const STATUSES = new Set(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);
const HEALTH = new Map<string, HealthStatus>([
  ['starting', 'starting'],
  ['healthy', 'healthy'],
  ['unhealthy', 'unhealthy'],
]);
const POLICIES = new Map<string, RestartPolicyName>([
  ['always', 'always'],
  ['unless-stopped', 'unless-stopped'],
  ['on-failure', 'on-failure'],
]);
const WILDCARD = new Set(['', '0.0.0.0', '::']);

function parsePorts(map: Record<string, { HostIp: string; HostPort: string }[] | null>, source: string, where: string): PortBinding[] {
  const out: PortBinding[] = [];
  for (const [key, bindings] of Object.entries(map)) {
    const m = /^(\d{1,5})\/(tcp|udp|sctp)$/.exec(key);
    if (!m || Number(m[1]) > 65535) throw new ParseError(source, `${where}: a key is not PORT/PROTOCOL`);
    for (const b of bindings ?? []) {
      if (!/^[0-9a-fA-F:.]{0,45}$/.test(b.HostIp)) throw new ParseError(source, `${where}.${key}: HostIp is not an address`);
      if (!/^\d{0,5}$/.test(b.HostPort) || Number(b.HostPort) > 65535) throw new ParseError(source, `${where}.${key}: HostPort is not a port`);
      out.push({
        containerPort: Number(m[1]),
        protocol: m[2] as PortBinding['protocol'],
        hostIp: b.HostIp,
        hostPort: b.HostPort === '' ? null : Number(b.HostPort),
        allInterfaces: WILDCARD.has(b.HostIp),
      });
    }
  }
  return out;
}

/** One publication per container port, protocol and host port; `0.0.0.0` and `::` twins collapse into one. */
function uniquePorts(ports: PortBinding[]): PortBinding[] {
  const seen = new Map<string, PortBinding>();
  for (const p of ports) {
    const key = `${p.containerPort}/${p.protocol}|${p.allInterfaces ? '*' : p.hostIp}|${p.hostPort ?? ''}`;
    if (!seen.has(key)) seen.set(key, p);
  }
  return [...seen.values()].sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol));
}

/** `GET /containers/{id}/json`: the container reduced to what the checks judge. Env, labels and commands are never read. */
export function parseContainerInspect(body: string, source: string): DockerContainer {
  const raw = check(inspectSchema, parseJson(body, source), source);
  const hc = raw.HostConfig;
  // Running containers report their actual bindings (Docker resolves the daemon's default address there);
  // stopped ones only have what was asked for.
  const live = parsePorts(raw.NetworkSettings?.Ports ?? {}, source, 'NetworkSettings.Ports');
  const ports = uniquePorts(live.length > 0 ? live : parsePorts(hc.PortBindings, source, 'HostConfig.PortBindings'));
  const mounts: MountInfo[] = raw.Mounts.map((m) => ({
    type: safeToken(m.Type),
    source: m.Source === '' ? '' : safePath(m.Source),
    destination: m.Destination === '' ? '' : safePath(m.Destination),
    readOnly: !m.RW,
  }));
  const test = raw.Config.Healthcheck?.Test ?? [];
  const health = HEALTH.get(raw.State.Health?.Status ?? '') ?? 'none';
  const interval = raw.Config.Healthcheck?.Interval;
  // podman 4.3's compat API says "stopped" for a container that exited and is waiting to be cleaned up or restarted.
  const reported = raw.State.Status.toLowerCase();
  const status = reported === 'stopped' ? 'exited' : reported;
  return {
    id: raw.Id,
    name: safeName(raw.Name),
    image: safeImage(raw.Config.Image),
    createdAt: timeOrNull(raw.Created),
    status: STATUSES.has(status) ? status : 'unknown',
    running: raw.State.Running,
    restarting: raw.State.Restarting || status === 'restarting',
    oomKilled: raw.State.OOMKilled,
    exitCode: Number.isInteger(raw.State.ExitCode) ? raw.State.ExitCode : -1,
    startError: raw.State.Error !== '',
    startedAt: timeOrNull(raw.State.StartedAt),
    finishedAt: timeOrNull(raw.State.FinishedAt),
    restartCount: Math.max(0, Math.floor(raw.RestartCount)),
    restartPolicy: { name: POLICIES.get(hc.RestartPolicy?.Name ?? '') ?? 'no', maxRetries: hc.RestartPolicy?.MaximumRetryCount ?? 0 },
    health: { status: health, failingStreak: Math.max(0, Math.floor(raw.State.Health?.FailingStreak ?? 0)) },
    healthcheck: {
      // Docker copies an image's HEALTHCHECK into the container's Config; `NONE` disables it.
      configured: (test.length > 0 && test[0] !== 'NONE') || health !== 'none',
      // Nanoseconds; 0 or absent means Docker's default of 30 s.
      intervalMs: typeof interval === 'number' && interval > 0 ? interval / 1e6 : null,
    },
    privileged: hc.Privileged,
    capAdd: [...new Set(hc.CapAdd.map((c) => c.toUpperCase().replace(/^CAP_/, '')).filter((c) => /^[A-Z_]{1,32}$/.test(c)))].sort(),
    networkMode: safeToken(hc.NetworkMode),
    pidMode: safeToken(hc.PidMode),
    ipcMode: safeToken(hc.IpcMode),
    utsMode: safeToken(hc.UTSMode),
    securityOpt: hc.SecurityOpt.map(safeToken),
    appArmorProfile: safeToken(raw.AppArmorProfile),
    memoryLimit: Math.max(0, hc.Memory),
    pidsLimit: typeof hc.PidsLimit === 'number' && hc.PidsLimit > 0 ? hc.PidsLimit : null,
    mounts,
    ports,
    publishAllPorts: hc.PublishAllPorts,
  };
}
