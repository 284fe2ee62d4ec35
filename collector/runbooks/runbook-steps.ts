// Read a runbook's restore procedure back out of the user's note (for restore-test checklists).

const HEADING = /^(#{1,6})\s+(.*)$/;
const ITEM = /^\s*(?:[-*+]\s+(?:\[.\]\s+)?|\d{1,3}[.)]\s+)(.+?)\s*(?:\^[A-Za-z0-9-]+)?\s*$/;

/**
 * The list items under the first heading that mentions restoring or recovering, up to the next heading of the
 * same or a higher level. Null when the note has no such section or it holds no items.
 */
export function runbookRestoreSteps(markdown: string): string[] | null {
  const lines = markdown.split(/\r?\n/);
  let level = 0;
  let inside = false;
  let fence = false;
  const steps: string[] = [];
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const h = HEADING.exec(line);
    if (h) {
      if (inside && h[1]!.length <= level) break;
      if (!inside && /restor|recover/i.test(h[2]!)) {
        inside = true;
        level = h[1]!.length;
      }
      continue;
    }
    if (!inside || line.startsWith('%%')) continue;
    const item = ITEM.exec(line);
    if (item && !/^\s{2,}/.test(line)) steps.push(item[1]!.replace(/^\[.\]\s*/, '').trim());
  }
  return steps.length > 0 ? steps : null;
}
