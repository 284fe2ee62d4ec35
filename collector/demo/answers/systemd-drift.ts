// Demo answers for systemd-drift: each host's services and timers as systemctl lists them on the day.
import { LIST_FAILED, LIST_UNIT_FILES, LIST_UNITS, userCommand } from '../../checks/systemd-drift/probe';
import type { FixtureAnswer } from '../../host/fixture';
import { execAnswer } from '../builders';
import type { DemoAnswers } from './types';

/** One list-units row: unit, load, active, sub, description. */
type Row = readonly [string, string, string, string, string];

/** Columns padded to their widest cell plus one space, as systemctl's table prints them (--plain --no-legend). */
function table(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join(' ')).join('\n') + '\n';
}

/** systemctl sorts by type, then name: services before timers. */
function sorted<T extends readonly string[]>(rows: readonly T[]): T[] {
  const type = (u: string) => u.slice(u.lastIndexOf('.') + 1);
  return [...rows].sort((a, b) => type(a[0]!).localeCompare(type(b[0]!)) || a[0]!.localeCompare(b[0]!));
}

/** The three listings of one manager. */
function manager(units: readonly Row[], files: readonly (readonly string[])[], user = false): FixtureAnswer[] {
  const cmd = (argv: readonly string[]) => (user ? userCommand(argv) : argv);
  return [
    execAnswer(cmd(LIST_UNITS), table(sorted(units))),
    execAnswer(cmd(LIST_FAILED), table(sorted(units.filter((u) => u[2] === 'failed')))),
    execAnswer(cmd(LIST_UNIT_FILES), table(sorted(files))),
  ];
}

const running = (unit: string, description: string): Row => [unit, 'loaded', 'active', 'running', description];
const exited = (unit: string, description: string): Row => [unit, 'loaded', 'active', 'exited', description];
const dead = (unit: string, description: string): Row => [unit, 'loaded', 'inactive', 'dead', description];
const waiting = (unit: string, description: string): Row => [unit, 'loaded', 'active', 'waiting', description];

/** Plumbing every Debian-family host runs (all in systemd-drift's baseline). */
const PLUMBING: Row[] = [
  running('dbus.service', 'D-Bus System Message Bus'),
  running('cron.service', 'Regular background program processing daemon'),
  running('getty@tty1.service', 'Getty on tty1'),
  running('polkit.service', 'Authorization Manager'),
  running('systemd-journald.service', 'Journal Service'),
  running('systemd-logind.service', 'User Login Management'),
  running('systemd-timesyncd.service', 'Network Time Synchronization'),
  running('systemd-udevd.service', 'Rule-based Manager for Device Events and Files'),
  running('user@1000.service', 'User Manager for UID 1000'),
  exited('keyboard-setup.service', 'Set the console keyboard layout'),
  exited('systemd-remount-fs.service', 'Remount Root and Kernel File Systems'),
  exited('systemd-tmpfiles-setup.service', 'Create Volatile Files and Directories'),
  exited('user-runtime-dir@1000.service', 'User Runtime Directory /run/user/1000'),
  dead('apt-daily-upgrade.service', 'Daily apt upgrade and clean activities'),
  dead('apt-daily.service', 'Daily apt download activities'),
  dead('fstrim.service', 'Discard unused blocks on filesystems from /etc/fstab'),
  dead('logrotate.service', 'Rotate log files'),
  dead('man-db.service', 'Daily man-db regeneration'),
  waiting('e2scrub_all.timer', 'Periodic ext4 Online Metadata Check for All Filesystems'),
  waiting('fstrim.timer', 'Discard unused filesystem blocks once a week'),
  waiting('logrotate.timer', 'Daily rotation of log files'),
  waiting('man-db.timer', 'Daily man-db regeneration'),
  waiting('systemd-tmpfiles-clean.timer', 'Daily Cleanup of Temporary Directories'),
];

