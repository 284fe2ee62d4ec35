import { describe, expect, it } from 'vitest';
import { noteEntry, type NoteEntry } from '../../plugin/index/note-entry';
import { itemFacts, itemProblem, itemState, timelineItem, type TimelineItem } from '../../plugin/views/timeline-items';
import { activeFilterCount, buildTimeline, dayLabel, filterTimeline, noFilter, timelineFacets, timelineRows, worstFirst, type PinRules } from '../../plugin/views/timeline-model';
import { defaultFilter, filterFromLink, filterFromState, filterToState } from '../../plugin/views/timeline-state';
import { defaultSettings } from '../../shared/plugin-settings';
import { severityRank } from '../../shared/severity';
import { parseMetadataForTest } from './fixtures/metadata';
import { FIXTURE_NOW, PATHS, richVault } from './fixtures/rich-vault';

const NOW = FIXTURE_NOW.getTime();
const ALL_PINS: PinRules = { openIncidents: true, acknowledgedIncidents: true, overdueRestoreTests: true, failingBackups: true };
const NO_PINS: PinRules = { openIncidents: false, acknowledgedIncidents: false, overdueRestoreTests: false, failingBackups: false };

/** The rich fixture vault as index entries, parsed the way the metadata cache does. */
function entries(): NoteEntry[] {
  return Object.entries(richVault()).flatMap(([path, text]) => {
    const meta = parseMetadataForTest(text);
    const e = noteEntry(path, meta.frontmatter, 1, meta.listItems);
    return e ? [e] : [];
  });
}

describe('timeline items', () => {
  const items = buildTimeline(entries(), NOW);
  // The facts are made when a row is shown; here they are made for every item to check them.
  const byPath = new Map(
    items.map((i): [string, TimelineItem & { facts: string[]; state: string; problem: string | null }] => [i.path, { ...i, facts: itemFacts(i), state: itemState(i), problem: itemProblem(i) }]),
  );

  it('puts each kind on the axis at its event time with a severity, facts and attention', () => {
    expect(byPath.get(PATHS.critical)).toMatchObject({ kind: 'incident', severity: 'critical', host: 'nas', check: 'docker-posture', status: 'open', attention: 'open-incident', day: '2026-11-21' });
    expect(byPath.get(PATHS.acknowledged)).toMatchObject({ attention: 'acknowledged-incident', status: 'acknowledged' });
    expect(byPath.get('Vigil/Incidents/2026/2026-11-22 Upgradable packages on mac.md')).toMatchObject({ attention: 'acknowledged-incident', facts: expect.arrayContaining(['risk accepted']) });
    expect(byPath.get(PATHS.haOverdue)).toMatchObject({ kind: 'restore-test', status: 'overdue', severity: 'medium', attention: 'overdue-restore', facts: ['quarterly', 'due 2026-11-14', '0/3 steps'] });
    expect(byPath.get(PATHS.giteaInProgress)).toMatchObject({ status: 'in-progress', severity: 'info', facts: ['quarterly', '2/4 steps'] });
    expect(byPath.get(PATHS.giteaBackup)).toMatchObject({ kind: 'backup-job', title: 'Backup gitea-dump: failing', severity: 'high', attention: 'failing-backup', day: '2026-11-23' });
    expect(byPath.get('Vigil/Backups/photos-usb.md')).toMatchObject({ title: 'Backup photos-usb', severity: 'ok', facts: ['nas', 'restic', 'last success 20 h ago'] });
    expect(byPath.get('Vigil/Reports/2026/2026-11-23 digest.md')).toMatchObject({ kind: 'report', title: 'Daily digest', severity: 'critical', facts: ['2 findings', '3 hosts'] });
    expect(byPath.has(PATHS.recovery)).toBe(false);
    expect(byPath.has('Vigil/Runbooks/gitea.md')).toBe(false);
  });

  it('keeps broken notes on the axis with their problem, and unknown kinds as "other"', () => {
    expect(byPath.get(PATHS.invalid)).toMatchObject({ state: 'invalid', severity: 'info', problem: expect.stringContaining('severity') });
    expect(byPath.get(PATHS.newer)).toMatchObject({ state: 'newer-schema', severity: 'high', problem: expect.stringContaining('newer Vigil') });
    expect(byPath.get('Vigil/Odd kind.md')).toMatchObject({ kind: 'other', time: 1 });
  });

  it('treats an acceptance from the config (accepted_in_config) like the user\'s own, until it runs out', () => {
    const fm = { vigil: 'incident', vigil_schema: 1, title: 'Container wud has the Docker socket mounted on nas', host: 'nas', severity: 'critical', status: 'open', opened: '2026-11-20T06:15:00Z', accepted_in_config: '2027-03-31' };
    const accepted = timelineItem(noteEntry('wud.md', fm, 5)!, NOW)!;
    expect(accepted.attention).toBe('acknowledged-incident');
    expect(itemFacts(accepted)).toContain('risk accepted');
    const expired = timelineItem(noteEntry('wud.md', { ...fm, accepted_in_config: '2026-11-01' }, 5)!, NOW)!;
    expect(expired.attention).toBe('open-incident');
  });

  it('never throws on garbage frontmatter values', () => {
    const garbage = { vigil: 'incident', vigil_schema: 1, title: { nested: true }, host: ['a', 3], severity: 7, opened: 'yesterday', occurrences: 'many' };
    const item = timelineItem(noteEntry('x.md', garbage, 5)!, NOW);
    expect(item).toMatchObject({ title: 'x', severity: 'info', time: 5 });
    expect(itemState(item!)).toBe('invalid');
    expect(itemFacts(item!)).toEqual([]);
  });

  it('sorts newest first with a stable tie-break', () => {
    const items = buildTimeline(entries(), NOW);
    for (let i = 1; i < items.length; i++) expect(items[i - 1]!.time).toBeGreaterThanOrEqual(items[i]!.time);
  });

  it('orders worst first, newest first within a severity, for blocks of open incidents', () => {
    const open = filterTimeline(buildTimeline(entries(), NOW), { ...noFilter(), status: 'open' });
    const sorted = worstFirst(open);
    expect(sorted).toHaveLength(open.length);
    expect(sorted[0]!.severity).toBe('critical');
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      expect(severityRank(a.severity) > severityRank(b.severity) || (a.severity === b.severity && a.time >= b.time)).toBe(true);
    }
    // The newest open item is not the worst one here, so a newest-first cut would have hidden the critical.
    expect(open[0]!.severity).not.toBe('critical');
  });
});

