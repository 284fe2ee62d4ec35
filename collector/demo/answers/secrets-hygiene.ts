// Demo answers for secrets-hygiene: a small file tree per host, with fake secrets (FAKE/EXAMPLE) that
// match the rules — a forgotten Vaultwarden export and a hard-coded ntfy token on ubuntu, an S3 key in
// a backup script on nas, NUT's plaintext password and an SSH key readable by all on sentinel.
import { DEFAULT_EXPORT_PATHS, DEFAULT_KEY_PATHS, DEFAULT_PATHS } from '../../checks/secrets-hygiene';
import type { FixtureAnswer } from '../../host/fixture';
import { hoursBefore, statAnswer } from '../builders';
import type { DemoAnswers } from './types';

/** Paths the demo config may list (see the report of the issue): answered on every host. */
export const DEMO_SECRETS_PATHS = ['/etc/nut', '/etc/traefik', '/etc/ssh', '/opt/stacks', '/usr/local/bin', '/volume1/docker'];

interface DemoFile {
  kind: 'file';
  text?: string;
  base64?: string;
  mode: number;
  uid: number;
  hoursOld: number;
  /** Reading it fails with EACCES (a root-only file, Vigil not root). */
  closed?: boolean;
}

interface DemoDir {
  kind: 'dir';
  mode: number;
  uid: number;
  entries: Record<string, DemoNode>;
  /** Listing it fails with EACCES. */
  closed?: boolean;
}

type DemoNode = DemoFile | DemoDir;

function file(text: string, mode = 0o644, uid = 0, hoursOld = 24 * 30): DemoFile {
  return { kind: 'file', text, mode, uid, hoursOld };
}

function dir(entries: Record<string, DemoNode>, mode = 0o755, uid = 0): DemoDir {
  return { kind: 'dir', mode, uid, entries };
}

function closedFile(mode = 0o600): DemoFile {
  return { kind: 'file', mode, uid: 0, hoursOld: 24 * 200, closed: true, text: '' };
}

function closedDir(mode = 0o700): DemoDir {
  return { kind: 'dir', mode, uid: 0, entries: {}, closed: true };
}

const denied = (path: string) => ({ code: 'EACCES', message: `${path}: permission denied` });
const absent = (path: string) => ({ code: 'ENOENT', message: `${path}: no such file or directory` });

/** Every answer a walk of this tree can ask for: stat of each node, list of each folder, read of each file. */
function treeAnswers(path: string, node: DemoNode, now: Date): FixtureAnswer[] {
  const mtime = hoursBefore(now, node.kind === 'file' ? node.hoursOld : 24 * 60);
  const size = node.kind === 'file' ? Buffer.byteLength(node.text ?? '') + (node.base64 ? Buffer.from(node.base64, 'base64').length : 0) : 4096;
  const out: FixtureAnswer[] = [statAnswer(path, node.kind, node.mode, size, mtime, node.uid)];
  if (node.kind === 'file') {
    if (node.closed) out.push({ op: 'read', path, error: denied(path) });
    else out.push({ op: 'read', path, result: node.base64 ? { base64: node.base64 } : { text: node.text ?? '' } });
    return out;
  }
  if (node.closed) return [...out, { op: 'list', path, error: denied(path) }];
  const names = Object.keys(node.entries).sort();
  out.push({ op: 'list', path, result: names.map((name) => ({ name, type: node.entries[name]!.kind })) });
  for (const name of names) out.push(...treeAnswers(`${path === '/' ? '' : path}/${name}`, node.entries[name]!, now));
  return out;
}

/** The node at a path, or what stops the walk there: missing, or a closed folder on the way. */
function lookup(root: DemoDir, path: string): DemoNode | 'missing' | 'closed' {
  let node: DemoNode = root;
  for (const part of path.split('/').filter(Boolean)) {
    if (node.kind !== 'dir') return 'missing';
    if (node.closed) return 'closed';
    const next: DemoNode | undefined = node.entries[part];
    if (!next) return 'missing';
    node = next;
  }
  return node;
}

/** Users under /home, for the `/home/*` patterns. */
function users(root: DemoDir): string[] {
  const home = root.entries.home;
  return home?.kind === 'dir' ? Object.keys(home.entries) : [];
}

/** The whole host: its tree, plus "missing" or "denied" for every path the check may ask about that is not in it. */
function hostAnswers(root: DemoDir, now: Date): FixtureAnswer[] {
  const patterns = [...DEFAULT_PATHS, ...DEFAULT_EXPORT_PATHS, ...DEFAULT_KEY_PATHS, ...DEMO_SECRETS_PATHS];
  const asked = patterns.flatMap((p) => (p.startsWith('/home/*/') ? users(root).map((u) => p.replace('/home/*/', `/home/${u}/`)) : [p]));
  const extra: FixtureAnswer[] = [];
  for (const path of new Set([...asked, '/home'])) {
    const found = lookup(root, path);
    if (found === 'missing') extra.push({ op: 'stat', path, result: null }, { op: 'list', path, error: absent(path) });
    if (found === 'closed') extra.push({ op: 'stat', path, error: denied(path) }, { op: 'list', path, error: denied(path) });
  }
  return [...treeAnswers('/', root, now), ...extra];
}

