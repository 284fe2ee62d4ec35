// Pure: the `key: value` options inside a vigil-* code block (host: nas, limit: 20), checked per block type.
import { isSeverity } from '../../shared/severity';
import type { VigilLink } from '../../shared/deeplink';

/** The code blocks the plugin renders. */
export const BLOCK_TYPES = ['timeline', 'restore-tests', 'backups', 'status'] as const;

/** One block type (the language is `vigil-<type>`). */
export type BlockType = (typeof BLOCK_TYPES)[number];

/** Keys each block understands. */
export const BLOCK_KEYS: Record<BlockType, readonly string[]> = {
  timeline: ['host', 'check', 'kind', 'severity', 'status', 'q', 'limit', 'sort'],
  'restore-tests': ['status', 'limit'],
  backups: ['host', 'status', 'data_class'],
  status: [],
};

const DEFAULT_LIMIT: Record<BlockType, number> = { timeline: 10, 'restore-tests': 20, backups: 50, status: 0 };
/** A note is not the place for a whole timeline: the view is. */
export const MAX_LIMIT = 200;

/** Parsed options plus what was wrong with them (shown under the block, never thrown). */
export interface BlockOptions {
  values: Record<string, string>;
  limit: number;
  problems: string[];
}

/** Parse a block body: one `key: value` per line; blank lines and `#` comments are ignored. */
export function parseBlockOptions(type: BlockType, source: string): BlockOptions {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  let limit = DEFAULT_LIMIT[type];
  const lines = source.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(line);
    if (!m) {
      problems.push(`line ${i + 1}: expected "key: value"`);
      continue;
    }
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim().replace(/^(["'])(.*)\1$/, '$2');
    if (!BLOCK_KEYS[type].includes(key)) {
      problems.push(`line ${i + 1}: unknown option "${key}"${BLOCK_KEYS[type].length ? ` (known: ${BLOCK_KEYS[type].join(', ')})` : ''}`);
      continue;
    }
    if (key === 'limit') {
      const n = Number(value);
      if (Number.isInteger(n) && n > 0) limit = Math.min(n, MAX_LIMIT);
      else problems.push(`line ${i + 1}: limit must be a whole number above 0`);
      continue;
    }
    if (key === 'sort' && value !== 'time' && value !== 'severity') {
      problems.push(`line ${i + 1}: sort must be time or severity`);
      continue;
    }
    if (key === 'severity' && !isSeverity(value)) {
      problems.push(`line ${i + 1}: severity must be one of critical, high, medium, low, info`);
      continue;
    }
    values[key] = value.slice(0, 200);
  }
  return { values, limit, problems };
}

/**
 * How a timeline block orders what it shows: `sort:` when given; otherwise worst first for open or acknowledged
 * items (a status block must lead with the critical one), newest first for everything else.
 */
export function timelineBlockSort(values: Readonly<Record<string, string>>): 'time' | 'severity' {
  if (values.sort === 'time' || values.sort === 'severity') return values.sort;
  return values.status === 'open' || values.status === 'acknowledged' ? 'severity' : 'time';
}

/** A timeline block's options as a deep-link-shaped filter (the same validation path as links). */
export function blockLink(values: Readonly<Record<string, string>>): VigilLink {
  const link: VigilLink = { view: 'timeline' };
  if (values.host) link.host = values.host;
  if (values.check) link.check = values.check;
  if (values.kind) link.kind = values.kind;
  if (values.status) link.status = values.status;
  if (values.q) link.q = values.q;
  if (isSeverity(values.severity)) link.severity = values.severity;
  return link;
}
