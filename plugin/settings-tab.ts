// The settings tab: folder, default timeline filters and what to pin; every value validated with the shared schema.
import { PluginSettingTab, Setting, type App, type Plugin, type SettingDefinitionItem } from 'obsidian';
import { SEVERITIES } from '../shared/severity';
import { TIMELINE_KINDS, TIMELINE_STATUSES, validateSetting, type PluginSettings } from '../shared/plugin-settings';
import { KIND_LABEL } from './views/timeline-items';
import { severityLabel, statusLabel } from './views/presentation';

/** What the tab needs from the plugin. */
export interface SettingsHost {
  readonly settings: Readonly<PluginSettings>;
  /** Validate, store and apply one value; returns an error message when the value was refused. */
  updateSetting<K extends keyof PluginSettings>(key: K, value: unknown): Promise<string | null>;
}

type Choice = [value: string, label: string];
type ChoiceKey = 'timelineMinSeverity' | 'timelineKind' | 'timelineStatus';
type ToggleKey = 'pinOpenIncidents' | 'pinAcknowledgedIncidents' | 'pinOverdueRestoreTests' | 'pinFailingBackups' | 'showStatusBar';

const CHOICES: Record<ChoiceKey, { name: string; desc: string; options: Choice[] }> = {
  timelineMinSeverity: {
    name: 'Severity',
    desc: 'Show only notes at or above this severity when the timeline opens.',
    options: [['any', 'Any severity'], ...SEVERITIES.filter((s) => s !== 'ok').reverse().map((s): Choice => [s, `${severityLabel(s)} and above`])],
  },
  timelineKind: { name: 'Kind', desc: 'Show only one kind of note.', options: [['any', 'All kinds'], ...TIMELINE_KINDS.map((k): Choice => [k, KIND_LABEL[k]])] },
  timelineStatus: { name: 'Status', desc: 'Show only notes with this status.', options: [['any', 'Any status'], ...TIMELINE_STATUSES.map((s): Choice => [s, statusLabel(s)])] },
};

const TOGGLES: Record<ToggleKey, { name: string; desc: string }> = {
  pinOpenIncidents: { name: 'Open incidents', desc: 'Keep open incidents above the days, most severe first.' },
  pinAcknowledgedIncidents: { name: 'Acknowledged incidents', desc: 'Also keep acknowledged (or risk-accepted) incidents at the top.' },
  pinOverdueRestoreTests: { name: 'Overdue restore tests', desc: 'Keep overdue restore tests at the top.' },
  pinFailingBackups: { name: 'Failing backups', desc: 'Keep failing or stale backup jobs at the top.' },
  showStatusBar: { name: 'Status bar', desc: 'Show open incidents and their worst severity in the status bar (desktop).' },
};

const FOLDER = { name: 'Notes folder', desc: 'The folder the collector writes to (its "folder" setting). Leave empty to look at the whole vault.' };
const HOST = { name: 'Host', desc: 'Show only notes about this host (leave empty for all).' };

/** Vigil's tab in Obsidian's settings. */
export class VigilSettingTab extends PluginSettingTab {
  constructor(
    app: App,
    plugin: Plugin,
    private readonly host: SettingsHost,
  ) {
    super(app, plugin);
  }

  /** Obsidian before 1.13 renders the tab imperatively. */
  override display(): void {
    const { containerEl } = this;
    containerEl.empty();
    const s = this.host.settings;
    new Setting(containerEl)
      .setName(FOLDER.name)
      .setDesc(FOLDER.desc)
      .addText((text) =>
        text
          .setPlaceholder('Vigil')
          .setValue(s.folder)
          .onChange(async (value) => {
            const error = await this.host.updateSetting('folder', value);
            text.inputEl.toggleClass('vigil-invalid', error !== null);
            text.inputEl.setAttr('title', error ?? '');
          }),
      );
    this.toggle(containerEl, 'showStatusBar');
    new Setting(containerEl).setName('Timeline filters when it opens').setHeading();
    for (const key of Object.keys(CHOICES) as ChoiceKey[]) this.choice(containerEl, key);
    new Setting(containerEl)
      .setName(HOST.name)
      .setDesc(HOST.desc)
      .addText((text) => text.setPlaceholder('Any host').setValue(s.timelineHost).onChange(async (value) => void (await this.host.updateSetting('timelineHost', value))));
    new Setting(containerEl).setName('Pinned at the top of the timeline').setHeading();
    for (const key of ['pinOpenIncidents', 'pinAcknowledgedIncidents', 'pinOverdueRestoreTests', 'pinFailingBackups'] as const) this.toggle(containerEl, key);
  }

  private choice(containerEl: HTMLElement, key: ChoiceKey): void {
    const def = CHOICES[key];
    new Setting(containerEl)
      .setName(def.name)
      .setDesc(def.desc)
      .addDropdown((dd) => {
        for (const [value, label] of def.options) dd.addOption(value, label);
        dd.setValue(this.host.settings[key]).onChange(async (value) => void (await this.host.updateSetting(key, value)));
      });
  }

  private toggle(containerEl: HTMLElement, key: ToggleKey): void {
    new Setting(containerEl)
      .setName(TOGGLES[key].name)
      .setDesc(TOGGLES[key].desc)
      .addToggle((t) => t.setValue(this.host.settings[key]).onChange(async (value) => void (await this.host.updateSetting(key, value))));
  }

  /** Obsidian 1.13 and later render the same settings declaratively (and make them searchable). */
  override getSettingDefinitions(): SettingDefinitionItem[] {
    const toggle = (key: ToggleKey) => ({ ...TOGGLES[key], control: { type: 'toggle' as const, key } });
    return [
      {
        ...FOLDER,
        control: { type: 'folder', key: 'folder', placeholder: 'Vigil', includeRoot: true, validate: (value: string) => validateSettingMessage('folder', value) },
      },
      toggle('showStatusBar'),
      {
        type: 'group',
        heading: 'Timeline filters when it opens',
        items: [
          ...(Object.keys(CHOICES) as ChoiceKey[]).map((key) => ({
            name: CHOICES[key].name,
            desc: CHOICES[key].desc,
            control: { type: 'dropdown' as const, key, options: Object.fromEntries(CHOICES[key].options) },
          })),
          { ...HOST, control: { type: 'text', key: 'timelineHost', placeholder: 'Any host' } },
        ],
      },
      {
        type: 'group',
        heading: 'Pinned at the top of the timeline',
        items: (['pinOpenIncidents', 'pinAcknowledgedIncidents', 'pinOverdueRestoreTests', 'pinFailingBackups'] as const).map(toggle),
      },
    ];
  }

  override getControlValue(key: string): unknown {
    return (this.host.settings as Record<string, unknown>)[key];
  }

  override async setControlValue(key: string, value: unknown): Promise<void> {
    if (key in this.host.settings) await this.host.updateSetting(key as keyof PluginSettings, value);
  }
}

function validateSettingMessage(key: keyof PluginSettings, value: unknown): string | undefined {
  const result = validateSetting(key, value);
  return result.ok ? undefined : result.message;
}
