import { describe, expect, it } from 'vitest';
import { folderSegments, isSafeVaultPath, joinVaultPath, safeFileName, truncateUtf8 } from '../../shared/file-names';

const HOSTILE = [
  '../../etc/passwd',
  '<img src=x onerror=alert(1)>',
  'line\nbreak\r\nand\ttab',
  '%% vigil:end timeline %%',
  '---',
  'key: # comment',
  'x'.repeat(300),
  '🔥🧑‍💻 emoji 👨‍👩‍👧‍👦'.repeat(10),
  'CON',
  'nul.txt',
  '..',
  '.hidden',
  'a/b\\c',
  '[[link]]|#tag^block',
  '',
  '   ',
];

describe('safeFileName', () => {
  it('never yields separators, dot segments, control or link-breaking characters', () => {
    for (const h of HOSTILE) {
      const name = safeFileName(h);
      // eslint-disable-next-line no-control-regex -- asserting control characters are gone
      expect(name, h).not.toMatch(/[/\\\u0000-\u001f<>:"|?*#^[\]%]/);
      expect(name, h).not.toMatch(/^\./);
      expect(name.length, h).toBeGreaterThan(0);
      expect(new TextEncoder().encode(name).length, h).toBeLessThanOrEqual(120);
      expect(isSafeVaultPath(`Incidents/${name}.md`), h).toBe(true);
    }
  });

  it('keeps readable names readable and guards device names', () => {
    expect(safeFileName('2026-11-23 Container vaultwarden runs privileged on nas')).toBe(
      '2026-11-23 Container vaultwarden runs privileged on nas',
    );
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('nul.txt')).toBe('_nul.txt');
    expect(safeFileName('')).toBe('untitled');
  });

  it('truncates on grapheme boundaries', () => {
    const family = '👨‍👩‍👧‍👦';
    const cut = truncateUtf8(family.repeat(5), 30);
    expect(cut).toBe(family);
  });
});

describe('vault paths', () => {
  it('refuses unsafe segments', () => {
    expect(() => joinVaultPath('Reports', '..', 'x.md')).toThrow();
    expect(() => joinVaultPath('a/b')).toThrow();
    expect(joinVaultPath('Reports', '2026', '2026-11-23 digest.md')).toBe('Reports/2026/2026-11-23 digest.md');
    expect(isSafeVaultPath('/abs.md')).toBe(false);
    expect(isSafeVaultPath('a/../b.md')).toBe(false);
  });

  it('splits configured folders and rejects escapes', () => {
    expect(folderSegments('Homelab/Vigil')).toEqual(['Homelab', 'Vigil']);
    expect(() => folderSegments('../outside')).toThrow();
    expect(() => folderSegments('')).toThrow();
  });
});
