// Builds one restore test card (title, state, progress, steps, buttons) as DOM; all note text goes in through setText/createEl.
import type { ChecklistStep } from '../../shared/checklist';
import { ageInWords } from '../../shared/dates';
import { canRecord, canStart, type RestoreResult } from '../actions/restore-patch';
import type { Listen } from './timeline-filter-bar';
import { dueInWords, type RestoreCard } from './restore-model';
import { statusClass, statusLabel } from './presentation';

/** What a card can ask the view to do. */
export interface CardActions {
  open(path: string, evt: MouseEvent): void;
  openRunbook(name: string, from: string, evt: MouseEvent): void;
  tick(path: string, step: ChecklistStep, box: HTMLInputElement): void;
  start(path: string): void;
  record(path: string, result: RestoreResult): void;
}

/** Statuses whose checklist is shown (a finished test shows its progress only). */
export function showsSteps(card: RestoreCard): boolean {
  return card.status === 'due' || card.status === 'overdue' || card.status === 'in-progress';
}

/** Render a card; returns the element that receives the steps once the note's text has been read. */
export function renderRestoreCard(parent: HTMLElement, card: RestoreCard, now: number, listen: Listen, act: CardActions): HTMLElement {
  const el = parent.createDiv({ cls: ['vigil-rt-card', `vigil-rt-${card.status ?? 'unreadable'}`], attr: { 'data-path': card.path } });
  const head = el.createDiv({ cls: 'vigil-rt-head' });
  const title = head.createEl('a', { cls: 'vigil-rt-title', text: card.title, href: '#' });
  listen(title, 'click', (evt) => {
    evt.preventDefault();
    act.open(card.path, evt);
  });
  if (card.status) head.createSpan({ cls: ['vigil-badge', statusClass(card.status)], text: statusLabel(card.status) });

  const meta = el.createDiv({ cls: 'vigil-rt-meta' });
  if (card.every) meta.createSpan({ text: card.every });
  if (card.status === 'due' || card.status === 'overdue') {
    const due = dueInWords(card.dueInDays);
    if (due) meta.createSpan({ cls: card.status === 'overdue' ? ['vigil-rt-late'] : [], text: due });
  }
  if (card.status === 'in-progress' && card.started !== null) meta.createSpan({ text: `started ${ageInWords(Math.max(0, now - card.started))} ago` });
  if ((card.status === 'passed' || card.status === 'failed') && card.completed !== null) {
    meta.createSpan({ text: `${ageInWords(Math.max(0, now - card.completed))} ago` });
    if (card.duration) meta.createSpan({ text: `took ${card.duration}` });
  }
  if (card.runbook) {
    const runbook = card.runbook;
    const link = meta.createSpan().createEl('a', { cls: 'vigil-rt-runbook', text: `runbook: ${runbook}`, href: '#' });
    listen(link, 'click', (evt) => {
      evt.preventDefault();
      act.openRunbook(runbook, card.path, evt);
    });
  }
  if (card.problem) el.createDiv({ cls: 'vigil-problem', text: card.problem });

  if (card.total > 0) {
    const progress = el.createDiv({ cls: 'vigil-rt-progress' });
    const bar = progress.createDiv({
      cls: 'vigil-rt-bar',
      attr: { role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(card.total), 'aria-valuenow': String(card.done), 'aria-label': 'Steps done' },
    });
    bar.createDiv({ cls: 'vigil-rt-bar-fill' }).setCssProps({ '--vigil-progress': `${Math.round((100 * card.done) / card.total)}%` });
    progress.createSpan({ cls: 'vigil-rt-count', text: `${card.done} of ${card.total} steps` });
  }
  const steps = el.createEl('ul', { cls: 'vigil-rt-steps' });

  const actions = el.createDiv({ cls: 'vigil-rt-actions' });
  if (canStart(card.status)) {
    const start = actions.createEl('button', { cls: 'mod-cta', text: card.status === 'failed' ? 'Try again' : 'Start now' });
    listen(start, 'click', () => act.start(card.path));
  }
  if (canRecord(card.status)) {
    const passed = actions.createEl('button', { cls: 'vigil-rt-pass', text: 'Passed' });
    listen(passed, 'click', () => act.record(card.path, 'passed'));
    const failed = actions.createEl('button', { cls: 'vigil-rt-fail', text: 'Failed' });
    listen(failed, 'click', () => act.record(card.path, 'failed'));
  }
  if (actions.childElementCount === 0) actions.remove();
  return steps;
}

/** Fill a card's step list from the note's parsed checklist. */
export function renderSteps(list: HTMLElement, path: string, steps: readonly ChecklistStep[], listen: Listen, act: CardActions): void {
  list.empty();
  for (const step of steps) {
    const item = list.createEl('li', { cls: step.checked ? ['vigil-rt-step', 'is-checked'] : ['vigil-rt-step'], attr: { 'data-step': step.id } });
    // Nested steps keep their depth (a tab counts as four columns, as in Obsidian's editor).
    const depth = Math.min(3, Math.ceil(step.indent.replace(/\t/g, '    ').length / 4));
    if (depth > 0) item.setCssProps({ '--vigil-depth': String(depth) });
    const label = item.createEl('label');
    const box = label.createEl('input', { type: 'checkbox', cls: 'task-list-item-checkbox' });
    box.checked = step.checked;
    label.createSpan({ text: step.text });
    listen(box, 'click', (evt) => {
      // The note is the truth: the box flips when the note has changed, not before.
      evt.preventDefault();
      act.tick(path, step, box);
    });
  }
}
