// How the plugin's views stay current: one coalesced refresh per burst of index events, on the view's own window.
import type { ItemView } from 'obsidian';
import type { VigilContext } from '../context';
import { coalesce, type RefreshGate } from './refresh-gate';

/** A refresh coalesced over ~16 ms, timed on the element's window (a popout's own, not the main one). */
export function coalescedRefresh(el: () => HTMLElement, refresh: () => void): () => void {
  return coalesce(refresh, (run) => el().win.setTimeout(run, 16));
}

/**
 * Refresh an item view when the index moves (coalesced), when the layout changes and when the active leaf
 * changes (it may have become visible), then render it once now.
 */
export function refreshOnChanges(view: ItemView, ctx: VigilContext, gate: RefreshGate, schedule: () => void, refresh: () => void): void {
  view.register(ctx.index.subscribe(schedule));
  view.registerEvent(view.app.workspace.on('layout-change', refresh));
  view.registerEvent(view.app.workspace.on('active-leaf-change', refresh));
  gate.invalidate();
  refresh();
}
