// Pure: restore tests grouped by state (overdue, due, in progress, failed, passed) with checklist progress from the cache.
import { localDate } from '../../shared/dates';
import type { NoteEntry, StepState } from '../index/note-entry';
import { parseNoteTime, str } from '../index/note-fields';
import { RESTORE_ORDER, restoreStatus, type RestoreStatus } from './restore-status';

/** One restore test as a card. */
export interface RestoreCard {
  path: string;
  title: string;
  status: RestoreStatus | null;
  every: string | null;
  due: string | null;
  /** Whole days until the due date (negative when past), null without a due date. */
  dueInDays: number | null;
  started: number | null;
  completed: number | null;
  duration: string | null;
  steps: StepState[];
  done: number;
  total: number;
  runbook: string | null;
  state: NoteEntry['state'];
  problem: string | null;
}

/** One group of cards. */
export interface RestoreSection {
  status: RestoreStatus | 'unreadable';
  label: string;
  cards: RestoreCard[];
}

/** Section headings. */
export const RESTORE_LABEL: Record<RestoreStatus | 'unreadable', string> = {
  overdue: 'Overdue',
  due: 'Due',
  'in-progress': 'In progress',
  failed: 'Failed',
  passed: 'Passed',
  unreadable: 'Cannot be read',
};

function dayNumber(ymd: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) / 86_400_000 : null;
}

/** A card for one restore-test entry. */
export function restoreCard(e: NoteEntry, today: string): RestoreCard {
  const fm = e.frontmatter;
  const steps = e.steps ?? [];
  const due = str(fm, 'due');
  const dueDay = due ? dayNumber(due) : null;
  const todayDay = dayNumber(today);
  const done = steps.filter((s) => s.checked).length;
  return {
    path: e.path,
    title: str(fm, 'test') ?? e.name,
    status: restoreStatus(fm, today),
    every: str(fm, 'every'),
    due,
    dueInDays: dueDay !== null && todayDay !== null ? dueDay - todayDay : null,
    started: parseNoteTime(fm.started),
    completed: parseNoteTime(fm.completed),
    duration: str(fm, 'duration'),
    steps,
    done,
    total: steps.length,
    runbook: str(fm, 'runbook'),
    state: e.state,
    problem: e.problems[0] ?? null,
  };
}

function compareCards(status: RestoreStatus | 'unreadable'): (a: RestoreCard, b: RestoreCard) => number {
  switch (status) {
    case 'overdue':
    case 'due':
      return (a, b) => (a.dueInDays ?? 0) - (b.dueInDays ?? 0) || a.title.localeCompare(b.title);
    case 'in-progress':
      return (a, b) => (b.started ?? 0) - (a.started ?? 0);
    default:
      return (a, b) => (b.completed ?? 0) - (a.completed ?? 0) || b.path.localeCompare(a.path);
  }
}

/** Sections in a fixed order, empty ones left out; `passedLimit` keeps the history short. */
export function restoreSections(entries: readonly NoteEntry[], now: number, passedLimit = 12): RestoreSection[] {
  const today = localDate(new Date(now));
  const groups = new Map<RestoreStatus | 'unreadable', RestoreCard[]>();
  for (const e of entries) {
    if (e.kind !== 'restore-test') continue;
    const card = restoreCard(e, today);
    const key = card.status ?? 'unreadable';
    groups.set(key, [...(groups.get(key) ?? []), card]);
  }
  const order: (RestoreStatus | 'unreadable')[] = [...RESTORE_ORDER, 'unreadable'];
  return order
    .filter((s) => groups.has(s))
    .map((s) => {
      const cards = groups.get(s)!.sort(compareCards(s));
      return { status: s, label: RESTORE_LABEL[s], cards: s === 'passed' ? cards.slice(0, passedLimit) : cards };
    });
}

/** "due today", "due in 3 days", "4 days overdue". */
export function dueInWords(days: number | null): string | null {
  if (days === null) return null;
  if (days === 0) return 'due today';
  if (days === 1) return 'due tomorrow';
  if (days > 1) return `due in ${days} days`;
  return days === -1 ? '1 day overdue' : `${-days} days overdue`;
}
