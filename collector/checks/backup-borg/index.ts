// backup-borg: borg repositories' newest archives, sizes, locks and checks, judged from what exists now.
import { defineBackupCheck } from '../backup/define-backup-check';
import { observeBorgJob } from './probe';

/** The backup-borg check, as the registry holds it. */
export const backupBorg = defineBackupCheck({
  id: 'backup-borg',
  title: 'borg backups',
  kind: 'borg',
  description:
    'borg jobs in backups: the newest archive against max_age, its size and duration against the usual, stale locks, wrong passphrase, missing or moved repository, borg check, prune not running.',
  // borg check reads every segment of the repository; listing alone takes seconds.
  timeoutMs: 30 * 60_000,
  // borg does not refresh its locks: a lock is as old as the command holding it. A daily job's lock older than a day
  // has outlived the next run, so it is stale (borg removes dead same-host locks itself; other hosts' stay).
  defaults: { stale_lock_after: '24h' },
  observeJob: observeBorgJob,
});
