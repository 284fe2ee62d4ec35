// Options shared by the backup checks (checks.backup-restic / backup-borg / backup-files), with their reasons.
import * as v from 'valibot';
import { durationSchema } from '../../config/value-schemas';

/** The options as the config schema outputs them (durations in milliseconds). */
export interface BackupOptions {
  /** A repository lock older than this is stale. */
  stale_lock_after: number;
  /** Run the configured verification (restic check / borg check) at most this often; a failed one is retried every run. */
  verify_every: number;
  /** Points must disappear within this window once retention runs; none while new ones arrive = prune is not running. */
  prune_window: number;
  /** A newest restore point below this share of the usual size (or duration) is "much smaller (faster) than usual". */
  anomaly_ratio: number;
}

/** Per-check defaults of the lock threshold: restic refreshes its locks, borg does not. */
export interface BackupDefaults {
  stale_lock_after: string;
}

const ratio = v.pipe(v.number('expected a share such as 0.5'), v.minValue(0.05, 'expected a share between 0.05 and 0.95'), v.maxValue(0.95, 'expected a share between 0.05 and 0.95'));

/** The valibot entries of the shared options. */
export function backupOptionEntries(defaults: BackupDefaults): v.ObjectEntries {
  return {
    stale_lock_after: v.optional(durationSchema, defaults.stale_lock_after),
    // A weekly check is what restic's and borg's docs suggest for repositories that are written daily; reading data
    // from a cloud backend costs money, so every run would be too often.
    verify_every: v.optional(durationSchema, '7d'),
    // restic's and borg's documented retention examples keep 7 dailies: something is removed within weeks.
    prune_window: v.optional(durationSchema, '30d'),
    // Half the usual size: a backup of an unmounted share or a skipped database dump shrinks far more than that,
    // ordinary day-to-day change far less (the user's "a backup that suddenly became tiny").
    anomaly_ratio: v.optional(ratio, 0.5),
  };
}
