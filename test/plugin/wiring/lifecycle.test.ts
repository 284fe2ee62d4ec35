// @vitest-environment jsdom
// The plugin against the mock Obsidian API: load without scanning, registrations, settings on load, status bar, cleanup.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_NOW, PATHS, richVault } from '../fixtures/rich-vault';
import { boot, run, settle } from './harness';
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

describe('onload', () => {
  it('registers everything and touches no vault file listing before layout-ready', async () => {
    const { app, plugin, ready } = await boot(w, richVault(), { layoutReady: false });
    expect(app.vault.scans).toBe(0);
    expect(plugin['index'].ready).toBe(false);
    expect([...app.commands.keys()].sort()).toEqual(
      [
        'acknowledge-incident',
        'clear-timeline-filters',
        'filter-timeline',
        'open-notes',
        'open-recovery',
        'open-restore-tests',
        'open-timeline',
        'rebuild-index',
        'record-restore-failed',
        'record-restore-passed',
        'search-timeline',
        'show-failing-backups',
        'show-open-incidents',
        'start-restore-test',
        'tick-next-step',
        'toggle-step',
      ].map((id) => `vigil:${id}`),
    );
    expect([...app.commands.values()].every((c) => c.hotkeys === undefined)).toBe(true);
    expect([...app.codeBlockProcessors.keys()].sort()).toEqual(['vigil-backups', 'vigil-restore-tests', 'vigil-status', 'vigil-timeline']);
    expect([...app.viewRegistry.keys()]).toEqual(expect.arrayContaining(['vigil-timeline', 'vigil-restore-tests', 'vigil-notes']));
    expect([...app.hoverLinkSources.keys()].sort()).toEqual(['vigil-block', 'vigil-timeline']);
    expect(app.protocolHandlers.has('vigil')).toBe(true);
    expect(app.ribbon.querySelectorAll('.side-dock-ribbon-action')).toHaveLength(2);
    expect(app.settingTabs).toHaveLength(1);

    ready();
    expect(app.vault.scans).toBe(1);
    expect(plugin['index'].ready).toBe(true);
  });

  it('indexes Vigil notes only, flags broken, unparseable and newer ones, and ignores other notes', async () => {
    const { plugin } = await boot(w, richVault());
    const store = plugin['index'].store;
    expect(store.get(PATHS.critical)?.state).toBe('valid');
    expect(store.get(PATHS.invalid)).toMatchObject({ state: 'invalid', problems: [expect.stringContaining('severity')] });
    expect(store.get(PATHS.newer)?.state).toBe('newer-schema');
    expect(store.get('Vigil/Odd kind.md')?.kind).toBeNull();
    expect(store.get('Personal/Shopping.md')).toBeUndefined();
    // Obsidian caches no frontmatter for YAML that does not parse, but knows where the block is: inside the
    // Vigil folder such a note is listed as broken, so a hand edit that broke one of ours does not make it vanish.
    expect(store.get('Vigil/Broken yaml.md')).toMatchObject({ state: 'invalid', kind: null, problems: [expect.stringContaining('do not parse')] });
    expect(store.get(PATHS.giteaInProgress)?.steps).toEqual([
      { id: 'step-1', checked: true, line: expect.any(Number) },
      { id: 'step-2', checked: true, line: expect.any(Number) },
      { id: 'step-3', checked: false, line: expect.any(Number) },
      { id: 'step-4', checked: false, line: expect.any(Number) },
    ]);
  });

  it('keeps the index current on changed, rename and delete, moving the revision only when something changed', async () => {
    const { app, plugin } = await boot(w, richVault());
    const index = plugin['index'];
    const r0 = index.store.revision;
    const file = app.vault.getFileByPath(PATHS.sshOpen)!;
    await app.vault.modify(file, app.vault.readNow(file).replace('# SSH', '# SSH (edited body)'));
    await settle(app);
    expect(index.store.revision).toBe(r0);
    await app.vault.modify(file, app.vault.readNow(file).replace('status: "open"', 'status: "acknowledged"'));
    await settle(app);
    expect(index.store.get(PATHS.sshOpen)?.frontmatter.status).toBe('acknowledged');
    await app.vault.rename(file, 'Vigil/Incidents/2026/renamed.md');
    expect(index.store.get(PATHS.sshOpen)).toBeUndefined();
    expect(index.store.get('Vigil/Incidents/2026/renamed.md')?.name).toBe('renamed');
    await app.vault.rename(file, 'Elsewhere/renamed.md');
    expect(index.store.get('Vigil/Incidents/2026/renamed.md')).toBeUndefined();
    await app.vault.delete(app.vault.getFileByPath(PATHS.critical)!);
    expect(index.store.get(PATHS.critical)).toBeUndefined();
    expect(index.store.revision).toBe(r0 + 4);
  });
});

