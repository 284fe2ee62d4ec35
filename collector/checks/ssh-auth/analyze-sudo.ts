// Judge sudo use (the sudo-activity part of ssh-auth): unexpected users, refusals, wrong passwords.
import type { FindingDraft } from '../../../shared/finding';
import { isoTime, times, type SudoSummary } from './observation';
import type { SshAuthOptions } from './options';

/**
 * sudoers(5) passwd_tries defaults to 3: three wrong passwords is a whole sudo invocation that failed, not a typo
 * caught on the second try.
 */
const PASSWD_TRIES = 3;

/** Findings about sudo on one host (pure). root is never judged: it needs no sudo to be root. */
export function analyzeSudo(sudo: SudoSummary[], options: SshAuthOptions, host: string, window: string): FindingDraft[] {
  const out: FindingDraft[] = [];
  const expected = options.expected_sudo_users ? new Set(options.expected_sudo_users) : null;
  for (const u of sudo) {
    if (u.user === 'root') continue;
    if (u.runs > 0 && expected && !expected.has(u.user)) {
      out.push({
        subject: `sudo-unexpected:${u.user}`,
        // An account acting as root that the owner did not list is either a forgotten admin or someone else's.
        severity: 'high',
        title: `${u.user} used sudo on ${host} but is not in expected_sudo_users`,
        evidence: {
          user: u.user,
          runs: u.runs,
          run_as: u.runAs.join(', '),
          // Programs only: arguments can hold secrets.
          commands: u.commands.join(', ') || null,
          first_seen: isoTime(u.firstSeen),
          last_seen: isoTime(u.lastSeen),
          window,
        },
        remediation: `If ${u.user} should not administer ${host}, remove it from the sudo (or wheel) group and /etc/sudoers.d; otherwise add it to checks.ssh-auth.expected_sudo_users.`,
      });
    }
    if (u.denied > 0) {
      out.push({
        subject: `sudo-denied:${u.user}`,
        // Asking for root without the right to it: a compromised service account probing, or a misconfigured admin.
        severity: 'high',
        title: `${u.user} tried to use sudo on ${host} without permission (${u.deniedReason})`,
        evidence: { user: u.user, refusals: u.denied, reason: u.deniedReason, last_seen: isoTime(u.lastDenied), window },
        remediation: `Find out what ran as ${u.user} at that time (its processes, crontab, recent logins); if it was you, fix the group membership.`,
      });
    }
    if (u.incorrectAttempts > 0) {
      out.push({
        subject: `sudo-failed:${u.user}`,
        severity: u.incorrectAttempts >= PASSWD_TRIES ? 'medium' : 'low',
        title: `${u.user} typed a wrong sudo password ${times(u.incorrectAttempts)} on ${host}`,
        evidence: { user: u.user, incorrect_attempts: u.incorrectAttempts, last_failure: isoTime(u.lastIncorrect), successful_runs: u.runs, window },
        remediation: `If that was not ${u.user} at the keyboard, someone has a session as ${u.user}: check who, last and its processes.`,
      });
    }
  }
  return out;
}
