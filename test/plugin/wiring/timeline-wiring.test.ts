// @vitest-environment jsdom
// The timeline view against the mock API: pinned incidents, filters, click and hover, keyboard, virtualization, visibility.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { generatedVault } from '../fixtures/generated-vault';
import { FIXTURE_NOW, PATHS, richVault } from '../fixtures/rich-vault';
import { boot, run, settle, texts, viewEl } from './harness';
import { loadWiring, type Wiring } from './load-wiring';

let w: Wiring;
beforeAll(async () => {
  w = await loadWiring();
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: FIXTURE_NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

function select(root: HTMLElement, filter: string, value: string): void {
  const el = root.querySelector<HTMLSelectElement>(`select[data-filter="${filter}"]`)!;
  el.value = value;
  el.dispatchEvent(new Event('change'));
}

describe('timeline view', () => {
  it('opens from the command and the ribbon, pins open incidents above the days, and groups the rest by day, newest first', async () => {
    const { app } = await boot(w, richVault());
    (app.ribbon.querySelector('[aria-label="Open Vigil timeline"]') as HTMLElement).click();
    await settle(app);
    expect(app.workspace.getLeavesOfType('vigil-timeline')).toHaveLength(1);
    await run(app, 'open-timeline');
    expect(app.workspace.getLeavesOfType('vigil-timeline')).toHaveLength(1);
    const root = viewEl(app, 'vigil-timeline');
    // Only the rows in the (assumed 800 px) viewport exist; the model tests cover the order of every day.
    expect(texts(root, '.vigil-tl-heading-label').slice(0, 3)).toEqual(['Needs attention', 'Upcoming', 'Today']);
    const pinned = texts(root, '.vigil-tl-row .vigil-tl-title').slice(0, 3);
    expect(pinned[0]).toBe('Docker socket mounted into portainer on nas');
    // Acknowledged and risk-accepted incidents are pinned too (the default), after the open ones of higher severity.
    expect(texts(root, '.vigil-tl-row .vigil-tl-title')).toContain('Port 8080 listening on all interfaces on mac');
    expect(root.querySelector('.vigil-tl-count')!.textContent).toMatch(/^\d+ notes$/);
  });

  it('filters by severity, host, kind and status, and by text, from the filter bar', async () => {
    const { app } = await boot(w, richVault());
    await run(app, 'open-timeline');
    const root = viewEl(app, 'vigil-timeline');
    select(root, 'host', 'pi4');
    await settle(app);
    const titles = texts(root, '.vigil-tl-title');
    expect(titles).toContain('SSH password login allowed on pi4');
    expect(titles).not.toContain('Docker socket mounted into portainer on nas');
    select(root, 'host', '');
    select(root, 'minSeverity', 'critical');
    await settle(app);
    expect(new Set(texts(root, '.vigil-tl-sevword'))).toEqual(new Set(['Critical']));
    select(root, 'minSeverity', '');
    select(root, 'kind', 'backup-job');
    select(root, 'status', 'failing');
    await settle(app);
    expect(texts(root, '.vigil-tl-title')).toEqual(['Backup gitea-dump: failing']);
    expect(root.querySelector('.vigil-tl-filter-toggle')!.textContent).toBe('Filters (2)');
    root.querySelector<HTMLButtonElement>('.vigil-tl-clear')!.click();
    const search = root.querySelector<HTMLInputElement>('.vigil-tl-search')!;
    search.value = 'tls vault';
    search.dispatchEvent(new Event('input'));
    await settle(app);
    expect(texts(root, '.vigil-tl-title')).toEqual(['TLS certificate for vault.home.arpa expires in 5 days']);
  });

  it('opens the note on click, previews it on hover through the hover-link event, and moves with the keyboard', async () => {
    const { app } = await boot(w, richVault());
    await run(app, 'open-timeline');
    const root = viewEl(app, 'vigil-timeline');
    const rows = root.querySelectorAll<HTMLElement>('.vigil-tl-row');
    rows[0]!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(app.workspace.hovers.at(-1)).toMatchObject({ source: 'vigil-timeline', linktext: PATHS.critical });
    expect(app.hoverLinkSources.get('vigil-timeline')).toEqual({ display: 'Vigil timeline', defaultMod: true });
    // Moving within the row asks once; after leaving the list, hovering the same row previews it again.
    const hovered = app.workspace.hovers.length;
    rows[0]!.querySelector('.vigil-tl-title')!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(app.workspace.hovers).toHaveLength(hovered);
    root.querySelector('.vigil-tl-scroller')!.dispatchEvent(new MouseEvent('mouseleave'));
    rows[0]!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(app.workspace.hovers).toHaveLength(hovered + 1);
    rows[0]!.click();
    await settle(app);
    expect(app.workspace.getActiveFile()?.path).toBe(PATHS.critical);

    await run(app, 'open-timeline');
    const scroller = root.querySelector<HTMLElement>('.vigil-tl-scroller')!;
    const key = (k: string) => scroller.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('Home');
    key('ArrowDown');
    const active = root.querySelector('.vigil-tl-row.is-active')!;
    expect(active.getAttribute('aria-selected')).toBe('true');
    expect(scroller.getAttribute('aria-activedescendant')).toBe(active.id);
    key('Enter');
    await settle(app);
    expect(app.workspace.getActiveFile()?.path).toBe(PATHS.sshOpen);
  });

  it('the notes list shows at most 100 notes per kind, newest first, and opens one on click', async () => {
    const { app } = await boot(w, generatedVault(3000, FIXTURE_NOW));
    await run(app, 'open-notes');
    const root = viewEl(app, 'vigil-notes');
    const groups = [...root.querySelectorAll('.vigil-group')];
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) expect(g.querySelectorAll('.vigil-note:not(.vigil-note-more)').length).toBeLessThanOrEqual(100);
    expect(root.querySelector('.vigil-note-more')?.textContent).toMatch(/^… and \d+ more \(the timeline shows them all\)$/);
    const first = root.querySelector<HTMLAnchorElement>('.vigil-note a')!;
    first.click();
    await settle(app);
    expect(app.workspace.getActiveFile()?.basename).toBe(first.textContent);
  });

  it('keeps only the visible rows of 3,000 notes in the DOM, and swaps them as the list scrolls', async () => {
    const { app } = await boot(w, generatedVault(3000, FIXTURE_NOW));
    await run(app, 'open-timeline');
    const root = viewEl(app, 'vigil-timeline');
    const scroller = root.querySelector<HTMLElement>('.vigil-tl-scroller')!;
    const count = () => root.querySelectorAll('.vigil-tl-row, .vigil-tl-heading').length;
    // jsdom has no layout: the view assumes an 800 px viewport, i.e. about 15 rows plus overscan.
    expect(count()).toBeLessThan(40);
    const first = texts(root, '.vigil-tl-title')[0];
    scroller.scrollTop = 54 * 1500;
    scroller.dispatchEvent(new Event('scroll'));
    await settle(app);
    expect(count()).toBeLessThan(40);
    expect(texts(root, '.vigil-tl-title')).not.toContain(first);
    const spacer = root.querySelector<HTMLElement>('.vigil-tl-spacer')!;
    expect(parseInt(spacer.style.getPropertyValue('--vigil-total'), 10)).toBeGreaterThan(54 * 3000);
  });

  it('does not re-render while hidden behind another tab, and catches up when shown again', async () => {
    const { app } = await boot(w, richVault());
    await run(app, 'open-timeline');
    const root = viewEl(app, 'vigil-timeline');
    await app.workspace.openLinkText(PATHS.recovery, '', 'tab');
    await settle(app);
    expect(root.isShown()).toBe(false);
    const file = app.vault.getFileByPath(PATHS.sshOpen)!;
    await app.vault.modify(file, app.vault.readNow(file).replace('title: "SSH password login allowed on pi4"', 'title: "SSH root login allowed on pi4"'));
    await settle(app);
    expect(texts(root, '.vigil-tl-title')).toContain('SSH password login allowed on pi4');
    await app.workspace.revealLeaf(app.workspace.getLeavesOfType('vigil-timeline')[0]!);
    await settle(app);
    expect(texts(root, '.vigil-tl-title')).toContain('SSH root login allowed on pi4');
  });

  it('applies filters from commands and obsidian://vigil links, and keeps them in the view state', async () => {
    const { app } = await boot(w, richVault());
    await run(app, 'show-failing-backups');
    const root = viewEl(app, 'vigil-timeline');
    expect(texts(root, '.vigil-tl-title')).toEqual(['Backup gitea-dump: failing']);
    app.protocolHandlers.get('vigil')!({ action: 'vigil', view: 'timeline', host: 'mac', kind: 'incident' });
    await settle(app);
    expect(new Set(texts(root, '.vigil-tl-fact').filter((t) => ['nas', 'pi4', 'mac'].includes(t)))).toEqual(new Set(['mac']));
    expect(app.workspace.getLeavesOfType('vigil-timeline')[0]!.getViewState().state).toMatchObject({ filter: { host: 'mac', kind: 'incident' } });
    await run(app, 'clear-timeline-filters');
    expect(root.querySelector('.vigil-tl-filter-toggle')!.textContent).toBe('Filters');

    // Every filter is reachable from the palette too: "Filter the timeline…" lists them.
    await run(app, 'filter-timeline');
    const picker = app.openModals.at(-1) as unknown as { shown(): { items: string[] }; choose(text: string): void };
    expect(picker.shown().items).toEqual(expect.arrayContaining(['Severity: Critical', 'Severity: High and above', 'Kind: Incident', 'Host: pi4', 'Check: docker-posture', 'Status: open']));
    picker.choose('Host: pi4');
    await settle(app);
    expect(app.workspace.getLeavesOfType('vigil-timeline')[0]!.getViewState().state).toMatchObject({ filter: { host: 'pi4' } });
    expect(new Set(texts(root, '.vigil-tl-fact').filter((t) => ['nas', 'pi4', 'mac'].includes(t)))).toEqual(new Set(['pi4']));
  });

  it('shows broken and newer notes as such instead of failing', async () => {
    const { app } = await boot(w, richVault());
    await run(app, 'open-timeline');
    const root = viewEl(app, 'vigil-timeline');
    const problems = texts(root, '.vigil-tl-problem');
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('severity'), expect.stringContaining('newer Vigil')]));
    expect(root.querySelectorAll('.vigil-state-invalid').length).toBeGreaterThan(0);
  });
});
