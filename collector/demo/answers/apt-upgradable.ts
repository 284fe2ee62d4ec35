// Demo answers for apt-upgradable: what `apt-get -s dist-upgrade` prints on each host, and how fresh its lists are.
import { APT_SIMULATE, LIST_STAMPS, LISTS_DIR, TRIVY_VERSION } from '../../checks/apt-upgradable/probe';
import type { FixtureAnswer } from '../../host/fixture';
import { execAnswer, hoursBefore, statAnswer } from '../builders';
import type { DemoAnswers } from './types';

/** One pending upgrade: package, installed version, candidate version, releases (apt's RelStr), architecture. */
type Upgrade = readonly [string, string, string, string, string];

/** The simulation's output, laid out as apt-get prints it (LC_ALL=C, as a non-root user). */
function simulation(upgrades: readonly Upgrade[]): string {
  const names = upgrades.map((u) => u[0]).sort();
  const wrapped: string[] = [];
  let line = ' ';
  for (const n of names) {
    if (line.length + n.length + 1 > 79) {
      wrapped.push(line);
      line = ' ';
    }
    line += ` ${n}`;
  }
  wrapped.push(line);
  return [
    'NOTE: This is only a simulation!',
    '      apt-get needs root privileges for real execution.',
    '      Keep also in mind that locking is deactivated,',
    "      so don't depend on the relevance to the real current situation!",
    'Reading package lists...',
    'Building dependency tree...',
    'Reading state information...',
    'Calculating upgrade...',
    'The following packages will be upgraded:',
    ...wrapped,
    `${upgrades.length} upgraded, 0 newly installed, 0 to remove and 0 not upgraded.`,
    ...upgrades.flatMap(([pkg, from, to, rel, arch]) => [`Inst ${pkg} [${from}] (${to} ${rel} [${arch}])`, `Conf ${pkg} (${to} ${rel} [${arch}])`]),
    '',
  ].join('\n');
}

function lists(now: Date, hoursOld: number, ubuntu: boolean, files: readonly string[]): FixtureAnswer[] {
  const at = hoursBefore(now, hoursOld);
  const [successStamp, dailyStamp, listsDir] = LIST_STAMPS as [string, string, string];
  return [
    // update-success-stamp comes with Ubuntu's update-notifier-common; plain Debian has none.
    ubuntu ? statAnswer(successStamp, 'file', 0o644, 0, at, 0) : { op: 'stat', path: successStamp, result: null },
    statAnswer(dailyStamp, 'file', 0o644, 0, at, 0),
    statAnswer(listsDir, 'dir', 0o755, 4096, at, 0),
    { op: 'list', path: LISTS_DIR, result: [...files, 'lock', 'partial'].map((name) => ({ name, type: name === 'partial' ? 'dir' : 'file' })) },
  ];
}

const NOBLE_SECURITY = 'Ubuntu:24.04/noble-updates, Ubuntu:24.04/noble-security';
const NOBLE_UPDATES = 'Ubuntu:24.04/noble-updates';

