// Demo host "sentinel": the Raspberry Pi 4 network box — Traefik, CoreDNS, NUT and Tailscale.
import type { Fixture } from '../../host/fixture';
import { OWNER_COMMAND } from '../../checks/listening-sockets/probe';
import { socketOwners, socketTables } from '../builders';

/** The Pi 4 as recorded on a demo day. */
export function sentinelFixture(capturedAt: Date): Fixture {
  return {
    vigil_fixture: 1,
    host: 'sentinel',
    kind: 'ssh',
    captured_at: capturedAt.toISOString(),
    vigil_version: 'demo',
    description: 'Raspberry Pi 4, Raspberry Pi OS 12 (bookworm), Traefik + CoreDNS in Docker, NUT on the host',
    answers: [
      ...socketTables(
        [
          { local: '0.0.0.0:22', state: 'LISTEN', inode: 41001 },
          { local: '0.0.0.0:80', state: 'LISTEN', inode: 41011 },
          { local: '0.0.0.0:443', state: 'LISTEN', inode: 41012 },
          { local: '0.0.0.0:8080', state: 'LISTEN', inode: 41013 },
          { local: '0.0.0.0:53', state: 'LISTEN', inode: 41021 },
          { local: '0.0.0.0:3493', state: 'LISTEN', uid: 110, inode: 41031 },
          { local: '100.101.12.7:41641', state: 'LISTEN', inode: 41041 },
          { local: '127.0.0.1:9100', state: 'LISTEN', inode: 41051 },
          { local: '[::]:22', state: 'LISTEN', inode: 41002 },
        ],
        [
          { local: '0.0.0.0:53', state: 'UNCONN', inode: 41022 },
          { local: '0.0.0.0:41641', state: 'UNCONN', inode: 41042 },
          { local: '0.0.0.0:5353', state: 'UNCONN', inode: 41061 },
        ],
      ),
      ...socketOwners(
        [
          { pid: 612, comm: 'sshd', inodes: [41001, 41002] },
          { pid: 1433, comm: 'docker-proxy', inodes: [41011, 41012, 41013] },
          { pid: 1470, comm: 'coredns', inodes: [41021, 41022] },
          { pid: 801, comm: 'upsd', inodes: [41031] },
          { pid: 733, comm: 'tailscaled', inodes: [41041, 41042] },
          { pid: 955, comm: 'node_exporter', inodes: [41051] },
          { pid: 540, comm: 'avahi-daemon', inodes: [41061] },
        ],
        OWNER_COMMAND,
      ),
    ],
  };
}
