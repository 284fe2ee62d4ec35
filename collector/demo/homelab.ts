// The demo homelab: its config (a real vigil.yaml, validated like any other) and the recorded days.
import { resolve } from 'node:path';
import { sha256Hex } from '../../shared/hash';
import { defaultStateDir, parseConfigText, processEnv, type LoadEnv } from '../config/load';
import type { VigilConfig } from '../config/types';
import type { Fixture } from '../host/fixture';
import { UBUNTU_STATE_DIR } from './answers/collector-self';
import { DEMO_MACHINES, demoFixture } from './hosts';

/** One recorded day: the moment and every host's fixture. */
export interface DemoDay {
  now: Date;
  fixtures: Fixture[];
}

/** The demo: config plus days replayed in order. */
export interface DemoHomelab {
  config: VigilConfig;
  days: DemoDay[];
}

/** The demo's config file, exactly as a user would write it. */
export const DEMO_CONFIG = `# The sample homelab behind \`vigil demo\`.
vault: .
folder: Vigil
hosts:
  - name: ubuntu
    fixture: ubuntu.json
    collector: true
  - name: nas
    fixture: nas.json
  - name: sentinel
    fixture: sentinel.json
checks:
  listening-sockets:
    allow: ["*:22/tcp", "*:53", "*:80/tcp", "*:443/tcp", "*:445/tcp", "*:139/tcp",
            "*:5000-5001/tcp", "*:137-138/udp", "*:5353/udp", "*:1900/udp"]
  collector-self:
    state_dir: ${UBUNTU_STATE_DIR}
  systemd-drift:
    hosts:
      ubuntu:
        expected: [ssh, docker, containerd, ollama, cups, avahi-daemon]
        timers: [restic-backup.timer]
        user_timers: [vigil.timer]
      sentinel:
        expected: [ssh, docker, containerd, nut-server, nut-monitor, "nut-driver@*", tailscaled,
                   prometheus-node-exporter, unattended-upgrades]
        timers: [apt-daily.timer]
  ssh-auth:
    known_networks: ["192.168.1.0/24", "100.64.0.0/10", "fd7a:115c:a1e0::/48"]
    expected_sudo_users: [alex]
  unifi:
    url: https://unifi.home.arpa
    username: vigil
    password_env: UNIFI_PASSWORD
    ca_file: /home/alex/.config/vigil/homelab-ca.pem
    known_macs: ["a8:a1:59:3e:71:0c", "00:11:32:ab:cd:ef", "dc:a6:32:4e:19:7b", "f0:18:98:5c:2e:41",
                 "8c:85:90:1d:6a:33", "e8:db:84:*"]
  prometheus-alerts:
    url: http://prometheus.home.arpa:9090
  tls-expiry:
    ca_file: /home/alex/.config/vigil/homelab-ca.pem
    endpoints: ["vault.home.arpa:443", "ha.home.arpa:8123", "nas.home.arpa:5001", "git.home.arpa:443"]
backups:
  - name: photos-usb
    kind: restic
    host: ubuntu
    repo: /media/alex/photos-usb/restic
    password_file: /home/alex/.config/vigil/restic-photos-usb.pass
    snapshot_tags: [photos]
    data_class: irreplaceable
    copy: { media: usb, offline: true, location: home }
    max_age: 8d
  - name: photos-b2
    kind: restic
    host: ubuntu
    repo: b2:homelab-photos:/restic
    password_file: /home/alex/.config/vigil/restic-photos-b2.pass
    snapshot_tags: [photos]
    verify: read-data-subset=5%
    data_class: irreplaceable
    copy: { media: cloud, offsite: true, credentials: b2-photos-app-key }
    max_age: 26h
  - name: gitea-dump
    kind: borg
    host: nas
    repo: /volume1/backups/borg/gitea
    passphrase_file: /var/services/homes/vigil/.config/vigil/borg-gitea.pass
    verify: true
    data_class: service-state
    copy: { media: nas }
    max_age: 26h
  - name: home-assistant
    kind: files
    host: nas
    path: /volume1/backups/home-assistant
    pattern: "Automatic_backup_*.tar"
    min_size: 10MB
    data_class: service-state
    copy: { media: nas }
    max_age: 26h
  - name: keepass-archive
    kind: files
    host: nas
    path: /volume1/backups/vault
    pattern: "vault-*.kdbx"
    data_class: irreplaceable
    copy: { media: nas }
    max_age: 26h
  - name: nut-config
    kind: files
    host: sentinel
    path: /var/backups/nut
    pattern: "nut-config-*.tar.gz"
    max_files: 30
    data_class: rebuild
    copy: { media: sd-card }
    max_age: 8d
services:
  - name: network
    kind: small-machine
    host: sentinel
    data_class: rebuild
    backups: [nut-config]
    containers: [traefik, coredns]
  - name: nas
    kind: nas
    host: nas
    data_class: irreplaceable
    backups: [photos-usb, photos-b2]
    containers: [syncthing, ha-backup-sync]
    credentials: ["Vaultwarden: Synology admin account", "Fire safe envelope: DSM recovery codes"]
    depends_on: [network]
  - name: vaultwarden
    kind: password-vault
    host: ubuntu
    data_class: irreplaceable
    backups: [keepass-archive]
    containers: [vaultwarden]
    credentials: ["Fire safe envelope: master passphrase and KeePass archive password"]
    depends_on: [network]
  - name: gitea
    kind: gitea
    host: nas
    data_class: service-state
    backups: [gitea-dump]
    containers: [gitea-mirror]
    credentials: ["Vaultwarden: Gitea admin account"]
    depends_on: [nas, vaultwarden]
  - name: home-assistant
    kind: home-assistant
    data_class: service-state
    backups: [home-assistant]
    credentials: ["Vaultwarden: Home Assistant owner account"]
    depends_on: [network, nas]
  - name: paperless
    kind: docker-app
    host: ubuntu
    data_class: irreplaceable
    containers: [paperless-ngx, broker, paperless-db, paperless-ai]
    credentials: ["Vaultwarden: Paperless admin account"]
    depends_on: [nas, vaultwarden]
accept:
  - finding: "docker-posture:ubuntu:portainer:docker-socket"
    reason: "Portainer manages the stacks, the socket is its job; revisit once the socket proxy is in place"
    until: 2027-03-31
`;

/** The last demo day: Monday 23 November 2026, 06:15 UTC, when the daily timer fires. */
export const DEMO_NOW = new Date('2026-11-23T06:15:00Z');

/** Days before DEMO_NOW that the demo replays, oldest first. */
export const DEMO_DAYS = [3, 2, 1, 0];

/** Build the demo for a vault directory; its state lives in Vigil's state directory, outside the vault. */
export function demoHomelab(vault: string, env: LoadEnv = processEnv()): DemoHomelab {
  const config = parseConfigText(DEMO_CONFIG, resolve(vault, 'vigil.yaml'), env);
  config.stateDir = resolve(defaultStateDir(env), `demo-${sha256Hex(resolve(vault)).slice(0, 12)}`);
  const day = (now: Date, index: number): DemoDay => ({ now, fixtures: DEMO_MACHINES.map((m) => demoFixture(m, now, index)) });
  // Four mornings of the daily timer, the last one "today": enough history for incidents to open,
  // resolve and be acknowledged, and for the weekly digest to have something to say.
  return { config, days: DEMO_DAYS.map((offset, i) => day(new Date(DEMO_NOW.getTime() - offset * 86_400_000), i)) };
}
