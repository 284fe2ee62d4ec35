// Builders for the demo's Docker Engine API answers, shaped like Docker's own JSON (nulls, Go zero times, twin 0.0.0.0/:: bindings).
import { sha256Hex } from '../../../shared/hash';
import { chooseApiVersion, inspectPath, listPath, VERSION_PATH } from '../../checks/docker/api';
import type { FixtureAnswer } from '../../host/fixture';

/** The socket every demo host uses (Docker's default, which the demo config leaves as it is). */
export const DEMO_DOCKER_SOCKET = '/var/run/docker.sock';

/** A Docker engine release as `GET /version` describes it. */
export interface DemoEngine {
  version: string;
  apiVersion: string;
  minApiVersion: string;
  kernel: string;
  arch: 'amd64' | 'arm64';
  platform: string;
}

/** One demo container, in the terms a compose file would use. */
export interface DemoContainer {
  name: string;
  image: string;
  created: Date;
  startedAt: Date | null;
  finishedAt?: Date;
  status?: 'running' | 'exited' | 'restarting' | 'created';
  exitCode?: number;
  oomKilled?: boolean;
  /** The engine's start error (kept in the fixture as Docker reports it; Vigil never reads its text). */
  error?: string;
  restartCount?: number;
  restart?: 'no' | 'always' | 'unless-stopped' | `on-failure:${number}`;
  /** HEALTHCHECK test, e.g. ['CMD-SHELL', 'curl -fs http://localhost:8000 || exit 1']. */
  healthcheck?: string[];
  health?: { status: 'starting' | 'healthy' | 'unhealthy'; failingStreak: number };
  privileged?: boolean;
  capAdd?: string[];
  capDrop?: string[];
  network?: string;
  pidMode?: string;
  securityOpt?: string[];
  memory?: number;
  pidsLimit?: number;
  binds?: { source: string; target: string; ro?: boolean }[];
  volumes?: { name: string; target: string }[];
  ports?: { container: number; host: number; ip?: string; v6?: boolean }[];
  /** Environment as `vigil capture` stores it: secret-looking values already replaced by x's. */
  env?: string[];
  project?: string;
  pid?: number;
}

const GO_ZERO = '0001-01-01T00:00:00Z';

/** A stable 64-hex id for a demo container. */
export function demoId(host: string, name: string): string {
  return sha256Hex(`demo-container:${host}/${name}`);
}

function portMap(c: DemoContainer, live: boolean): Record<string, { HostIp: string; HostPort: string }[]> {
  const map: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of c.ports ?? []) {
    const key = `${p.container}/tcp`;
    const ip = p.ip ?? '';
    // Docker keeps what was asked in HostConfig ("" = default address) and shows the real sockets in NetworkSettings.
    const bindings = live
      ? ip === ''
        ? [{ HostIp: '0.0.0.0', HostPort: String(p.host) }, ...(p.v6 ? [{ HostIp: '::', HostPort: String(p.host) }] : [])]
        : [{ HostIp: ip, HostPort: String(p.host) }]
      : [{ HostIp: ip, HostPort: String(p.host) }];
    map[key] = [...(map[key] ?? []), ...bindings];
  }
  return map;
}

function restartPolicy(c: DemoContainer): { Name: string; MaximumRetryCount: number } {
  const r = c.restart ?? 'no';
  const m = /^on-failure:(\d+)$/.exec(r);
  return m ? { Name: 'on-failure', MaximumRetryCount: Number(m[1]) } : { Name: r, MaximumRetryCount: 0 };
}

