// Read tool JSON defensively: typed accessors that throw ParseError naming the field, never quoting the value.
import { ParseError } from '../../errors/parse-error';

/** A JSON object as read from a tool. */
export type JsonObject = Record<string, unknown>;

/** Parse JSON text; anything else is a ParseError that says what was expected, not what came. */
export function parseJson(text: string, source: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ParseError(source, `expected ${what} as JSON, got something else (${text.length} bytes)`);
  }
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or a ParseError naming `where`. */
export function asObject(value: unknown, source: string, where: string): JsonObject {
  if (!isObject(value)) throw new ParseError(source, `${where} is not an object`);
  return value;
}

/** The value as an array, or a ParseError naming `where`. */
export function asArray(value: unknown, source: string, where: string): unknown[] {
  if (!Array.isArray(value)) throw new ParseError(source, `${where} is not a list`);
  return value;
}

/** A required string field. */
export function str(o: JsonObject, key: string, source: string, where: string): string {
  const value = o[key];
  if (typeof value !== 'string') throw new ParseError(source, `${where}.${key} is missing or not text`);
  return value;
}

/** An optional string field (absent, null or not a string → null). */
export function optStr(o: JsonObject, key: string): string | null {
  const value = o[key];
  return typeof value === 'string' ? value : null;
}

/** An optional non-negative finite number (absent or anything else → null). */
export function optCount(o: JsonObject, key: string): number | null {
  const value = o[key];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** A required non-negative finite number. */
export function count(o: JsonObject, key: string, source: string, where: string): number {
  const value = optCount(o, key);
  if (value === null) throw new ParseError(source, `${where}.${key} is missing or not a number`);
  return value;
}

/** An optional list of strings (non-strings dropped). */
export function strings(o: JsonObject, key: string): string[] {
  const value = o[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Milliseconds since the epoch of an RFC 3339 timestamp; borg's offset-less times are UTC because Vigil runs borg with TZ=UTC. */
export function timestamp(text: string, source: string, where: string, assumeUtc = false): number {
  const iso = assumeUtc && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/.test(text) ? `${text}Z` : text;
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(iso)) throw new ParseError(source, `${where} is not an RFC 3339 timestamp`);
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new ParseError(source, `${where} is not a valid date`);
  return ms;
}

/** Text from a tool made safe to show: one line, no control characters, bounded. */
export function safeText(raw: string, max = 120): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
  const flat = raw.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
