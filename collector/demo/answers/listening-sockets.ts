// Demo answers for listening-sockets: each host's kernel socket tables and socket owners.
import { OWNER_COMMAND } from '../../checks/listening-sockets/probe';
import { socketOwners, socketTables } from '../builders';
import type { DemoAnswers } from './types';

export const listeningSocketsAnswers: DemoAnswers = {
  // Synology DSM: SMB, DSM web UI, rsync, rpcbind, and the MariaDB package listening everywhere.
  // The story across the demo's days: rsync on the NAS is closed after day 1 (its incident resolves
  // two clean runs later); Ollama starts listening on every interface on day 2 (a new incident).
  nas: (_now, day) => [
    ...socketTables(
      [
        { local: '0.0.0.0:22', state: 'LISTEN', inode: 30101 },
        { local: '0.0.0.0:5000', state: 'LISTEN', inode: 30111 },
        { local: '0.0.0.0:5001', state: 'LISTEN', inode: 30112 },
        { local: '0.0.0.0:445', state: 'LISTEN', inode: 30121 },
        { local: '0.0.0.0:139', state: 'LISTEN', inode: 30122 },
        { local: '0.0.0.0:111', state: 'LISTEN', inode: 30131 },
        ...(day < 2 ? [{ local: '0.0.0.0:873', state: 'LISTEN' as const, inode: 30141 }] : []),
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
  // Pi 4 network box: Traefik (docker-proxy), CoreDNS, NUT's upsd on every interface, Tailscale.
  sentinel: () => [
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
  // Ubuntu Docker host: published container ports (one of them Redis), Ollama on every interface.
  ubuntu: (_now, day) => [
    ...socketTables(
      [
        { local: '0.0.0.0:22', state: 'LISTEN', inode: 52001 },
        { local: '0.0.0.0:8000', state: 'LISTEN', inode: 52011 },
        { local: '0.0.0.0:9000', state: 'LISTEN', inode: 52021 },
        { local: '0.0.0.0:6379', state: 'LISTEN', inode: 52031 },
        day >= 2 ? { local: '0.0.0.0:11434', state: 'LISTEN' as const, uid: 998, inode: 52041 } : { local: '127.0.0.1:11434', state: 'LISTEN' as const, uid: 998, inode: 52041 },
        { local: '127.0.0.1:8080', state: 'LISTEN', inode: 52051 },
        { local: '127.0.0.1:3000', state: 'LISTEN', inode: 52061 },
        { local: '[::]:22', state: 'LISTEN', inode: 52002 },
        { local: '[::]:8000', state: 'LISTEN', inode: 52012 },
        { local: '[::1]:631', state: 'LISTEN', inode: 52071 },
      ],
      [
        { local: '127.0.0.53:53', state: 'UNCONN', uid: 991, inode: 52081 },
        { local: '0.0.0.0:5353', state: 'UNCONN', inode: 52091 },
      ],
    ),
    ...socketOwners(
      [
        { pid: 1022, comm: 'sshd', inodes: [52001, 52002] },
        { pid: 2301, comm: 'docker-proxy', inodes: [52011, 52012] },
        { pid: 2355, comm: 'docker-proxy', inodes: [52021] },
        { pid: 2377, comm: 'docker-proxy', inodes: [52031] },
        { pid: 1650, comm: 'ollama', inodes: [52041] },
        { pid: 2390, comm: 'docker-proxy', inodes: [52051] },
        { pid: 2412, comm: 'docker-proxy', inodes: [52061] },
        { pid: 988, comm: 'cupsd', inodes: [52071] },
        { pid: 801, comm: 'systemd-resolve', inodes: [52081] },
        { pid: 870, comm: 'avahi-daemon', inodes: [52091] },
      ],
      OWNER_COMMAND,
    ),
  ],
};
