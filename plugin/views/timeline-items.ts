// Pure: one index entry → one timeline item (time, severity, title, facets), per note kind, tolerant of broken notes.
import { localDate } from '../../shared/dates';
import type { Severity } from '../../shared/severity';
import type { TimelineKind } from '../../shared/plugin-settings';
import type { NoteEntry } from '../index/note-entry';
import { firstTime, firstTimeOf, num, severityOf, str, strList } from '../index/note-fields';
import { restoreStatus, RESTORE_SEVERITY } from './restore-status';

/** Why an item may be pinned above the days. */
export type Attention = 'open-incident' | 'acknowledged-incident' | 'overdue-restore' | 'failing-backup';

/**
 * One note on the time axis. Only what sorting, grouping and filtering need is computed up front;
 * the second line's facts and the search text are made when a row is shown or searched (itemFacts, haystackOf).
 */
export interface TimelineItem {
  path: string;
  /** The index entry it was made from. */
  entry: NoteEntry;
  /** The note's kind, or `other` for a Vigil note whose kind this plugin does not know. */
  kind: TimelineKind | 'other';
  /** When it happened (ms since epoch). */
  time: number;
  /** The time is a date without a time of day (a due date). */
  allDay: boolean;
  /** Local `YYYY-MM-DD` of `time` (the day group). */
  day: string;
  severity: Severity;
  title: string;
  host: string | null;
  /** Every host the note is about (a digest covers several). */
  hosts: readonly string[];
  check: string | null;
  status: string | null;
  attention: Attention | null;
}

/** Human labels per kind. */
export const KIND_LABEL: Record<TimelineKind | 'other', string> = {
  incident: 'Incident',
  report: 'Digest',
  'restore-test': 'Restore test',
  'backup-job': 'Backup',
  other: 'Unreadable note',
};

// Backup health as a severity: a failing job is as serious as a high finding; stale (no fresh
// observation) is a finding by itself (DESIGN.md principle 7), one level lower.
const BACKUP_SEVERITY: Record<string, Severity> = { failing: 'high', stale: 'medium', warning: 'low', unknown: 'info', ok: 'ok' };

const NO_HOSTS: readonly string[] = Object.freeze([]);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function item(
  e: NoteEntry,
  kind: TimelineKind | 'other',
  t: { time: number; allDay: boolean } | null,
  severity: Severity,
  title: string,
  host: string | null,
  hosts: readonly string[],
  check: string | null,
  status: string | null,
  attention: Attention | null,
): TimelineItem {
  // A note without a usable date goes where its file's mtime puts it.
  const time = t?.time ?? e.mtime;
  // Built field by field, one object shape for every item: 10,000 of them stay cheap to make.
  return {
    path: e.path,
    entry: e,
    kind,
    time,
    allDay: t?.allDay ?? false,
    day: localDate(new Date(time)),
    severity,
    title,
    host,
    hosts,
    check,
    status,
    attention,
  };
}

function incident(e: NoteEntry, now: number): TimelineItem {
  const fm = e.frontmatter;
  const status = str(fm, 'status');
  const acceptedUntil = firstTime(fm, ['accepted_until', 'accepted_in_config']);
  const accepted = acceptedUntil !== null && acceptedUntil > now;
  let attention: Attention | null = null;
  if (status === 'open' && !accepted) attention = 'open-incident';
  else if (status === 'acknowledged' || (status === 'open' && accepted)) attention = 'acknowledged-incident';
  const host = str(fm, 'host');
  return item(e, 'incident', firstTimeOf(fm, ['opened', 'last_seen']), severityOf(fm, 'severity') ?? 'info', str(fm, 'title') ?? e.name, host, host ? [host] : NO_HOSTS, str(fm, 'check'), status, attention);
}

function digest(e: NoteEntry): TimelineItem {
  const fm = e.frontmatter;
  const hosts = strList(fm, 'hosts');
  const title = str(fm, 'period') === 'weekly' ? 'Weekly digest' : 'Daily digest';
  return item(e, 'report', firstTimeOf(fm, ['generated', 'date']), severityOf(fm, 'worst') ?? 'info', title, hosts.length === 1 ? hosts[0]! : null, hosts, null, null, null);
}

function restoreTest(e: NoteEntry, today: string): TimelineItem {
  const fm = e.frontmatter;
  const status = restoreStatus(fm, today);
  const keys = status === 'passed' || status === 'failed' ? ['completed', 'started', 'due'] : ['started', 'due'];
  return item(e, 'restore-test', firstTimeOf(fm, keys), status ? RESTORE_SEVERITY[status] : 'info', str(fm, 'test') ?? e.name, null, NO_HOSTS, null, status, status === 'overdue' ? 'overdue-restore' : null);
}

