// Runbook templates per service kind: the user's own boring procedures, written once into each runbook note.
import type { ServiceSettings } from '../config/types';

/** A runbook's starting content: why it matters, the restore steps, how to know it worked. */
export interface RunbookTemplate {
  summary: string;
  /** Restore steps (become Markdown tasks; restore tests copy them). */
  restore: string[];
  verify: string[];
  /** Things that are easy to forget for this kind of service. */
  remember: string[];
}

/** Templates by service kind. */
export const RUNBOOK_TEMPLATES: Record<ServiceSettings['kind'], RunbookTemplate> = {
  'docker-app': {
    summary: 'A Docker app: its compose file, its environment, its data and its database, brought back the boring way.',
    restore: [
      'Create a clean app directory on the target machine',
      'Restore the compose file and the .env file (or recreate it from the secret references below)',
      'Restore the bind-mounted data and named volumes',
      'Import the database dump with the database’s own tool (pg_restore, mysql, sqlite3)',
      'Start the app: docker compose up -d',
      'Verify it (see below)',
    ],
    verify: ['The web UI loads behind Traefik with a valid certificate', 'You can log in', 'Something created last week is there'],
    remember: ['A copy of a live database directory is not a backup: restore from the dump', 'Image tags: pin the version you backed up'],
  },
  gitea: {
    summary: 'Gitea: repositories, database, app.ini, custom templates, LFS and the pieces that make Git over SSH work.',
    restore: [
      'Install the same Gitea version on the target machine (or container)',
      'Restore the `gitea dump` archive: repositories, database and data folder',
      'Restore app.ini and the custom/ templates',
      'Restore LFS objects if LFS is used',
      "Restore Gitea's SSH host keys so clients do not see a changed key",
      'Set the SSH port and the user/container mapping that lets git reach the repositories',
      'Start Gitea and run `gitea doctor check`',
      'Clone a repository and do a real `git push` over SSH',
    ],
    verify: ['The web UI shows recent commits', 'git push over SSH works from a laptop', 'Webhooks to Woodpecker fire'],
    remember: ['Restoring the web UI is not restoring the developer workflow: test git push', 'Time Machine of the Mac is not an app-level Gitea backup'],
  },
  'home-assistant': {
    summary: 'Home Assistant OS: restore from its own backup, then the integrations that need a human.',
    restore: [
      'Get the newest Home Assistant backup tar (see the backups in the status block)',
      'Install Home Assistant OS on the replacement device',
      'During onboarding choose "Restore from backup" and upload the tar',
      'Enter the backup password (see Credentials)',
      'Re-pair what needs manual attention (Zigbee/Z-Wave sticks, cloud logins, the Hailo accelerator for Frigate)',
      'Check automations and dashboards',
    ],
    verify: ['Lights and sensors report', 'Automations run (try one)', 'History shows the days before the restore', 'Notifications reach ntfy'],
    remember: ['USB device paths can change on new hardware', 'Add-ons (Frigate) restore with their own config'],
  },
  'small-machine': {
    summary: 'A small utility machine (NUT, DNS, reverse proxy): rebuild it from its config backup, boring and fast.',
    restore: [
      'Flash the OS image to a new SD card / disk',
      'Restore /etc files of the service, systemd units and timers, and scripts',
      'Reinstall the packages from the saved package list',
      'Restore local state that is not disposable',
      'Enable and start the services',
    ],
    verify: ['The service answers (DNS resolves, upsc shows the UPS, Traefik routes)', 'Its timers are enabled', 'Vigil sees it again'],
    remember: ['Keep the non-secret config in Git as well', 'Note the static IP and DHCP reservation'],
  },
  'password-vault': {
    summary: 'The one credential that cannot be wrong. Three copies for three failures; this runbook never contains a secret.',
    restore: [
      'If the primary vault service is down: use the live mirror (see Credentials for where its login is described)',
      'If the whole network is down: take the newest offline KeePass .kdbx archive',
      'Open it with KeePassXC on any machine (no network needed)',
      'Use the master passphrase from where the Credentials section says it is (memorised, or written down and stored physically)',
      'Re-import into the vault service once it is back',
    ],
    verify: ['A known entry opens in KeePassXC', 'The mirror shows the same number of entries as the primary'],
    remember: ['The plaintext export must never outlive the export script (trap … EXIT)', 'Two copies that die from the same root cause are one copy'],
  },
  nas: {
    summary: 'The NAS is the hub, not the strategy: bring storage back, then let every other restore use it.',
    restore: [
      'Replace the failed disk or unit; do not initialise disks that still hold data',
      'Reinstall DSM and recreate the storage pool and volumes',
      'Restore shared folders from Hyper Backup (cloud or USB), most important first',
      'Restore the Snapshot Replication schedule and Hyper Backup tasks',
      'Reconnect clients: Time Machine, backup jobs, mounts',
    ],
    verify: ['A random file from each share opens', 'Backup jobs run again and Vigil shows them fresh'],
    remember: ['The recovery notes must not live only on the NAS', 'Rotate the USB disks again once it is back'],
  },
  generic: {
    summary: 'What it is, where its backups are, and how to bring it back.',
    restore: ['Get the newest backup (see the status block)', 'Restore it to the target machine', 'Start the service', 'Verify it (see below)'],
    verify: ['It answers and shows recent data'],
    remember: [],
  },
};
