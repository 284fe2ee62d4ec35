// Mock of Obsidian's reading view, small but honest: text as text, task checkboxes that edit the note, code block processors.
import type { App } from './app';
import type { Component } from './component';
import type { TFile } from './vault';

/** What a code block processor receives, as Obsidian's MarkdownPostProcessorContext. */
export interface PostProcessorContext {
  docId: string;
  sourcePath: string;
  frontmatter: unknown;
  addChild(child: Component): void;
  getSectionInfo(el: HTMLElement): null;
}

const TASK = /^([ \t]*)([-*+]|\d+[.)])[ \t]+\[(.)\][ \t]?(.*)$/u;
const ITEM = /^([ \t]*)([-*+]|\d+[.)])[ \t]+(.*)$/;

/** Inline text: wikilinks show their alias as a link-looking span; everything else stays literal text. */
function inline(parent: HTMLElement, text: string, app: App, sourcePath: string): void {
  const cleaned = text.replace(/%%.*?%%/g, '').replace(/[ \t]\^[A-Za-z0-9-]+[ \t]*$/, '');
  let last = 0;
  for (const m of cleaned.matchAll(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g)) {
    parent.appendText(cleaned.slice(last, m.index));
    const a = parent.createEl('a', { cls: 'internal-link', text: m[2] ?? m[1]!, attr: { 'data-href': m[1]! } });
    a.addEventListener('click', (evt) => {
      evt.preventDefault();
      void app.workspace.openLinkText(m[1]!, sourcePath, false);
    });
    last = m.index + m[0].length;
  }
  parent.appendText(cleaned.slice(last));
}

/** Render a note into `el`; code block children attach to `owner` so a re-render unloads them. */
export function renderReadingView(app: App, file: TFile, text: string, el: HTMLElement, owner: Component): void {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  let i = 0;
  if (lines[0] === '---') {
    const close = lines.findIndex((l, n) => n > 0 && l === '---');
    if (close > 0) {
      const props = el.createDiv({ cls: 'metadata-container' });
      for (const line of lines.slice(1, close)) props.createDiv({ cls: 'metadata-property', text: line });
      i = close + 1;
    }
  }
  let list: HTMLElement | null = null;
  let inComment = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    // Obsidian comments (%% … %%), used for managed block markers, are invisible in reading view.
    if (inComment || /^%%/.test(line.trim())) {
      const opens = (line.match(/%%/g) ?? []).length;
      if (opens % 2 === 1) inComment = !inComment;
      continue;
    }
    const fence = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fence) {
      list = null;
      const end = lines.findIndex((l, n) => n > i && l.startsWith(fence[1]!));
      const stop = end < 0 ? lines.length : end;
      const source = lines.slice(i + 1, stop).join('\n');
      const lang = fence[2] ?? '';
      const processor = app.codeBlockProcessors.get(lang);
      const block = el.createDiv({ cls: lang ? `block-language-${lang}` : 'el-pre' });
      if (processor) {
        const ctx: PostProcessorContext = { docId: file.path, sourcePath: file.path, frontmatter: null, addChild: (c) => void owner.addChild(c), getSectionInfo: () => null };
        void processor(source, block, ctx);
      } else block.createEl('pre').createEl('code', { text: source });
      i = stop;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const task = TASK.exec(line);
    const item = task ? null : ITEM.exec(line);
    if (heading) {
      list = null;
      inline(el.createEl(`h${heading[1]!.length}` as 'h1'), heading[2]!, app, file.path);
    } else if (task || item) {
      list ??= el.createEl('ul', { cls: task ? 'contains-task-list' : 'mock-list' });
      const indent = (task ?? item)![1]!.replace(/\t/g, '    ').length;
      const li = list.createEl('li', { cls: task ? 'task-list-item' : 'list-item' });
      if (indent > 0) li.style.marginLeft = `${indent * 0.6}em`;
      if (task) {
        const box = li.createEl('input', { type: 'checkbox', cls: 'task-list-item-checkbox', attr: { 'data-line': i } });
        box.checked = task[3] !== ' ';
        const lineNo = i;
        box.addEventListener('click', (evt) => {
          evt.preventDefault();
          // Obsidian toggles the character between the brackets of that line.
          void app.vault.process(file, (t) => {
            const ls = t.split('\n');
            ls[lineNo] = ls[lineNo]!.replace(/\[(.)\]/u, (_m, c: string) => (c === ' ' ? '[x]' : '[ ]'));
            return ls.join('\n');
          });
        });
        inline(li.createSpan(), task[4]!, app, file.path);
      } else inline(li, item![3]!, app, file.path);
    } else if (line.trim() === '') {
      list = null;
    } else if (line.startsWith('>')) {
      list = null;
      inline(el.createDiv({ cls: 'callout' }), line.replace(/^>\s?/, ''), app, file.path);
    } else {
      list = null;
      inline(el.createEl('p'), line, app, file.path);
    }
  }
}
