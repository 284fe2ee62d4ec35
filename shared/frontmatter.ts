// Frontmatter (de)serialisation: split a note, parse and print YAML exactly, merge owned keys with the user's.
import yaml from 'js-yaml';

/** A note cut into its frontmatter text (without fences) and its body. */
export interface SplitNote {
  /** The YAML between the fences, or null when the note has no frontmatter. */
  yaml: string | null;
  body: string;
  /** The line ending the note uses ("\r\n" when its first line ends so). */
  eol: '\n' | '\r\n';
}

/** Frontmatter as plain data. */
export type FrontmatterData = Record<string, unknown>;

/** Raised when frontmatter exists but is not valid YAML mapping; carries the 1-based line within the note. */
export class FrontmatterError extends Error {
  override readonly name = 'FrontmatterError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const OPEN = /^---[ \t]*\r?\n/;

/** Split a note into frontmatter and body. A note without a closing fence has no frontmatter. */
export function splitNote(text: string): SplitNote {
  const eol = /^[^\n]*\r\n/.test(text) ? '\r\n' : '\n';
  const open = OPEN.exec(text);
  if (!open) return { yaml: null, body: text, eol };
  const rest = text.slice(open[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m.exec(rest);
  if (!close) return { yaml: null, body: text, eol };
  return { yaml: rest.slice(0, close.index), body: rest.slice(close.index + close[0].length), eol };
}

/** Parse frontmatter YAML into a mapping. Dates stay strings (YAML 1.2 core schema), as Obsidian reads them. */
export function parseFrontmatter(yamlText: string): FrontmatterData {
  if (yamlText.trim() === '') return {};
  let data: unknown;
  try {
    data = yaml.load(yamlText, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      // +2: the opening fence is line 1 of the note, YAML's own lines are 0-based.
      throw new FrontmatterError(error.reason || error.message, (error.mark?.line ?? 0) + 2);
    }
    throw error;
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new FrontmatterError('frontmatter is not a mapping of keys to values', 2);
  }
  return data as FrontmatterData;
}

/** Print frontmatter YAML (without fences). Every string is quoted so no value is ever re-typed or re-read differently. */
export function printFrontmatter(data: FrontmatterData): string {
  const cleaned: FrontmatterData = {};
  for (const [k, v] of Object.entries(data)) if (v !== undefined) cleaned[k] = v;
  if (Object.keys(cleaned).length === 0) return '';
  return yaml.dump(cleaned, {
    schema: yaml.CORE_SCHEMA,
    lineWidth: -1,
    noRefs: true,
    forceQuotes: true,
    quotingType: '"',
    sortKeys: false,
  });
}

/** Assemble a note from frontmatter data and body, with "\n" line endings. */
export function assembleNote(data: FrontmatterData, body: string): string {
  return `---\n${printFrontmatter(data)}---\n${body}`;
}

/**
 * Merge frontmatter the collector generated into what the note already has.
 * Keys in `owned` take the generated value (or disappear when the generator omits them);
 * every other key of the existing note is kept as the user left it, in its place.
 * Keys listed in `userOwned` keep the existing value whenever one exists (e.g. `status: acknowledged`).
 */
export function mergeFrontmatter(
  existing: FrontmatterData | null,
  generated: FrontmatterData,
  owned: ReadonlySet<string>,
  userOwned: ReadonlySet<string> = new Set(),
): FrontmatterData {
  if (!existing) return { ...generated };
  const merged: FrontmatterData = {};
  for (const [key, value] of Object.entries(existing)) {
    if (userOwned.has(key)) merged[key] = value;
    else if (owned.has(key)) {
      if (key in generated && generated[key] !== undefined) merged[key] = generated[key];
    } else merged[key] = value;
  }
  for (const [key, value] of Object.entries(generated)) {
    if (!(key in merged) && value !== undefined && !(userOwned.has(key) && key in existing)) merged[key] = value;
  }
  return merged;
}

export { sameData } from './same-data';
