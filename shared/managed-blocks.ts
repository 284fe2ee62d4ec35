// Managed blocks: the only parts of a user-owned note the collector rewrites, fenced by Obsidian comments.

/** A managed block located in a note body. Offsets are into the body string. */
export interface ManagedBlock {
  name: string;
  /** Offset of the begin marker line. */
  start: number;
  /** Offset just after the end marker (excluding its line break). */
  end: number;
  /** The text between the marker lines, without the line break after the begin marker. */
  content: string;
  /** 1-based line of the begin marker within the body. */
  line: number;
}

/** A problem that makes a body unsafe to merge into. */
export interface ManagedBlockProblem {
  line: number;
  message: string;
}

const MARKER = /^%% vigil:(begin|end) ([A-Za-z0-9_-]+) %%[ \t]*\r?$/gm;

/** Block names: short, lowercase words with dashes. */
export const BLOCK_NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;

/** The begin marker of a block. */
export function beginMarker(name: string): string {
  return `%% vigil:begin ${name} %%`;
}

/** The end marker of a block. */
export function endMarker(name: string): string {
  return `%% vigil:end ${name} %%`;
}

/** A complete block with its markers. `content` must not itself contain markers (see neutraliseMarkers). */
export function renderBlock(name: string, content: string): string {
  if (!BLOCK_NAME.test(name)) throw new Error(`invalid managed block name: ${name}`);
  const inner = content.endsWith('\n') ? content : `${content}\n`;
  return `${beginMarker(name)}\n${inner}${endMarker(name)}`;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Find every managed block; problems (unclosed, nested, duplicated, stray end) are reported, not guessed around. */
export function findManagedBlocks(body: string): { blocks: ManagedBlock[]; problems: ManagedBlockProblem[] } {
  const blocks: ManagedBlock[] = [];
  const problems: ManagedBlockProblem[] = [];
  const seen = new Set<string>();
  let open: { name: string; start: number; contentStart: number } | null = null;
  for (const m of body.matchAll(MARKER)) {
    const [whole, which, name] = m as unknown as [string, string, string];
    const at = m.index ?? 0;
    if (which === 'begin') {
      if (open) {
        problems.push({ line: lineAt(body, at), message: `block "${name}" begins inside block "${open.name}"` });
        continue;
      }
      const lineEnd = at + whole.length;
      open = { name, start: at, contentStart: body[lineEnd] === '\n' ? lineEnd + 1 : lineEnd };
    } else {
      if (!open || open.name !== name) {
        problems.push({ line: lineAt(body, at), message: `end of block "${name}" without its begin` });
        continue;
      }
      if (seen.has(name)) problems.push({ line: lineAt(body, open.start), message: `block "${name}" appears twice` });
      seen.add(name);
      const end = at + whole.replace(/\r$/, '').length;
      blocks.push({ name, start: open.start, end, content: body.slice(open.contentStart, at), line: lineAt(body, open.start) });
      open = null;
    }
  }
  if (open) problems.push({ line: lineAt(body, open.start), message: `block "${open.name}" is never closed` });
  return { blocks, problems };
}

/** Raised when an existing note's blocks cannot be merged safely. */
export class ManagedBlockError extends Error {
  override readonly name = 'ManagedBlockError';
  constructor(readonly problems: ManagedBlockProblem[]) {
    super(problems.map((p) => `line ${p.line}: ${p.message}`).join('; '));
  }
}

/**
 * Replace the content of each managed block of `existing` with the same-named block of `generated`.
 * Blocks that `generated` has and `existing` lacks are appended at the end; everything outside blocks
 * in `existing` is returned byte for byte. Throws ManagedBlockError when `existing` is malformed.
 */
export function mergeManagedBlocks(existing: string, generated: string): string {
  const current = findManagedBlocks(existing);
  if (current.problems.length > 0) throw new ManagedBlockError(current.problems);
  const incoming = findManagedBlocks(generated);
  if (incoming.problems.length > 0) throw new ManagedBlockError(incoming.problems);
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const wanted = new Map(incoming.blocks.map((b) => [b.name, b.content]));
  let out = '';
  let cursor = 0;
  for (const block of current.blocks) {
    out += existing.slice(cursor, block.start);
    const content = wanted.get(block.name);
    if (content === undefined) out += existing.slice(block.start, block.end);
    else out += withEol(renderBlock(block.name, content), eol);
    wanted.delete(block.name);
    cursor = block.end;
  }
  out += existing.slice(cursor);
  for (const [name, content] of wanted) {
    const sep = out.length === 0 || out.endsWith(`${eol}${eol}`) ? '' : out.endsWith(eol) ? eol : `${eol}${eol}`;
    out += `${sep}${withEol(renderBlock(name, content), eol)}${eol}`;
  }
  return out;
}

function withEol(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\r?\n/g, eol);
}

/** Content of one named block, or null when the note has no such (well-formed) block. */
export function blockContent(body: string, name: string): string | null {
  const { blocks } = findManagedBlocks(body);
  return blocks.find((b) => b.name === name)?.content ?? null;
}
