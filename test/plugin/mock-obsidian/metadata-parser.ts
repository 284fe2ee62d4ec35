// Mock of what Obsidian's metadata cache extracts from a note: frontmatter, headings, list items (tasks, block ids), blocks.
import yaml from 'js-yaml';

/** A position in a note, as Obsidian's Loc. */
export interface Loc {
  line: number;
  col: number;
  offset: number;
}

/** Start and end of an item. */
export interface Pos {
  start: Loc;
  end: Loc;
}

/** Obsidian's ListItemCache. */
export interface ListItemCache {
  position: Pos;
  parent: number;
  task?: string;
  id?: string;
}

/** The subset of CachedMetadata this mock produces. */
export interface CachedMetadata {
  frontmatter?: Record<string, unknown>;
  frontmatterPosition?: Pos;
  headings?: { heading: string; level: number; position: Pos }[];
  listItems?: ListItemCache[];
  blocks?: Record<string, { id: string; position: Pos }>;
}

const LIST = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)(?:\[(.)\](?=[ \t]|$))?(.*)$/u;
const BLOCK_ID = /[ \t]\^([A-Za-z0-9-]+)[ \t]*$/;

function width(indent: string): number {
  return indent.replace(/\t/g, '    ').length;
}

/** Parse a note the way Obsidian's cache sees it. Broken YAML gives no frontmatter (Obsidian's behaviour), never a throw. */
export function parseMetadata(text: string): CachedMetadata {
  const cache: CachedMetadata = {};
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const offsets: number[] = [];
  let acc = 0;
  for (const raw of text.split('\n')) {
    offsets.push(acc);
    acc += raw.length + 1;
  }
  const pos = (line: number, col: number, endCol: number): Pos => ({
    start: { line, col, offset: offsets[line]! + col },
    end: { line, col: endCol, offset: offsets[line]! + endCol },
  });
  let first = 0;
  if (lines[0] === '---') {
    const close = lines.findIndex((l, i) => i > 0 && (l === '---' || l === '...'));
    if (close > 0) {
      first = close + 1;
      cache.frontmatterPosition = { start: pos(0, 0, 3).start, end: pos(close, 0, 3).end };
      try {
        const data = yaml.load(lines.slice(1, close).join('\n'), { schema: yaml.CORE_SCHEMA });
        if (data && typeof data === 'object' && !Array.isArray(data)) cache.frontmatter = data as Record<string, unknown>;
      } catch {
        // Obsidian shows a warning in the properties panel and caches no frontmatter.
      }
    }
  }
  let fence: string | null = null;
  const stack: { indent: number; line: number }[] = [];
  let listStart = -1;
  const items: ListItemCache[] = [];
  const blocks: NonNullable<CachedMetadata['blocks']> = {};
  const headings: NonNullable<CachedMetadata['headings']> = [];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    const f = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/.exec(line);
    if (h) headings.push({ heading: h[2]!, level: h[1]!.length, position: pos(i, 0, line.length) });
    const m = LIST.exec(line);
    const id = BLOCK_ID.exec(line)?.[1];
    if (id) blocks[id.toLowerCase()] = { id, position: pos(i, 0, line.length) };
    if (!m) {
      // A blank line or plain paragraph ends the list unless it is an indented continuation.
      if (line.trim() === '' || !/^[ \t]/.test(line)) {
        stack.length = 0;
        listStart = -1;
      }
      continue;
    }
    const indent = width(m[1]!);
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    if (listStart < 0) listStart = i;
    const item: ListItemCache = { position: pos(i, m[1]!.length, line.length), parent: stack.length ? stack[stack.length - 1]!.line : -listStart };
    if (m[4] !== undefined) item.task = m[4];
    if (id) item.id = id;
    items.push(item);
    stack.push({ indent, line: i });
  }
  if (items.length) cache.listItems = items;
  if (Object.keys(blocks).length) cache.blocks = blocks;
  if (headings.length) cache.headings = headings;
  return cache;
}
