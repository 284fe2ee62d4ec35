// backup-files: folders of backup artifacts (Home Assistant tars, gitea dumps, database dumps, KeePass archives…).
import { defineBackupCheck } from '../backup/define-backup-check';
import { observeFilesJob } from './probe';

/** The backup-files check, as the registry holds it. */
export const backupFiles = defineBackupCheck({
  id: 'backup-files',
  title: 'Backup artifact folders',
  kind: 'files',
  description:
    'files jobs in backups: the newest artifact matching pattern against max_age, empty or below min_size, much smaller than the usual, more than max_files, a folder that only grows, a missing or unreadable folder.',
  // A listing and one stat per artifact: seconds, even over SSH.
  timeoutMs: 2 * 60_000,
  // Artifact folders have no locks; the shared option is accepted and unused.
  defaults: { stale_lock_after: '1h' },
  observeJob: (job, ctx) => observeFilesJob(job, ctx),
});
