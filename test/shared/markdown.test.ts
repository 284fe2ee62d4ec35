import { describe, expect, it } from 'vitest';
import { code, link, table, text, wikiLink } from '../../shared/markdown';

describe('markdown rendering of data', () => {
  it('escapes Markdown and Obsidian syntax so values render literally', () => {
    expect(text('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(text('%% vigil:end x %%')).toBe('&#37;&#37; vigil:end x &#37;&#37;');
    expect(text('#tag [[link]] *bold* `code` $math$ ==hl== ^block | pipe')).not.toMatch(/(?<!\\)[#[\]*`$=^|]/);
    expect(text('a\nb')).toBe('a b');
    expect(text('- not a list')).toBe('\\- not a list');
    expect(text(null)).toBe('');
    expect(text(42)).toBe('42');
  });

  it('makes code spans that survive backticks and comment markers', () => {
    expect(code('/etc/passwd')).toBe('`/etc/passwd`');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('%%')).not.toContain('%%');
  });

  it('builds tables whose cells cannot split', () => {
    const t = table(['a', 'b'], [[code('x|y'), text('p|q')]]);
    expect(t.split('\n')[2]).toBe('| `x\\|y` | p\\|q |');
  });

  it('links only to safe targets', () => {
    expect(link('Vigil/Reports/2026/2026-11-23 digest.md', 'Digest')).toBe('[[Vigil/Reports/2026/2026-11-23 digest|Digest]]');
    expect(wikiLink('Vigil/x', 'a|b]]')).toBe('[[Vigil/x\\|a b]]');
    expect(() => wikiLink('Vigil/x|y')).toThrow();
  });
});
