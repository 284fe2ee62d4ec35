// Test harness for the mock-API layer: a vault from files, the plugin loaded as Obsidian would, helpers to wait and look.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Wiring } from './load-wiring';

type MockApp = InstanceType<Wiring['obsidian']['App']>;
type Plugin = InstanceType<Wiring['VigilPlugin']>;

/** A booted vault with the plugin loaded (layout not ready yet unless asked). */
export interface Booted {
  app: MockApp;
  plugin: Plugin;
  /** Fire onLayoutReady, as Obsidian does once the workspace is restored. */
  ready: () => void;
}

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../manifest.json'), 'utf8')) as {
  id: string;
  name: string;
  version: string;
  minAppVersion: string;
};

/** Seed the files, prime the metadata cache (Obsidian has it from the last session), load the plugin. */
export async function boot(w: Wiring, files: Record<string, string>, options: { mobile?: boolean; data?: unknown; layoutReady?: boolean } = {}): Promise<Booted> {
  document.body.replaceChildren();
  w.notices.length = 0;
  w.setMobile(options.mobile ?? false);
  const app = new w.obsidian.App();
  for (const [path, text] of Object.entries(files)) app.vault.seed(path, text);
  app.metadataCache.primeAll();
  if (options.data !== undefined) app.pluginData.set(manifest.id, options.data);
  const plugin = new w.VigilPlugin(app as never, manifest as never);
  // The mock's Plugin.load returns the onload promise, as Obsidian's loader awaits it (the typings say void).
  await (plugin.load() as unknown as Promise<void>);
  const booted = { app, plugin, ready: () => app.workspace.triggerLayoutReady() };
  if (options.layoutReady ?? true) booted.ready();
  return booted;
}

/** Let metadata parses, coalesced refreshes (16–50 ms) and async reads settle. */
export async function settle(app: MockApp): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await app.metadataCache.settled();
    await new Promise((r) => window.setTimeout(r, 60));
  }
}

/** Run a palette command by its short id and let it finish. */
export async function run(app: MockApp, id: string): Promise<boolean> {
  const ok = app.runCommand(`vigil:${id}`);
  await settle(app);
  return ok;
}

/** Text of the elements matching `selector` under `root`. */
export function texts(root: ParentNode, selector: string): string[] {
  return Array.from(root.querySelectorAll(selector), (el) => el.textContent ?? '');
}

/** The visible content element of the first leaf showing `type`. */
export function viewEl(app: MockApp, type: string): HTMLElement {
  const leaf = app.workspace.getLeavesOfType(type)[0];
  if (!leaf?.view) throw new Error(`no ${type} view open`);
  return leaf.view.containerEl;
}
