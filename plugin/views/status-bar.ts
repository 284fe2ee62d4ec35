// The desktop status bar item: worst open severity and counts; click opens the timeline on open incidents.
import { Component } from 'obsidian';
import type { VigilContext } from '../context';
import { checkNote, type NoteEntry } from '../index/note-entry';
import { setIconFrom } from './icons';
import { SEVERITY_ICON, severityClass } from './presentation';
import { coalesce } from './refresh-gate';
import { statusSummary, vigilStatus } from './status-model';

/** Run `fn` when the main thread is idle (within a second) with the time it may take; Safari on iOS has no requestIdleCallback. */
function whenIdle(fn: (budgetMs: number) => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback((d) => fn(Math.max(4, d.timeRemaining())), { timeout: 1000 });
  else window.setTimeout(() => fn(8), 50);
}

/** Keeps one status bar element current; always visible, so it only waits for the revision to move. */
export class StatusBarItem extends Component {
  private revision = -1;
  private sevClass = '';
  private readonly icon: HTMLElement;
  private readonly label: HTMLElement;
  // Idle time: the summary reads (and contract-checks) every note, which must never delay a view's first paint.
  private readonly scheduleRender = coalesce(() => this.render(), (run) => whenIdle(run));

  constructor(
    private readonly el: HTMLElement,
    private readonly ctx: VigilContext,
  ) {
    super();
    el.addClass('vigil-statusbar', 'mod-clickable');
    this.icon = el.createSpan({ cls: 'vigil-statusbar-icon' });
    this.label = el.createSpan({ cls: 'vigil-statusbar-text', text: 'Vigil' });
  }

  override onload(): void {
    this.register(this.ctx.index.subscribe(() => this.scheduleRender()));
    this.registerDomEvent(this.el, 'click', () => void this.ctx.openTimeline({ kind: 'incident', status: 'open' }));
    this.render();
  }

  override onunload(): void {
    this.el.remove();
  }

  /** Show visibility per the setting (the item stays registered so toggling needs no reload). */
  setVisible(visible: boolean): void {
    this.el.toggle(visible);
  }

  /**
   * Contract-check every note in idle slices (the verdicts are remembered, see IndexedNote), then draw.
   * One 10,000-note check in a single task would be a long task that makes scrolling stutter.
   */
  private render(budgetMs = 8): void {
    const { index } = this.ctx;
    if (!index.ready || index.store.revision === this.revision) return;
    const revision = index.store.revision;
    const entries = index.store.all();
    let i = 0;
    const step = (budget: number) => {
      if (index.store.revision !== revision) return this.scheduleRender();
      const until = performance.now() + budget;
      while (i < entries.length && performance.now() < until) checkNote(entries[i++]!);
      if (i < entries.length) return whenIdle(step);
      this.revision = revision;
      this.draw(entries);
    };
    step(budgetMs);
  }

  private draw(entries: readonly NoteEntry[]): void {
    const summary = statusSummary(vigilStatus(entries, this.ctx.now()));
    if (this.sevClass) this.el.removeClass(this.sevClass);
    this.sevClass = severityClass(summary.severity);
    this.el.addClass(this.sevClass);
    this.icon.empty();
    setIconFrom(this.icon, SEVERITY_ICON[summary.severity]);
    this.label.setText(`Vigil: ${summary.text}`);
    this.el.setAttr('aria-label', summary.detail);
    this.el.setAttr('data-tooltip-position', 'top');
  }
}
