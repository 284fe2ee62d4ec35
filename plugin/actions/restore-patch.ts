// Pure: the frontmatter changes for starting a restore test and recording its result, and how a duration reads.
import type { RestoreStatus } from '../views/restore-status';
import { parseNoteTime } from '../index/note-fields';

/** The result a restore test can record. */
export type RestoreResult = 'passed' | 'failed';

/** Frontmatter keys and their new values (null clears a value, as the note schema allows). */
export type FrontmatterPatch = Record<string, string | null>;

/** An ISO instant without milliseconds, as the collector writes `generated` (UTC, `Z`). */
export function isoInstant(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `45m`, `1h 25m`, `2d 3h`; under a minute reads `1m` (a test that took no time still took some). */
export function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

/** A test can be started when it is waiting or failed (a retry); starting an in-progress one would lose its start time. */
export function canStart(status: RestoreStatus | null): boolean {
  return status === 'due' || status === 'overdue' || status === 'failed';
}

/** A result can be recorded for a started test, and for a due one done without pressing "start". */
export function canRecord(status: RestoreStatus | null): boolean {
  return status === 'in-progress' || status === 'due' || status === 'overdue';
}

/** Start now: status in progress, started now, any earlier result cleared. */
export function startPatch(now: Date): FrontmatterPatch {
  return { status: 'in-progress', started: isoInstant(now), result: null, completed: null, duration: null };
}

/** Record the result: status and result, completed now, duration since `started` when it is known. */
export function resultPatch(fm: Readonly<Record<string, unknown>>, result: RestoreResult, now: Date): FrontmatterPatch {
  const started = parseNoteTime(fm.started);
  const duration = started !== null && started <= now.getTime() ? formatDuration(now.getTime() - started) : null;
  return { status: result, result, completed: isoInstant(now), duration };
}

/** Apply a patch to a frontmatter object in place (what processFrontMatter's callback does). */
export function applyPatch(fm: Record<string, unknown>, patch: FrontmatterPatch): void {
  for (const [key, value] of Object.entries(patch)) fm[key] = value;
}
