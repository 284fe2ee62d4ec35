// Demo answers for lynis: last night's report on the Ubuntu box, a six-week-old one on the Pi, none on the NAS.
import { DEFAULT_REPORT } from '../../checks/lynis/probe';
import { fileAnswer, hoursBefore, missing, statAnswer } from '../builders';
import type { DemoAnswers } from './types';

/** Lynis's local-time stamp format ("YYYY-MM-DD HH:MM:SS"); the demo hosts run on UTC. */
function stamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** Suggestions a stock Debian-family install gets (ids and texts as Lynis 3.0 writes them). */
const SUGGESTIONS = [
  'DEB-0280|Install libpam-tmpdir to set $TMP and $TMPDIR for PAM sessions|-|-|',
  'DEB-0810|Install apt-listbugs to display a list of critical bugs prior to each APT installation.|-|-|',
  'DEB-0831|Install needrestart, alternatively to debian-goodies, so that you can run needrestart after upgrades to determine which daemons are using old versions of libraries and need restarting.|-|-|',
  'BOOT-5264|Consider hardening system services|Run \'/usr/bin/systemd-analyze security SERVICE\' for each service|-|',
  'KRNL-5820|If not required, consider explicit disabling of core dump in /etc/security/limits.conf file|-|-|',
  'AUTH-9230|Configure password hashing rounds in /etc/login.defs|-|-|',
  'AUTH-9262|Install a PAM module for password strength testing like pam_cracklib or pam_passwdqc|-|-|',
  'AUTH-9286|Configure minimum password age in /etc/login.defs|-|-|',
  'AUTH-9286|Configure maximum password age in /etc/login.defs|-|-|',
  'AUTH-9328|Default umask in /etc/login.defs could be more strict like 027|-|-|',
  'FILE-6310|To decrease the impact of a full /home file system, place /home on a separate partition|-|-|',
  'USB-1000|Disable drivers like USB storage when not used, to prevent unauthorized storage or data theft|-|-|',
  'SSH-7408|Consider hardening SSH configuration|AllowTcpForwarding (set YES to NO)|-|',
  'SSH-7408|Consider hardening SSH configuration|MaxAuthTries (set 6 to 3)|-|',
  'PKGS-7370|Install debsums utility for the verification of packages with known good database.|-|-|',
  'PKGS-7394|Install package apt-show-versions for patch management purposes|-|-|',
  'NETW-3200|Determine if protocol \'dccp\' is really needed on this system|-|-|',
  'BANN-7126|Add a legal banner to /etc/issue, to warn unauthorized users|-|-|',
  'ACCT-9622|Enable process accounting|-|-|',
  'ACCT-9628|Enable auditd to collect audit information|-|-|',
  'FINT-4350|Install a file integrity tool to monitor changes to critical and sensitive files|-|-|',
  'HRDN-7230|Harden the system by installing at least one malware scanner, to perform periodic file system scans|-|Install a tool like rkhunter, chkrootkit, OSSEC|',
];

/** A report in Lynis's key=value format, trimmed to the keys around the ones Vigil reads. */
function report(o: { host: string; os: string; version: string; started: Date; minutes: number; warnings: string[]; index: number }): string {
  const end = new Date(o.started.getTime() + o.minutes * 60_000);
  return [
    '# Lynis Report',
    'report_version_major=1',
    'report_version_minor=0',
    `report_datetime_start=${stamp(o.started)}`,
    'auditor=[Not Specified]',
    `lynis_version=${o.version}`,
    'os=Linux',
    `os_fullname=${o.os}`,
    `hostname=${o.host}`,
    'test_category=all',
    'test_group=all',
    ...o.warnings.map((w) => `warning[]=${w}`),
    ...SUGGESTIONS.map((s) => `suggestion[]=${s}`),
    `report_datetime_end=${stamp(end)}`,
    `hardening_index=${o.index}`,
    '',
  ].join('\n');
}

export const lynisAnswers: DemoAnswers = {
  // Debian's lynis.timer ran at 03:12: a reboot is pending after the kernel update, and a package has a known hole.
  ubuntu: (now) => {
    const started = hoursBefore(now, 3);
    return [
      statAnswer(DEFAULT_REPORT, 'file', 0o640, 21873, new Date(started.getTime() + 2 * 60_000), 0),
      fileAnswer(
        DEFAULT_REPORT,
        report({
          host: 'ubuntu',
          os: 'Ubuntu 24.04.1 LTS',
          version: '3.0.9',
          started,
          minutes: 2,
          warnings: ['KRNL-5830|Reboot of system is most likely needed|-|text:reboot|', 'PKGS-7392|Found one or more vulnerable packages.|-|-|'],
          index: 63,
        }),
      ),
    ];
  },
  // Lynis was run once by hand after the Pi was set up, six weeks ago, and never again.
  sentinel: (now) => {
    const finished = hoursBefore(now, 40 * 24);
    const started = new Date(finished.getTime() - 4 * 60_000);
    return [
      statAnswer(DEFAULT_REPORT, 'file', 0o640, 19202, finished, 0),
      fileAnswer(
        DEFAULT_REPORT,
        report({ host: 'sentinel', os: 'Debian GNU/Linux 12 (bookworm)', version: '3.0.8', started, minutes: 4, warnings: ['FIRE-4512|iptables module(s) loaded, but no rules active|-|-|'], index: 58 }),
      ),
    ];
  },
  nas: () => [missing(DEFAULT_REPORT)],
};
