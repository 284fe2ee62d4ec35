// The timeline ItemView: a virtualized, keyboard-navigable list over the pure timeline model; renders only what is visible.
import { ItemView, Keymap, Platform, type HoverPopover, type ViewStateResult, type WorkspaceLeaf } from 'obsidian';
import { localDate } from '../../shared/dates';
import type { VigilContext } from '../context';
import { coalesce, RefreshGate } from './refresh-gate';
import { coalescedRefresh, refreshOnChanges } from './view-refresh';
import { statusSummary, vigilStatus } from './status-model';
import { setIconFrom } from './icons';
import { SEVERITY_ICON, severityClass } from './presentation';
import { TimelineFilterBar } from './timeline-filter-bar';
import type { TimelineItem } from './timeline-items';
import { buildTimeline, filterTimeline, noFilter, timelineFacets, timelineRows, type TimelineFilter, type TimelineRow } from './timeline-model';
import { defaultFilter, filterFromState, filterToState } from './timeline-state';
import { renderTimelineRow } from './timeline-row';
import { moveToItem, revealRow, rowOffsets, visibleRange, type RowSizes } from './virtual-window';

/** View type id. */
export const TIMELINE_VIEW = 'vigil-timeline';

// Fixed row heights keep the window arithmetic exact; touch targets are taller on phones.
const DESKTOP: RowSizes = { header: 32, item: 54 };
// On a phone titles wrap to two lines: at 2 a.m. the whole title matters more than density.
const PHONE: RowSizes = { header: 36, item: 100 };
let viewCounter = 0;

/** Incidents, digests, restore tests and backups on one time axis. */
export class TimelineView extends ItemView {
  /** Obsidian's page preview keeps its popover here (HoverParent). */
  hoverPopover: HoverPopover | null = null;
  private readonly gate = new RefreshGate();
  private readonly idPrefix = `vigil-tl-${++viewCounter}-`;
  private filter: TimelineFilter = noFilter();
  private filterFromOutside = false;
  private all: TimelineItem[] = [];
  private allRevision = -1;
  private allDay = '';
  private rows: TimelineRow[] = [];
  private offsets: Float64Array = new Float64Array(1);
  private sizes: RowSizes = DESKTOP;
  private rendered = new Map<number, HTMLElement>();
  private active = -1;
  private lastHovered: HTMLElement | null = null;
  private bar!: TimelineFilterBar;
  private summaryEl!: HTMLElement;
  private summaryIcon!: HTMLElement;
  private summaryText!: HTMLElement;
  private summaryClass = '';
  private countEl!: HTMLElement;
  private scroller!: HTMLElement;
  private spacer!: HTMLElement;
  private emptyEl!: HTMLElement;
  private readonly scheduleRefresh = coalescedRefresh(() => this.containerEl, () => this.refresh());
  private readonly scheduleWindow = coalesce(() => this.renderWindow(), (run) => this.containerEl.win.requestAnimationFrame(run));

  constructor(
    leaf: WorkspaceLeaf,
    private readonly ctx: VigilContext,
  ) {
    super(leaf);
  }

  getViewType(): string {
    return TIMELINE_VIEW;
  }

  getDisplayText(): string {
    return 'Vigil timeline';
  }

  override getIcon(): string {
    return 'shield-check';
  }

  override getState(): Record<string, unknown> {
    return { ...super.getState(), filter: filterToState(this.filter) };
  }

  override async setState(state: unknown, result: ViewStateResult): Promise<void> {
    const filter = filterFromState(state);
    if (filter) {
      this.filter = filter;
      this.filterFromOutside = true;
      this.bar?.setFilter(filter);
      this.refresh();
    }
    await super.setState(state, result);
  }

  /** Apply a filter (commands, deep links). */
  setFilter(patch: Partial<TimelineFilter>): void {
    this.filter = { ...noFilter(), ...patch };
    this.filterFromOutside = true;
    this.bar.setFilter(this.filter);
    this.active = -1;
    this.scroller.scrollTop = 0;
    this.refresh();
  }

  /** Put the cursor in the search box. */
  focusSearch(): void {
    this.bar.focusSearch();
  }