describe('filters', () => {
  const items = buildTimeline(entries(), NOW);

  it('filters by minimum severity, kind, host, check, status and every word of the text', () => {
    expect(filterTimeline(items, noFilter())).toEqual(items);
    expect(new Set(filterTimeline(items, { ...noFilter(), minSeverity: 'high' }).map((i) => i.severity))).toEqual(new Set(['critical', 'high']));
    expect(filterTimeline(items, { ...noFilter(), host: 'pi4', kind: 'incident', status: 'open' }).map((i) => i.title)).toEqual(['SSH password login allowed on pi4']);
    expect(filterTimeline(items, { ...noFilter(), check: 'tls-expiry' }).map((i) => i.path)).toEqual([PATHS.resolved]);
    expect(filterTimeline(items, { ...noFilter(), text: 'PORTAINER nas' }).map((i) => i.path)).toEqual([PATHS.critical]);
    expect(filterTimeline(items, { ...noFilter(), text: 'portainer pi4' })).toEqual([]);
  });

  it('lists the facets present in the data for the dropdowns', () => {
    const f = timelineFacets(items);
    expect(f.hosts).toEqual(expect.arrayContaining(['mac', 'nas', 'pi4']));
    expect(f.checks).toContain('ssh-auth');
    expect(f.statuses).toEqual(expect.arrayContaining(['open', 'resolved', 'overdue', 'failing']));
    expect(f.kinds).toEqual(['incident', 'report', 'restore-test', 'backup-job', 'other']);
    expect(activeFilterCount({ ...noFilter(), host: 'nas', text: ' x ' })).toBe(2);
  });

  it('reads filters from settings, view state and links without trusting them', () => {
    expect(defaultFilter({ ...defaultSettings(), timelineMinSeverity: 'high', timelineHost: 'nas' })).toMatchObject({ minSeverity: 'high', host: 'nas', kind: null });
    const f = { ...noFilter(), host: 'nas', status: 'open' };
    expect(filterFromState({ filter: filterToState(f) })).toEqual(f);
    expect(filterFromState({ filter: { kind: 'evil', status: 'pwned', minSeverity: 'x', host: 3 } })).toEqual(noFilter());
    expect(filterFromState({})).toBeNull();
    expect(filterFromLink({ view: 'timeline', severity: 'critical', q: 'tls' })).toEqual({ ...noFilter(), minSeverity: 'critical', text: 'tls' });
  });
});

describe('rows', () => {
  const items = buildTimeline(entries(), NOW);

  it('pins what needs attention above upcoming and the days, each note once', () => {
    const rows = timelineRows(items, ALL_PINS, NOW);
    const headers = rows.filter((r) => r.type === 'header').map((r) => r.label);
    expect(headers.slice(0, 5)).toEqual(['Needs attention', 'Upcoming', 'Today', 'Yesterday', 'Saturday 21 November 2026']);
    const pinned = rows.filter((r) => r.type === 'item' && r.pinned).map((r) => (r.type === 'item' ? r.item.severity : ''));
    expect(pinned[0]).toBe('critical');
    expect(rows.filter((r) => r.type === 'item')).toHaveLength(items.length);
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    const counts = rows.filter((r) => r.type === 'header').reduce((n, r) => n + (r.type === 'header' ? r.count : 0), 0);
    expect(counts).toBe(items.length);
  });

  it('puts everything under its day when nothing is pinned, upcoming soonest first', () => {
    const rows = timelineRows(items, NO_PINS, NOW);
    expect(rows[0]).toMatchObject({ type: 'header', label: 'Upcoming' });
    expect(rows[1]).toMatchObject({ type: 'item', item: { path: PATHS.hostileRestore } });
    expect(rows[2]).toMatchObject({ type: 'item', item: { path: PATHS.documentsDue } });
    expect(rows.some((r) => r.type === 'item' && r.pinned)).toBe(false);
  });

  it('labels days relative to now', () => {
    expect(dayLabel('2026-11-23', NOW)).toBe('Today');
    expect(dayLabel('2026-11-22', NOW)).toBe('Yesterday');
    expect(dayLabel('2026-11-24', NOW)).toBe('Tomorrow');
    expect(dayLabel('2026-03-01', NOW)).toBe('Sunday 1 March 2026');
  });
});
