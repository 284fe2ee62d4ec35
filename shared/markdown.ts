// Markdown building blocks that render data as literal text in Obsidian: escaping, code spans, tables, links.

const PUNCTUATION = /[\\`*_[\]<>#|$^]/g;

/** One line of literal text: line breaks become spaces, Markdown and Obsidian syntax is escaped. */
export function text(value: string | number | boolean | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return (
    s
      // eslint-disable-next-line no-control-regex -- control characters never belong in a rendered line
      .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
      .replace(PUNCTUATION, (c) => `\\${c}`)
      // Highlight and strikethrough need a doubled marker; a lone `=` or `~` stays readable.
      .replace(/==/g, '\\=\\=')
      .replace(/~~/g, '\\~\\~')
      // `%%` opens an Obsidian comment, and `%` has no backslash escape there: use the entity.
      .replace(/%/g, '&#37;')
      // A leading list or heading marker would change the line's meaning.
      .replace(/^(\s*)([-+]|\d+[.)])(\s)/, '$1\\$2$3')
  );
}

/** Inline code for a value (a path, a command). Picks a fence longer than any backtick run inside. */
export function code(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a rendered line
  const s = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/%%/g, '%\u200b%');
  const longest = Math.max(0, ...Array.from(s.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s === '' ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** A table cell: like `text`, and pipes stay escaped even inside code spans (GFM splits on them). */
export function cell(rendered: string): string {
  return rendered.replace(/(?<!\\)\|/g, '\\|');
}

/** A Markdown table from a header row and rows of already-rendered inline Markdown. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => cell(c) || ' ').join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Text safe as a wikilink alias: no `|`, `[`, `]`, line breaks, comment markers, or anything that reads as HTML. */
function aliasText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- control characters never belong in a rendered line
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/[|[\]]/g, ' ')
      .replace(/%%/g, '%\u200b%')
      // Link text is not escapable in Obsidian: angle brackets become look-alikes so no tag can form.
      .replace(/</g, '‹')
      .replace(/>/g, '›')
      .trim()
  );
}

/** A wikilink to a vault path (without `.md`), with an optional alias. The path must be a safe vault path. */
export function wikiLink(path: string, alias?: string): string {
  const target = path.replace(/\.md$/, '');
  if (/[|[\]#^]/.test(target)) throw new Error(`unsafe link target: ${target}`);
  return alias ? `[[${target}\\|${aliasText(alias)}]]` : `[[${target}]]`;
}

/** A wikilink for use outside tables (the alias pipe is not escaped). */
export function link(path: string, alias?: string): string {
  return wikiLink(path, alias).replace('\\|', '|');
}

/** An Obsidian callout with a title line and body lines; `folded` makes it start collapsed. */
export function callout(type: string, title: string, body: readonly string[] = [], folded = false): string {
  return [`> [!${type}]${folded ? '-' : ''} ${title}`, ...body.map((l) => (l === '' ? '>' : `> ${l}`))].join('\n');
}
