// Builds one timeline row (a day heading or a note) as DOM; note text only ever goes in through setText/createEl.
import { setIcon } from 'obsidian';
import { setIconFrom } from './icons';
import { itemFacts, itemProblem, itemState, KIND_LABEL } from './timeline-items';
import type { TimelineRow } from './timeline-model';
import { KIND_ICON, rowTime, SEVERITY_ICON, severityClass, severityLabel, statusClass, statusLabel, UNREADABLE_ICON } from './presentation';

/** Render `row` at vertical offset `top` inside `parent`. */
export function renderTimelineRow(parent: HTMLElement, row: TimelineRow, id: string, top: number, now: number): HTMLElement {
  if (row.type === 'header') {
    const el = parent.createDiv({ cls: ['vigil-tl-heading', row.pinned ? 'is-pinned' : 'is-day'], attr: { role: 'presentation', id } });
    el.setCssProps({ '--vigil-top': `${top}px` });
    if (row.pinned) setIcon(el.createSpan({ cls: 'vigil-tl-heading-icon' }), 'pin');
    el.createSpan({ cls: 'vigil-tl-heading-label', text: row.label });
    el.createSpan({ cls: 'vigil-tl-heading-count', text: String(row.count) });
    return el;
  }
  const item = row.item;
  // The contract check runs here, for the rows on screen, not for every note at start-up.
  const state = itemState(item);
  const problem = itemProblem(item);
  const el = parent.createDiv({
    cls: ['vigil-tl-row', severityClass(item.severity), `vigil-kind-${item.kind}`, `vigil-state-${state}`],
    attr: { role: 'option', id, 'aria-selected': 'false', 'data-path': item.path },
  });
  el.setCssProps({ '--vigil-top': `${top}px` });
  const sev = el.createDiv({ cls: 'vigil-tl-sev', attr: { 'aria-hidden': 'true' } });
  setIconFrom(sev, state === 'valid' ? SEVERITY_ICON[item.severity] : UNREADABLE_ICON);

  const body = el.createDiv({ cls: 'vigil-tl-body' });
  body.createDiv({ cls: 'vigil-tl-title', text: item.title });
  const meta = body.createDiv({ cls: 'vigil-tl-meta' });
  meta.createSpan({ cls: 'vigil-tl-sevword', text: severityLabel(item.severity) });
  const when = rowTime(item, row.pinned, now);
  if (when) meta.createSpan({ cls: 'vigil-tl-time', text: when });
  const kind = meta.createSpan({ cls: 'vigil-tl-kind' });
  setIconFrom(kind.createSpan({ cls: 'vigil-tl-kind-icon' }), KIND_ICON[item.kind]);
  kind.createSpan({ text: KIND_LABEL[item.kind] });
  if (problem) meta.createSpan({ cls: 'vigil-tl-problem', text: problem });
  else for (const fact of itemFacts(item)) meta.createSpan({ cls: 'vigil-tl-fact', text: fact });

  if (item.status) el.createSpan({ cls: ['vigil-badge', statusClass(item.status)], text: statusLabel(item.status) });
  return el;
}
