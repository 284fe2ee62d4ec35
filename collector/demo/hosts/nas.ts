// Demo host "nas": a Synology DiskStation (DSM 7.2) — file shares, DSM web UI, MariaDB left open, rsync.
import type { Fixture } from '../../host/fixture';
import { OWNER_COMMAND } from '../../checks/listening-sockets/probe';
import { socketOwners, socketTables } from '../builders';

/** The NAS as recorded on a demo day. */
export function nasFixture(capturedAt: Date): Fixture {
  return {
    vigil_fixture: 1,
    host: 'nas',
    kind: 'ssh',
    captured_at: capturedAt.toISOString(),
    vigil_version: 'demo',
    description: 'Synology DS920+ running DSM 7.2, recorded over SSH with sudo',
    answers: [
      ...socketTables(
        [
          { local: '0.0.0.0:22', state: 'LISTEN', inode: 30101 },
          { local: '0.0.0.0:5000', state: 'LISTEN', inode: 30111 },
          { local: '0.0.0.0:5001', state: 'LISTEN', inode: 30112 },
          { local: '0.0.0.0:445', state: 'LISTEN', inode: 30121 },
          { local: '0.0.0.0:139', state: 'LISTEN', inode: 30122 },
          { local: '0.0.0.0:111', state: 'LISTEN', inode: 30131 },
          { local: '0.0.0.0:873', state: 'LISTEN', inode: 30141 },
          { local: '0.0.0.0:3306', state: 'LISTEN', uid: 66, inode: 30151 },
          { local: '127.0.0.1:5432', state: 'LISTEN', uid: 55, inode: 30161 },
          { local: '192.168.1.10:5000', state: 'ESTABLISHED', remote: '192.168.1.23:51544', inode: 30199 },
          { local: '[::]:22', state: 'LISTEN', inode: 30102 },
          { local: '[::]:5000', state: 'LISTEN', inode: 30113 },
          { local: '[::]:445', state: 'LISTEN', inode: 30123 },
        ],
        [
          { local: '0.0.0.0:137', state: 'UNCONN', inode: 30201 },
          { local: '0.0.0.0:138', state: 'UNCONN', inode: 30202 },
          { local: '0.0.0.0:5353', state: 'UNCONN', inode: 30211 },
          { local: '0.0.0.0:1900', state: 'UNCONN', inode: 30221 },
          { local: '0.0.0.0:111', state: 'UNCONN', inode: 30132 },
        ],
      ),
      ...socketOwners(
        [
          { pid: 9876, comm: 'sshd', inodes: [30101, 30102] },
          { pid: 10211, comm: 'nginx', inodes: [30111, 30112, 30113] },
          { pid: 10455, comm: 'smbd', inodes: [30121, 30122, 30123] },
          { pid: 8123, comm: 'rpcbind', inodes: [30131, 30132] },
          { pid: 10833, comm: 'rsync', inodes: [30141] },
          { pid: 12001, comm: 'mysqld', inodes: [30151] },
          { pid: 12044, comm: 'postgres', inodes: [30161] },
          { pid: 10466, comm: 'nmbd', inodes: [30201, 30202] },
          { pid: 9001, comm: 'avahi-daemon', inodes: [30211] },
          { pid: 9020, comm: 'minissdpd', inodes: [30221] },
        ],
        OWNER_COMMAND,
      ),
    ],
  };
}
