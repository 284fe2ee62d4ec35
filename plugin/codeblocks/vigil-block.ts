// A live vigil-* code block: a MarkdownRenderChild that re-renders when the index moved and the block is on screen.
import { Keymap, MarkdownRenderChild, type HoverPopover, type MarkdownPostProcessorContext, type Plugin } from 'obsidian';
import type { VigilContext } from '../context';
import { RefreshGate } from '../views/refresh-gate';
import { coalescedRefresh } from '../views/view-refresh';
import { filterFromLink } from '../views/timeline-state';
import { BLOCK_TYPES, blockLink, parseBlockOptions, type BlockOptions, type BlockType } from './block-options';
import { renderBackupsBlock, renderRestoreBlock, renderStatusBlock, renderTimelineBlock, type BlockLinks } from './render-blocks';

/** The id under which block links appear in Obsidian's page preview settings. */
export const BLOCK_HOVER_SOURCE = 'vigil-block';

/** One rendered block. */
export class VigilBlock extends MarkdownRenderChild {
  /** Obsidian's page preview keeps its popover here (HoverParent). */
  hoverPopover: HoverPopover | null = null;
  private readonly gate = new RefreshGate();
  private readonly options: BlockOptions;
  private readonly scheduleRefresh = coalescedRefresh(() => this.containerEl, () => this.refresh());

  constructor(
    containerEl: HTMLElement,
    private readonly type: BlockType,
    source: string,
    private readonly sourcePath: string,
    private readonly ctx: VigilContext,
  ) {
    super(containerEl);
    this.options = parseBlockOptions(type, source);
  }

  override onload(): void {
    this.containerEl.addClass('vigil-block', `vigil-block-${this.type}`);
    this.register(this.ctx.index.subscribe(() => this.scheduleRefresh()));
    // A block scrolled out of a hidden tab renders when its leaf comes back.
    this.registerEvent(this.ctx.app.workspace.on('layout-change', () => this.refresh()));
    this.registerEvent(this.ctx.app.workspace.on('active-leaf-change', () => this.refresh()));
    this.refresh(true);
  }

  /** Render if the index moved since the last render and the block is visible (or on first load). */
  refresh(first = false): void {
    const el = this.containerEl;
    if (!this.ctx.index.ready) {
      el.empty();
      el.createDiv({ cls: 'vigil-empty', text: 'Vigil is reading the vault…' });
      return;
    }
    // The first render happens even when not yet attached: Obsidian attaches the block after processing it.
    if (!this.gate.shouldRender(this.ctx.index.store.revision, '', first || el.isShown())) return;
    el.empty();
    const entries = this.ctx.index.store.all();
    const now = this.ctx.now();
    const links = this.links();
    switch (this.type) {
      case 'timeline':
        renderTimelineBlock(el, entries, filterFromLink(blockLink(this.options.values)), this.options, now, links);
        break;
      case 'restore-tests':
        renderRestoreBlock(el, entries, this.options, now, links);
        break;
      case 'backups':
        renderBackupsBlock(el, entries, this.options, now, links);
        break;
      case 'status':
        renderStatusBlock(el, entries, now, links);
        break;
    }
    for (const problem of this.options.problems) el.createDiv({ cls: 'vigil-problem', text: `vigil-${this.type}: ${problem}` });
  }

  private links(): BlockLinks {
    const { app } = this.ctx;
    return {
      note: (parent, path, text) => {
        const a = parent.createEl('a', { cls: 'vigil-link', text, href: '#', attr: { 'data-path': path } });
        this.registerDomEvent(a, 'click', (evt) => {
          evt.preventDefault();
          this.ctx.openNote(path, Keymap.isModEvent(evt) !== false);
        });
        this.registerDomEvent(a, 'mouseover', (evt) => {
          app.workspace.trigger('hover-link', { event: evt, source: BLOCK_HOVER_SOURCE, hoverParent: this, targetEl: a, linktext: path, sourcePath: this.sourcePath });
        });
        return a;
      },
      action: (parent, text, run) => {
        const a = parent.createEl('a', { cls: 'vigil-link vigil-action', text, href: '#' });
        this.registerDomEvent(a, 'click', (evt) => {
          evt.preventDefault();
          run();
        });
        return a;
      },
      openTimeline: (filter) => void this.ctx.openTimeline(filter),
      openRestoreTests: () => void this.ctx.openRestoreTests(),
    };
  }
}

/** Register the four code block processors; each block becomes a child of its section's render context. */
export function registerCodeBlocks(plugin: Plugin, ctx: VigilContext): void {
  for (const type of BLOCK_TYPES) {
    plugin.registerMarkdownCodeBlockProcessor(`vigil-${type}`, (source: string, el: HTMLElement, mdCtx: MarkdownPostProcessorContext) => {
      mdCtx.addChild(new VigilBlock(el, type, source, mdCtx.sourcePath, ctx));
    });
  }
}
