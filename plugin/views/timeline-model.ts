// Pure: the timeline — items newest first, filters, pinned "needs attention" items, and day-grouped rows.
import { localDate, longDate } from '../../shared/dates';
import type { TimelineKind } from '../../shared/plugin-settings';
import { bySeverityDesc, severityRank, type Severity } from '../../shared/severity';
import type { NoteEntry } from '../index/note-entry';
import { haystackOf, KIND_LABEL, timelineItem, type Attention, type TimelineItem } from './timeline-items';

/** What the filter bar selects; null means "any". */
export interface TimelineFilter {
  minSeverity: Severity | null;
  kind: TimelineKind | 'other' | null;
  host: string | null;
  check: string | null;
  status: string | null;
  /** Free text; every word must appear. */
  text: string;
}

/** Which attention categories are pinned above the days. */
export interface PinRules {
  openIncidents: boolean;
  acknowledgedIncidents: boolean;
  overdueRestoreTests: boolean;
  failingBackups: boolean;
}

/** One row of the (virtualized) list: a heading or an item. */
export type TimelineRow =
  | { type: 'header'; key: string; label: string; count: number; pinned: boolean }
  | { type: 'item'; key: string; item: TimelineItem; pinned: boolean };

/** The values present in the data, for the filter dropdowns. */
export interface TimelineFacets {
  hosts: string[];
  checks: string[];
  statuses: string[];
  kinds: (TimelineKind | 'other')[];
}

/** An empty filter. */
export function noFilter(): TimelineFilter {
  return { minSeverity: null, kind: null, host: null, check: null, status: null, text: '' };
}

/** How many filters are set (for the "Filters (2)" toggle). */
export function activeFilterCount(f: TimelineFilter): number {
  return [f.minSeverity, f.kind, f.host, f.check, f.status].filter((x) => x !== null).length + (f.text.trim() ? 1 : 0);
}

/** Every timeline item of the index, newest first (ties by path so the order is stable). */
export function buildTimeline(entries: readonly NoteEntry[], now: number): TimelineItem[] {
  const today = localDate(new Date(now));
  const items: TimelineItem[] = [];
  for (const e of entries) {
    const item = timelineItem(e, now, today);
    if (item) items.push(item);
  }
  return items.sort((a, b) => b.time - a.time || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The distinct hosts, checks, statuses and kinds, sorted, for the dropdowns. */
export function timelineFacets(items: readonly TimelineItem[]): TimelineFacets {
  const hosts = new Set<string>();
  const checks = new Set<string>();
  const statuses = new Set<string>();
  const kinds = new Set<TimelineKind | 'other'>();
  for (const i of items) {
    for (const h of i.hosts) hosts.add(h);
    if (i.check) checks.add(i.check);
    if (i.status) statuses.add(i.status);
    kinds.add(i.kind);
  }
  const order = Object.keys(KIND_LABEL) as (TimelineKind | 'other')[];
  return {
    hosts: [...hosts].sort(),
    checks: [...checks].sort(),
    statuses: [...statuses].sort(),
    kinds: order.filter((k) => kinds.has(k)),
  };
}

/** Items that pass the filter, order kept. */
export function filterTimeline(items: readonly TimelineItem[], f: TimelineFilter): TimelineItem[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  const min = f.minSeverity === null ? -1 : severityRank(f.minSeverity);
  const unfiltered = min < 0 && !f.kind && !f.host && !f.check && !f.status && words.length === 0;
  if (unfiltered) return items.slice();
  return items.filter(
    (i) =>
      severityRank(i.severity) >= min &&
      (!f.kind || i.kind === f.kind) &&
      (!f.host || i.hosts.includes(f.host)) &&
      (!f.check || i.check === f.check) &&
      (!f.status || i.status === f.status) &&
      (words.length === 0 || words.every((w) => haystackOf(i).includes(w))),
  );
}

function pinnedBy(rules: PinRules, a: Attention | null): boolean {
  switch (a) {
    case 'open-incident':
      return rules.openIncidents;
    case 'acknowledged-incident':
      return rules.acknowledgedIncidents;
    case 'overdue-restore':
      return rules.overdueRestoreTests;
    case 'failing-backup':
      return rules.failingBackups;
    default:
      return false;
  }
}

const DAY_MS = 86_400_000;

/** A labeller for local `YYYY-MM-DD` days: "Today", "Yesterday", "Tomorrow" or the long date. */
function dayLabeller(now: number): (day: string) => string {
  // Noon avoids daylight-saving days being 23 or 25 hours long.
  const noon = new Date(now);
  noon.setHours(12, 0, 0, 0);
  const near = new Map([
    [localDate(new Date(now)), 'Today'],
    [localDate(new Date(noon.getTime() - DAY_MS)), 'Yesterday'],
    [localDate(new Date(noon.getTime() + DAY_MS)), 'Tomorrow'],
  ]);
  return (day) => {
    const label = near.get(day);
    if (label) return label;
    const [y, m, d] = day.split('-').map(Number);
    return longDate(new Date(y!, m! - 1, d));
  };
}

/** "Today", "Yesterday", "Tomorrow" or the long date of a local `YYYY-MM-DD`. */
/** Most severe first, newest first within a severity (a block of open incidents must never cut off a critical one). */
export function worstFirst(items: readonly TimelineItem[]): TimelineItem[] {
  return items.slice().sort((a, b) => bySeverityDesc(a.severity, b.severity) || b.time - a.time);
}

export function dayLabel(day: string, now: number): string {
  return dayLabeller(now)(day);
}

/**
 * Rows for the list: pinned items first under "Needs attention" (most severe first), then what is due later
 * under "Upcoming" (soonest first), then one heading per day, newest first. A pinned item is not repeated
 * under its day, so every note appears once.
 */
export function timelineRows(items: readonly TimelineItem[], rules: PinRules, now: number): TimelineRow[] {
  const today = localDate(new Date(now));
  const pinned: TimelineItem[] = [];
  const upcoming: TimelineItem[] = [];
  const rest: TimelineItem[] = [];
  for (const i of items) {
    if (pinnedBy(rules, i.attention)) pinned.push(i);
    else if (i.day > today) upcoming.push(i);
    else rest.push(i);
  }
  pinned.sort((a, b) => bySeverityDesc(a.severity, b.severity) || b.time - a.time);
  upcoming.reverse();
  const rows: TimelineRow[] = [];
  const section = (key: string, label: string, list: TimelineItem[], isPinned: boolean, prefix: string) => {
    if (list.length === 0) return;
    rows.push({ type: 'header', key, label, count: list.length, pinned: isPinned });
    for (const item of list) rows.push({ type: 'item', key: `${prefix}:${item.path}`, item, pinned: isPinned });
  };
  section('h:pinned', 'Needs attention', pinned, true, 'p');
  section('h:upcoming', 'Upcoming', upcoming, false, 'u');
  const label = dayLabeller(now);
  let day = '';
  let header: Extract<TimelineRow, { type: 'header' }> | null = null;
  for (const item of rest) {
    if (item.day !== day || !header) {
      day = item.day;
      header = { type: 'header', key: `h:${day}`, label: label(day), count: 0, pinned: false };
      rows.push(header);
    }
    header.count++;
    rows.push({ type: 'item', key: `i:${item.path}`, item, pinned: false });
  }
  return rows;
}
