import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { defaultSettings, loadPluginSettings, pluginSettingsSchema, validateSetting } from '../../shared/plugin-settings';

describe('plugin settings', () => {
  it('gives the defaults for nothing stored, and they satisfy the schema', () => {
    expect(loadPluginSettings(null)).toEqual({ settings: defaultSettings(), problems: [] });
    expect(v.safeParse(pluginSettingsSchema, defaultSettings()).success).toBe(true);
  });

  it('keeps valid values, replaces invalid ones by their default with a message each, and drops unknown keys', () => {
    const { settings, problems } = loadPluginSettings({ folder: ' Homelab/Vigil/ ', pinFailingBackups: 'yes', timelineKind: 'incident', timelineStatus: 'exploded', later: true });
    expect(settings).toEqual({ ...defaultSettings(), folder: 'Homelab/Vigil', timelineKind: 'incident' });
    expect(problems).toEqual([expect.stringMatching(/^timelineStatus: /), expect.stringMatching(/^pinFailingBackups: /)]);
    expect(Object.keys(settings)).not.toContain('later');
  });

  it('refuses folders outside the vault and a non-object file', () => {
    for (const folder of ['../x', 'a/../b', 'a\\b', 'x:y']) expect(validateSetting('folder', folder).ok).toBe(false);
    // Slashes around the path are normalised away, as Obsidian's normalizePath does.
    expect(validateSetting('folder', '/Vigil/')).toEqual({ ok: true, value: 'Vigil' });
    expect(validateSetting('folder', '')).toEqual({ ok: true, value: '' });
    expect(loadPluginSettings([1, 2]).problems).toEqual(['settings: expected an object; using the defaults']);
  });
});