function backupJob(e: NoteEntry): TimelineItem {
  const fm = e.frontmatter;
  const status = str(fm, 'status');
  const healthy = status === 'ok' || status === 'unknown';
  const job = str(fm, 'job') ?? e.name;
  const host = str(fm, 'host');
  return item(
    e,
    'backup-job',
    // A healthy job's event is its last success; a failing one's is the run that noticed.
    firstTimeOf(fm, healthy ? ['last_success', 'checked'] : ['checked', 'last_success']),
    (status && BACKUP_SEVERITY[status]) || 'info',
    status && status !== 'ok' ? `Backup ${job}: ${status}` : `Backup ${job}`,
    host,
    host ? [host] : NO_HOSTS,
    null,
    status,
    status === 'failing' || status === 'stale' ? 'failing-backup' : null,
  );
}

/** The timeline item of an entry, or null for kinds that are not events (runbooks, Recovery.md). */
export function timelineItem(e: NoteEntry, now: number, today = localDate(new Date(now))): TimelineItem | null {
  switch (e.kind) {
    case 'incident':
      return incident(e, now);
    case 'report':
      return digest(e);
    case 'restore-test':
      return restoreTest(e, today);
    case 'backup-job':
      return backupJob(e);
    case 'runbook':
    case 'recovery':
      return null;
    default:
      return item(e, 'other', null, 'info', e.name, null, NO_HOSTS, null, null, null);
  }
}

function factsOf(i: TimelineItem): string[] {
  const fm = i.entry.frontmatter;
  const facts: string[] = [];
  const add = (x: string | null) => x !== null && facts.push(x);
  switch (i.kind) {
    case 'incident': {
      add(i.host);
      add(i.check);
      const occurrences = num(fm, 'occurrences');
      if (occurrences !== null && occurrences > 1) facts.push(`seen ${occurrences}×`);
      if (i.status === 'open' && i.attention === 'acknowledged-incident') facts.push('risk accepted');
      break;
    }
    case 'report': {
      const findings = num(fm, 'findings');
      if (findings !== null) facts.push(findings === 0 ? 'all clear' : plural(findings, 'finding'));
      const fresh = num(fm, 'new');
      const fixed = num(fm, 'fixed');
      const failed = num(fm, 'checks_failed');
      if (fresh) facts.push(`${fresh} new`);
      if (fixed) facts.push(`${fixed} fixed`);
      if (failed) facts.push(`${plural(failed, 'check')} failed`);
      if (i.hosts.length > 0) facts.push(plural(i.hosts.length, 'host'));
      break;
    }
    case 'restore-test': {
      add(str(fm, 'every'));
      const due = str(fm, 'due');
      // Upcoming rows already read "in 3 days"; an overdue one says since when.
      if (due && i.status === 'overdue') facts.push(`due ${due}`);
      const steps = i.entry.steps;
      if (steps && steps.length > 0) facts.push(`${steps.filter((s) => s.checked).length}/${steps.length} steps`);
      const duration = str(fm, 'duration');
      if (duration && (i.status === 'passed' || i.status === 'failed')) facts.push(`took ${duration}`);
      break;
    }
    case 'backup-job': {
      add(i.host);
      add(str(fm, 'backup_kind'));
      const age = num(fm, 'age_hours');
      if (age !== null) facts.push(age < 48 ? `last success ${Math.round(age)} h ago` : `last success ${Math.round(age / 24)} days ago`);
      break;
    }
    default:
  }
  return facts;
}

/** Whether the note meets the contract (checked on first call; see IndexedNote). */
export function itemState(i: TimelineItem): NoteEntry['state'] {
  return i.entry.state;
}

/** The first problem of a note that does not meet the contract, for display. */
export function itemProblem(i: TimelineItem): string | null {
  return i.entry.problems[0] ?? null;
}

const factsCache = new WeakMap<TimelineItem, string[]>();
const haystacks = new WeakMap<TimelineItem, string>();

/** Short facts for a row's second line (host, check, counts), in words; made when the row is first shown. */
export function itemFacts(i: TimelineItem): string[] {
  let facts = factsCache.get(i);
  if (!facts) {
    facts = factsOf(i);
    factsCache.set(i, facts);
  }
  return facts;
}

/** Lower-cased text the search box matches against, made on the first search and remembered. */
export function haystackOf(i: TimelineItem): string {
  let h = haystacks.get(i);
  if (h === undefined) {
    h = [i.title, i.path.slice(i.path.lastIndexOf('/') + 1), ...i.hosts, i.check, i.status, KIND_LABEL[i.kind], i.severity, ...itemFacts(i), itemProblem(i)]
      .filter((x): x is string => typeof x === 'string')
      .join(' \u0001 ')
      .toLowerCase();
    haystacks.set(i, h);
  }
  return h;
}
