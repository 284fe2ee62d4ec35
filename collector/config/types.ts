// The resolved configuration every part of the collector reads (paths absolute, durations in ms).
import type { CheckId } from '../../shared/ids';
import type { Severity } from '../../shared/severity';

/** How Vigil reaches a host. */
export type HostKind = 'local' | 'fixture' | 'ssh';

/** SSH connection settings of a remote host. */
export interface SshSettings {
  host: string;
  port: number;
  user: string;
  key: string | null;
  keyPassphraseEnv: string | null;
  agent: string | null;
  knownHosts: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

/** One machine. */
export interface HostConfig {
  name: string;
  kind: HostKind;
  /** Fixture file for `fixture` hosts. */
  fixture: string | null;
  ssh: SshSettings | null;
  /** Docker Engine API socket path on that machine. */
  docker: string;
  /** Whether root-only reads may use `sudo -n`. */
  sudo: boolean;
  /** Whether the once-per-run checks (TLS, Prometheus, backups…) run from this host. */
  collector: boolean;
  /** Checks to run on this host; null = every host-scoped check. */
  checks: CheckId[] | null;
}

/** Settings of one check: the common keys and its own options. */
export interface CheckSettings {
  enabled: boolean;
  timeoutMs: number | null;
  options: unknown;
}

/** The whole resolved config. */
export interface VigilConfig {
  /** The file it came from, or null for built-in defaults. */
  file: string | null;
  vault: string;
  folder: string;
  stateDir: string;
  hosts: HostConfig[];
  checks: Record<CheckId, CheckSettings>;
  run: {
    checkTimeoutMs: number;
    /** The user set run.check_timeout: it then caps the longer budgets some checks have by default. */
    checkTimeoutSet?: boolean;
    hostConcurrency: number;
    keepReportsDays: number;
    /** Observations older than this are stale: reported as such, never as current. */
    staleAfterMs: number;
  };
  incidents: {
    minSeverity: Severity;
    /** Consecutive clean runs before an incident resolves. */
    resolveAfter: number;
  };
  /** Findings accepted for a while (by fingerprint or finding id). */
  accept: { match: string; reason: string; until: string }[];
  /** The vault's name in Obsidian, for obsidian:// links (default: the vault folder's name). */
  vaultName: string;
  notify: {
    ntfy: NtfySettings | null;
  };
  narrator: {
    ollama: { host: string; model: string; timeoutMs: number } | null;
  };
  backups: BackupJob[];
  restoreTests: RestoreTest[];
  services: ServiceSettings[];
  /** Refresh this self-contained HTML runbook after every run. */
  exportHtml: string | null;
  /** node_exporter textfile to write backup metrics to. */
  metricsTextfile: string | null;
}

/** A data class of the 3-2-1-1-0 strategy. */
export type DataClass = 'irreplaceable' | 'service-state' | 'rebuild' | 'convenience';

/** What a backup copy is and where it lives. */
export interface CopySettings {
  media: string;
  offsite: boolean;
  offline: boolean;
  immutable: boolean;
  /** Always mounted where a compromised machine can reach it. */
  mounted: boolean;
  /** Where it physically is (host name or label). */
  location: string;
  /** Label of the credentials that can delete it. */
  credentials: string;
}

/** One backup job, resolved. */
export interface BackupJob {
  name: string;
  kind: 'restic' | 'borg' | 'files';
  /** The host the job is checked from (where its repository or folder is reachable). */
  host: string;
  repo: string | null;
  passwordFile: string | null;
  passwordEnv: string | null;
  /** restic: `read-data-subset=5%` style argument, or true for a plain check; borg: true for `borg check`. */
  verify: string | boolean;
  snapshotHost: string | null;
  snapshotPaths: string[];
  snapshotTags: string[];
  /** files: the folder and a glob of artifact names. */
  path: string | null;
  pattern: string;
  minSize: number | null;
  maxFiles: number | null;
  dataClass: DataClass;
  copy: CopySettings;
  maxAgeMs: number;
}

/** The restore calendar's entries. */
export interface RestoreTest {
  name: string;
  every: 'monthly' | 'quarterly' | 'yearly';
  template: 'random-file' | 'docker-app' | 'home-assistant' | 'lose-the-nas' | 'generic';
  runbook: string | null;
  dataClass: DataClass | null;
  jobs: string[];
  /** After the due date, how long until the test counts as overdue. */
  graceMs: number;
}

/** A service the runbooks are about. */
export interface ServiceSettings {
  name: string;
  kind: 'docker-app' | 'home-assistant' | 'gitea' | 'small-machine' | 'password-vault' | 'nas' | 'generic';
  host: string | null;
  dataClass: DataClass | null;
  backups: string[];
  containers: string[];
  /** Where credentials are found, never the credentials. */
  credentials: string[];
  dependsOn: string[];
}

/** ntfy, the one notification channel. */
export interface NtfySettings {
  /** Topic URL, e.g. https://ntfy.home.arpa/homelab. */
  url: string;
  tokenEnv: string | null;
  minSeverity: Severity;
  /** Update the incident's notification in place when it resolves (ntfy 2.16+ sequence ids). */
  updateOnResolve: boolean;
  weeklyDigest: boolean;
  timeoutMs: number;
}