const PLUMBING_FILES: string[][] = [
  ['apt-daily-upgrade.service', 'static', '-'],
  ['apt-daily.service', 'static', '-'],
  ['cron.service', 'enabled', 'enabled'],
  ['dbus.service', 'static', '-'],
  ['getty@.service', 'enabled', 'enabled'],
  ['keyboard-setup.service', 'enabled', 'enabled'],
  ['systemd-timesyncd.service', 'enabled', 'enabled'],
  ['e2scrub_all.timer', 'enabled', 'enabled'],
  ['fstrim.timer', 'enabled', 'enabled'],
  ['logrotate.timer', 'enabled', 'enabled'],
  ['man-db.timer', 'enabled', 'enabled'],
  ['systemd-tmpfiles-clean.timer', 'static', '-'],
];

export const systemdDriftAnswers: DemoAnswers = {
  // Ubuntu 24.04 (systemd 255): the Docker stack, Ollama, CUPS — and last night's restic backup failed.
  ubuntu: () => [
    ...manager(
      [
        ...PLUMBING,
        running('avahi-daemon.service', 'Avahi mDNS/DNS-SD Stack'),
        running('containerd.service', 'containerd container runtime'),
        running('cups.service', 'CUPS Scheduler'),
        running('docker.service', 'Docker Application Container Engine'),
        running('multipathd.service', 'Device-Mapper Multipath Device Controller'),
        running('ollama.service', 'Ollama Service'),
        running('ssh.service', 'OpenBSD Secure Shell server'),
        running('snapd.service', 'Snap Daemon'),
        running('systemd-resolved.service', 'Network Name Resolution'),
        running('systemd-networkd.service', 'Network Configuration'),
        running('unattended-upgrades.service', 'Unattended Upgrades Shutdown'),
        ['restic-backup.service', 'loaded', 'failed', 'failed', 'Restic backup of /srv to the NAS'],
        ['ssh.socket', 'loaded', 'active', 'listening', 'OpenBSD Secure Shell server socket'],
        waiting('apt-daily-upgrade.timer', 'Daily apt upgrade and clean activities'),
        waiting('apt-daily.timer', 'Daily apt download activities'),
        waiting('motd-news.timer', 'Message of the Day'),
        waiting('restic-backup.timer', 'Nightly restic backup of /srv'),
      ],
      [
        ...PLUMBING_FILES,
        ['avahi-daemon.service', 'enabled', 'enabled'],
        ['containerd.service', 'enabled', 'enabled'],
        ['cups.service', 'enabled', 'enabled'],
        ['docker.service', 'enabled', 'enabled'],
        ['multipathd.service', 'enabled', 'enabled'],
        ['ollama.service', 'enabled', 'enabled'],
        ['restic-backup.service', 'static', '-'],
        ['snapd.service', 'enabled', 'enabled'],
        // Ubuntu 24.04 starts sshd through ssh.socket: the service itself is disabled.
        ['ssh.service', 'disabled', 'enabled'],
        ['unattended-upgrades.service', 'enabled', 'enabled'],
        ['apt-daily-upgrade.timer', 'enabled', 'enabled'],
        ['apt-daily.timer', 'enabled', 'enabled'],
        ['motd-news.timer', 'enabled', 'enabled'],
        ['restic-backup.timer', 'enabled', 'enabled'],
      ],
    ),
    // alex's own manager (lingering on): the daily Vigil timer.
    ...manager(
      [dead('vigil.service', 'Vigil daily audit'), waiting('vigil.timer', 'Vigil daily audit timer')],
      [
        ['vigil.service', 'static', '-'],
        ['vigil.timer', 'enabled', 'enabled'],
      ],
      true,
    ),
  ],
  // Raspberry Pi OS bookworm (systemd 252): NUT, Tailscale, Docker — avahi-daemon running unasked, apt's daily timer
  // switched off (to spare the SD card) and unattended-upgrades stopped.
  sentinel: () =>
    manager(
      [
        ...PLUMBING,
        running('avahi-daemon.service', 'Avahi mDNS/DNS-SD Stack'),
        running('containerd.service', 'containerd container runtime'),
        running('docker.service', 'Docker Application Container Engine'),
        running('NetworkManager.service', 'Network Manager'),
        running('nut-driver@ups.service', 'Network UPS Tools - device driver for NUT device \'ups\''),
        running('nut-monitor.service', 'Network UPS Tools - power device monitor and shutdown controller'),
        running('nut-server.service', 'Network UPS Tools - power devices information server'),
        running('prometheus-node-exporter.service', 'Prometheus exporter for machine metrics'),
        running('ssh.service', 'OpenBSD Secure Shell server'),
        running('tailscaled.service', 'Tailscale node agent'),
        running('triggerhappy.service', 'triggerhappy global hotkey daemon'),
        running('wpa_supplicant.service', 'WPA supplicant'),
        exited('dphys-swapfile.service', 'dphys-swapfile - set up, mount/unmount, and delete a swap file'),
        exited('rpi-eeprom-update.service', 'Check for Raspberry Pi EEPROM updates'),
        dead('unattended-upgrades.service', 'Unattended Upgrades Shutdown'),
        dead('apt-daily.timer', 'Daily apt download activities'),
      ],
      [
        ...PLUMBING_FILES,
        ['avahi-daemon.service', 'enabled', 'enabled'],
        ['containerd.service', 'enabled', 'enabled'],
        ['docker.service', 'enabled', 'enabled'],
        ['dphys-swapfile.service', 'enabled', 'enabled'],
        ['NetworkManager.service', 'enabled', 'enabled'],
        ['nut-driver@.service', 'indirect', 'enabled'],
        ['nut-monitor.service', 'enabled', 'enabled'],
        ['nut-server.service', 'enabled', 'enabled'],
        ['prometheus-node-exporter.service', 'enabled', 'enabled'],
        ['rpi-eeprom-update.service', 'enabled', 'enabled'],
        ['ssh.service', 'enabled', 'enabled'],
        ['tailscaled.service', 'enabled', 'enabled'],
        ['triggerhappy.service', 'enabled', 'enabled'],
        ['unattended-upgrades.service', 'disabled', 'enabled'],
        ['wpa_supplicant.service', 'enabled', 'enabled'],
        ['apt-daily-upgrade.timer', 'disabled', 'enabled'],
        ['apt-daily.timer', 'disabled', 'enabled'],
      ],
    ),
  // Synology DSM 7.2: its own service names, and systemd old enough to print no preset column. No allowlist for it.
  nas: () =>
    manager(
      [
        running('avahi.service', 'Avahi mDNS/DNS-SD Stack'),
        running('crond.service', 'Cron Daemon'),
        running('nginx.service', 'nginx HTTP server'),
        running('nmbd.service', 'Samba NetBIOS name server'),
        running('pgsql.service', 'PostgreSQL for DSM'),
        running('pkgctl-ContainerManager.service', 'Container Manager package'),
        running('pkgctl-MariaDB10.service', 'MariaDB 10 package'),
        running('rpcbind.service', 'RPC bind service'),
        running('rsyncd.service', 'rsync daemon'),
        running('smbd.service', 'Samba SMB/CIFS server'),
        running('sshd.service', 'OpenSSH server daemon'),
        running('synoscgi.service', 'Synology DSM web API'),
        running('syslog-ng.service', 'System Logger Daemon'),
        running('systemd-journald.service', 'Journal Service'),
        running('systemd-udevd.service', 'udev Kernel Device Manager'),
        waiting('synocrond.timer', 'Synology scheduled tasks'),
      ],
      [
        ['avahi.service', 'enabled'],
        ['crond.service', 'enabled'],
        ['nginx.service', 'static'],
        ['nmbd.service', 'static'],
        ['pgsql.service', 'static'],
        ['pkgctl-ContainerManager.service', 'enabled'],
        ['pkgctl-MariaDB10.service', 'enabled'],
        ['rpcbind.service', 'static'],
        ['rsyncd.service', 'static'],
        ['smbd.service', 'static'],
        ['sshd.service', 'enabled'],
        ['synoscgi.service', 'static'],
        ['syslog-ng.service', 'enabled'],
        ['synocrond.timer', 'enabled'],
      ],
    ),
};
