// Pure: read Markdown task lines that carry a block id (`- [ ] text ^step-1`) and tick exactly one of them.
// Used by the plugin (tick from a view) and the collector (read ticks back); no node:*, no 'obsidian'.

/** One task line of a note that ends with a block id. */
export interface ChecklistStep {
  /** Block id without the caret, e.g. `step-2a`. */
  id: string;
  /** 0-based line number in the note (frontmatter lines included, as Obsidian counts them). */
  line: number;
  /** The status character between the brackets: ' ' is open, anything else is done (Obsidian's rule). */
  mark: string;
  /** True when `mark` is not a space. */
  checked: boolean;
  /** The task's text without list marker, checkbox and block id. */
  text: string;
  /** The leading whitespace before the list marker (nesting). */
  indent: string;
  /** The list marker as written: `-`, `*`, `+`, `1.` or `1)`. */
  marker: string;
  /** Offset of the status character in the note, for a one-character edit. */
  markOffset: number;
}

/** Why a tick was refused. */
export type ChecklistRefusal = 'not-found' | 'duplicate-id' | 'state-changed';

/** The outcome of ticking one step. */
export type ChecklistEdit =
  | { ok: true; text: string; step: ChecklistStep }
  | { ok: false; reason: ChecklistRefusal; step?: ChecklistStep };

/** Done and total counts of a checklist. */
export interface ChecklistProgress {
  done: number;
  total: number;
}

// indent, marker, space, [mark], rest. The mark is one code point (the `u` flag) so an emoji mark stays whole.
const TASK = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)\[(.)\](?=[ \t]|$)(.*)$/u;
// Obsidian block ids are letters, digits and dashes at the very end of the line.
const BLOCK_ID = /[ \t]\^([A-Za-z0-9-]+)[ \t]*$/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

/** Every task line that ends with a block id (optionally only ids starting with `prefix`), in note order. */
export function parseChecklist(markdown: string, prefix = ''): ChecklistStep[] {
  const steps: ChecklistStep[] = [];
  let offset = 0;
  let fence: string | null = null;
  let inFrontmatter = false;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineStart = offset;
    offset += raw.length + 1;
    if (i === 0 && /^---[ \t]*$/.test(line)) {
      inFrontmatter = true;
      continue;
    }
    if (inFrontmatter) {
      if (/^(---|\.\.\.)[ \t]*$/.test(line)) inFrontmatter = false;
      continue;
    }
    // A task inside a fenced code block is an example, not a task (Obsidian does not tick it either).
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marks = fenceMatch[1]!;
      if (fence === null) fence = marks;
      else if (marks[0] === fence[0] && marks.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const step = parseTaskLine(line, i, lineStart);
    if (step && step.id.startsWith(prefix)) steps.push(step);
  }
  return steps;
}

function parseTaskLine(line: string, lineNumber: number, lineStart: number): ChecklistStep | null {
  const task = TASK.exec(line);
  if (!task) return null;
  const [, indent = '', marker = '', gap = '', mark = ' ', rest = ''] = task;
  const id = BLOCK_ID.exec(rest);
  if (!id) return null;
  return {
    id: id[1]!,
    line: lineNumber,
    mark,
    checked: mark !== ' ',
    text: rest.slice(0, id.index).trim(),
    indent,
    marker,
    // +1 skips the opening bracket.
    markOffset: lineStart + indent.length + marker.length + gap.length + 1,
  };
}

/** Done/total of a list of steps. */
export function checklistProgress(steps: readonly { checked: boolean }[]): ChecklistProgress {
  let done = 0;
  for (const s of steps) if (s.checked) done++;
  return { done, total: steps.length };
}

/** The checked state of each step by id (what the collector reads back). Duplicated ids are left out: they are ambiguous. */
export function readTicks(markdown: string, prefix = 'step-'): Map<string, boolean> {
  const ticks = new Map<string, boolean>();
  const seen = new Set<string>();
  for (const step of parseChecklist(markdown, prefix)) {
    if (seen.has(step.id)) ticks.delete(step.id);
    else ticks.set(step.id, step.checked);
    seen.add(step.id);
  }
  return ticks;
}

/**
 * Set one step's checkbox, found by its block id, only when it is still `expected` (the state a view showed).
 * Exactly one character changes: the mark between the brackets becomes `x` or a space. Line endings,
 * indentation, list markers and every other byte stay as they were.
 */
export function setStepChecked(markdown: string, id: string, expected: boolean, checked: boolean): ChecklistEdit {
  const matches = parseChecklist(markdown).filter((s) => s.id === id);
  if (matches.length === 0) return { ok: false, reason: 'not-found' };
  if (matches.length > 1) return { ok: false, reason: 'duplicate-id' };
  const step = matches[0]!;
  if (step.checked !== expected) return { ok: false, reason: 'state-changed', step };
  if (step.checked === checked) return { ok: true, text: markdown, step };
  const mark = checked ? 'x' : ' ';
  const text = markdown.slice(0, step.markOffset) + mark + markdown.slice(step.markOffset + step.mark.length);
  return { ok: true, text, step: { ...step, mark, checked } };
}

/** Flip one step found by block id, only when it is still `expected`. */
export function toggleStep(markdown: string, id: string, expected: boolean): ChecklistEdit {
  return setStepChecked(markdown, id, expected, !expected);
}