export const aptUpgradableAnswers: DemoAnswers = {
  // Ubuntu 24.04, lists refreshed by apt-daily five hours ago: an OpenSSL security update among twelve.
  ubuntu: (now) => [
    execAnswer(
      APT_SIMULATE,
      simulation([
        ['libssl3t64', '3.0.13-0ubuntu3.5', '3.0.13-0ubuntu3.6', NOBLE_SECURITY, 'amd64'],
        ['openssl', '3.0.13-0ubuntu3.5', '3.0.13-0ubuntu3.6', NOBLE_SECURITY, 'amd64'],
        ['libxml2', '2.9.14+dfsg-1.3ubuntu3.1', '2.9.14+dfsg-1.3ubuntu3.2', NOBLE_SECURITY, 'amd64'],
        ['libsystemd0', '255.4-1ubuntu8.4', '255.4-1ubuntu8.5', NOBLE_UPDATES, 'amd64'],
        ['systemd', '255.4-1ubuntu8.4', '255.4-1ubuntu8.5', NOBLE_UPDATES, 'amd64'],
        ['udev', '255.4-1ubuntu8.4', '255.4-1ubuntu8.5', NOBLE_UPDATES, 'amd64'],
        ['snapd', '2.65.3+24.04', '2.66.1+24.04', NOBLE_UPDATES, 'amd64'],
        ['tzdata', '2024a-3ubuntu1.1', '2025b-0ubuntu0.24.04', NOBLE_UPDATES, 'all'],
        ['containerd.io', '1.7.22-1', '1.7.24-1', 'Docker CE:noble', 'amd64'],
        ['docker-ce-cli', '5:27.3.1-1~ubuntu.24.04~noble', '5:27.4.0-1~ubuntu.24.04~noble', 'Docker CE:noble', 'amd64'],
        ['docker-ce', '5:27.3.1-1~ubuntu.24.04~noble', '5:27.4.0-1~ubuntu.24.04~noble', 'Docker CE:noble', 'amd64'],
        ['docker-compose-plugin', '2.29.7-1~ubuntu.24.04~noble', '2.32.1-1~ubuntu.24.04~noble', 'Docker CE:noble', 'amd64'],
      ]),
    ),
    ...lists(now, 5, true, [
      'archive.ubuntu.com_ubuntu_dists_noble_InRelease',
      'archive.ubuntu.com_ubuntu_dists_noble_main_binary-amd64_Packages',
      'archive.ubuntu.com_ubuntu_dists_noble-updates_InRelease',
      'archive.ubuntu.com_ubuntu_dists_noble-updates_main_binary-amd64_Packages',
      'security.ubuntu.com_ubuntu_dists_noble-security_InRelease',
      'security.ubuntu.com_ubuntu_dists_noble-security_main_binary-amd64_Packages',
      'download.docker.com_linux_ubuntu_dists_noble_InRelease',
      'download.docker.com_linux_ubuntu_dists_noble_stable_binary-amd64_Packages',
    ]),
    execAnswer(TRIVY_VERSION, '', 127, 'sh: 1: trivy: not found\n'),
  ],
  // Raspberry Pi OS bookworm with apt-daily.timer switched off: lists 19 days old, two security updates known anyway.
  sentinel: (now) => [
    execAnswer(
      APT_SIMULATE,
      simulation([
        ['libssl3', '3.0.15-1~deb12u1', '3.0.16-1~deb12u1', 'Debian-Security:12/stable-security', 'arm64'],
        ['openssl', '3.0.15-1~deb12u1', '3.0.16-1~deb12u1', 'Debian-Security:12/stable-security', 'arm64'],
        ['raspi-firmware', '1:1.20241008-1', '1:1.20241126-1', 'Raspberry Pi Foundation:stable', 'all'],
        ['docker-ce', '5:27.3.1-1~debian.12~bookworm', '5:27.4.0-1~debian.12~bookworm', 'Docker CE:bookworm', 'arm64'],
        ['tailscale', '1.76.6', '1.78.1', 'Tailscale:stable', 'arm64'],
      ]),
    ),
    ...lists(now, 19 * 24 + 3, false, [
      'deb.debian.org_debian_dists_bookworm_InRelease',
      'deb.debian.org_debian_dists_bookworm_main_binary-arm64_Packages.lz4',
      'deb.debian.org_debian-security_dists_bookworm-security_InRelease',
      'deb.debian.org_debian-security_dists_bookworm-security_main_binary-arm64_Packages.lz4',
      'archive.raspberrypi.com_debian_dists_bookworm_InRelease',
      'archive.raspberrypi.com_debian_dists_bookworm_main_binary-arm64_Packages.lz4',
    ]),
    execAnswer(TRIVY_VERSION, '', 127, 'bash: line 1: trivy: command not found\n'),
  ],
  // DSM has no apt at all.
  nas: () => [execAnswer(APT_SIMULATE, '', 127, 'sh: apt-get: command not found\n')],
};
