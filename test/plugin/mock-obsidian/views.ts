// Mock of Obsidian's View, ItemView, MarkdownRenderChild and a reading-mode markdown view for opened notes.
import type { App } from './app';
import { Component } from './component';
import { renderReadingView } from './reading-view';
import type { TFile } from './vault';
import type { WorkspaceLeaf } from './workspace';

/** Obsidian's ViewStateResult. */
export interface ViewStateResult {
  history: boolean;
}

/** Obsidian's View. */
export abstract class View extends Component {
  app: App;
  icon = '';
  navigation = false;
  containerEl: HTMLElement;

  constructor(public leaf: WorkspaceLeaf) {
    super();
    this.app = leaf.app;
    this.containerEl = createDiv({ cls: 'workspace-leaf-content' });
  }

  abstract getViewType(): string;
  abstract getDisplayText(): string;

  getIcon(): string {
    return this.icon;
  }

  getState(): Record<string, unknown> {
    return {};
  }

  async setState(_state: unknown, _result: ViewStateResult): Promise<void> {}

  async onOpen(): Promise<void> {}

  async onClose(): Promise<void> {}

  onResize(): void {}

  /** Mock-only (Obsidian does this inside the leaf): attach, load and open. */
  async open(parent: HTMLElement): Promise<void> {
    this.containerEl.setAttr('data-type', this.getViewType());
    parent.appendChild(this.containerEl);
    void this.load();
    await this.onOpen();
  }

  /** Mock-only: close, unload and detach. */
  async close(): Promise<void> {
    await this.onClose();
    this.unload();
    this.containerEl.remove();
  }
}

/** Obsidian's ItemView: a header and a content element. */
export abstract class ItemView extends View {
  contentEl: HTMLElement;
  protected readonly headerEl: HTMLElement;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.headerEl = this.containerEl.createDiv({ cls: 'view-header' });
    this.contentEl = this.containerEl.createDiv({ cls: 'view-content' });
  }

  override async open(parent: HTMLElement): Promise<void> {
    this.headerEl.createDiv({ cls: 'view-header-title', text: this.getDisplayText() });
    await super.open(parent);
  }

  /** Mock-only: refresh the tab title (Obsidian does this when a view's state changes). */
  updateHeader(): void {
    this.headerEl.find('.view-header-title')?.setText(this.getDisplayText());
  }

  addAction(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = this.headerEl.createEl('button', { cls: 'clickable-icon view-action', attr: { 'aria-label': title, 'data-icon': icon } });
    el.addEventListener('click', (evt) => callback(evt));
    return el;
  }
}

/** Obsidian's MarkdownRenderChild. */
export class MarkdownRenderChild extends Component {
  constructor(public containerEl: HTMLElement) {
    super();
  }
}

/** Mock of the markdown view in reading mode: renders the note, re-renders when it changes. */
export class MarkdownView extends ItemView {
  file: TFile | null = null;
  private renderRoot: Component | null = null;

  getViewType(): string {
    return 'markdown';
  }

  getDisplayText(): string {
    return this.file?.basename ?? 'No file';
  }

  override getState(): Record<string, unknown> {
    return { file: this.file?.path ?? null };
  }

  override async setState(state: unknown): Promise<void> {
    const path = (state as { file?: string } | null)?.file;
    this.file = path ? this.app.vault.getFileByPath(path) : null;
    this.updateHeader();
    this.render();
  }

  override async onOpen(): Promise<void> {
    this.registerEvent(this.app.vault.on('modify', (f: TFile) => f === this.file && this.render()));
  }

  /** Render (again): earlier code block children are unloaded first, as Obsidian does on re-render. */
  render(): void {
    if (this.renderRoot) this.removeChild(this.renderRoot);
    this.renderRoot = this.addChild(new Component());
    this.contentEl.empty();
    this.contentEl.addClass('markdown-reading-view');
    if (this.file) renderReadingView(this.app, this.file, this.app.vault.readNow(this.file), this.contentEl.createDiv({ cls: 'markdown-preview-view' }), this.renderRoot);
  }
}
