// Entry of the wiring bundle: the plugin with 'obsidian' resolved to the mock, plus the mock itself, in one module graph.
export * as obsidian from '../mock-obsidian/index';
export { notices } from '../mock-obsidian/ui';
export { setMobile } from '../mock-obsidian/platform';
export { default as VigilPlugin } from '../../../plugin/main';
export { VaultIndex } from '../../../plugin/index/vault-index';
export { TIMELINE_VIEW, TimelineView } from '../../../plugin/views/timeline-view';
export { RESTORE_VIEW, RestoreView } from '../../../plugin/views/restore-view';
