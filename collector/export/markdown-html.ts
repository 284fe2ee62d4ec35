// Markdown (as Vigil and the user write it in the vault) to safe HTML for the offline export: no raw HTML,
// Obsidian callouts, wikilinks to sections of the same file, tickable tasks, comments and block ids dropped.
import MarkdownIt from 'markdown-it';

/** How a wikilink target resolves inside the export: an anchor id, or null when the note is not included. */
export type LinkResolver = (target: string) => string | null;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A renderer for one note; `noteId` namespaces its checkbox keys. */
export function renderNoteHtml(markdown: string, noteId: string, resolve: LinkResolver): string {
  // Raw HTML in notes is never rendered: it shows as text (html: false); links are validated by markdown-it.
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const body = markdown
    // Obsidian comments, including Vigil's block markers, are invisible in reading view: drop them here too.
    .replace(/%%[\s\S]*?%%/g, '')
    // Wikilinks become placeholders markdown-it leaves alone; resolved after rendering.
    .replace(/\[\[([^\]|\\]+?)(?:\\?\|([^\]]+))?\]\]/g, (_m, target: string, alias?: string) => `\uE000${encodeURIComponent(target.trim())}\uE001${encodeURIComponent((alias ?? target.split('/').pop() ?? target).trim())}\uE002`);

  md.core.ruler.after('block', 'vigil-callouts', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const open = tokens[i]!;
      if (open.type !== 'blockquote_open') continue;
      const para = tokens[i + 1];
      const inline = tokens[i + 2];
      if (para?.type !== 'paragraph_open' || inline?.type !== 'inline') continue;
      const m = /^\[!([A-Za-z-]+)\][-+]?[ \t]*(.*)$/m.exec(inline.content.split('\n')[0] ?? '');
      if (!m) continue;
      open.tag = 'div';
      open.attrJoin('class', `callout callout-${m[1]!.toLowerCase()}`);
      const close = tokens.slice(i + 1).find((t) => t.type === 'blockquote_close' && t.level === open.level);
      if (close) close.tag = 'div';
      const title = new state.Token('html_block', '', 0);
      title.content = `<p class="callout-title">${md.renderInline(m[2] ?? m[1]!)}</p>\n`;
      inline.content = inline.content.split('\n').slice(1).join('\n');
      tokens.splice(i + 1, 0, title);
    }
  });

  md.core.ruler.after('inline', 'vigil-tasks', (state) => {
    const tokens = state.tokens;
    for (let i = 2; i < tokens.length; i++) {
      const inline = tokens[i]!;
      if (inline.type !== 'inline' || tokens[i - 2]?.type !== 'list_item_open') continue;
      const first = inline.children?.[0];
      const mark = first?.type === 'text' ? /^\[([ xX])\][ \t]+/.exec(first.content) : null;
      if (!first || !mark) continue;
      first.content = first.content.slice(mark[0].length);
      const last = inline.children![inline.children!.length - 1]!;
      let id = `line-${inline.map?.[0] ?? i}`;
      const blockId = last.type === 'text' ? /[ \t]\^([A-Za-z0-9-]+)[ \t]*$/.exec(last.content) : null;
      if (blockId) {
        last.content = last.content.slice(0, blockId.index);
        id = blockId[1]!;
      }
      const box = new state.Token('html_inline', '', 0);
      const key = escapeHtml(`${noteId}#${id}`);
      box.content = `<input type="checkbox" class="task" data-key="${key}"${mark[1] === ' ' ? '' : ' checked'}> `;
      inline.children!.unshift(box);
      tokens[i - 2]!.attrJoin('class', 'task-item');
    }
  });

  // Live views of the plugin have nothing to show on paper.
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => (/^vigil-/.test(tokens[idx]!.info.trim()) ? '' : fence(tokens, idx, options, env, self));

  return md.render(body).replace(/\uE000([^\uE001]*)\uE001([^\uE002]*)\uE002/g, (_m, target: string, alias: string) => {
    const text = escapeHtml(decodeURIComponent(alias));
    const anchor = resolve(decodeURIComponent(target));
    return anchor ? `<a href="#${escapeHtml(anchor)}">${text}</a>` : `<span class="wikilink">${text}</span>`;
  });
}
