// The Chromium host: loads a real vault from the local server into the mock Obsidian API, evaluates the built main.js
// as Obsidian does (CommonJS with require('obsidian')), and exposes a small control surface to the Playwright test.
import * as obsidian from '../../mock-obsidian/index';
import { notices } from '../../mock-obsidian/ui';
import { setMobile } from '../../mock-obsidian/platform';
import { generatedVault } from '../../fixtures/generated-vault';

interface HostWindow extends Window {
  require?: (id: string) => unknown;
  vigilHost?: unknown;
  __pwnedCalls: string[];
}

const params = new URLSearchParams(location.search);
const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
const mobile = params.get('mobile') === '1';
const bench = Number(params.get('bench') ?? 0);
document.body.classList.add(`theme-${theme}`);
if (mobile) document.body.classList.add('is-mobile');
setMobile(mobile);

/** Writes go back to disk through the server; the header marks them as the host's storage layer, not the plugin. */
const storage = {
  async write(path: string, text: string): Promise<void> {
    const res = await fetch(`/vault/${path.split('/').map(encodeURIComponent).join('/')}`, { method: 'PUT', body: text, headers: { 'x-vigil-host': 'storage' } });
    if (!res.ok) throw new Error(`write ${path}: ${res.status}`);
  },
};

async function loadFiles(): Promise<Record<string, string>> {
  if (bench > 0) return generatedVault(bench, new Date(Date.now()));
  const res = await fetch('/api/vault', { headers: { 'x-vigil-host': 'storage' } });
  return ((await res.json()) as { files: Record<string, string> }).files;
}

async function loadPluginClass(): Promise<new (app: obsidian.App, manifest: unknown) => obsidian.Plugin> {
  const [code, manifest] = await Promise.all([
    fetch('/plugin/main.js', { headers: { 'x-vigil-host': 'loader' } }).then((r) => r.text()),
    fetch('/plugin/manifest.json', { headers: { 'x-vigil-host': 'loader' } }).then((r) => r.json() as Promise<unknown>),
  ]);
  const win = window as unknown as HostWindow;
  // Like Obsidian: the plugin is CommonJS; `require('obsidian')` is the only module it may ask for.
  win.require = (id: string) => {
    if (id === 'obsidian') return obsidian;
    throw new Error(`main.js required "${id}", which Obsidian does not provide to plugins`);
  };
  const module = { exports: {} as { default?: unknown } };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating the plugin bundle is exactly what Obsidian does
  new Function('require', 'module', 'exports', code)(win.require, module, module.exports);
  hostState.manifest = manifest;
  return (module.exports.default ?? module.exports) as new (app: obsidian.App, manifest: unknown) => obsidian.Plugin;
}

const hostState: { manifest: unknown; timings: Record<string, number> } = { manifest: null, timings: {} };

function showPopover(app: obsidian.App, info: { event?: MouseEvent; source: string; linktext: string; targetEl: HTMLElement }): void {
  // Obsidian's page preview: respects the source's "needs Ctrl/Cmd" setting, shows the note's text.
  const source = app.hoverLinkSources.get(info.source);
  if (!source || (source.defaultMod && !(info.event?.ctrlKey || info.event?.metaKey))) return;
  const file = app.metadataCache.getFirstLinkpathDest(info.linktext, '');
  if (!file) return;
  document.querySelector('.host-popover')?.remove();
  const rect = info.targetEl.getBoundingClientRect();
  const pop = document.body.createDiv({ cls: 'host-popover', text: app.vault.readNow(file).slice(0, 1200) });
  pop.setCssStyles({ left: `${Math.min(rect.left + 24, window.innerWidth - 380)}px`, top: `${Math.min(rect.bottom + 4, window.innerHeight - 270)}px` });
  info.targetEl.addEventListener('mouseleave', () => pop.remove(), { once: true });
}

async function main(): Promise<void> {
  const files = await loadFiles();
  const app = new obsidian.App({ storage, parent: document.getElementById('app')!, realLayout: true });
  for (const [path, text] of Object.entries(files)) app.vault.seed(path, text);
  app.metadataCache.primeAll();
  app.workspace.on('hover-link', (info: { event?: MouseEvent; source: string; linktext: string; targetEl: HTMLElement }) => showPopover(app, info));
  const Plugin = await loadPluginClass();
  const plugin = new Plugin(app, hostState.manifest);
  const t0 = performance.now();
  await (plugin.load());
  const t1 = performance.now();
  hostState.timings.onload = t1 - t0;
  hostState.timings.scansDuringOnload = app.vault.scans;
  if (params.get('layout') !== 'manual') app.workspace.triggerLayoutReady();
  window.addEventListener('resize', () => app.workspace.iterateAllLeaves((l) => l.view?.onResize()));

  (window as unknown as HostWindow).vigilHost = {
    app,
    plugin,
    notices,
    timings: hostState.timings,
    ready: true,
    runCommand: (id: string) => app.runCommand(`vigil:${id}`),
    openFile: (path: string) => app.workspace.openLinkText(path, '', false),
    settled: () => app.metadataCache.settled(),
    /** Show the settings tab in a modal (for screenshots). */
    showSettings: () => {
      const tab = app.settingTabs[0]!;
      const modal = new obsidian.Modal(app);
      modal.setTitle('Vigil');
      tab.display();
      modal.contentEl.appendChild(tab.containerEl);
      modal.open();
    },
    /** Benchmark: build the index and render the timeline, timing each part up to the painted frame. */
    measureFirstRender: async () => {
      const a = performance.now();
      app.workspace.triggerLayoutReady();
      const b = performance.now();
      app.runCommand('vigil:open-timeline');
      // Until the frame with the timeline is produced: the next task after the animation frame callback.
      await new Promise((r) => requestAnimationFrame(() => window.setTimeout(r, 0)));
      const c = performance.now();
      const rows = document.querySelectorAll('.vigil-tl-row, .vigil-tl-heading').length;
      // The status bar reads (and contract-checks) every note in idle time after that: when is it done?
      const label = document.querySelector('.vigil-statusbar-text');
      while (label && !label.textContent?.startsWith('Vigil:')) await new Promise((r) => window.setTimeout(r, 5));
      const d = performance.now();
      return { index: b - a, render: c - b, total: c - a, rows, notes: Object.keys(files).length, statusBar: d - a };
    },
  };
}

main().catch((error: unknown) => {
  document.body.createDiv({ cls: 'host-error', text: String(error) });
  console.error(error);
});
