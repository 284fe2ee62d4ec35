// The timeline's search box and filter dropdowns (severity, kind, host, check, status); DOM only, state lives in the view.
import { SEVERITIES } from '../../shared/severity';
import { KIND_LABEL } from './timeline-items';
import { activeFilterCount, type TimelineFacets, type TimelineFilter } from './timeline-model';
import { severityLabel, statusLabel } from './presentation';

/** Registers a DOM listener for cleanup (the view's registerDomEvent). */
export type Listen = <K extends keyof HTMLElementEventMap>(el: HTMLElement, type: K, handler: (evt: HTMLElementEventMap[K]) => void) => void;

type SelectKey = 'minSeverity' | 'kind' | 'host' | 'check' | 'status';

const ANY = '';

/** The filter controls above the list. */
export class TimelineFilterBar {
  readonly el: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly toggle: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly selects = new Map<SelectKey, HTMLSelectElement>();
  private filter: TimelineFilter;
  private facetsKey = '';

  constructor(
    parent: HTMLElement,
    initial: TimelineFilter,
    expanded: boolean,
    listen: Listen,
    private readonly onChange: (filter: TimelineFilter) => void,
  ) {
    this.filter = { ...initial };
    this.el = parent.createDiv({ cls: 'vigil-tl-filters' });
    const top = this.el.createDiv({ cls: 'vigil-tl-searchrow' });
    this.search = top.createEl('input', {
      cls: 'vigil-tl-search',
      type: 'search',
      attr: { placeholder: 'Search notes, hosts, checks…', 'aria-label': 'Search the timeline', enterkeyhint: 'search' },
    });
    this.search.value = initial.text;
    this.toggle = top.createEl('button', { cls: 'vigil-tl-filter-toggle', attr: { 'aria-expanded': String(expanded) } });
    this.panel = this.el.createDiv({ cls: 'vigil-tl-filter-panel' });
    this.panel.toggleClass('is-collapsed', !expanded);

    for (const key of ['minSeverity', 'kind', 'host', 'check', 'status'] as const) {
      const select = this.panel.createEl('select', { cls: 'dropdown vigil-tl-select', attr: { 'aria-label': LABEL[key], 'data-filter': key } });
      this.selects.set(key, select);
      listen(select, 'change', () => this.set({ [key]: select.value === ANY ? null : select.value }));
    }
    const clear = this.panel.createEl('button', { cls: 'vigil-tl-clear', text: 'Clear filters' });
    listen(clear, 'click', () => this.set({ minSeverity: null, kind: null, host: null, check: null, status: null, text: '' }));
    listen(this.search, 'input', () => this.set({ text: this.search.value }));
    listen(this.toggle, 'click', () => {
      const open = this.panel.hasClass('is-collapsed');
      this.panel.toggleClass('is-collapsed', !open);
      this.toggle.setAttr('aria-expanded', String(open));
    });
    this.setFacets({ hosts: [], checks: [], statuses: [], kinds: [] });
  }

  /** Fill the dropdowns with the values present in the data (kept when unchanged, so focus and scroll stay). */
  setFacets(facets: TimelineFacets): void {
    const key = JSON.stringify(facets);
    if (key === this.facetsKey) return;
    this.facetsKey = key;
    const severities = SEVERITIES.filter((s) => s !== 'ok').reverse();
    this.fill('minSeverity', 'Any severity', severities.map((s) => [s, s === 'critical' ? 'Critical' : `${severityLabel(s)} and above`]));
    this.fill('kind', 'All kinds', facets.kinds.map((k) => [k, KIND_LABEL[k]]));
    this.fill('host', 'All hosts', facets.hosts.map((h) => [h, h]));
    this.fill('check', 'All checks', facets.checks.map((c) => [c, c]));
    this.fill('status', 'Any status', facets.statuses.map((s) => [s, statusLabel(s)]));
  }

  /** Show a filter that was set from outside (a command, a deep link, saved view state). */
  setFilter(filter: TimelineFilter): void {
    this.filter = { ...filter };
    if (this.search.value !== filter.text) this.search.value = filter.text;
    for (const [key, select] of this.selects) {
      const value = filter[key];
      // A value missing from the data (a host with no notes yet) still shows, so the filter is never invisible.
      if (value && !Array.from(select.options).some((o) => o.value === value)) select.createEl('option', { value, text: value });
      select.value = value ?? ANY;
    }
    this.updateToggle();
  }

  /** Put the cursor in the search box. */
  focusSearch(): void {
    this.search.focus();
  }

  private fill(key: SelectKey, anyLabel: string, options: [string, string][]): void {
    const select = this.selects.get(key)!;
    select.empty();
    select.createEl('option', { value: ANY, text: anyLabel });
    for (const [value, text] of options) select.createEl('option', { value, text });
    this.setFilter(this.filter);
  }

  private set(patch: Partial<TimelineFilter>): void {
    const next = { ...this.filter, ...patch };
    this.setFilter(next);
    this.onChange(next);
  }

  private updateToggle(): void {
    const n = activeFilterCount({ ...this.filter, text: '' });
    this.toggle.setText(n > 0 ? `Filters (${n})` : 'Filters');
    this.toggle.toggleClass('has-filters', n > 0);
  }
}

const LABEL: Record<SelectKey, string> = {
  minSeverity: 'Severity',
  kind: 'Kind',
  host: 'Host',
  check: 'Check',
  status: 'Status',
};
