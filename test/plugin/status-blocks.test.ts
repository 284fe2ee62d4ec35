import { describe, expect, it } from 'vitest';
import { blockLink, parseBlockOptions, timelineBlockSort } from '../../plugin/codeblocks/block-options';
import { noteEntry } from '../../plugin/index/note-entry';
import { firstTime, num, parseNoteTime, str, strList } from '../../plugin/index/note-fields';
import { backupRows, formatBytes } from '../../plugin/views/backups-model';
import { RefreshGate, coalesce } from '../../plugin/views/refresh-gate';
import { statusSummary, vigilStatus } from '../../plugin/views/status-model';
import { parseMetadataForTest } from './fixtures/metadata';
import { FIXTURE_NOW, richVault } from './fixtures/rich-vault';

const entries = Object.entries(richVault()).flatMap(([path, text]) => {
  const meta = parseMetadataForTest(text);
  const e = noteEntry(path, meta.frontmatter, 1, meta.listItems);
  return e ? [e] : [];
});
const NOW = FIXTURE_NOW.getTime();

describe('status', () => {
  it('counts open incidents with their worst severity, failing backups, overdue restores and freshness', () => {
    const s = vigilStatus(entries, NOW);
    expect(s).toMatchObject({ open: 5, acknowledged: 2, worst: 'critical', failingBackups: 2, overdueRestores: 1, failedRestores: 1, stale: false, unreadable: 3 });
    expect(s.bySeverity).toMatchObject({ critical: 1, high: 3, info: 1 });
    expect(statusSummary(s)).toEqual({
      text: '5 open, worst critical · 2 backups failing · 1 restore overdue',
      detail: 'Open incidents: 1 critical, 3 high, 1 info (worst critical). 2 acknowledged. 1 restore test failed. 3 notes cannot be read.',
      severity: 'critical',
    });
  });

  it('does not count an incident accepted in the config as open', () => {
    const incident = (extra: Record<string, unknown>) =>
      noteEntry('wud.md', { vigil: 'incident', vigil_schema: 1, title: 'wud', host: 'nas', severity: 'critical', status: 'open', opened: '2026-11-20T06:15:00Z', ...extra }, 1)!;
    expect(vigilStatus([incident({ accepted_in_config: '2027-03-31' })], NOW)).toMatchObject({ open: 0, acknowledged: 1 });
    expect(vigilStatus([incident({ accepted_in_config: null })], NOW)).toMatchObject({ open: 1, worst: 'critical' });
  });

  it('calls the data stale after a day and a half without a digest, and all clear when nothing is open', () => {
    const s = vigilStatus([], NOW);
    expect(s).toMatchObject({ open: 0, worst: null, stale: true, lastRun: null });
    expect(statusSummary(s)).toMatchObject({ text: 'All clear', severity: 'medium', detail: 'No open incidents. No collector run yet.' });
    const old = vigilStatus(entries, NOW + 2 * 86_400_000);
    expect(old.stale).toBe(true);
  });
});

describe('backups', () => {
  it('lists jobs worst first, filtered by host, status or data class', () => {
    const rows = backupRows(entries);
    expect(rows.map((r) => [r.job.slice(0, 14), r.status])).toEqual([
      ['gitea-dump', 'failing'],
      ['home-assistant', 'stale'],
      [expect.stringContaining('<img'), 'warning'],
      ['keepass', 'ok'],
      ['photos-usb', 'ok'],
    ]);
    expect(backupRows(entries, { host: 'mac' }).map((r) => r.job)).toEqual(['gitea-dump']);
    expect(backupRows(entries, { status: 'ok', data_class: 'service-state' })).toHaveLength(2);
    expect([null, 512, 4_200_000_000, 1.5e15].map(formatBytes)).toEqual([null, '512 B', '4.2 GB', '1.5 PB']);
  });
});