/**
 * An OpenSSH key file that parses as unencrypted (magic, cipher "none") and is visibly fake: its
 * base64 after the header spells FAKEEXAMPLE.
 */
function fakeOpensshKey(): string {
  const str = (s: string) => {
    const b = Buffer.alloc(4 + s.length);
    b.writeUInt32BE(s.length, 0);
    b.write(s, 4, 'latin1');
    return b;
  };
  const head = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), str('none'), str('none'), str(''), Buffer.from([0, 0, 0, 1])]);
  const body = `${head.toString('base64')}${'FAKEEXAMPLEKEY'.repeat(12)}`;
  const lines = body.match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

const SSHD_CONFIG = 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n';

function sshFolder(readable: boolean): DemoDir {
  return dir({
    sshd_config: file(SSHD_CONFIG),
    ssh_host_ed25519_key: readable ? file(fakeOpensshKey(), 0o600, 0, 24 * 400) : closedFile(),
    'ssh_host_ed25519_key.pub': file('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEEXAMPLEhostkey root@host\n'),
  });
}

const UBUNTU = (): DemoDir =>
  dir({
    etc: dir({ hostname: file('ubuntu\n'), ssh: sshFolder(false), ssl: dir({ private: closedDir(0o710) }) }),
    opt: dir({
      stacks: dir(
        {
          paperless: dir({
            'compose.yaml': file(
              'services:\n  webserver:\n    image: ghcr.io/paperless-ngx/paperless-ngx:2.13\n    env_file: .env\n    environment:\n      PAPERLESS_DBHOST: db\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${PAPERLESS_DBPASS}\n',
              0o644,
              1000,
            ),
            '.env': file(
              'PAPERLESS_DBPASS=FAKE-EXAMPLE-paperless-db\nPAPERLESS_SECRET_KEY=FAKE-EXAMPLE-9c1e7b3f5a2d\nPAPERLESS_URL=https://paperless.home.arpa\nPAPERLESS_TIME_ZONE=Europe/Berlin\n',
              0o644,
              1000,
            ),
          }, 0o755, 1000),
          vaultwarden: dir({
            'compose.yaml': file('services:\n  vaultwarden:\n    image: vaultwarden/server:1.32.5\n    env_file: .env\n    volumes:\n      - ./data:/data\n', 0o644, 1000),
            // The admin token as Vaultwarden recommends it (an Argon2 hash) is not a finding.
            '.env': file(
              "DOMAIN=https://vault.home.arpa\nADMIN_TOKEN='$argon2id$v=19$m=65540,t=3,p=4$FAKEEXAMPLEsalt$FAKEEXAMPLEhash'\nSMTP_PASSWORD=FAKE-EXAMPLE-smtp-relay\n",
              0o600,
              1000,
            ),
          }, 0o755, 1000),
          ntfy: dir({
            'server.yml': file('base-url: https://ntfy.home.arpa\nauth-file: /var/lib/ntfy/user.db\nauth-default-access: deny-all\n', 0o644, 1000),
            'cache.db': { kind: 'file', base64: Buffer.from('SQLite format 3\u0000FAKE-EXAMPLE binary page').toString('base64'), mode: 0o644, uid: 1000, hoursOld: 2 },
          }, 0o755, 1000),
        },
        0o755,
        1000,
      ),
    }),
    usr: dir({
      local: dir({
        bin: dir({
          'backup-vault.sh': file(
            '#!/bin/bash\n# Nightly vault backup: export, convert to KeePass, copy to the NAS, notify.\nset -euo pipefail\ntmp=$(mktemp -d)\ntrap \'rm -rf "$tmp"\' EXIT\nbw export --format csv --output "$tmp/vault.csv"\nkeepassxc-cli import "$tmp/vault.csv" "$tmp/vault.kdbx"\nrsync -a "$tmp/vault.kdbx" nas:/volume1/backups/vault/\n# TODO move the token to ~/.config/ntfy/token\ncurl -fsS -H "Authorization: Bearer tk_FAKEEXAMPLE6oCmuUMaGmSWAwkIwc" -d "vault backup done" https://ntfy.home.arpa/backups\n',
            0o755,
          ),
        }),
        sbin: dir({}),
        etc: dir({}),
      }),
    }),
    home: dir({
      alex: dir(
        {
          '.ssh': dir(
            {
              id_ed25519: closedFile(),
              'id_ed25519.pub': file('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEEXAMPLEalex alex@ubuntu\n', 0o644, 1000),
              authorized_keys: file('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEEXAMPLEmac alex@mac\n', 0o600, 1000),
              known_hosts: file('nas ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEEXAMPLEnas\n', 0o644, 1000),
            },
            0o700,
            1000,
          ),
          Downloads: dir(
            {
              // Exported by hand for the KeePass test on 1 November and never deleted.
              'bitwarden_export_20261101093012.csv': file(
                'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\nHomelab,,login,Gitea admin,,,0,https://git.home.arpa,alex,FAKE-EXAMPLE-gitea-admin,\nHomelab,,login,NAS DSM,,,0,https://nas.home.arpa:5001,alex,FAKE-EXAMPLE-dsm,\n',
                0o644,
                1000,
                22 * 24 - 3,
              ),
            },
            0o755,
            1000,
          ),
        },
        0o750,
        1000,
      ),
    }),
    root: closedDir(),
    tmp: dir({ 'systemd-private-5f1c0e2a9b7d4c36-ollama.service-Xq1z9T': closedDir() }, 0o1777),
    var: dir({ tmp: dir({}, 0o1777) }),
    dev: dir({ shm: dir({}, 0o1777) }),
  });

