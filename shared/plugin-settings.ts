// The plugin's settings (data.json): one valibot schema, validated on load key by key so one bad value never loses the rest.
import * as v from 'valibot';
import { isSafeVaultPath } from './file-names';
import { BACKUP_STATUSES, INCIDENT_STATUSES, RESTORE_STATUSES } from './note-schema';
import { SEVERITIES } from './severity';

/** Note kinds that appear on the timeline. */
export const TIMELINE_KINDS = ['incident', 'report', 'restore-test', 'backup-job'] as const;

/** A kind shown on the timeline. */
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Every status a timeline note can have, across kinds (for the status filter). */
export const TIMELINE_STATUSES = [...new Set<string>([...INCIDENT_STATUSES, ...RESTORE_STATUSES, ...BACKUP_STATUSES])];

/** The version of this settings shape, stored so a later shape can migrate it. */
export const SETTINGS_VERSION = 1;

const folder = v.pipe(
  v.string(),
  v.transform((s) => s.trim().replace(/^\/+|\/+$/g, '')),
  v.check((s) => s === '' || isSafeVaultPath(s), 'expected a folder path inside the vault, such as "Vigil"'),
);
const anyOr = <T extends readonly string[]>(values: T) => v.picklist(['any', ...values] as const);

/** One schema entry per key, each with its default (used when the key is missing or invalid). */
const FIELDS = {
  settingsVersion: [v.literal(SETTINGS_VERSION), SETTINGS_VERSION],
  folder: [folder, 'Vigil'],
  timelineMinSeverity: [anyOr(SEVERITIES.filter((s) => s !== 'ok')), 'any'],
  timelineKind: [anyOr(TIMELINE_KINDS), 'any'],
  timelineStatus: [anyOr(TIMELINE_STATUSES), 'any'],
  timelineHost: [v.pipe(v.string(), v.trim(), v.maxLength(100)), ''],
  pinOpenIncidents: [v.boolean(), true],
  pinAcknowledgedIncidents: [v.boolean(), true],
  pinOverdueRestoreTests: [v.boolean(), true],
  pinFailingBackups: [v.boolean(), false],
  showStatusBar: [v.boolean(), true],
} as const;

type Fields = typeof FIELDS;

/** The plugin's settings, after validation. */
export type PluginSettings = { -readonly [K in keyof Fields]: v.InferOutput<Fields[K][0]> };

/** The whole settings object as one schema (for tools and tests); loading goes key by key instead. */
export const pluginSettingsSchema = v.object(
  Object.fromEntries(Object.entries(FIELDS).map(([k, [schema]]) => [k, schema])) as { [K in keyof Fields]: Fields[K][0] },
);

/** The defaults, as a fresh object. */
export function defaultSettings(): PluginSettings {
  return Object.fromEntries(Object.entries(FIELDS).map(([k, [, d]]) => [k, d])) as PluginSettings;
}

/** Settings after loading, with a line per value that was replaced by its default. */
export interface LoadedSettings {
  settings: PluginSettings;
  problems: string[];
}

/**
 * Validate what `loadData()` returned. Missing keys take their default silently; invalid ones take
 * their default and are reported; unknown keys are dropped (a newer version's keys are not ours to keep).
 */
export function loadPluginSettings(raw: unknown): LoadedSettings {
  const settings = defaultSettings();
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, problems: ['settings: expected an object; using the defaults'] };
  }
  const data = raw as Record<string, unknown>;
  const target = settings as Record<string, unknown>;
  for (const [key, [schema]] of Object.entries(FIELDS) as [keyof Fields, Fields[keyof Fields]][]) {
    if (!(key in data) || data[key] === undefined) continue;
    const result = v.safeParse(schema, data[key]);
    if (result.success) target[key] = result.output;
    else problems.push(`${key}: ${result.issues[0]?.message ?? 'invalid'}; using the default`);
  }
  return { settings, problems };
}

/** Validate one value the settings tab is about to store; returns the cleaned value or an error message. */
export function validateSetting<K extends keyof PluginSettings>(
  key: K,
  value: unknown,
): { ok: true; value: PluginSettings[K] } | { ok: false; message: string } {
  const result = v.safeParse(FIELDS[key][0], value);
  if (result.success) return { ok: true, value: result.output as PluginSettings[K] };
  return { ok: false, message: result.issues[0]?.message ?? 'invalid value' };
}
