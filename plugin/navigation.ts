// Where things open: our views in the main area (with view state), Recovery.md, the notes list in the sidebar.
import { Notice, type App } from 'obsidian';
import type { VaultIndex } from './index/vault-index';
import { NOTES_VIEW } from './views/notes-view';
import { RESTORE_VIEW } from './views/restore-view';
import { noFilter, type TimelineFilter } from './views/timeline-model';
import { filterToState } from './views/timeline-state';
import { TIMELINE_VIEW, TimelineView } from './views/timeline-view';

/** Opens views and notes; holds no view (views are found by type when needed). */
export class Navigation {
  constructor(
    private readonly app: App,
    private readonly index: VaultIndex,
    private readonly folder: () => string,
  ) {}

  /** Open (or reveal) the timeline; a filter replaces the current one, no filter keeps it. */
  openTimeline(filter?: Partial<TimelineFilter>): Promise<void> {
    return this.openView(TIMELINE_VIEW, filter ? { filter: filterToState({ ...noFilter(), ...filter }) } : undefined);
  }

  /** Open (or reveal) the restore tests view. */
  openRestoreTests(): Promise<void> {
    return this.openView(RESTORE_VIEW);
  }

  /** Open the timeline and put the cursor in its search box. */
  async focusTimelineSearch(): Promise<void> {
    await this.openTimeline();
    const view = this.app.workspace.getLeavesOfType(TIMELINE_VIEW)[0]?.view;
    if (view instanceof TimelineView) view.focusSearch();
  }

  /** Open Recovery.md: the one note to read when things are down. */
  async openRecovery(): Promise<void> {
    const folder = this.folder();
    const expected = folder ? `${folder}/Recovery.md` : 'Recovery.md';
    // Found by path first (no index needed, so it works even before layout-ready), then by kind if the user moved it.
    const path = this.app.vault.getFileByPath(expected)?.path ?? this.index.store.all().find((e) => e.kind === 'recovery')?.path;
    if (!path) {
      new Notice(`Vigil: ${expected} does not exist yet. The collector writes it on its first run.`);
      return;
    }
    await this.app.workspace.openLinkText(path, '', false);
  }

  /** Open (or reveal) the notes list in the right sidebar. */
  async openNotesList(): Promise<void> {
    const { workspace } = this.app;
    const existing = workspace.getLeavesOfType(NOTES_VIEW)[0];
    const leaf = existing ?? workspace.getRightLeaf(false);
    if (!leaf) return;
    if (!existing) await leaf.setViewState({ type: NOTES_VIEW, active: true });
    await workspace.revealLeaf(leaf);
  }

  /** Open (or reveal) one of our views in the main area, passing view state (the timeline's filter). */
  private async openView(type: string, state?: Record<string, unknown>): Promise<void> {
    const { workspace } = this.app;
    const leaf = workspace.getLeavesOfType(type)[0] ?? workspace.getLeaf('tab');
    await leaf.setViewState({ type, active: true, ...(state ? { state } : {}) });
    await workspace.revealLeaf(leaf);
  }
}
