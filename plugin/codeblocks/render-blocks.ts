// DOM for the four vigil-* code blocks, from the pure models; every value from a note goes in as text.
import { ageInWords } from '../../shared/dates';
import type { NoteEntry } from '../index/note-entry';
import { backupRows, formatBytes } from '../views/backups-model';
import { setIconFrom } from '../views/icons';
import { KIND_ICON, SEVERITY_ICON, rowTime, severityClass, severityLabel, statusClass, statusLabel } from '../views/presentation';
import { dueInWords, restoreSections } from '../views/restore-model';
import { statusSummary, vigilStatus } from '../views/status-model';
import { KIND_LABEL } from '../views/timeline-items';
import { buildTimeline, filterTimeline, timelineRows, worstFirst, type TimelineFilter, type TimelineRow } from '../views/timeline-model';
import { timelineBlockSort, type BlockOptions } from './block-options';

/** What a block renderer may do besides drawing: make links that open notes or views. */
export interface BlockLinks {
  /** A link to a note (click opens it, hover previews it). */
  note(parent: HTMLElement, path: string, text: string): HTMLElement;
  /** A link that runs an action (open the timeline, the restore view). */
  action(parent: HTMLElement, text: string, run: () => void): HTMLElement;
  openTimeline(filter: Partial<TimelineFilter>): void;
  openRestoreTests(): void;
}

const NO_PINS = { openIncidents: false, acknowledgedIncidents: false, overdueRestoreTests: false, failingBackups: false };

/** `vigil-timeline`: the newest matching events grouped by day, or the worst first (open incidents) with their age. */
export function renderTimelineBlock(el: HTMLElement, entries: readonly NoteEntry[], filter: TimelineFilter, opts: BlockOptions, now: number, links: BlockLinks): void {
  const bySeverity = timelineBlockSort(opts.values) === 'severity';
  const matching = filterTimeline(buildTimeline(entries, now), filter);
  const all = bySeverity ? worstFirst(matching) : matching;
  const shown = all.slice(0, opts.limit);
  if (shown.length === 0) {
    el.createDiv({ cls: 'vigil-empty', text: 'Nothing on the timeline matches.' });
    return;
  }
  const list = el.createDiv({ cls: 'vigil-block-list' });
  const rows: TimelineRow[] = bySeverity ? shown.map((item) => ({ type: 'item', key: item.path, item, pinned: true })) : timelineRows(shown, NO_PINS, now);
  for (const row of rows) {
    if (row.type === 'header') {
      list.createDiv({ cls: 'vigil-block-day', text: row.label });
      continue;
    }
    const item = row.item;
    const line = list.createDiv({ cls: ['vigil-block-item', severityClass(item.severity)] });
    setIconFrom(line.createSpan({ cls: 'vigil-block-sev', attr: { 'aria-hidden': 'true' } }), SEVERITY_ICON[item.severity]);
    links.note(line, item.path, item.title);
    const meta = line.createSpan({ cls: 'vigil-block-meta' });
    meta.createSpan({ text: severityLabel(item.severity) });
    const when = rowTime(item, bySeverity, now);
    if (when) meta.createSpan({ text: when });
    const kind = meta.createSpan();
    setIconFrom(kind.createSpan({ cls: 'vigil-tl-kind-icon' }), KIND_ICON[item.kind]);
    kind.createSpan({ text: KIND_LABEL[item.kind] });
    if (item.host) meta.createSpan({ text: item.host });
    if (item.status) line.createSpan({ cls: ['vigil-badge', statusClass(item.status)], text: statusLabel(item.status) });
  }
  const footer = el.createDiv({ cls: 'vigil-block-footer' });
  if (all.length > shown.length) footer.createSpan({ text: `${shown.length} of ${all.length} · ` });
  links.action(footer, 'Open the timeline', () => links.openTimeline(filter));
}

/** `vigil-restore-tests`: tests by state with progress. */
export function renderRestoreBlock(el: HTMLElement, entries: readonly NoteEntry[], opts: BlockOptions, now: number, links: BlockLinks): void {
  const sections = restoreSections(entries, now, opts.limit).filter((s) => !opts.values.status || s.status === opts.values.status);
  if (sections.length === 0) {
    el.createDiv({ cls: 'vigil-empty', text: 'No restore tests match.' });
    return;
  }
  for (const section of sections) {
    el.createDiv({ cls: 'vigil-block-day', text: `${section.label} (${section.cards.length})` });
    for (const card of section.cards.slice(0, opts.limit)) {
      const line = el.createDiv({ cls: ['vigil-block-item', `vigil-rt-${card.status ?? 'unreadable'}`] });
      links.note(line, card.path, card.title);
      const meta = line.createSpan({ cls: 'vigil-block-meta' });
      const due = card.status === 'due' || card.status === 'overdue' ? dueInWords(card.dueInDays) : null;
      if (due) meta.createSpan({ text: due });
      if (card.total > 0) meta.createSpan({ text: `${card.done}/${card.total} steps` });
      if (card.duration && (card.status === 'passed' || card.status === 'failed')) meta.createSpan({ text: `took ${card.duration}` });
      if (card.status) line.createSpan({ cls: ['vigil-badge', statusClass(card.status)], text: statusLabel(card.status) });
    }
  }
  links.action(el.createDiv({ cls: 'vigil-block-footer' }), 'Open restore tests', () => links.openRestoreTests());
}

