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
