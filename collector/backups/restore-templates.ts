// Built-in restore-test checklists per template, from the user's own procedures; used when no runbook has steps.
import type { RestoreTest } from '../config/types';

/** A checklist template: steps and the evidence to record. */
export interface RestoreTemplate {
  intro: string;
  steps: (string | { text: string; sub: string[] })[];
  evidence: string[];
}

/** The templates. Steps are plain text; block ids are added when the note is written. */
export const RESTORE_TEMPLATES: Record<RestoreTest['template'], RestoreTemplate> = {
  'random-file': {
    intro: 'Restore one random document or photo from two different copies and prove it opens.',
    steps: [
      'Pick a random document or photo on the NAS and write down its path',
      'Restore it from the NAS snapshot or backup into a temporary folder',
      'Restore the same file from the cloud copy',
      'Open both restored files',
      'Compare their SHA-256 with the original (sha256sum FILE)',
      'Delete the temporary copies',
    ],
    evidence: ["Restored file's path:", "Restored file's SHA-256:", 'Copies it came from:', 'What needed manual work:'],
  },
  'docker-app': {
    intro: 'Bring one Docker app back in a clean place, the boring way: compose, env, data, database, start, verify.',
    steps: [
      'Create a clean app directory (a temporary folder or VM)',
      'Restore the compose file and the .env file (or its secret references)',
      'Restore the bind-mounted data and named volumes',
      'Import the database dump with the database’s own tool',
      'Start the app (docker compose up -d)',
      { text: 'Verify it really works', sub: ['Log in', 'Open something recent', 'Check the logs for errors'] },
      'Tear the test copy down',
    ],
    evidence: ['App restored:', 'Backup used (date):', 'Started (yes/no):', 'What needed manual work:'],
  },
  'home-assistant': {
    intro: 'Restore a Home Assistant backup into a test instance and see the house come back in a sane state.',
    steps: [
      'Copy the newest Home Assistant backup tar from the NAS',
      'Boot a test instance (a VM or the spare Pi), not the production one',
      'Restore the backup from onboarding ("Restore from backup")',
      'Note the integrations that need manual attention (Zigbee, cloud logins, tokens)',
      'Check that automations load and the dashboard shows recent history',
      'Shut the test instance down',
    ],
    evidence: ['Backup file and date:', 'Integrations that needed attention:', 'Time it took:'],
  },
  'lose-the-nas': {
    intro: 'Pretend the NAS is gone. Recover the most important data from the cloud and the offline disk, using only what lives outside the NAS.',
    steps: [
      'Do not touch the NAS for this test',
      'Open the recovery notes from outside the NAS (this vault on the phone, or the printed runbook)',
      'Open the password vault from the offline KeePass archive',
      'Restore documents and photos from the cloud copy to another machine',
      'Restore the same from the offline USB disk',
      'Write down what was missing, slow or only on the NAS',
    ],
    evidence: ['Data restored and from where:', 'Hours it took:', 'What only existed on the NAS:'],
  },
  generic: {
    intro: 'Restore from the backup and prove the result is usable.',
    steps: ['Pick what to restore', 'Restore it to a temporary place', 'Open or start it and check it works', 'Clean up'],
    evidence: ['What was restored:', 'From which copy:', 'What needed manual work:'],
  },
};