describe('settings', () => {
  it('validates data.json key by key on load: bad values fall back and are reported, good ones are kept', async () => {
    const { plugin } = await boot(w, richVault(), { data: { folder: '../outside', pinFailingBackups: true, timelineMinSeverity: 'apocalyptic', extra: 1 } });
    expect(plugin.settings.folder).toBe('Vigil');
    expect(plugin.settings.pinFailingBackups).toBe(true);
    expect(plugin.settings.timelineMinSeverity).toBe('any');
    expect(w.notices[0]).toMatch(/folder: .*\n.*timelineMinSeverity/s);
  });

  it('renders the settings tab and applies a folder change by rebuilding the index', async () => {
    const { app, plugin } = await boot(w, { ...richVault(), 'Elsewhere/x.md': '---\nvigil: recovery\nvigil_schema: 1\n---\n' });
    const tab = app.settingTabs[0]!;
    tab.display();
    expect(Array.from(tab.containerEl.querySelectorAll('.setting-item-name'), (e) => e.textContent)).toContain('Notes folder');
    const folder = tab.containerEl.querySelector<HTMLInputElement>('input[type=text]')!;
    folder.value = '../nope';
    folder.dispatchEvent(new Event('input'));
    await settle(app);
    expect(plugin.settings.folder).toBe('Vigil');
    expect(folder.classList.contains('vigil-invalid')).toBe(true);
    // Typed key by key: saved at once, the index rebuilt once the typing stops.
    for (const typed of ['E', 'Else', 'Elsewhere//']) {
      folder.value = typed;
      folder.dispatchEvent(new Event('input'));
    }
    await settle(app);
    expect(plugin.settings.folder).toBe('Elsewhere');
    expect(plugin['index'].store.size).toBeGreaterThan(1);
    await new Promise((r) => window.setTimeout(r, 450));
    await settle(app);
    expect(plugin['index'].store.size).toBe(1);
    expect(app.pluginData.get('vigil')).toMatchObject({ folder: 'Elsewhere' });
  });
});

describe('status', () => {
  it('shows the worst open severity and counts in the status bar on desktop', async () => {
    const { app } = await boot(w, richVault());
    await settle(app);
    const item = app.statusBar.querySelector('.vigil-statusbar')!;
    // Open and not accepted: critical, high (ssh), high (hostile); the broken note reads as info; the newer one is open too.
    expect(item.textContent).toBe('Vigil: 5 open, worst critical · 2 backups failing · 1 restore overdue');
    expect(item.classList.contains('vigil-sev-critical')).toBe(true);
    expect(item.getAttribute('aria-label')).toMatch(/worst critical/);
    (item as HTMLElement).click();
    await settle(app);
    expect(app.workspace.getLeavesOfType('vigil-timeline')).toHaveLength(1);
  });

  it('has no status bar on a phone; the timeline header carries the same summary', async () => {
    const { app } = await boot(w, richVault(), { mobile: true });
    expect(app.statusBar.querySelector('.vigil-statusbar')).toBeNull();
    await run(app, 'open-timeline');
    const summary = document.querySelector<HTMLElement>('.vigil-tl-summary')!;
    expect(summary.style.display).not.toBe('none');
    expect(summary.textContent).toBe('5 open, worst critical · 2 backups failing · 1 restore overdue');
  });
});

describe('unload', () => {
  it('removes every command, processor, view, listener and DOM element it added', async () => {
    const { app, plugin } = await boot(w, richVault());
    await run(app, 'open-timeline');
    await run(app, 'open-restore-tests');
    expect(app.metadataCache.listenerCount('changed')).toBe(1);
    plugin.unload();
    expect(app.commands.size).toBe(0);
    expect(app.codeBlockProcessors.size).toBe(0);
    expect(app.hoverLinkSources.size).toBe(0);
    expect(app.workspace.getLeavesOfType('vigil-timeline')).toHaveLength(0);
    // The mock cache's own listeners on the vault stay; the plugin's 'changed' listener is gone.
    expect(app.metadataCache.listenerCount('changed')).toBe(0);
    // One 'rename' listener is the mock metadata cache's own.
    expect(app.vault.listenerCount('rename')).toBe(1);
    expect(app.vault.listenerCount('delete')).toBe(1);
    expect(app.statusBar.childElementCount).toBe(0);
    expect(app.ribbon.childElementCount).toBe(0);
  });
});
