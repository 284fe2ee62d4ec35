// The identifiers that are part of Vigil's interface: check ids, engine finding ids and note kinds.

/** Every check id the collector knows, in the order DESIGN.md lists them. */
export const CHECK_IDS = [
  'listening-sockets',
  'docker-posture',
  'container-health',
  'systemd-drift',
  'secrets-hygiene',
  'apt-upgradable',
  'ssh-auth',
  'sudo-activity',
  'unifi',
  'prometheus-alerts',
  'tls-expiry',
  'lynis',
  'collector-self',
  'backup-restic',
  'backup-borg',
  'backup-files',
  'restore-schedule',
  'backup-strategy',
  'runbook-coverage',
] as const;

/** A check id. */
export type CheckId = (typeof CHECK_IDS)[number];

/** Ids of findings the engine itself raises about the run rather than about a machine. */
export const ENGINE_FINDING_CHECKS = ['check-failed', 'host-unreachable', 'host-key-changed', 'stale-data'] as const;

/** Either a check id or an engine finding id. */
export type FindingSource = CheckId | (typeof ENGINE_FINDING_CHECKS)[number];

/** True for a known check id. */
export function isCheckId(value: unknown): value is CheckId {
  return typeof value === 'string' && (CHECK_IDS as readonly string[]).includes(value);
}

/** The kinds of note the collector writes; the `vigil:` frontmatter key holds one of these. */
export const NOTE_KINDS = ['report', 'incident', 'backup-job', 'restore-test', 'runbook', 'recovery'] as const;

/** A note kind. */
export type NoteKind = (typeof NOTE_KINDS)[number];

/** True for a known note kind. */
export function isNoteKind(value: unknown): value is NoteKind {
  return typeof value === 'string' && (NOTE_KINDS as readonly string[]).includes(value);
}

/** Host names as written in the config: short, file-name safe, no spaces. */
export const HOST_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
