// Turn schema issues into one clear sentence each, with the key path and a "did you mean" for typos.
import type * as v from 'valibot';
import type { DataPath } from './yaml-lines';

type Node = {
  type?: string;
  entries?: Record<string, Node>;
  wrapped?: Node;
  item?: Node;
  options?: Node[];
};

/** The schema that validates the value at `path`, looking through optional/nullable/pipe wrappers. */
function schemaAt(root: Node, path: DataPath): Node | null {
  let node: Node | null = root;
  for (const part of path) {
    node = unwrap(node);
    if (!node) return null;
    if (typeof part === 'number') node = node.item ?? null;
    else node = node.entries?.[part] ?? node.options?.map(unwrap).find((o) => o?.entries?.[part])?.entries?.[part] ?? null;
  }
  return unwrap(node);
}

function unwrap(node: Node | null | undefined): Node | null {
  let n = node ?? null;
  while (n && n.wrapped) n = n.wrapped;
  return n;
}

/** Levenshtein distance, for suggesting the key a typo meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest known key, when it is close enough to be a likely typo. */
export function suggestKey(unknown: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const k of known) {
    const d = distance(unknown.toLowerCase(), k.toLowerCase());
    if (d < bestScore) {
      best = k;
      bestScore = d;
    }
  }
  return best !== null && bestScore <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

function article(word: string): string {
  const map: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
    Object: 'a mapping of keys',
    Array: 'a list',
    true: 'true',
  };
  return map[word] ?? word;
}

function received(value: string): string {
  if (value === 'undefined') return 'nothing';
  if (value === 'Object') return 'a mapping';
  if (value === 'Array') return 'a list';
  return value;
}

/** A located, human message for one valibot issue. */
export function describeIssue(issue: v.BaseIssue<unknown>, root: v.GenericSchema): { path: DataPath; message: string } {
  const path: (string | number)[] = (issue.path ?? []).map((p) => p.key as string | number);
  const last = issue.path?.[issue.path.length - 1];
  // valibot accepts a list where a mapping is expected and then calls every index an unknown key.
  if (issue.type === 'strict_object' && last?.origin === 'key' && Array.isArray(last.input)) {
    return { path: path.slice(0, -1), message: 'expected a mapping of keys, got a list' };
  }
  if (issue.type === 'strict_object' && issue.expected === 'never' && last?.origin === 'key') {
    const parent = schemaAt(root, path.slice(0, -1));
    const known = Object.keys(parent?.entries ?? {});
    const suggestion = suggestKey(String(last.key), known);
    return { path, message: `unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ''}` };
  }
  if (last?.origin === 'key' && issue.received === 'undefined') {
    return { path, message: 'is required' };
  }
  if (!issue.message.startsWith('Invalid ')) return { path, message: issue.message };
  if (issue.type === 'picklist' || issue.type === 'literal') {
    const options = (issue.expected ?? '').replace(/^\(|\)$/g, '').split(' | ').map((s) => s.replace(/^"|"$/g, ''));
    return { path, message: `expected one of ${options.join(', ')}, got ${received(issue.received)}` };
  }
  if (issue.received === 'undefined') return { path, message: 'is required' };
  return { path, message: `expected ${article(issue.expected ?? issue.type)}, got ${received(issue.received)}` };
}