/** `vigil-backups`: one line per job, most worrying first. */
export function renderBackupsBlock(el: HTMLElement, entries: readonly NoteEntry[], opts: BlockOptions, now: number, links: BlockLinks): void {
  const rows = backupRows(entries, opts.values);
  if (rows.length === 0) {
    el.createDiv({ cls: 'vigil-empty', text: 'No backup jobs match.' });
    return;
  }
  for (const row of rows) {
    const line = el.createDiv({ cls: ['vigil-block-item', severityClass(row.severity)] });
    setIconFrom(line.createSpan({ cls: 'vigil-block-sev', attr: { 'aria-hidden': 'true' } }), SEVERITY_ICON[row.severity]);
    links.note(line, row.path, row.job);
    const meta = line.createSpan({ cls: 'vigil-block-meta' });
    for (const fact of [row.host, row.kind, row.dataClass]) if (fact) meta.createSpan({ text: fact });
    meta.createSpan({ text: row.lastSuccess === null ? 'never succeeded' : `last success ${ageInWords(Math.max(0, now - row.lastSuccess))} ago` });
    if (row.verified !== null) meta.createSpan({ text: `verified ${ageInWords(Math.max(0, now - row.verified))} ago` });
    const size = formatBytes(row.sizeBytes);
    if (size) meta.createSpan({ text: size });
    if (row.problem) meta.createSpan({ cls: 'vigil-problem', text: row.problem });
    line.createSpan({ cls: ['vigil-badge', statusClass(row.status)], text: statusLabel(row.status) });
  }
}

/** `vigil-status`: the headline a person needs at 2 a.m. — what is open, what is failing, how fresh the data is. */
export function renderStatusBlock(el: HTMLElement, entries: readonly NoteEntry[], now: number, links: BlockLinks): void {
  const status = vigilStatus(entries, now);
  const summary = statusSummary(status);
  const head = el.createDiv({ cls: ['vigil-status-head', severityClass(summary.severity)] });
  setIconFrom(head.createSpan({ cls: 'vigil-block-sev', attr: { 'aria-hidden': 'true' } }), SEVERITY_ICON[summary.severity]);
  head.createSpan({ cls: 'vigil-status-text', text: summary.text });
  const facts = el.createEl('ul', { cls: 'vigil-status-facts' });
  if (status.worst) {
    const li = facts.createEl('li');
    links.action(li, `${status.open} open incident${status.open === 1 ? '' : 's'}, worst ${severityLabel(status.worst).toLowerCase()}`, () =>
      links.openTimeline({ kind: 'incident', status: 'open' }),
    );
  } else facts.createEl('li', { text: 'No open incidents' });
  if (status.acknowledged > 0) facts.createEl('li', { text: `${status.acknowledged} acknowledged` });
  if (status.failingBackups > 0) {
    links.action(facts.createEl('li'), `${status.failingBackups} backup job${status.failingBackups === 1 ? '' : 's'} failing or stale`, () =>
      links.openTimeline({ kind: 'backup-job' }),
    );
  }
  if (status.overdueRestores > 0 || status.failedRestores > 0) {
    const parts = [status.overdueRestores ? `${status.overdueRestores} overdue` : '', status.failedRestores ? `${status.failedRestores} failed` : ''].filter(Boolean);
    links.action(facts.createEl('li'), `Restore tests: ${parts.join(', ')}`, () => links.openRestoreTests());
  }
  const fresh = facts.createEl('li', { cls: status.stale ? ['vigil-status-stale'] : [] });
  fresh.setText(status.lastRun === null ? 'No collector run yet' : `Last collector run ${ageInWords(Math.max(0, now - status.lastRun))} ago${status.stale ? ' — data may be out of date' : ''}`);
  if (status.unreadable > 0) facts.createEl('li', { cls: 'vigil-problem', text: `${status.unreadable} note${status.unreadable === 1 ? '' : 's'} cannot be read` });
}
