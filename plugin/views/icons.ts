// Icons by the first name the running Obsidian knows: Lucide renamed several (alert-triangle → triangle-alert) across app versions.
import { getIcon, setIcon } from 'obsidian';

const resolved = new Map<string, string | null>();

/** Draw the first of `names` that this Obsidian's icon set has (resolved once per list, then cached). */
export function setIconFrom(el: HTMLElement, names: readonly string[]): void {
  const key = names.join('|');
  let name = resolved.get(key);
  if (name === undefined) {
    name = names.find((n) => getIcon(n) !== null) ?? null;
    resolved.set(key, name);
  }
  if (name) setIcon(el, name);
}
