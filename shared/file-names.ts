// Safe file names and vault paths: nothing a check observes can escape the Vigil folder or break a link.

/** Characters no file name may hold on any platform the vault syncs to, plus those that break wikilinks. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f<>:"|?*#^[\]%\u2028\u2029]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** Longest file name we produce, in UTF-8 bytes (most file systems allow 255; sync tools add suffixes). */
export const MAX_NAME_BYTES = 120;

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

function graphemes(s: string): string[] {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Segmenter) return Array.from(new Segmenter(undefined, { granularity: 'grapheme' }).segment(s), (x) => x.segment);
  return Array.from(s);
}

/** Cut to at most `maxBytes` of UTF-8 without splitting a character or an emoji sequence. */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const g of graphemes(s)) {
    const n = utf8Length(g);
    if (bytes + n > maxBytes) break;
    out += g;
    bytes += n;
  }
  return out;
}

/**
 * Turn any string into one safe file-name segment (no extension): no separators, no `..`,
 * no control or link-breaking characters, no reserved device names, bounded length, never empty.
 */
export function safeFileName(name: string, maxBytes = MAX_NAME_BYTES): string {
  let s = name.normalize('NFC').replace(/[/\\]+/g, '-').replace(FORBIDDEN, ' ');
  s = s.replace(/\s+/g, ' ').trim();
  s = s.replace(/^[.\s-]+/, '').replace(/[.\s]+$/, '');
  s = truncateUtf8(s, maxBytes).replace(/[.\s]+$/, '');
  if (s === '') return 'untitled';
  const stem = s.split('.')[0] ?? s;
  if (RESERVED.test(stem)) s = `_${s}`;
  return s;
}

/** True when a relative vault path has only safe, non-empty segments (no `.`, `..`, absolute or backslash parts). */
export function isSafeVaultPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\')) return false;
  return path.split('/').every((seg) => isSafeSegment(seg));
}

function isSafeSegment(seg: string): boolean {
  if (seg === '' || seg === '.' || seg === '..' || seg !== seg.trim()) return false;
  FORBIDDEN.lastIndex = 0;
  return !FORBIDDEN.test(seg);
}

/** Join safe segments into a vault-relative path; throws if any segment is unsafe. */
export function joinVaultPath(...segments: string[]): string {
  for (const seg of segments) {
    if (!isSafeSegment(seg) || /[/\\]/.test(seg)) {
      throw new Error(`unsafe path segment: ${JSON.stringify(seg)}`);
    }
  }
  return segments.join('/');
}

/** A configured folder ("Vigil", "Homelab/Vigil") split into safe segments; throws on `..` or absolute paths. */
export function folderSegments(folder: string): string[] {
  const parts = folder.split('/').filter((p) => p !== '');
  if (parts.length === 0) throw new Error('folder must not be empty');
  for (const p of parts) {
    if (p === '.' || p === '..' || p.includes('\\') || safeFileName(p) !== p) {
      throw new Error(`folder segment ${JSON.stringify(p)} is not a safe folder name`);
    }
  }
  return parts;
}
