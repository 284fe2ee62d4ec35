// The offline runbook: Recovery.md, every runbook and the latest status in one self-contained HTML file.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { localDateTime } from '../../shared/dates';
import { parseFrontmatter, splitNote } from '../../shared/frontmatter';
import { isSeverity, severityRank } from '../../shared/severity';
import { SEVERITY_STYLE } from '../../shared/severity-style';
import { EXPORT_CSS, EXPORT_SCRIPT } from './export-assets';
import { renderNoteHtml } from './markdown-html';

/** A note read from the vault. */
interface VaultNote {
  /** Path inside the Vigil folder, e.g. `Runbooks/gitea.md`. */
  path: string;
  frontmatter: Record<string, unknown>;
  body: string;
}

async function readNote(root: string, path: string): Promise<VaultNote | null> {
  try {
    const split = splitNote(await readFile(join(root, ...path.split('/')), 'utf8'));
    let frontmatter: Record<string, unknown> = {};
    try {
      frontmatter = split.yaml === null ? {} : parseFrontmatter(split.yaml);
    } catch {
      frontmatter = {};
    }
    return { path, frontmatter, body: split.body };
  } catch {
    return null;
  }
}

async function readFolder(root: string, folder: string): Promise<VaultNote[]> {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true }).catch(() => []);
  const notes: VaultNote[] = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.md')) continue;
    const path = relative(root, join(e.parentPath, e.name)).split('\\').join('/');
    const note = await readNote(root, path);
    if (note) notes.push(note);
  }
  return notes.sort((a, b) => a.path.localeCompare(b.path));
}

/** A frontmatter value as display text (non-strings are ignored rather than stringified). */
function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : fallback;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function anchorOf(path: string): string {
  return `note-${path.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}`;
}

/**
 * Recovery.md's "Live views" section holds only the plugin's code blocks, which have nothing to show on paper:
 * left in, it is an empty heading. It goes when it still holds only what Vigil wrote there.
 */
export function withoutLiveViews(body: string): string {
  return body.replace(/^## Live views\r?\n\s*With the Vigil plugin[^\n]*\n\s*(?:```vigil-[a-z-]*\r?\n(?:(?!```)[^\n]*\n)*```[ \t]*(?:\r?\n\s*|(?![\s\S])))*(?=^## |(?![\s\S]))/m, '');
}

/** What the export needs to know about where it is. */
export interface ExportInput {
  /** The Vigil folder inside the vault (absolute). */
  root: string;
  /** The folder's vault-relative name ("Vigil"), to resolve wikilinks. */
  folder: string;
  now: Date;
}

/** Build the HTML document (reads the vault, writes nothing). */
export async function buildRunbookHtml(input: ExportInput): Promise<{ html: string; notes: number }> {
  const recovery = await readNote(input.root, 'Recovery.md');
  const runbooks = await readFolder(input.root, 'Runbooks');
  const backups = await readFolder(input.root, 'Backups');
  const incidents = (await readFolder(input.root, 'Incidents')).filter((n) => n.frontmatter.status !== 'resolved' && n.frontmatter.vigil === 'incident');
  const included = new Map<string, string>();
  for (const n of [recovery, ...runbooks, ...backups].filter((x): x is VaultNote => x !== null)) {
    included.set(`${input.folder}/${n.path}`.replace(/\.md$/, ''), anchorOf(n.path));
  }
  const resolve = (target: string) => included.get(target.replace(/\.md$/, '')) ?? null;

  const sections: string[] = [];
  const toc: string[] = [];
  const add = (note: VaultNote, title: string, cls: string) => {
    const id = anchorOf(note.path);
    toc.push(`<li><a href="#${id}">${escapeHtml(title)}</a></li>`);
    sections.push(`<section id="${id}" class="${cls}">${renderNoteHtml(note.body, note.path, resolve)}</section>`);
  };
  if (recovery) add({ ...recovery, body: withoutLiveViews(recovery.body) }, 'Recovery — start here', 'recovery');
  for (const r of runbooks) add(r, `Runbook: ${str(r.frontmatter.service, r.path.replace(/^Runbooks\/|\.md$/g, ''))}`, 'runbook');

  const statusRows = backups.map((b) => {
    const fm = b.frontmatter;
    const status = str(fm.status, 'unknown');
    const last = typeof fm.last_success === 'string' ? localDateTime(new Date(fm.last_success)) : 'never seen';
    return `<tr class="status-${escapeHtml(status)}"><td><a href="#${anchorOf(b.path)}">${escapeHtml(str(fm.job, b.path))}</a></td><td>${escapeHtml(status)}</td><td>${escapeHtml(last)}</td><td>${escapeHtml(str(fm.data_class))}</td></tr>`;
  });
  const incidentRows = incidents
    .map((n) => n.frontmatter)
    .sort((a, b) => severityRank(isSeverity(b.severity) ? b.severity : 'ok') - severityRank(isSeverity(a.severity) ? a.severity : 'ok'))
    .map((fm) => `<li>${isSeverity(fm.severity) ? SEVERITY_STYLE[fm.severity].icon : ''} ${escapeHtml(str(fm.title))} <span class="muted">${escapeHtml(str(fm.host))}</span></li>`);
  toc.push('<li><a href="#status">Status when exported</a></li>');
  sections.push(
    `<section id="status" class="status"><h1>Status when exported</h1>` +
      `<h2>Backups</h2>${statusRows.length ? `<table><thead><tr><th>Job</th><th>Status</th><th>Newest restore point</th><th>Data</th></tr></thead><tbody>${statusRows.join('')}</tbody></table>` : '<p>No backup jobs.</p>'}` +
      `<h2>Open incidents (${incidentRows.length})</h2>${incidentRows.length ? `<ul>${incidentRows.join('')}</ul>` : '<p>None.</p>'}</section>`,
  );
  // The backup notes come after the status table that links to them.
  for (const b of backups) add(b, `Backup: ${str(b.frontmatter.job, b.path)}`, 'backup');

  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Homelab recovery — ${escapeHtml(localDateTime(input.now))}</title>
<style>${EXPORT_CSS}</style>
</head>
<body>
<header>
<p class="muted">Exported by Vigil on ${escapeHtml(localDateTime(input.now))}. Works offline; ticks are kept in this browser.</p>
<nav><ol>${toc.join('')}</ol></nav>
<button type="button" id="reset-ticks">Clear all ticks</button>
</header>
<main>${sections.join('\n')}</main>
<script>${EXPORT_SCRIPT}</script>
</body>
</html>
`;
  return { html, notes: sections.length };
}
