// The typed subset of the Docker Engine API that Vigil's container checks read (no env, no labels, no command lines).

/** Restart policies as the Engine API names them (`""` is reported as `no`). */
export type RestartPolicyName = 'no' | 'always' | 'unless-stopped' | 'on-failure';

/** Healthcheck state: `none` when the container has no healthcheck or it has not reported yet. */
export type HealthStatus = 'none' | 'starting' | 'healthy' | 'unhealthy';

/** One port publication: container port and protocol, and where on the host it is bound. */
export interface PortBinding {
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
  /** The host address as the engine reported it (`""` from podman means every interface). */
  hostIp: string;
  hostPort: number | null;
  /** Bound to every interface (`""`, `0.0.0.0` or `::`). */
  allInterfaces: boolean;
}

/** One mount: where it comes from on the host and whether the container may write to it. */
export interface MountInfo {
  type: string;
  /** Host path for binds (safe text); the volume's data path for volumes. */
  source: string;
  destination: string;
  readOnly: boolean;
}

/** A container as inspected (`GET /containers/{id}/json`), reduced to what the checks judge. */
export interface DockerContainer {
  /** Full 64-hex id: changes when the container is recreated, so never used as a finding subject. */
  id: string;
  /** Name without Docker's leading slash, safe text. */
  name: string;
  image: string;
  createdAt: string | null;
  /** `created`, `running`, `paused`, `restarting`, `removing`, `exited`, `dead`, or `unknown`. */
  status: string;
  running: boolean;
  restarting: boolean;
  oomKilled: boolean;
  exitCode: number;
  /** Whether the engine recorded an error starting it (the text itself is never kept: it can hold paths and values). */
  startError: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  restartCount: number;
  restartPolicy: { name: RestartPolicyName; maxRetries: number };
  health: { status: HealthStatus; failingStreak: number };
  healthcheck: { configured: boolean; intervalMs: number | null };
  privileged: boolean;
  /** Added capabilities, upper case without the `CAP_` prefix. */
  capAdd: string[];
  networkMode: string;
  pidMode: string;
  ipcMode: string;
  utsMode: string;
  /** `--security-opt` values (safe text). */
  securityOpt: string[];
  appArmorProfile: string;
  /** Bytes; 0 means no limit. */
  memoryLimit: number;
  /** Null means no limit (Docker reports null, 0 or -1). */
  pidsLimit: number | null;
  mounts: MountInfo[];
  ports: PortBinding[];
  publishAllPorts: boolean;
}

/** Which engine answered and the API version spoken with it. */
export interface DockerEngine {
  product: 'docker' | 'podman' | 'unknown';
  version: string;
  apiVersion: string;
}

/** What the container checks observe on one host. */
export interface DockerObservation {
  engine: DockerEngine;
  containers: DockerContainer[];
  /** When the containers were inspected (ISO 8601): memory between runs is compared against it. */
  observedAt: string;
}
