// The restore calendar (pure): which period a test belongs to, when it is due, and what its note's state says.
import { localDate } from '../../shared/dates';
import type { RestoreTest } from '../config/types';

/** One period of a test: a month, a quarter or a year (local time). */
export interface Period {
  /** `2026-11`, `2026-Q4`, `2026`. */
  key: string;
  start: Date;
  /** Last day of the period (the due date). */
  due: Date;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The period of `every` that contains `d`. */
export function periodOf(every: RestoreTest['every'], d: Date): Period {
  const y = d.getFullYear();
  if (every === 'monthly') {
    const m = d.getMonth();
    return { key: `${y}-${String(m + 1).padStart(2, '0')}`, start: new Date(y, m, 1), due: new Date(y, m + 1, 0) };
  }
  if (every === 'quarterly') {
    const q = Math.floor(d.getMonth() / 3);
    return { key: `${y}-Q${q + 1}`, start: new Date(y, q * 3, 1), due: new Date(y, q * 3 + 3, 0) };
  }
  return { key: `${y}`, start: new Date(y, 0, 1), due: new Date(y, 11, 31) };
}

/** The period before `p`. */
export function previousPeriod(every: RestoreTest['every'], p: Period): Period {
  return periodOf(every, new Date(p.start.getFullYear(), p.start.getMonth(), 0));
}

/** How a period reads to people: "November 2026", "Q4 2026", "2026". */
export function periodLabel(every: RestoreTest['every'], p: Period): string {
  if (every === 'monthly') return `${MONTHS[p.start.getMonth()]} ${p.start.getFullYear()}`;
  if (every === 'quarterly') return `Q${Math.floor(p.start.getMonth() / 3) + 1} ${p.start.getFullYear()}`;
  return String(p.start.getFullYear());
}

/** The end of the due day plus the grace period: after this a test not passed is overdue. */
export function overdueAfter(p: Period, graceMs: number): number {
  return new Date(p.due.getFullYear(), p.due.getMonth(), p.due.getDate() + 1).getTime() + graceMs;
}

/** What a restore-test note says (read back from frontmatter and ticks). */
export interface RestoreNoteState {
  path: string;
  result: 'passed' | 'failed' | null;
  completed: string | null;
  started: string | null;
  done: number;
  total: number;
}

/** The status to show: the user's result wins; ticks or a start mean in progress; then due or overdue. */
export function restoreStatus(note: RestoreNoteState | null, p: Period, graceMs: number, now: Date): 'due' | 'overdue' | 'in-progress' | 'passed' | 'failed' {
  if (note?.result === 'passed') return 'passed';
  if (note?.result === 'failed') return 'failed';
  if (note && (note.done > 0 || note.started)) return 'in-progress';
  return now.getTime() > overdueAfter(p, graceMs) ? 'overdue' : 'due';
}

/** The due date as frontmatter writes it. */
export function dueDate(p: Period): string {
  return localDate(p.due);
}