  override async onOpen(): Promise<void> {
    if (!this.filterFromOutside) this.filter = defaultFilter(this.ctx.settings());
    this.sizes = Platform.isMobile ? PHONE : DESKTOP;
    const root = this.contentEl;
    root.empty();
    root.addClass('vigil-timeline');
    root.toggleClass('is-phone', Platform.isMobile);
    root.setCssProps({ '--vigil-row-height': `${this.sizes.item}px`, '--vigil-heading-height': `${this.sizes.header}px` });

    // The tab already says "Vigil timeline": no second title, just how many notes are shown.
    const header = root.createDiv({ cls: 'vigil-tl-header' });
    this.countEl = header.createSpan({ cls: 'vigil-tl-count' });
    // On a phone there is no status bar: the same summary sits in the header and filters to open incidents.
    this.summaryEl = root.createEl('button', { cls: 'vigil-tl-summary' });
    this.summaryIcon = this.summaryEl.createSpan({ cls: 'vigil-tl-summary-icon', attr: { 'aria-hidden': 'true' } });
    this.summaryText = this.summaryEl.createSpan();
    this.summaryEl.toggle(Platform.isMobile);
    this.registerDomEvent(this.summaryEl, 'click', () => this.setFilter({ status: 'open', kind: 'incident' }));

    const listen = <K extends keyof HTMLElementEventMap>(el: HTMLElement, type: K, h: (evt: HTMLElementEventMap[K]) => void) =>
      this.registerDomEvent(el, type, h);
    this.bar = new TimelineFilterBar(root, this.filter, !Platform.isMobile, listen, (f) => {
      this.filter = f;
      this.active = -1;
      this.scroller.scrollTop = 0;
      this.refresh();
    });

    this.scroller = root.createDiv({ cls: 'vigil-tl-scroller', attr: { tabindex: '0', role: 'listbox', 'aria-label': 'Timeline' } });
    this.spacer = this.scroller.createDiv({ cls: 'vigil-tl-spacer' });
    this.emptyEl = root.createDiv({ cls: 'vigil-empty' });
    this.emptyEl.hide();

    this.registerDomEvent(this.scroller, 'scroll', () => this.scheduleWindow());
    this.registerDomEvent(this.scroller, 'keydown', (evt) => this.onKey(evt));
    this.registerDomEvent(this.scroller, 'click', (evt) => this.onClick(evt));
    this.registerDomEvent(this.scroller, 'mouseover', (evt) => this.onHover(evt));
    // Leaving the list forgets the hovered row, so hovering it again shows its preview again.
    this.registerDomEvent(this.scroller, 'mouseleave', () => (this.lastHovered = null));
    refreshOnChanges(this, this.ctx, this.gate, () => this.scheduleRefresh(), () => this.refresh());
  }

  override async onClose(): Promise<void> {
    this.rendered.clear();
    this.contentEl.empty();
  }

  override onResize(): void {
    this.scheduleWindow();
    if (this.gate.owed) this.refresh();
  }

  /** Recompute the model when the index, the filter or the day moved, and only while the view can be seen. */
  refresh(): void {
    if (!this.scroller) return;
    const index = this.ctx.index;
    if (!index.ready) {
      this.showEmpty('Reading the vault…');
      return;
    }
    const now = this.ctx.now();
    const day = localDate(new Date(now));
    const inputs = `${day}|${JSON.stringify(this.filter)}|${JSON.stringify(this.ctx.settings())}`;
    if (!this.gate.shouldRender(index.store.revision, inputs, this.containerEl.isShown())) return;

    if (this.allRevision !== index.store.revision || this.allDay !== day) {
      this.all = buildTimeline(index.store.all(), now);
      this.allRevision = index.store.revision;
      this.allDay = day;
      this.bar.setFacets(timelineFacets(this.all));
      // Desktop shows this in the status bar; only a phone needs it here.
      if (Platform.isMobile) this.renderSummary(now);
    }
    const s = this.ctx.settings();
    const filtered = filterTimeline(this.all, this.filter);
    this.rows = timelineRows(
      filtered,
      { openIncidents: s.pinOpenIncidents, acknowledgedIncidents: s.pinAcknowledgedIncidents, overdueRestoreTests: s.pinOverdueRestoreTests, failingBackups: s.pinFailingBackups },
      now,
    );
    this.offsets = rowOffsets(this.rows, this.sizes);
    this.countEl.setText(filtered.length === this.all.length ? `${this.all.length} notes` : `${filtered.length} of ${this.all.length}`);
    this.spacer.setCssProps({ '--vigil-total': `${this.offsets[this.rows.length]}px` });
    if (this.active >= this.rows.length) this.active = -1;
    for (const el of this.rendered.values()) el.remove();
    this.rendered.clear();
    if (this.rows.length === 0) {
      this.showEmpty(this.all.length === 0 ? 'No Vigil notes yet. They appear after the collector first runs (vigil run).' : 'Nothing matches these filters.');
    } else {
      this.emptyEl.hide();
      this.scroller.show();
    }
    this.renderWindow();
  }