describe('code block options', () => {
  it('parses key: value lines, with comments, quotes, bounds and problems per line', () => {
    const o = parseBlockOptions('timeline', '# open ones on the NAS\nhost: "nas"\nstatus: open\nlimit: 500\nseverity: apocalyptic\nbogus: 1\nnot an option\n');
    expect(o.values).toEqual({ host: 'nas', status: 'open' });
    expect(o.limit).toBe(200);
    expect(o.problems).toEqual([
      'line 5: severity must be one of critical, high, medium, low, info',
      'line 6: unknown option "bogus" (known: host, check, kind, severity, status, q, limit, sort)',
      'line 7: expected "key: value"',
    ]);
    expect(parseBlockOptions('status', 'host: nas').problems).toEqual(['line 1: unknown option "host"']);
    expect(parseBlockOptions('restore-tests', '').limit).toBe(20);
    expect(blockLink({ host: 'nas', severity: 'high', kind: 'incident' })).toEqual({ view: 'timeline', host: 'nas', severity: 'high', kind: 'incident' });
  });

  it('orders open incidents worst first unless the block says sort: time', () => {
    expect(parseBlockOptions('timeline', 'sort: loudest').problems).toEqual(['line 1: sort must be time or severity']);
    expect(timelineBlockSort({ status: 'open' })).toBe('severity');
    expect(timelineBlockSort({ status: 'acknowledged' })).toBe('severity');
    expect(timelineBlockSort({ status: 'open', sort: 'time' })).toBe('time');
    expect(timelineBlockSort({})).toBe('time');
    expect(timelineBlockSort({ sort: 'severity' })).toBe('severity');
  });
});

describe('note fields', () => {
  it('reads values defensively', () => {
    const fm = { a: ' ', b: 2024, c: ['x', 1], d: 'y', n: Number.NaN };
    expect([str(fm, 'a'), str(fm, 'b'), str(fm, 'missing')]).toEqual([null, '2024', null]);
    expect([strList(fm, 'c'), strList(fm, 'd'), num(fm, 'n'), num(fm, 'b')]).toEqual([['x'], ['y'], null, 2024]);
  });

  it('parses dates as local days, zoned instants as instants, and rejects impossible dates', () => {
    expect(parseNoteTime('2026-11-23')).toBe(new Date(2026, 10, 23).getTime());
    expect(parseNoteTime('2026-11-23 06:15')).toBe(new Date(2026, 10, 23, 6, 15).getTime());
    expect(parseNoteTime('2026-11-23T06:15:00+01:00')).toBe(Date.parse('2026-11-23T05:15:00Z'));
    expect([parseNoteTime('2026-02-31'), parseNoteTime('soon'), parseNoteTime(5)]).toEqual([null, null, null]);
    expect(firstTime({ a: 'x', b: '2026-01-02' }, ['a', 'b'])).toBe(new Date(2026, 0, 2).getTime());
  });
});

describe('refresh gate', () => {
  it('renders when the revision or inputs moved and the view is visible; owes a render while hidden', () => {
    const gate = new RefreshGate();
    expect(gate.shouldRender(1, 'a', true)).toBe(true);
    expect(gate.shouldRender(1, 'a', true)).toBe(false);
    expect(gate.shouldRender(2, 'a', false)).toBe(false);
    expect(gate.owed).toBe(true);
    expect(gate.shouldRender(2, 'a', true)).toBe(true);
    expect(gate.shouldRender(2, 'b', true)).toBe(true);
    gate.invalidate();
    expect(gate.shouldRender(2, 'b', true)).toBe(true);
  });

  it('coalesces a burst of calls into one run', () => {
    const queue: (() => void)[] = [];
    let runs = 0;
    const go = coalesce(
      () => runs++,
      (f) => queue.push(f),
    );
    go();
    go();
    go();
    expect(queue).toHaveLength(1);
    queue.shift()!();
    go();
    expect(queue).toHaveLength(1);
    expect(runs).toBe(1);
  });
});
