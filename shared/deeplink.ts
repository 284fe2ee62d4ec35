// Pure: obsidian:// links — open a note (what ntfy taps through to) and open a Vigil view with filters.
import { isSeverity, type Severity } from './severity';

/** Views the `obsidian://vigil` link can open. */
export const DEEP_LINK_VIEWS = ['timeline', 'restore-tests', 'recovery'] as const;

/** One of the views a deep link can open. */
export type DeepLinkView = (typeof DEEP_LINK_VIEWS)[number];

/** What an `obsidian://vigil?…` link asks for; absent filters mean "any". */
export interface VigilLink {
  view: DeepLinkView;
  severity?: Severity;
  host?: string;
  check?: string;
  status?: string;
  kind?: string;
  q?: string;
}

// Values are free text from a URL: bound them so a hostile link cannot make the view do silly work.
const MAX_VALUE = 200;

function encode(params: Record<string, string | undefined>): string {
  return Object.entries(params)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    // encodeURIComponent, not URLSearchParams: Obsidian decodes `%20`, and `+` would stay a literal plus.
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

/** `obsidian://open?vault=…&file=…` for a vault-relative note path (the `.md` is dropped, as Obsidian does). */
export function openNoteUrl(vault: string, file: string): string {
  return `obsidian://open?${encode({ vault, file: file.replace(/\.md$/i, '') })}`;
}

/** `obsidian://vigil?vault=…&view=timeline&host=nas…`, handled by the plugin's protocol handler. */
export function vigilUrl(vault: string, link: VigilLink): string {
  const { view, ...filters } = link;
  return `obsidian://vigil?${encode({ vault, view, ...filters })}`;
}

function clean(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex -- control characters never belong in a filter
  const s = value.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, MAX_VALUE);
  return s === '' ? undefined : s;
}

/**
 * Read the parameters Obsidian passes to a protocol handler (already decoded) into a link.
 * Unknown views fall back to the timeline; unknown severities are dropped; nothing throws.
 */
export function parseVigilParams(params: Readonly<Record<string, unknown>>): VigilLink {
  const view = (DEEP_LINK_VIEWS as readonly unknown[]).includes(params.view) ? (params.view as DeepLinkView) : 'timeline';
  const link: VigilLink = { view };
  const severity = clean(params.severity);
  if (isSeverity(severity)) link.severity = severity;
  for (const key of ['host', 'check', 'status', 'kind', 'q'] as const) {
    const value = clean(params[key]);
    if (value !== undefined) link[key] = value;
  }
  return link;
}

/** Split an `obsidian://action?a=b` URL into its action and decoded parameters (for tests and the collector). */
export function parseObsidianUrl(url: string): { action: string; params: Record<string, string> } | null {
  const m = /^obsidian:\/\/([A-Za-z0-9-]+)\??(.*)$/.exec(url);
  if (!m) return null;
  const params: Record<string, string> = {};
  for (const pair of m[2]!.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    try {
      params[decodeURIComponent(key)] = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
    } catch {
      return null;
    }
  }
  return { action: m[1]!, params };
}
