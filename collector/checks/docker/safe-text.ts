// Turn names, images and paths that came from a Docker engine into bounded, inert text, and match names against globs.
import { sha256Hex } from '../../../shared/hash';

/** Docker's own rule for container names (daemon/names: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`). */
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
/** Image references: registry host, path, tag and digest characters only. */
const IMAGE = /^[a-zA-Z0-9][a-zA-Z0-9_.:/@+-]{0,199}$/;
/** Host paths as we show them: a conservative set that cannot open Markdown or HTML. */
const PATH = /^\/[a-zA-Z0-9_./@:+-]{0,239}$/;

/** Replace anything outside `allowed`, bound the length, and mark the result with a short hash so two cleaned names never collide. */
function clean(raw: string, allowed: RegExp, max: number, fallback: string): string {
  const replaced = [...raw].map((c) => (allowed.test(c) ? c : '_')).join('').slice(0, max);
  return `${replaced.replace(/^[^a-zA-Z0-9]+/, '') || fallback}~${sha256Hex(raw).slice(0, 8)}`;
}

/** A container name as Vigil shows it: Docker's leading `/` removed; anything Docker would not accept is neutralised. */
export function safeName(raw: string): string {
  const name = raw.startsWith('/') ? raw.slice(1) : raw;
  return NAME.test(name) ? name : clean(name, /[a-zA-Z0-9_.-]/, 64, 'unnamed');
}

/** An image reference as Vigil shows it. */
export function safeImage(raw: string): string {
  if (raw === '') return 'unknown';
  return IMAGE.test(raw) ? raw : clean(raw, /[a-zA-Z0-9_.:/@+-]/, 96, 'image');
}

/** A host path as Vigil shows it (mount sources). */
export function safePath(raw: string): string {
  return PATH.test(raw) ? raw : `/${clean(raw, /[a-zA-Z0-9_./@:+-]/, 96, 'path')}`;
}

/** A short token such as a network or namespace mode (`host`, `bridge`, `container:…`); anything else becomes `other`. */
export function safeToken(raw: string): string {
  return /^[a-zA-Z0-9_.:/=-]{0,160}$/.test(raw) ? raw : 'other';
}

/** Does a name match a glob where `*` stands for any run of characters (and nothing else is special)? */
export function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(name);
}
