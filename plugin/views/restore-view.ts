// The restore tests ItemView: overdue, due, in progress, failed and passed tests with their checklists; ticks go to the note.
import { ItemView, Keymap, TFile, type WorkspaceLeaf } from 'obsidian';
import { parseChecklist, type ChecklistStep } from '../../shared/checklist';
import { localDate } from '../../shared/dates';
import type { VigilContext } from '../context';
import { STEP_PREFIX } from '../index/note-entry';
import { RefreshGate } from './refresh-gate';
import { coalescedRefresh, refreshOnChanges } from './view-refresh';
import { renderRestoreCard, renderSteps, showsSteps, type CardActions } from './restore-card';
import { restoreSections } from './restore-model';
import type { Listen } from './timeline-filter-bar';

/** View type id. */
export const RESTORE_VIEW = 'vigil-restore-tests';

/** Restore tests by state, with progress and the steps to tick. */
export class RestoreView extends ItemView {
  private readonly gate = new RefreshGate();
  /** Parsed checklists by path, valid for one mtime (cachedRead is Obsidian's in-memory copy, so this is cheap). */
  private readonly texts = new Map<string, { mtime: number; steps: ChecklistStep[] }>();
  private generation = 0;
  private readonly scheduleRefresh = coalescedRefresh(() => this.containerEl, () => this.refresh());
  private readonly listen: Listen = (el, type, handler) => this.registerDomEvent(el, type, handler);
  private readonly act: CardActions;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly ctx: VigilContext,
  ) {
    super(leaf);
    this.act = {
      open: (path, evt) => ctx.openNote(path, Keymap.isModEvent(evt) !== false),
      openRunbook: (name, from, evt) => void this.app.workspace.openLinkText(name, from, Keymap.isModEvent(evt) !== false),
      tick: (path, step, box) => {
        box.disabled = true;
        void ctx.actions.tickStep(path, step.id, step.checked).finally(() => {
          box.disabled = false;
        });
      },
      start: (path) => void ctx.actions.startRestoreTest(path),
      record: (path, result) => void ctx.actions.recordRestoreResult(path, result),
    };
  }

  getViewType(): string {
    return RESTORE_VIEW;
  }

  getDisplayText(): string {
    return 'Vigil restore tests';
  }

  override getIcon(): string {
    return 'rotate-ccw';
  }

  override async onOpen(): Promise<void> {
    this.contentEl.empty();
    this.contentEl.addClass('vigil-restore');
    refreshOnChanges(this, this.ctx, this.gate, () => this.scheduleRefresh(), () => this.refresh());
  }

  override async onClose(): Promise<void> {
    this.texts.clear();
    this.contentEl.empty();
  }

  override onResize(): void {
    if (this.gate.owed) this.refresh();
  }

  /** Re-render when the index moved (a tick in the note included) and the view can be seen. */
  refresh(): void {
    const index = this.ctx.index;
    const root = this.contentEl;
    if (!index.ready) {
      root.empty();
      root.createDiv({ cls: 'vigil-empty', text: 'Reading the vault…' });
      return;
    }
    const now = this.ctx.now();
    if (!this.gate.shouldRender(index.store.revision, localDate(new Date(now)), this.containerEl.isShown())) return;
    const generation = ++this.generation;
    // Emptying collapses the scroll height: keep the position so a tick does not jump to the top.
    const scrollTop = root.scrollTop;
    root.empty();
    const header = root.createDiv({ cls: 'vigil-rt-header' });
    header.createEl('h2', { text: 'Restore tests' });
    const sections = restoreSections(index.store.all(), now);
    if (sections.length === 0) {
      root.createDiv({
        cls: 'vigil-empty',
        text: 'No restore tests yet. List them under restore_tests in vigil.yaml; the collector writes one note per test when it is due.',
      });
      return;
    }
    for (const section of sections) {
      const el = root.createDiv({ cls: ['vigil-rt-section', `vigil-rt-section-${section.status}`] });
      const h = el.createEl('h3', { cls: 'vigil-rt-section-title' });
      h.createSpan({ text: section.label });
      h.createSpan({ cls: 'vigil-rt-section-count', text: String(section.cards.length) });
      for (const card of section.cards) {
        const steps = renderRestoreCard(el, card, now, this.listen, this.act);
        if (showsSteps(card) && card.total > 0) void this.fillSteps(card.path, steps, generation);
      }
    }
    root.scrollTop = scrollTop;
  }

  /** Read the note (Obsidian's cached copy) for the steps' text; drop the result if the view re-rendered meanwhile. */
  private async fillSteps(path: string, list: HTMLElement, generation: number): Promise<void> {
    const file = this.app.vault.getAbstractFileByPath(path);
    if (!(file instanceof TFile)) return;
    const cached = this.texts.get(path);
    // Synchronous when the text is known, so a re-render after a tick does not jump.
    if (cached && cached.mtime === file.stat.mtime) {
      renderSteps(list, path, cached.steps, this.listen, this.act);
      return;
    }
    const text = await this.app.vault.cachedRead(file);
    const parsed = { mtime: file.stat.mtime, steps: parseChecklist(text, STEP_PREFIX) };
    this.texts.set(path, parsed);
    if (generation !== this.generation) return;
    renderSteps(list, path, parsed.steps, this.listen, this.act);
  }
}
