// The docker-posture policy as data: rule ids, default capabilities, sensitive host paths and ports, each with its source.
import type { Severity } from '../../../shared/severity';

/** Rule ids; part of the interface (finding subjects `<container>:<rule>` and `allow` entries use them). */
export const POSTURE_RULES = [
  'privileged',
  'capabilities',
  'docker-socket',
  'sensitive-mount',
  'host-network',
  'host-pid',
  'host-ipc',
  'host-uts',
  'seccomp-unconfined',
  'apparmor-unconfined',
  'published-all-interfaces',
  'no-limits',
  'no-healthcheck',
] as const;

/** One docker-posture rule id. */
export type PostureRule = (typeof POSTURE_RULES)[number];

/** True for a known rule id. */
export function isPostureRule(value: string): value is PostureRule {
  return (POSTURE_RULES as readonly string[]).includes(value);
}

/**
 * Docker's default capability set: what every container gets without `--cap-add` (Docker docs,
 * "Runtime privilege and Linux capabilities"; the same list CIS Docker Benchmark v1.6.0 5.4 audits against).
 * podman grants fewer by default, so judging against Docker's set never over-reports on podman.
 */
export const DOCKER_DEFAULT_CAPS: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'NET_RAW',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/**
 * Added capabilities that are a known path out of the container or onto the host (capabilities(7);
 * CIS Docker Benchmark v1.6.0 5.4): high. Any other addition beyond the default set is medium.
 */
export const HIGH_RISK_CAPS: Readonly<Record<string, string>> = {
  SYS_ADMIN: 'mount, namespaces and most of what root can do',
  NET_ADMIN: 'reconfigure interfaces, routes and firewall rules',
  SYS_MODULE: 'load kernel modules',
  SYS_PTRACE: 'trace and inject into processes',
  DAC_READ_SEARCH: 'read any host file by handle (the "shocker" escape)',
  SYS_RAWIO: 'raw I/O ports and devices',
  SYS_BOOT: 'reboot or kexec the host',
  SYS_TIME: 'set the host clock',
  BPF: 'load BPF programs',
  PERFMON: 'kernel performance monitoring',
  MAC_ADMIN: 'change the LSM policy',
  MAC_OVERRIDE: 'bypass the LSM policy',
  SYSLOG: 'read kernel addresses from the kernel log',
};

/**
 * Host paths CIS Docker Benchmark v1.6.0 5.6 names as sensitive (`/`, `/boot`, `/dev`, `/etc`, `/lib`,
 * `/proc`, `/sys`, `/usr`), plus the directories that hold the Docker socket and every container's data.
 */
export const SENSITIVE_PATHS: Readonly<Record<string, string>> = {
  '/': "the host's whole file system",
  '/boot': 'kernels and the boot loader',
  '/dev': 'every host device, disks included',
  '/etc': 'host configuration, password hashes and keys',
  '/lib': 'host libraries and kernel modules',
  '/proc': 'host process information',
  '/sys': 'kernel settings',
  '/usr': 'host programs',
  '/run': 'runtime sockets, the Docker socket among them',
  '/var/run': 'runtime sockets, the Docker socket among them',
  '/var/lib/docker': "every container's data and configuration",
};

/**
 * Severity of a sensitive mount: critical either way. Writable is a host takeover (CIS Docker Benchmark v1.6.0 5.6:
 * "especially in read-write mode"); read-only still hands a container root the host's password hashes, keys and
 * process environments (/etc, /proc, /), which is the same outcome one step later. The title says which mode it is.
 */
export const SENSITIVE_MOUNT_SEVERITY: Severity = 'critical';

/** Engine API sockets: whoever can write to one controls the engine, hence the host (CIS Docker Benchmark v1.6.0 5.32). */
export const ENGINE_SOCKET = /(^|\/)(docker|podman|containerd)\.sock$/;

/**
 * Container ports whose publication on every interface is high severity: datastores and control APIs that
 * are routinely found open without authentication (the same list listening-sockets uses; CIS Docker
 * Benchmark v1.6.0 5.14 asks for every publication to be bound to a specific interface).
 */
export const HIGH_RISK_PORTS: Readonly<Record<number, string>> = {
  2375: 'Docker API',
  2376: 'Docker API',
  2379: 'etcd',
  3306: 'MySQL/MariaDB',
  5432: 'PostgreSQL',
  5984: 'CouchDB',
  6379: 'Redis',
  9200: 'Elasticsearch',
  10250: 'kubelet',
  11211: 'memcached',
  27017: 'MongoDB',
};

/** Fixed severities of the remaining rules, each with the CIS Docker Benchmark v1.6.0 item it implements. */
export const RULE_SEVERITY = {
  /** 5.5: all capabilities and every device; the container is root on the host. */
  privileged: 'critical',
  /** 5.32. */
  'docker-socket': 'critical',
  /** 5.10: binds any host port, sees and talks on every host interface. */
  'host-network': 'medium',
  /** 5.16: sees every host process and, with the same uid, their environment and memory. */
  'host-pid': 'high',
  /** 5.17: host shared memory and semaphores. */
  'host-ipc': 'medium',
  /** 5.21: the hostname only, and only with SYS_ADMIN. */
  'host-uts': 'low',
  /** 5.22: the whole syscall surface, including the ones the default profile blocks for escapes. */
  'seccomp-unconfined': 'high',
  /** 5.2: loses the docker-default AppArmor profile (only where AppArmor is enabled at all). */
  'apparmor-unconfined': 'medium',
  /** 5.14 for ordinary services. */
  'published-all-interfaces': 'medium',
  /** 5.11 (memory) and 5.29 (PIDs): one runaway container can starve the host. */
  'no-limits': 'low',
  /** 5.27: without a healthcheck nothing notices a container that runs but does not work. */
  'no-healthcheck': 'info',
} as const satisfies Partial<Record<PostureRule, Severity>>;
