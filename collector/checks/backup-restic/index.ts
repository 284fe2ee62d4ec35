// backup-restic: restic repositories' newest snapshots, sizes, locks and checks, judged from what exists now.
import { defineBackupCheck } from '../backup/define-backup-check';
import { observeResticJob } from './probe';

/** The backup-restic check, as the registry holds it. */
export const backupRestic = defineBackupCheck({
  id: 'backup-restic',
  title: 'restic backups',
  kind: 'restic',
  description:
    'restic jobs in backups: the newest snapshot per job (host/paths/tags) against max_age, its size and duration against the usual, stale locks, wrong password, missing repository, restic check, prune not running.',
  // restic check with read-data-subset reads real data from the backend; listing alone takes seconds.
  timeoutMs: 30 * 60_000,
  // restic refreshes its locks every 5 minutes and treats one older than 30 minutes as stale (internal/restic/lock.go);
  // an hour leaves room for clock skew between the machines.
  defaults: { stale_lock_after: '1h' },
  observeJob: observeResticJob,
});
