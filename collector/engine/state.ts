// Correlation state kept between runs in state_dir/state.json (read defensively, written atomically).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeIfChanged } from '../fs/write-if-changed';

/** What one run leaves for the next. */
export interface RunState {
  vigil_state: 1;
  last_run: { run_id: string; finished_at: string; digest: string | null } | null;
  /** Per `check|host`: what the check asked to remember. */
  memory: Record<string, unknown>;
  /** Digest note paths by date, to link each day to the one before. */
  digests: Record<string, string>;
  /** Free-form sections owned by later stages (correlator, backups…), keyed by owner. */
  sections: Record<string, unknown>;
  /**
   * The state as it was before the last run. A run at the very same instant (a replay, the demo run
   * again) starts from it, so it computes exactly what the last run did and changes nothing.
   */
  before_last?: Omit<RunState, 'before_last'>;
}

/** The state of a first run. */
export function emptyState(): RunState {
  return { vigil_state: 1, last_run: null, memory: {}, digests: {}, sections: {} };
}

/** The state file path. */
export function statePath(stateDir: string): string {
  return join(stateDir, 'state.json');
}

/** Read the state; a missing or damaged file starts fresh and says why. */
export async function readState(stateDir: string): Promise<{ state: RunState; warning: string | null }> {
  let text: string;
  try {
    text = await readFile(statePath(stateDir), 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { state: emptyState(), warning: null };
    return { state: emptyState(), warning: `could not read ${statePath(stateDir)}; starting with empty state` };
  }
  try {
    const data = JSON.parse(text) as Partial<RunState>;
    if (data.vigil_state !== 1) throw new Error('unknown state version');
    return {
      state: {
        vigil_state: 1,
        last_run: data.last_run ?? null,
        memory: data.memory ?? {},
        digests: data.digests ?? {},
        sections: data.sections ?? {},
        ...(data.before_last ? { before_last: data.before_last } : {}),
      },
      warning: null,
    };
  } catch {
    return { state: emptyState(), warning: `${statePath(stateDir)} is damaged; starting with empty state` };
  }
}

/** Write the state atomically. */
export async function writeState(stateDir: string, state: RunState): Promise<void> {
  await writeIfChanged(statePath(stateDir), `${JSON.stringify(state, null, 1)}\n`);
}
