// The "Vigil notes" view: every Vigil note grouped by kind, re-rendered only when the index moved and it is visible.
import { ItemView, Keymap, type WorkspaceLeaf } from 'obsidian';
import type { VaultIndex } from '../index/vault-index';
import { groupNotes } from './notes-model';

/** Notes listed per kind. */
const NOTES_PER_KIND = 100;

/** View type id. */
export const NOTES_VIEW = 'vigil-notes';

/** Lists Vigil notes by kind; click opens the note. */
export class NotesView extends ItemView {
  private renderedRevision = -1;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly index: VaultIndex,
  ) {
    super(leaf);
  }

  getViewType(): string {
    return NOTES_VIEW;
  }

  getDisplayText(): string {
    return 'Vigil notes';
  }

  override getIcon(): string {
    return 'shield-check';
  }

  override async onOpen(): Promise<void> {
    this.register(this.index.subscribe(() => this.refresh()));
    this.registerEvent(this.app.workspace.on('layout-change', () => this.refresh()));
    this.refresh();
  }

  /** Re-render when the index moved and the view can be seen. */
  private refresh(): void {
    if (!this.index.ready || this.renderedRevision === this.index.store.revision) return;
    if (!this.containerEl.isShown()) return;
    this.renderedRevision = this.index.store.revision;
    this.render();
  }

  private render(): void {
    const root = this.contentEl;
    root.empty();
    root.addClass('vigil-notes');
    const groups = groupNotes(this.index.store.all());
    if (groups.length === 0) {
      root.createEl('p', { cls: 'vigil-empty', text: 'No Vigil notes in this vault yet. They appear after the first collector run.' });
      return;
    }
    for (const group of groups) {
      const section = root.createDiv({ cls: 'vigil-group' });
      section.createEl('h4', { text: `${group.label} (${group.notes.length})` });
      const list = section.createEl('ul', { cls: 'vigil-note-list' });
      // A plain list: years of notes belong to the (virtualised) timeline, not here.
      for (const note of group.notes.slice(0, NOTES_PER_KIND)) {
        const item = list.createEl('li', { cls: `vigil-note vigil-state-${note.state}` });
        const link = item.createEl('a', { text: note.name, cls: 'internal-link', href: '#' });
        this.registerDomEvent(link, 'click', (evt) => {
          evt.preventDefault();
          void this.app.workspace.openLinkText(note.path, '', Keymap.isModEvent(evt) !== false);
        });
        if (note.problems.length > 0) item.createSpan({ cls: 'vigil-problem', text: ` — ${note.problems[0]}` });
      }
      const more = group.notes.length - NOTES_PER_KIND;
      if (more > 0) list.createEl('li', { cls: 'vigil-note vigil-note-more', text: `… and ${more} more (the timeline shows them all)` });
    }
  }
}