const NAS = (): DemoDir =>
  dir({
    etc: dir({ 'synoinfo.conf': file('unique="synology_geminilake_920+"\nsupport_sha512="yes"\n'), ssh: sshFolder(true) }),
    volume1: dir({
      docker: dir({
        gitea: dir({
          'docker-compose.yml': file(
            'services:\n  gitea:\n    image: gitea/gitea:1.22\n    environment:\n      - GITEA__database__DB_TYPE=postgres\n      - GITEA__database__HOST=db:5432\n      - GITEA__database__PASSWD=FAKE-EXAMPLE-gitea-db\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=FAKE-EXAMPLE-gitea-db\n',
          ),
        }),
        restic: dir({
          'backup.sh': file(
            '#!/bin/sh\n# Offsite copy of /volume1/photos to S3-compatible storage.\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nexport RESTIC_REPOSITORY=s3:s3.eu-central-1.amazonaws.com/homelab-offsite\nexport RESTIC_PASSWORD=FAKE-EXAMPLE-restic-repo\nrestic backup /volume1/photos --tag nightly\n',
            0o755,
          ),
        }),
      }),
    }),
    root: dir({ '.profile': file('umask 022\n', 0o644), '.ssh': dir({ authorized_keys: file('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEEXAMPLEvigil vigil@ubuntu\n', 0o600) }, 0o700) }, 0o700),
    tmp: dir({}, 0o1777),
    dev: dir({ shm: dir({}, 0o1777) }),
  });

const SENTINEL = (): DemoDir =>
  dir({
    etc: dir({
      hostname: file('sentinel\n'),
      nut: dir({
        'nut.conf': file('MODE=netserver\n', 0o640),
        'ups.conf': file('[eaton]\n\tdriver = usbhid-ups\n\tport = auto\n', 0o640),
        // NUT keeps upsmon's password in plaintext by design: a low finding, accepted with a .vigilignore.
        'upsd.users': file('[upsmon]\n\tpassword = FAKE-EXAMPLE-upsmon\n\tupsmon primary\n', 0o640),
      }),
      traefik: dir({
        'traefik.yml': file(
          'certificatesResolvers:\n  letsencrypt:\n    acme:\n      email: alex@example.com\n      storage: /letsencrypt/acme.json\n      dnsChallenge:\n        provider: cloudflare\n',
        ),
        'cloudflare.env': file('# DNS-01 challenge for *.home.arpa, read by the traefik container (env_file)\nCF_API_EMAIL=alex@example.com\nCF_DNS_API_TOKEN=FAKEEXAMPLEcfDNS01token0123456789ab\n'),
      }),
      ssh: sshFolder(true),
      ssl: dir({ private: dir({}, 0o710) }),
    }),
    home: dir({
      pi: dir({
        '.ssh': dir({
          // Copied from the old SD card with `cp -r`, mode and all.
          id_ed25519: file(fakeOpensshKey(), 0o644, 1000, 24 * 90),
          'id_ed25519.pub': file('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEEXAMPLEpi pi@sentinel\n', 0o644, 1000),
          authorized_keys: file('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEEXAMPLEalex alex@ubuntu\n', 0o600, 1000),
        }, 0o755, 1000),
      }, 0o755, 1000),
    }),
    usr: dir({ local: dir({ bin: dir({}) }) }),
    root: dir({}, 0o700),
    tmp: dir({}, 0o1777),
    var: dir({ tmp: dir({}, 0o1777) }),
    dev: dir({ shm: dir({}, 0o1777) }),
  });

/** Each demo host's tree for secrets-hygiene. */
export const secretsHygieneAnswers: DemoAnswers = {
  ubuntu: (now) => hostAnswers(UBUNTU(), now),
  nas: (now) => hostAnswers(NAS(), now),
  sentinel: (now) => hostAnswers(SENTINEL(), now),
};