/** `GET /containers/{id}/json` as Docker answers it. */
export function inspectJson(host: string, c: DemoContainer): Record<string, unknown> {
  const id = demoId(host, c.name);
  const status = c.status ?? 'running';
  const running = status === 'running' || status === 'restarting';
  const network = c.network ?? `${c.project ?? c.name}_default`;
  const mounts = [
    ...(c.binds ?? []).map((b) => ({ Type: 'bind', Source: b.source, Destination: b.target, Mode: b.ro ? 'ro' : '', RW: !b.ro, Propagation: 'rprivate' })),
    ...(c.volumes ?? []).map((v) => ({
      Type: 'volume',
      Name: v.name,
      Source: `/var/lib/docker/volumes/${v.name}/_data`,
      Destination: v.target,
      Driver: 'local',
      Mode: 'z',
      RW: true,
      Propagation: '',
    })),
  ];
  return {
    Id: id,
    Created: c.created.toISOString(),
    Path: '/docker-entrypoint.sh',
    Args: [],
    State: {
      Status: status,
      Running: running,
      Paused: false,
      Restarting: status === 'restarting',
      OOMKilled: c.oomKilled ?? false,
      Dead: false,
      Pid: running && status !== 'restarting' ? (c.pid ?? 0) : 0,
      ExitCode: c.exitCode ?? 0,
      Error: c.error ?? '',
      StartedAt: c.startedAt?.toISOString() ?? GO_ZERO,
      FinishedAt: c.finishedAt?.toISOString() ?? GO_ZERO,
      ...(c.health ? { Health: { Status: c.health.status, FailingStreak: c.health.failingStreak, Log: [] } } : {}),
    },
    Image: `sha256:${sha256Hex(`demo-image:${c.image}`)}`,
    ResolvConfPath: `/var/lib/docker/containers/${id}/resolv.conf`,
    HostnamePath: `/var/lib/docker/containers/${id}/hostname`,
    HostsPath: `/var/lib/docker/containers/${id}/hosts`,
    LogPath: `/var/lib/docker/containers/${id}/${id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: c.restartCount ?? 0,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: c.privileged ? 'unconfined' : 'docker-default',
    ExecIDs: null,
    HostConfig: {
      Binds: (c.binds ?? []).map((b) => `${b.source}:${b.target}${b.ro ? ':ro' : ''}`),
      LogConfig: { Type: 'json-file', Config: {} },
      NetworkMode: network,
      PortBindings: portMap(c, false),
      RestartPolicy: restartPolicy(c),
      AutoRemove: false,
      CapAdd: c.capAdd ?? null,
      CapDrop: c.capDrop ?? null,
      CgroupnsMode: 'private',
      IpcMode: 'private',
      PidMode: c.pidMode ?? '',
      Privileged: c.privileged ?? false,
      PublishAllPorts: false,
      ReadonlyRootfs: false,
      SecurityOpt: c.securityOpt ?? null,
      UTSMode: '',
      UsernsMode: '',
      ShmSize: 67108864,
      Runtime: 'runc',
      Memory: c.memory ?? 0,
      PidsLimit: c.pidsLimit ?? null,
      Devices: [],
      MaskedPaths: c.privileged ? null : ['/proc/asound', '/proc/acpi', '/proc/kcore', '/proc/keys', '/sys/firmware'],
      ReadonlyPaths: c.privileged ? null : ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
    },
    Mounts: mounts,
    Config: {
      Hostname: id.slice(0, 12),
      User: '',
      Env: c.env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: null,
      ...(c.healthcheck ? { Healthcheck: { Test: c.healthcheck, Interval: 30_000_000_000, Timeout: 10_000_000_000, Retries: 3 } } : {}),
      Image: c.image,
      Labels: c.project ? { 'com.docker.compose.project': c.project, 'com.docker.compose.service': c.name } : {},
    },
    NetworkSettings: {
      SandboxKey: running ? `/var/run/docker/netns/${id.slice(0, 12)}` : '',
      Ports: running ? portMap(c, true) : {},
      Networks: { [network]: { NetworkID: sha256Hex(`demo-network:${host}/${network}`) } },
    },
  };
}

/** `GET /containers/json?all=true` as Docker answers it (the fields Vigil does not read are kept short). */
function listJson(host: string, containers: readonly DemoContainer[]): unknown[] {
  return containers.map((c) => ({
    Id: demoId(host, c.name),
    Names: [`/${c.name}`],
    Image: c.image,
    Created: Math.floor(c.created.getTime() / 1000),
    Ports: (c.ports ?? []).map((p) => ({ IP: p.ip || '0.0.0.0', PrivatePort: p.container, PublicPort: p.host, Type: 'tcp' })),
    Labels: c.project ? { 'com.docker.compose.project': c.project } : {},
    State: c.status ?? 'running',
    HostConfig: { NetworkMode: c.network ?? `${c.project ?? c.name}_default` },
  }));
}

/** Every answer a host's Docker engine gives the container checks: the socket, the version, the list and each inspect. */
export function dockerEngineAnswers(host: string, engine: DemoEngine, containers: readonly DemoContainer[], socketMtime: Date): FixtureAnswer[] {
  const http = (url: string, json: unknown): FixtureAnswer => ({
    op: 'http',
    request: { method: 'GET', url, socketPath: DEMO_DOCKER_SOCKET },
    result: { status: 200, headers: { 'api-version': engine.apiVersion, 'content-type': 'application/json' }, json },
  });
  const speaks = chooseApiVersion(engine);
  return [
    { op: 'stat', path: DEMO_DOCKER_SOCKET, result: { type: 'other', size: 0, mode: 0o660, uid: 0, gid: 988, mtimeMs: socketMtime.getTime() } },
    http(VERSION_PATH, {
      Platform: { Name: engine.platform },
      Components: [{ Name: 'Engine', Version: engine.version, Details: { ApiVersion: engine.apiVersion, MinAPIVersion: engine.minApiVersion, Os: 'linux' } }],
      Version: engine.version,
      ApiVersion: engine.apiVersion,
      MinAPIVersion: engine.minApiVersion,
      Os: 'linux',
      Arch: engine.arch,
      KernelVersion: engine.kernel,
    }),
    http(listPath(speaks), listJson(host, containers)),
    ...containers.map((c) => http(inspectPath(speaks, demoId(host, c.name)), inspectJson(host, c))),
  ];
}

/** The answers of a host without Docker: no socket, and a refused connection should anything try it. */
export function noDockerAnswers(): FixtureAnswer[] {
  return [
    { op: 'stat', path: DEMO_DOCKER_SOCKET, result: null },
    {
      op: 'http',
      request: { method: 'GET', url: VERSION_PATH, socketPath: DEMO_DOCKER_SOCKET },
      error: { code: 'ECONNREFUSED', message: `unix:${DEMO_DOCKER_SOCKET}/version: connection refused` },
    },
  ];
}
