// Pure: a restore test's status as of today (a due test past its date is overdue even before the next collector run).
import type { Severity } from '../../shared/severity';
import { str } from '../index/note-fields';

/** Restore test states, in the order the restore view lists them. */
export const RESTORE_ORDER = ['overdue', 'due', 'in-progress', 'failed', 'passed'] as const;

/** One restore test state. */
export type RestoreStatus = (typeof RESTORE_ORDER)[number];

/**
 * How urgent each state reads on the timeline: a failed restore means a backup that cannot be trusted
 * ("zero untested restores", the 3-2-1-1-0 rule in the user's backup post); overdue is a missed promise.
 */
export const RESTORE_SEVERITY: Record<RestoreStatus, Severity> = {
  failed: 'high',
  overdue: 'medium',
  due: 'low',
  'in-progress': 'info',
  passed: 'ok',
};

/** The effective status: the note's, except `due` with a due date before `today` (local YYYY-MM-DD) reads `overdue`. */
export function restoreStatus(fm: Readonly<Record<string, unknown>>, today: string): RestoreStatus | null {
  const status = str(fm, 'status');
  if (!status || !(RESTORE_ORDER as readonly string[]).includes(status)) return null;
  const due = str(fm, 'due');
  // ISO dates compare as strings.
  if (status === 'due' && due !== null && /^\d{4}-\d{2}-\d{2}$/.test(due) && due < today) return 'overdue';
  return status as RestoreStatus;
}
