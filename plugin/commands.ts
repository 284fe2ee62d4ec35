// Every action in the command palette (no default hotkeys): open views, filter the timeline, run restore tests, acknowledge.
import { Notice, type Plugin } from 'obsidian';
import { localDate } from '../shared/dates';
import type { VigilContext } from './context';
import { canRecord, canStart, type RestoreResult } from './actions/restore-patch';
import { restoreCard, type RestoreCard } from './views/restore-model';
import { RestorePicker } from './views/restore-picker';
import { ChoicePicker } from './views/choice-picker';
import { filterChoices } from './views/filter-choices';
import { buildTimeline, timelineFacets } from './views/timeline-model';

/** Where commands open things (plugin/navigation.ts). */
interface Navigation {
  openRecovery(): Promise<void>;
  openNotesList(): Promise<void>;
  focusTimelineSearch(): Promise<void>;
}

function activeEntry(ctx: VigilContext) {
  const file = ctx.app.workspace.getActiveFile();
  return file ? ctx.index.store.get(file.path) : undefined;
}

function restoreCards(ctx: VigilContext, keep: (card: RestoreCard) => boolean): RestoreCard[] {
  const today = localDate(new Date(ctx.now()));
  return ctx.index.store
    .all()
    .filter((e) => e.kind === 'restore-test')
    .map((e) => restoreCard(e, today))
    .filter(keep)
    .sort((a, b) => (a.dueInDays ?? 0) - (b.dueInDays ?? 0));
}

/** The active note as a restore test card, when it is one. */
function activeCard(ctx: VigilContext): RestoreCard | null {
  const entry = activeEntry(ctx);
  return entry?.kind === 'restore-test' ? restoreCard(entry, localDate(new Date(ctx.now()))) : null;
}

/** Act on the active restore test if it qualifies, else offer a picker of those that do. */
function onRestoreTest(plugin: Plugin, ctx: VigilContext, keep: (c: RestoreCard) => boolean, placeholder: string, run: (c: RestoreCard) => void): void {
  const active = activeCard(ctx);
  if (active && keep(active)) return run(active);
  const cards = restoreCards(ctx, keep);
  if (cards.length === 0) {
    new Notice('Vigil: no restore test is waiting for that.');
    return;
  }
  new RestorePicker(plugin.app, cards, placeholder, run).open();
}

/** Offer the test's steps with their text (read from the note) and flip the chosen one. */
async function pickStep(plugin: Plugin, ctx: VigilContext, card: RestoreCard): Promise<void> {
  const file = ctx.app.vault.getFileByPath(card.path);
  const lines = file ? (await ctx.app.vault.cachedRead(file)).split(/\r?\n/) : [];
  const textOf = (line: number) => (lines[line] ?? '').replace(/^\s*[-*+]\s*\[.\]\s*/, '').replace(/\s*\^[\w-]+\s*$/, '');
  const choices = card.steps.map((s) => ({
    label: `${s.checked ? '☑' : '☐'} ${textOf(s.line) || s.id}`,
    run: () => void ctx.actions.tickStep(card.path, s.id, s.checked),
  }));
  new ChoicePicker(plugin.app, choices, 'Tick or untick which step?').open();
}

/** Register all commands on the plugin. */
export function registerCommands(plugin: Plugin, ctx: VigilContext, nav: Navigation): void {
  plugin.addCommand({ id: 'open-timeline', name: 'Open timeline', callback: () => void ctx.openTimeline() });
  plugin.addCommand({ id: 'open-restore-tests', name: 'Open restore tests', callback: () => void ctx.openRestoreTests() });
  plugin.addCommand({ id: 'open-recovery', name: 'Open recovery runbook', callback: () => void nav.openRecovery() });
  plugin.addCommand({ id: 'open-notes', name: 'Open notes list', callback: () => void nav.openNotesList() });
  plugin.addCommand({ id: 'show-open-incidents', name: 'Show open incidents', callback: () => void ctx.openTimeline({ kind: 'incident', status: 'open' }) });
  plugin.addCommand({ id: 'show-failing-backups', name: 'Show failing backups', callback: () => void ctx.openTimeline({ kind: 'backup-job', status: 'failing' }) });
  plugin.addCommand({ id: 'clear-timeline-filters', name: 'Show the whole timeline', callback: () => void ctx.openTimeline({}) });
  plugin.addCommand({ id: 'search-timeline', name: 'Search the timeline', callback: () => void nav.focusTimelineSearch() });
  plugin.addCommand({
    id: 'filter-timeline',
    name: 'Filter the timeline…',
    callback: () => {
      const facets = timelineFacets(buildTimeline(ctx.index.store.all(), ctx.now()));
      const choices = filterChoices(facets).map((c) => ({ label: c.label, run: () => void ctx.openTimeline(c.filter) }));
      new ChoicePicker(plugin.app, choices, 'Show only…').open();
    },
  });

  plugin.addCommand({
    id: 'start-restore-test',
    name: 'Start a restore test now',
    callback: () => onRestoreTest(plugin, ctx, (c) => canStart(c.status), 'Start which restore test?', (c) => void ctx.actions.startRestoreTest(c.path)),
  });
  for (const result of ['passed', 'failed'] as RestoreResult[]) {
    plugin.addCommand({
      id: `record-restore-${result}`,
      name: `Record restore test as ${result}`,
      callback: () =>
        onRestoreTest(plugin, ctx, (c) => canRecord(c.status), `Which restore test ${result}?`, (c) => void ctx.actions.recordRestoreResult(c.path, result)),
    });
  }
  plugin.addCommand({
    id: 'tick-next-step',
    name: 'Tick the next step of this restore test',
    checkCallback: (checking) => {
      const card = activeCard(ctx);
      const next = card?.steps.find((s) => !s.checked);
      if (!card || !next) return false;
      if (!checking) void ctx.actions.tickStep(card.path, next.id, false);
      return true;
    },
  });
  plugin.addCommand({
    id: 'toggle-step',
    name: 'Tick or untick a step of this restore test…',
    checkCallback: (checking) => {
      const card = activeCard(ctx);
      if (!card || card.steps.length === 0) return false;
      if (!checking) void pickStep(plugin, ctx, card);
      return true;
    },
  });
  plugin.addCommand({
    id: 'acknowledge-incident',
    name: 'Acknowledge this incident',
    checkCallback: (checking) => {
      const entry = activeEntry(ctx);
      if (entry?.kind !== 'incident' || entry.frontmatter.status !== 'open') return false;
      if (!checking) void ctx.actions.acknowledgeIncident(entry.path);
      return true;
    },
  });
  plugin.addCommand({
    id: 'rebuild-index',
    name: 'Rebuild the index',
    callback: () => {
      if (!ctx.index.ready) return;
      ctx.index.rebuild();
      new Notice(`Vigil: ${ctx.index.store.size} notes indexed.`);
    },
  });
}
