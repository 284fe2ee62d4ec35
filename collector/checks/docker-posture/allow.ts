// The docker-posture allow list: containers (or container:rule pairs) the user accepts on purpose.
import { globMatch } from '../docker/safe-text';
import { isPostureRule, type PostureRule } from './rules';

/** A parsed `allow` entry: `portainer:docker-socket`, `node-exporter`, `*:no-healthcheck`. */
export interface AllowEntry {
  /** Container name glob (`*` = any run of characters). */
  container: string;
  /** The one rule accepted, or null for every rule. */
  rule: PostureRule | null;
}

/** Parse an entry; null when it is not one (the config schema turns that into an error with file and line). */
export function parseAllowEntry(entry: string): AllowEntry | null {
  const m = /^([a-zA-Z0-9_.*-]{1,128})(?::([a-z-]+))?$/.exec(entry.trim());
  if (!m) return null;
  if (m[2] !== undefined && !isPostureRule(m[2])) return null;
  return { container: m[1]!, rule: m[2] ?? null };
}

/** Is this rule accepted for this container? */
export function isAllowed(entries: readonly AllowEntry[], container: string, rule: PostureRule): boolean {
  return entries.some((e) => (e.rule === null || e.rule === rule) && globMatch(e.container, container));
}
