// Unit-name patterns for systemd-drift: `ssh`, `docker.service`, `getty@*`, and the built-in baseline of OS plumbing.

/** Characters a pattern may use: those of unit names plus the globs `*` and `?`. */
export const PATTERN_CHARS = /^[A-Za-z0-9:_.\\@*?-]{1,240}$/;

const TYPED = /\.(?:service|socket|target|device|mount|automount|swap|timer|path|slice|scope)$/;

/** `ssh` → `ssh.service`, `getty@*` → `getty@*.service`; names that carry a type keep it. */
export function withType(pattern: string, type: 'service' | 'timer'): string {
  return TYPED.test(pattern) ? pattern : `${pattern}.${type}`;
}

/** True when the pattern has a glob character (such patterns match, but never report a unit as missing). */
export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** A compiled matcher for a list of unit patterns of one type (`*` = any run of characters, `?` = one). */
export function unitMatcher(patterns: readonly string[], type: 'service' | 'timer'): (unit: string) => boolean {
  const exact = new Set<string>();
  const globs: RegExp[] = [];
  for (const p of patterns.map((x) => withType(x, type))) {
    if (!isGlob(p)) exact.add(p);
    else globs.push(new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`));
  }
  return (unit) => exact.has(unit) || globs.some((re) => re.test(unit));
}

/**
 * Services every Debian-family install (Debian 12, Ubuntu 24.04, Raspberry Pi OS bookworm) runs as boot, login,
 * logging, time, storage and package plumbing. They are "expected" unless `baseline: false`, so an allowlist
 * lists only what the user chose to run. Deliberately absent: anything that serves the network to other
 * machines (ssh, avahi-daemon, cups, rpcbind, smbd, nfs-server, exim4/postfix, bluetooth…) — the services
 * CIS benchmarks' "Special Purpose Services" section (2.2) says to remove or disable when not required, and
 * exactly what drift detection is for.
 */
export const BASELINE_SERVICES: readonly string[] = [
  // systemd itself and the login/session machinery
  'systemd-*', 'dbus', 'dbus-broker', 'polkit', 'getty@*', 'serial-getty@*', 'console-getty', 'container-getty@*',
  'autovt@*', 'user@*', 'user-runtime-dir@*', 'accounts-daemon', 'rtkit-daemon',
  // boot-time setup and hardware
  'keyboard-setup', 'console-setup', 'kmod', 'kmod-static-nodes', 'apparmor', 'setvbuf', 'finalrd', 'plymouth*',
  'grub-common', 'grub-initrd-fallback', 'secureboot-db', 'irqbalance', 'thermald', 'lm-sensors', 'udisks2',
  'upower', 'fwupd', 'fwupd-refresh', 'smartmontools', 'smartd', 'haveged', 'rng-tools*', 'fake-hwclock',
  'e2scrub_reap', 'e2scrub_all', 'fstrim', 'lvm2-*', 'blk-availability', 'multipathd', 'mdmonitor', 'zfs-*',
  'nvmefc-boot-connections', 'nvmf-autoconnect',
  // networking plumbing that serves this machine only
  'networking', 'ifup@*', 'NetworkManager', 'NetworkManager-*', 'wpa_supplicant', 'dhcpcd', 'netplan-*',
  'nftables', 'netfilter-persistent', 'ufw', 'chrony', 'chronyd',
  // logging, scheduling and package maintenance
  'rsyslog', 'cron', 'anacron', 'logrotate', 'man-db', 'dpkg-db-backup', 'apt-daily', 'apt-daily-upgrade',
  'unattended-upgrades', 'packagekit', 'snapd', 'snapd.*', 'apport', 'ubuntu-advantage', 'ua-reboot-cmds',
  'ua-timer', 'esm-cache', 'motd-news', 'update-notifier-*', 'sysstat', 'procps', 'rc-local',
  // virtual machines and cloud images
  'cloud-init', 'cloud-init-*', 'cloud-config', 'cloud-final', 'qemu-guest-agent', 'open-vm-tools', 'lxd-agent',
  'pollinate', 'open-iscsi', 'iscsid',
  // Raspberry Pi OS first-boot and board services
  'rpi-eeprom-update', 'raspi-config', 'rpi-display-backlight', 'sshswitch', 'dphys-swapfile', 'triggerhappy',
  'regenerate_ssh_host_keys', 'resize2fs_once', 'userconfig', 'hciuart',
];
