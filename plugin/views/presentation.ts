// Pure: how severities, kinds and statuses look in the views — icon names (Obsidian's Lucide set), words and CSS classes.
import type { Severity } from '../../shared/severity';
import { SEVERITY_STYLE } from '../../shared/severity-style';
import type { TimelineKind } from '../../shared/plugin-settings';
import { ageInWords, localDate, localTime } from '../../shared/dates';

/**
 * Lucide icons per severity: the shape differs as well as the colour, so the scale reads without colour vision.
 * Current names first, the names older Obsidian versions used after them (setIconFrom picks the first known).
 */
export const SEVERITY_ICON: Record<Severity, readonly string[]> = {
  critical: ['flame'],
  high: ['triangle-alert', 'alert-triangle'],
  medium: ['circle-alert', 'alert-circle'],
  low: ['circle-arrow-down', 'arrow-down-circle'],
  info: ['info'],
  ok: ['circle-check', 'check-circle'],
};

/** The icon of a note that does not meet the contract. */
export const UNREADABLE_ICON: readonly string[] = ['file-warning', 'file-x', 'info'];

/** Lucide icons per timeline kind. */
export const KIND_ICON: Record<TimelineKind | 'other', readonly string[]> = {
  incident: ['siren'],
  report: ['file-text'],
  'restore-test': ['rotate-ccw'],
  'backup-job': ['hard-drive'],
  other: UNREADABLE_ICON,
};

/** The word for a severity ("High"). */
export function severityLabel(s: Severity): string {
  return SEVERITY_STYLE[s].label;
}

/** CSS class carrying a severity's colour (styles.css maps it to an Obsidian colour variable). */
export function severityClass(s: Severity): string {
  return `vigil-sev-${s}`;
}

/** CSS class of a status badge; statuses are a closed set from the note schema, anything else is neutral. */
export function statusClass(status: string): string {
  return /^[a-z-]{1,20}$/.test(status) ? `vigil-status-${status}` : 'vigil-status-other';
}

/** A status as words ("in-progress" → "in progress"). */
export function statusLabel(status: string): string {
  return status.replace(/-/g, ' ');
}

function dayNumber(t: number): number {
  const [y, m, d] = localDate(new Date(t)).split('-').map(Number);
  return Date.UTC(y!, m! - 1, d) / 86_400_000;
}

/**
 * The time shown on a row: "06:15" under its day heading, "3 days ago" on a pinned row (it has no heading),
 * "in 4 days" for what is upcoming. A date without a time of day never shows "00:00": it reads in days, or
 * nothing at all under its own day's heading (null).
 */
export function rowTime(item: { time: number; allDay: boolean }, pinned: boolean, now: number): string | null {
  const { time, allDay } = item;
  if (allDay) {
    const days = dayNumber(time) - dayNumber(now);
    if (!pinned && days <= 0) return null;
    if (days === 0) return 'today';
    if (days === 1) return 'tomorrow';
    if (days === -1) return 'yesterday';
    return days > 0 ? `in ${days} days` : `${-days} days ago`;
  }
  if (time > now) return `in ${ageInWords(time - now)}`;
  return pinned ? `${ageInWords(now - time)} ago` : localTime(new Date(time));
}
