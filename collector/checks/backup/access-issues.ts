// Issues for a job Vigil could not read: wrong password, missing repository, permission, an offline disk that is away.
import type { JobMemory } from './memory';
import type { AccessProblem, JobObservation } from './observation';
import { ageText, hoursOf, type Impact, type Issue } from './policy';
import type { BackupStatus } from './facts';

/** How each access problem is reported: its impact, status, a title tail and a remediation. */
interface AccessRule {
  impact: Impact;
  status: BackupStatus;
  /** `what` is "restic repository", "borg repository" or "backup folder"; `tool` what answered ("restic", "the host"). */
  title: (name: string, what: string, where: string, host: string, tool: string) => string;
  remediation: string;
}

const RULES: Record<AccessProblem, AccessRule> = {
  'wrong-password': {
    impact: 'blind',
    status: 'unknown',
    title: (name, what, _w, host) => `Backup ${name}: the password Vigil was given does not open the ${what} on ${host}`,
    // If this is the password you would restore with, the restore would fail the same way.
    remediation: 'Check that the password file or variable belongs to this repository; if it is the one you keep for restores, you could not restore either.',
  },
  'password-unavailable': {
    impact: 'blind',
    status: 'unknown',
    title: (name, _t, _w, host) => `Backup ${name}: Vigil could not read the repository password on ${host}`,
    remediation:
      'The password file must exist and be readable by the user Vigil runs as on that host; a password_env/passphrase_env variable only reaches jobs checked on the machine that runs Vigil.',
  },
  'missing-repo': {
    impact: 'unusable',
    status: 'failing',
    title: (name, what, where, host) => `Backup ${name} has no ${what} at ${where} on ${host}`,
    remediation: 'Check that the disk or share is mounted and the path is right; a repository that is gone means there is no copy.',
  },
  'not-a-repo': {
    impact: 'unusable',
    status: 'failing',
    title: (name, what, where, host) => `Backup ${name}: ${where} on ${host} is not a ${what}`,
    remediation: 'Point repo: at the repository itself (the folder holding its config file), or re-create it.',
  },
  locked: {
    impact: 'blind',
    status: 'unknown',
    title: (name, what, _w, host) => `Backup ${name}: the ${what} was locked and could not be read on ${host}`,
    remediation: 'If no backup is running, remove the stale lock (restic unlock / borg break-lock) after checking that no process holds it.',
  },
  permission: {
    impact: 'blind',
    status: 'unknown',
    title: (name, _t, where, host) => `Backup ${name}: Vigil may not read ${where} on ${host} (permission denied)`,
    remediation: 'Let the user Vigil runs as read the repository (group read access), or set sudo: true for the host and allow the tool in sudoers.',
  },
  unreachable: {
    impact: 'blind',
    status: 'unknown',
    title: (name, what, _w, host) => `Backup ${name}: the ${what} could not be reached from ${host}`,
    remediation: 'Check the network path and the credentials the backend needs (the B2/S3 keys or SSH key in the environment Vigil runs with).',
  },
  'tool-missing': {
    impact: 'blind',
    status: 'unknown',
    title: (name, _what, _w, host, tool) => `Backup ${name} cannot be checked: ${tool} is not installed on ${host}`,
    remediation: 'Install it on that host (Debian: apt-get install restic / borgbackup), or check the job from a host that has it (host: in the job).',
  },
  timeout: {
    impact: 'blind',
    status: 'unknown',
    title: (name, _what, _w, host, tool) => `Backup ${name}: ${tool} did not answer in time on ${host}`,
    remediation: 'A slow backend or a large repository: raise checks.<id>.timeout, or check verify options that read much data.',
  },
  garbage: {
    impact: 'blind',
    status: 'unknown',
    title: (name, _what, _w, host, tool) => `Backup ${name}: ${tool} answered with output Vigil does not understand on ${host}`,
    remediation: 'Run the tool by hand to see what it prints; a version Vigil has not seen or a wrapper script that prints extra text are the usual causes.',
  },
  relocated: {
    impact: 'blind',
    status: 'unknown',
    title: (name, _t, where, host) => `Backup ${name}: borg refused ${where} on ${host} because the repository moved since it was last used there`,
    // borg asks before using a repository whose location changed (possible repository swap); Vigil always answers no.
    remediation: 'If the move was yours, run one borg command by hand as the user Vigil runs as and answer yes; otherwise find out who moved it.',
  },
  'unknown-unencrypted': {
    impact: 'blind',
    status: 'unknown',
    title: (name, _t, where, host) => `Backup ${name}: ${where} on ${host} is an unencrypted borg repository this host has never used`,
    remediation: 'Accept it once by hand as the user Vigil runs as (borg list), or better, keep backups in an encrypted repository.',
  },
  'credentials-in-address': {
    impact: 'blind',
    status: 'unknown',
    title: (name, _t, _w, host) => `Backup ${name}: its repository address holds a password, which Vigil will not put on a command line on ${host}`,
    remediation: 'Give the backend its credentials through the environment (restic: RESTIC_REST_USERNAME / RESTIC_REST_PASSWORD) and remove them from repo:.',
  },
  error: {
    impact: 'blind',
    status: 'unknown',
    title: (name, _what, _w, host, tool) => `Backup ${name}: ${tool} failed on ${host}`,
    remediation: 'Run the tool by hand on that host to see its message.',
  },
};

/** What holds a job's restore points, for titles. */
export function storeOf(job: JobObservation): string {
  return job.kind === 'files' ? 'backup folder' : `${job.kind} repository`;
}

/** What answered Vigil about the job, for titles. */
function toolOf(job: JobObservation): string {
  return job.kind === 'files' ? 'the host' : job.kind;
}

/**
 * Issues for a job that could not be read. An offline copy (a rotated USB disk) that is simply not connected is
 * judged by what it held when Vigil last saw it: not being reachable is its normal state.
 */
export function accessIssues(job: JobObservation, memory: JobMemory | null, host: string, now: Date): Issue[] {
  const access = job.access;
  if (!access) return [];
  const away = job.offline && (access.problem === 'missing-repo' || access.problem === 'unreachable');
  if (away) {
    const seen = memory?.lastSeen;
    if (!seen) {
      return [
        {
          rule: 'not-connected',
          impact: 'notice',
          status: 'unknown',
          title: `Backup ${job.job}'s offline copy is not connected on ${host}, and Vigil has never seen it`,
          evidence: { destination: job.destination, problem: access.problem },
          remediation: 'Connect the disk once while Vigil runs, so it knows what the copy holds; after that, being away is fine until it is too old.',
        },
      ];
    }
    const age = now.getTime() - seen.time;
    if (age <= job.maxAgeMs) return [];
    return [
      {
        rule: 'stale',
        impact: 'stale',
        status: 'stale',
        title: `Backup ${job.job} is ${ageText(age)} old (max ${ageText(job.maxAgeMs)}) on ${host}: its offline copy has not been connected since`,
        evidence: { destination: job.destination, newest: new Date(seen.time).toISOString(), age_hours: hoursOf(age), max_age_hours: hoursOf(job.maxAgeMs), connected: false },
        remediation: 'Connect the disk, run the backup, verify it, and disconnect it again (plug in → back up → verify → unplug).',
      },
    ];
  }
  const rule = RULES[access.problem];
  return [
    {
      rule: access.problem,
      impact: rule.impact,
      status: rule.status,
      title: rule.title(job.job, storeOf(job), job.destination, host, toolOf(job)),
      evidence: { destination: job.destination, problem: access.problem, exit_code: access.exitCode, detail: access.detail },
      remediation: rule.remediation,
    },
  ];
}
