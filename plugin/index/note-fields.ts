// Pure: read frontmatter values defensively (a broken note still gets a place on the timeline) and parse note times.
import { isSeverity, type Severity } from '../../shared/severity';

/** A string value, or null when the key is missing or not a non-empty string. */
export function str(fm: Readonly<Record<string, unknown>>, key: string): string | null {
  const value = fm[key];
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  // YAML may type an unquoted value (a host called 2024, a duration): show it as written.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** A finite number, or null. */
export function num(fm: Readonly<Record<string, unknown>>, key: string): number | null {
  const value = fm[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A severity, or null when the value is not one of the six. */
export function severityOf(fm: Readonly<Record<string, unknown>>, key: string): Severity | null {
  const value = fm[key];
  return isSeverity(value) ? value : null;
}

/** A list of strings (non-strings dropped); a single string becomes a one-element list. */
export function strList(fm: Readonly<Record<string, unknown>>, key: string): string[] {
  const value = fm[key];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/**
 * Milliseconds since the epoch of a frontmatter date or date-time, or null.
 * A date alone or a date-time without a zone is the user's local time (how the collector names days);
 * one with `Z` or an offset is that instant.
 */
export function parseNoteTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const d = DATE_ONLY.exec(s);
  if (d) return validLocal(+d[1]!, +d[2]!, +d[3]!, 0, 0, 0);
  const l = LOCAL_DATE_TIME.exec(s);
  if (l) return validLocal(+l[1]!, +l[2]!, +l[3]!, +l[4]!, +l[5]!, +(l[6] ?? 0));
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) return null;
  const t = Date.parse(s.replace(' ', 'T'));
  return Number.isFinite(t) ? t : null;
}

function validLocal(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  const date = new Date(y, mo - 1, d, h, mi, s);
  // Reject 2026-02-31 rather than silently rolling it into March.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime();
}

/** The first of several keys that holds a parseable time. */
export function firstTime(fm: Readonly<Record<string, unknown>>, keys: readonly string[]): number | null {
  return firstTimeOf(fm, keys)?.time ?? null;
}

/** Like firstTime, and whether the value was a date without a time of day (so no "00:00" is shown for it). */
export function firstTimeOf(fm: Readonly<Record<string, unknown>>, keys: readonly string[]): { time: number; allDay: boolean } | null {
  for (const key of keys) {
    const t = parseNoteTime(fm[key]);
    if (t !== null) return { time: t, allDay: typeof fm[key] === 'string' && DATE_ONLY.test(fm[key].trim()) };
  }
  return null;
}
