// What views, code blocks and commands share: the app, the index, settings, the clock and the note actions.
import type { App } from 'obsidian';
import type { PluginSettings } from '../shared/plugin-settings';
import type { NoteActions } from './actions/note-actions';
import type { VaultIndex } from './index/vault-index';
import type { TimelineFilter } from './views/timeline-model';

/** Handed to every view and code block instead of the plugin object (views never hold the plugin, the plugin never holds views). */
export interface VigilContext {
  app: App;
  index: VaultIndex;
  actions: NoteActions;
  settings(): Readonly<PluginSettings>;
  /** The clock (ms); injected so tests and screenshots are deterministic. */
  now(): number;
  /** Open a note by vault path; `newLeaf` for a modifier-click. */
  openNote(path: string, newLeaf: boolean): void;
  /** Open (or reveal) the timeline, optionally with a filter. */
  openTimeline(filter?: Partial<TimelineFilter>): Promise<void>;
  /** Open (or reveal) the restore tests view. */
  openRestoreTests(): Promise<void>;
}
