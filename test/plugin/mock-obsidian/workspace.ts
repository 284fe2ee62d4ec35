// Mock of Obsidian's Workspace and WorkspaceLeaf: a main area of tabs and a right sidebar; only the active leaf of each is shown.
import type { App } from './app';
import { Events } from './events';
import type { TFile } from './vault';
import type { View } from './views';

/** Obsidian's ViewState. */
export interface ViewState {
  type: string;
  state?: Record<string, unknown>;
  active?: boolean;
}

/** What a plugin passed with the 'hover-link' event (mock-only record). */
export interface HoverLinkEvent {
  source: string;
  linktext: string;
  sourcePath: string;
  targetEl: HTMLElement;
}

/** Obsidian's WorkspaceLeaf. */
export class WorkspaceLeaf {
  view: View | null = null;
  readonly containerEl: HTMLElement;

  constructor(
    readonly app: App,
    readonly side: 'main' | 'right',
    parent: HTMLElement,
  ) {
    this.containerEl = parent.createDiv({ cls: 'workspace-leaf' });
  }

  async setViewState(vs: ViewState): Promise<void> {
    if (!this.view || this.view.getViewType() !== vs.type) {
      const factory = this.app.viewRegistry.get(vs.type);
      if (!factory) throw new Error(`No view registered for ${vs.type}`);
      if (this.view) await this.view.close();
      this.view = factory(this);
      if (vs.active) this.app.workspace.setActiveLeaf(this);
      await this.view.open(this.containerEl);
    } else if (vs.active) this.app.workspace.setActiveLeaf(this);
    if (vs.state) await this.view.setState(vs.state, { history: false });
    this.app.workspace.trigger('layout-change');
  }

  getViewState(): ViewState {
    return { type: this.view?.getViewType() ?? 'empty', state: this.view?.getState() ?? {} };
  }

  async openFile(file: TFile): Promise<void> {
    await this.setViewState({ type: 'markdown', state: { file: file.path }, active: true });
    this.app.workspace.trigger('file-open', file);
  }

  detach(): void {
    void this.view?.close();
    this.containerEl.remove();
    this.app.workspace.removeLeaf(this);
  }
}

/** Obsidian's Workspace. */
export class Workspace extends Events {
  layoutReady = false;
  activeLeaf: WorkspaceLeaf | null = null;
  readonly containerEl: HTMLElement;
  readonly mainEl: HTMLElement;
  readonly rightEl: HTMLElement;
  /** Mock-only: every hover-link event, in order. */
  readonly hovers: HoverLinkEvent[] = [];
  private readonly leaves: WorkspaceLeaf[] = [];
  private readonly readyCallbacks: (() => unknown)[] = [];
  private lastFile: TFile | null = null;

  constructor(private readonly app: App) {
    super();
    this.containerEl = createDiv({ cls: 'workspace' });
    this.mainEl = this.containerEl.createDiv({ cls: 'workspace-split mod-root' });
    this.rightEl = this.containerEl.createDiv({ cls: 'workspace-split mod-right-split' });
  }

  onLayoutReady(callback: () => unknown): void {
    if (this.layoutReady) callback();
    else this.readyCallbacks.push(callback);
  }

  /** Mock-only: the moment Obsidian finished restoring the layout. */
  triggerLayoutReady(): void {
    this.layoutReady = true;
    for (const cb of this.readyCallbacks.splice(0)) cb();
    this.trigger('layout-ready');
  }

  getLeavesOfType(type: string): WorkspaceLeaf[] {
    return this.leaves.filter((l) => l.view?.getViewType() === type);
  }

  iterateAllLeaves(cb: (leaf: WorkspaceLeaf) => unknown): void {
    for (const leaf of [...this.leaves]) cb(leaf);
  }

  getLeaf(newLeaf?: boolean | 'tab' | 'split' | 'window'): WorkspaceLeaf {
    const reuse = this.activeLeaf?.side === 'main' && (this.activeLeaf.view?.getViewType() ?? 'markdown') === 'markdown';
    if (!newLeaf && reuse) return this.activeLeaf!;
    return this.addLeaf('main');
  }

  getRightLeaf(_split: boolean): WorkspaceLeaf {
    return this.addLeaf('right');
  }

  private addLeaf(side: 'main' | 'right'): WorkspaceLeaf {
    const leaf = new WorkspaceLeaf(this.app, side, side === 'main' ? this.mainEl : this.rightEl);
    this.leaves.push(leaf);
    this.show(leaf);
    return leaf;
  }

  /** Mock-only, called by detach. */
  removeLeaf(leaf: WorkspaceLeaf): void {
    this.leaves.splice(this.leaves.indexOf(leaf), 1);
    if (this.activeLeaf === leaf) this.activeLeaf = null;
  }

  private show(leaf: WorkspaceLeaf): void {
    // Tabs: only one leaf per split is visible, the others are display: none (so isShown() is false there).
    for (const l of this.leaves) if (l.side === leaf.side) l.containerEl.toggle(l === leaf);
  }

  async revealLeaf(leaf: WorkspaceLeaf): Promise<void> {
    this.show(leaf);
    this.trigger('layout-change');
  }

  setActiveLeaf(leaf: WorkspaceLeaf): void {
    this.show(leaf);
    this.activeLeaf = leaf;
    const file = (leaf.view as { file?: TFile | null } | null)?.file;
    if (file) this.lastFile = file;
    this.trigger('active-leaf-change', leaf);
  }

  getActiveFile(): TFile | null {
    const file = (this.activeLeaf?.view as { file?: TFile | null } | null)?.file;
    return file ?? this.lastFile;
  }

  async openLinkText(linktext: string, sourcePath: string, newLeaf?: boolean | 'tab' | 'split' | 'window'): Promise<void> {
    const file = this.app.metadataCache.getFirstLinkpathDest(linktext.split('#')[0]!, sourcePath);
    if (!file) return;
    await this.getLeaf(newLeaf).openFile(file);
    this.lastFile = file;
  }

  override trigger(name: string, ...data: unknown[]): void {
    if (name === 'hover-link') this.hovers.push(data[0] as HoverLinkEvent);
    super.trigger(name, ...data);
  }
}