  private renderSummary(now: number): void {
    const summary = statusSummary(vigilStatus(this.ctx.index.store.all(), now));
    setIconFrom(this.summaryIcon, SEVERITY_ICON[summary.severity]);
    this.summaryText.setText(summary.text);
    this.summaryEl.setAttr('title', summary.detail);
    if (this.summaryClass) this.summaryEl.removeClass(this.summaryClass);
    this.summaryClass = severityClass(summary.severity);
    this.summaryEl.addClass(this.summaryClass);
  }

  private showEmpty(text: string): void {
    this.emptyEl.setText(text);
    this.emptyEl.show();
    this.scroller.hide();
  }

  /** Put exactly the rows in (and near) the viewport into the DOM; recycle nothing that stays. */
  private renderWindow(): void {
    if (!this.scroller) return;
    // Before the first layout the height is 0: assume a tall window, the next scroll or resize corrects it.
    const viewport = this.scroller.clientHeight || 800;
    const { start, end } = visibleRange(this.offsets, this.scroller.scrollTop, viewport);
    for (const [i, el] of this.rendered) {
      if (i < start || i >= end) {
        el.remove();
        this.rendered.delete(i);
      }
    }
    const now = this.ctx.now();
    for (let i = start; i < end; i++) {
      if (this.rendered.has(i)) continue;
      const el = renderTimelineRow(this.spacer, this.rows[i]!, this.idPrefix + i, this.offsets[i]!, now);
      if (i === this.active) this.markActive(el, true);
      this.rendered.set(i, el);
    }
  }

  private markActive(el: HTMLElement, on: boolean): void {
    el.toggleClass('is-active', on);
    el.setAttr('aria-selected', String(on));
  }

  private setActive(index: number): void {
    if (index < 0 || index === this.active) return;
    const previous = this.rendered.get(this.active);
    if (previous) this.markActive(previous, false);
    this.active = index;
    const top = revealRow(this.offsets, index, this.scroller.scrollTop, this.scroller.clientHeight || 800);
    if (top !== this.scroller.scrollTop) this.scroller.scrollTop = top;
    this.renderWindow();
    const el = this.rendered.get(index);
    if (el) this.markActive(el, true);
    this.scroller.setAttr('aria-activedescendant', this.idPrefix + index);
  }

  private onKey(evt: KeyboardEvent): void {
    const page = Math.max(1, Math.floor((this.scroller.clientHeight || 800) / this.sizes.item) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, j: 1, k: -1, PageDown: page, PageUp: -page, End: this.rows.length, Home: -this.rows.length };
    const step = moves[evt.key];
    if (step !== undefined) {
      evt.preventDefault();
      this.setActive(moveToItem(this.rows, this.active, step));
    } else if (evt.key === 'Enter' && this.active >= 0) {
      evt.preventDefault();
      this.openRow(this.active, Keymap.isModEvent(evt) !== false);
    } else if (evt.key === '/') {
      evt.preventDefault();
      this.bar.focusSearch();
    }
  }

  /** The row under an event; `instanceOf` rather than `instanceof`, which is false for nodes of a popout window. */
  private rowIndexOf(evt: UIEvent): number {
    const target = evt.targetNode;
    const el = target?.instanceOf(HTMLElement) ? target.closest<HTMLElement>('.vigil-tl-row') : null;
    if (!el) return -1;
    for (const [i, rowEl] of this.rendered) if (rowEl === el) return i;
    return -1;
  }

  private onClick(evt: MouseEvent): void {
    const index = this.rowIndexOf(evt);
    if (index < 0) return;
    this.setActive(index);
    this.openRow(index, Keymap.isModEvent(evt) !== false);
  }

  private onHover(evt: MouseEvent): void {
    const index = this.rowIndexOf(evt);
    const el = this.rendered.get(index);
    const row = this.rows[index];
    if (!el || row?.type !== 'item') {
      this.lastHovered = null;
      return;
    }
    if (el === this.lastHovered) return;
    this.lastHovered = el;
    this.app.workspace.trigger('hover-link', { event: evt, source: TIMELINE_VIEW, hoverParent: this, targetEl: el, linktext: row.item.path, sourcePath: '' });
  }

  private openRow(index: number, newLeaf: boolean): void {
    const row = this.rows[index];
    if (row?.type === 'item') this.ctx.openNote(row.item.path, newLeaf);
  }

  /** For tests and the benchmark: how many rows are in the DOM now, out of how many. */
  domRowCount(): { rendered: number; total: number } {
    return { rendered: this.rendered.size, total: this.rows.length };
  }
}
