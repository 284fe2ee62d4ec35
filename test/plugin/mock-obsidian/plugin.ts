// Mock of Obsidian's Plugin: the registration API, each registration undone on unload.
import type { App, Command } from './app';
import { Component } from './component';
import { setIcon } from './icons';
import type { PostProcessorContext } from './reading-view';
import type { View } from './views';
import type { WorkspaceLeaf } from './workspace';

/** Obsidian's PluginManifest. */
export interface PluginManifest {
  id: string;
  name: string;
  version: string;
  minAppVersion: string;
  [key: string]: unknown;
}

/** Obsidian's Plugin. */
export class Plugin extends Component {
  constructor(
    public app: App,
    public manifest: PluginManifest,
  ) {
    super();
  }

  /** Obsidian awaits a plugin's onload before calling it loaded; children load after. */
  override load(): Promise<void> {
    if (this._loaded) return Promise.resolve();
    this._loaded = true;
    return Promise.resolve(this.onload());
  }

  addCommand(command: Command): Command {
    const full = { ...command, id: `${this.manifest.id}:${command.id}` };
    this.app.commands.set(full.id, full);
    this.register(() => this.app.commands.delete(full.id));
    return full;
  }

  addRibbonIcon(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = this.app.ribbon.createDiv({ cls: 'side-dock-ribbon-action clickable-icon', attr: { 'aria-label': title } });
    setIcon(el, icon);
    el.addEventListener('click', (evt) => callback(evt));
    this.register(() => el.remove());
    return el;
  }

  addStatusBarItem(): HTMLElement {
    const el = this.app.statusBar.createDiv({ cls: 'status-bar-item' });
    this.register(() => el.remove());
    return el;
  }

  addSettingTab(tab: { display(): void; containerEl: HTMLElement }): void {
    this.app.settingTabs.push(tab);
    this.register(() => this.app.settingTabs.splice(this.app.settingTabs.indexOf(tab), 1));
  }

  registerView(type: string, factory: (leaf: WorkspaceLeaf) => View): void {
    this.app.viewRegistry.set(type, factory);
    this.register(() => {
      this.app.viewRegistry.delete(type);
      for (const leaf of this.app.workspace.getLeavesOfType(type)) leaf.detach();
    });
  }

  registerHoverLinkSource(id: string, info: { display: string; defaultMod: boolean }): void {
    this.app.hoverLinkSources.set(id, info);
    this.register(() => this.app.hoverLinkSources.delete(id));
  }

  registerMarkdownCodeBlockProcessor(language: string, handler: (source: string, el: HTMLElement, ctx: PostProcessorContext) => unknown): void {
    this.app.codeBlockProcessors.set(language, handler);
    this.register(() => this.app.codeBlockProcessors.delete(language));
  }

  registerObsidianProtocolHandler(action: string, handler: (params: Record<string, string>) => unknown): void {
    this.app.protocolHandlers.set(action, handler);
    this.register(() => this.app.protocolHandlers.delete(action));
  }

  async loadData(): Promise<unknown> {
    return structuredClone(this.app.pluginData.get(this.manifest.id) ?? null);
  }

  async saveData(data: unknown): Promise<void> {
    this.app.pluginData.set(this.manifest.id, structuredClone(data));
  }
}
