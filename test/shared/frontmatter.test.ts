import { describe, expect, it } from 'vitest';
import {
  assembleNote,
  FrontmatterError,
  mergeFrontmatter,
  parseFrontmatter,
  printFrontmatter,
  splitNote,
} from '../../shared/frontmatter';

const HOSTILE = [
  '../../etc/passwd',
  '<img src=x onerror=alert(1)>',
  'two\nlines\r\nthree',
  '%% vigil:end timeline %%',
  '---',
  ': #',
  'key: value # not a comment',
  'x'.repeat(300),
  '🔥 emoji 👨‍👩‍👧‍👦',
  'yes',
  'null',
  '2026-11-23',
  '0x1F',
  '1e3',
  '"quoted" and \'single\'',
  '\\backslash\\',
  '- list item',
  '{ flow: map }',
  '*alias',
  '&anchor',
  '!!tag',
  '',
  ' leading and trailing ',
  '\t',
  '\u2028separator',
];

describe('frontmatter', () => {
  it('round-trips hostile strings exactly (as values and inside lists)', () => {
    for (const h of HOSTILE) {
      const data = { vigil: 'incident', title: h, list: [h, 'plain'] };
      const note = assembleNote(data, 'body\n');
      const split = splitNote(note);
      expect(split.body, JSON.stringify(h)).toBe('body\n');
      expect(parseFrontmatter(split.yaml ?? ''), JSON.stringify(h)).toEqual(data);
    }
  });

  it('never lets a value close the frontmatter early', () => {
    const note = assembleNote({ title: '---\n---\nfoo: bar' }, 'B\n');
    const split = splitNote(note);
    expect(parseFrontmatter(split.yaml!)).toEqual({ title: '---\n---\nfoo: bar' });
    expect(split.body).toBe('B\n');
  });

  it('keeps dates as strings, as Obsidian reads them', () => {
    expect(parseFrontmatter('date: 2026-11-23\nn: 3\nb: true')).toEqual({ date: '2026-11-23', n: 3, b: true });
  });

  it('reports broken YAML with the line in the note', () => {
    expect(() => parseFrontmatter('a: 1\nb: [unclosed\nc: 2')).toThrow(FrontmatterError);
    try {
      parseFrontmatter('a: 1\n  b: : :\n');
    } catch (error) {
      expect((error as FrontmatterError).line).toBeGreaterThanOrEqual(2);
    }
    expect(() => parseFrontmatter('- a\n- b')).toThrow(/not a mapping/);
  });

  it('splits notes with CRLF and without frontmatter', () => {
    expect(splitNote('---\r\na: 1\r\n---\r\nbody')).toEqual({ yaml: 'a: 1\r\n', body: 'body', eol: '\r\n' });
    expect(splitNote('no frontmatter')).toEqual({ yaml: null, body: 'no frontmatter', eol: '\n' });
    expect(splitNote('---\nnever closed\n').yaml).toBeNull();
  });

  it('merges: owned keys updated in place, user keys kept, user-owned values win', () => {
    const existing = { vigil: 'incident', my_note: 'mine', status: 'acknowledged', severity: 'high', gone: 1 };
    const generated = { vigil: 'incident', status: 'open', severity: 'critical', last_seen: 'x' };
    const merged = mergeFrontmatter(existing, generated, new Set(['vigil', 'status', 'severity', 'last_seen', 'gone']), new Set(['status']));
    expect(merged).toEqual({ vigil: 'incident', my_note: 'mine', status: 'acknowledged', severity: 'critical', last_seen: 'x' });
    expect(Object.keys(merged)).toEqual(['vigil', 'my_note', 'status', 'severity', 'last_seen']);
  });

  it('prints nothing for empty data and quotes every string', () => {
    expect(printFrontmatter({})).toBe('');
    expect(printFrontmatter({ a: 'no', b: 1 })).toBe('a: "no"\nb: 1\n');
  });
});
