// Demo host "ubuntu": the Ubuntu 24.04 mini PC — the main Docker host, and the machine that runs Vigil.
import type { Fixture } from '../../host/fixture';
import { OWNER_COMMAND } from '../../checks/listening-sockets/probe';
import { execAnswer, fileAnswer, hoursBefore, socketOwners, socketTables, statAnswer } from '../builders';

/** Where Vigil keeps its state on this machine (the demo config points collector-self here). */
export const UBUNTU_STATE_DIR = '/home/alex/.local/state/vigil';

/** The Ubuntu box as recorded on a demo day. */
export function ubuntuFixture(capturedAt: Date): Fixture {
  const lastRun = hoursBefore(capturedAt, 24);
  return {
    vigil_fixture: 1,
    host: 'ubuntu',
    kind: 'local',
    captured_at: capturedAt.toISOString(),
    vigil_version: 'demo',
    description: 'Ubuntu 24.04 LTS mini PC (N100), Docker 27, runs Vigil from a systemd user timer',
    answers: [
      ...socketTables(
        [
          { local: '0.0.0.0:22', state: 'LISTEN', inode: 52001 },
          { local: '0.0.0.0:8000', state: 'LISTEN', inode: 52011 },
          { local: '0.0.0.0:9000', state: 'LISTEN', inode: 52021 },
          { local: '0.0.0.0:6379', state: 'LISTEN', inode: 52031 },
          { local: '0.0.0.0:11434', state: 'LISTEN', uid: 998, inode: 52041 },
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
      // collector-self: Vigil's own state, last run yesterday, state dir left world-readable by a careless mkdir.
      statAnswer(UBUNTU_STATE_DIR, 'dir', 0o755, 4096, lastRun),
      statAnswer(`${UBUNTU_STATE_DIR}/latest.json`, 'file', 0o600, 48211, lastRun),
      fileAnswer(
        `${UBUNTU_STATE_DIR}/latest.json`,
        `${JSON.stringify({ vigil_report: 1, finished_at: lastRun.toISOString(), vault: { errors: [] }, checks: [] })}\n`,
      ),
      fileAnswer(`${UBUNTU_STATE_DIR}/vigil.lock`, `${JSON.stringify({ pid: 48812, host: 'ubuntu', started: capturedAt.toISOString() })}\n`),
      execAnswer(
        ['systemctl', 'show', 'vigil.timer', '--property=LoadState,ActiveState,UnitFileState'],
        'LoadState=loaded\nActiveState=active\nUnitFileState=enabled\n',
      ),
    ],
  };
}
