// The Vigil plugin's lifecycle: register the view, the command and the ribbon; build the index after layout-ready.
import { Plugin, type WorkspaceLeaf } from 'obsidian';
import { VaultIndex } from './index/vault-index';
import { NOTES_VIEW, NotesView } from './views/notes-view';

/** Vigil for Obsidian. */
export default class VigilPlugin extends Plugin {
  index!: VaultIndex;

  override async onload(): Promise<void> {
    this.index = new VaultIndex(this.app);
    this.registerView(NOTES_VIEW, (leaf: WorkspaceLeaf) => new NotesView(leaf, this.index));
    this.addRibbonIcon('shield-check', 'Open Vigil notes', () => void this.openNotesView());
    this.addCommand({ id: 'open-notes', name: 'Open notes list', callback: () => void this.openNotesView() });
    // No vault scan during load: the index is built once the workspace is ready.
    this.app.workspace.onLayoutReady(() => this.index.start(this));
  }

  /** Open (or reveal) the notes view in the right sidebar. */
  async openNotesView(): Promise<void> {
    const existing = this.app.workspace.getLeavesOfType(NOTES_VIEW)[0];
    const leaf = existing ?? this.app.workspace.getRightLeaf(false);
    if (!leaf) return;
    if (!existing) await leaf.setViewState({ type: NOTES_VIEW, active: true });
    await this.app.workspace.revealLeaf(leaf);
  }
}
