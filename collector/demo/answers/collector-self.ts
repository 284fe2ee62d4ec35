// Demo answers for collector-self: Vigil's state on the Ubuntu box, left world-readable by a careless mkdir.
import { execAnswer, fileAnswer, hoursBefore, statAnswer } from '../builders';
import type { DemoAnswers } from './types';

/** Where Vigil keeps its state on the demo's Ubuntu box (the demo config points collector-self here). */
export const UBUNTU_STATE_DIR = '/home/alex/.local/state/vigil';

export const collectorSelfAnswers: DemoAnswers = {
  ubuntu: (now) => {
    const lastRun = hoursBefore(now, 24);
    return [
      statAnswer(UBUNTU_STATE_DIR, 'dir', 0o755, 4096, lastRun),
      statAnswer(`${UBUNTU_STATE_DIR}/latest.json`, 'file', 0o600, 48211, lastRun),
      fileAnswer(
        `${UBUNTU_STATE_DIR}/latest.json`,
        `${JSON.stringify({ vigil_report: 1, finished_at: lastRun.toISOString(), vault: { errors: [] }, checks: [] })}\n`,
      ),
      fileAnswer(`${UBUNTU_STATE_DIR}/vigil.lock`, `${JSON.stringify({ pid: 48812, host: 'ubuntu', started: now.toISOString() })}\n`),
      execAnswer(
        ['systemctl', 'show', 'vigil.timer', '--property=LoadState,ActiveState,UnitFileState'],
        'LoadState=loaded\nActiveState=active\nUnitFileState=enabled\n',
      ),
    ];
  },
};
