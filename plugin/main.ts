// The Vigil plugin's lifecycle: settings, views, commands, code blocks and status bar; the index is built after layout-ready.
import { normalizePath, Notice, Platform, Plugin, type WorkspaceLeaf } from 'obsidian';
import { parseVigilParams } from '../shared/deeplink';
import { defaultSettings, loadPluginSettings, validateSetting, type PluginSettings } from '../shared/plugin-settings';
import { NoteActions } from './actions/note-actions';
import { BLOCK_HOVER_SOURCE, registerCodeBlocks } from './codeblocks/vigil-block';
import { registerCommands } from './commands';
import type { VigilContext } from './context';
import { VaultIndex } from './index/vault-index';
import { Navigation } from './navigation';
import { VigilSettingTab } from './settings-tab';
import { NOTES_VIEW, NotesView } from './views/notes-view';
import { RESTORE_VIEW, RestoreView } from './views/restore-view';
import { StatusBarItem } from './views/status-bar';
import { filterFromLink } from './views/timeline-state';
import { TIMELINE_VIEW, TimelineView } from './views/timeline-view';

/** Vigil for Obsidian. */
/** How long the folder setting must stay unchanged before the index is rebuilt for it. */
const FOLDER_SETTLE_MS = 400;

export default class VigilPlugin extends Plugin {
  override settings: PluginSettings = defaultSettings();
  private index!: VaultIndex;
  private statusBar: StatusBarItem | null = null;
  private folderTimer: number | null = null;

  override async onload(): Promise<void> {
    const loaded = loadPluginSettings(await this.loadData());
    this.settings = loaded.settings;
    if (loaded.problems.length > 0) new Notice(`Vigil: some settings were not valid and use their defaults:\n${loaded.problems.join('\n')}`);

    this.index = new VaultIndex(this.app, this.settings.folder);
    this.register(() => {
      if (this.folderTimer !== null) window.clearTimeout(this.folderTimer);
    });
    const nav = new Navigation(this.app, this.index, () => this.settings.folder);
    const ctx: VigilContext = {
      app: this.app,
      index: this.index,
      actions: new NoteActions(this.app, () => Date.now()),
      settings: () => this.settings,
      now: () => Date.now(),
      openNote: (path, newLeaf) => void this.app.workspace.openLinkText(path, '', newLeaf),
      openTimeline: (filter) => nav.openTimeline(filter),
      openRestoreTests: () => nav.openRestoreTests(),
    };

    this.registerView(TIMELINE_VIEW, (leaf: WorkspaceLeaf) => new TimelineView(leaf, ctx));
    this.registerView(RESTORE_VIEW, (leaf: WorkspaceLeaf) => new RestoreView(leaf, ctx));
    this.registerView(NOTES_VIEW, (leaf: WorkspaceLeaf) => new NotesView(leaf, this.index));
    this.registerHoverLinkSource(TIMELINE_VIEW, { display: 'Vigil timeline', defaultMod: true });
    this.registerHoverLinkSource(BLOCK_HOVER_SOURCE, { display: 'Vigil blocks', defaultMod: true });
    this.addRibbonIcon('shield-check', 'Open Vigil timeline', () => void nav.openTimeline());
    this.addRibbonIcon('life-buoy', 'Open recovery runbook', () => void nav.openRecovery());
    registerCommands(this, ctx, nav);
    registerCodeBlocks(this, ctx);
    this.registerObsidianProtocolHandler('vigil', (params) => {
      const link = parseVigilParams(params);
      if (link.view === 'restore-tests') void nav.openRestoreTests();
      else if (link.view === 'recovery') void nav.openRecovery();
      else void nav.openTimeline(filterFromLink(link));
    });
    if (!Platform.isMobile) {
      this.statusBar = this.addChild(new StatusBarItem(this.addStatusBarItem(), ctx));
      this.statusBar.setVisible(this.settings.showStatusBar);
    }
    this.addSettingTab(new VigilSettingTab(this.app, this, this));
    // No vault scan during load: the index is built once the workspace is ready (Obsidian's start-up guidance).
    this.app.workspace.onLayoutReady(() => this.index.start(this));
  }

  /** Validate, store and apply one setting; returns an error message when the value was refused. */
  async updateSetting<K extends keyof PluginSettings>(key: K, value: unknown): Promise<string | null> {
    // A folder typed by hand is normalised as Obsidian does (separators, doubled slashes) before it is checked.
    const given = key === 'folder' && typeof value === 'string' && value.trim() !== '' ? normalizePath(value) : value;
    const result = validateSetting(key, given);
    if (!result.ok) return result.message;
    this.settings = { ...this.settings, [key]: result.value };
    await this.saveData(this.settings);
    if (key === 'folder') {
      // Typing a folder name changes it on every key: the index is rebuilt once the typing stops.
      if (this.folderTimer !== null) window.clearTimeout(this.folderTimer);
      this.folderTimer = window.setTimeout(() => {
        this.folderTimer = null;
        this.index.setFolder(this.settings.folder);
        this.index.notify();
      }, FOLDER_SETTLE_MS);
      return null;
    }
    if (key === 'showStatusBar') this.statusBar?.setVisible(this.settings.showStatusBar);
    this.index.notify();
    return null;
  }
}
