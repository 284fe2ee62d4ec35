// How each severity looks in Markdown notes: a word, an icon and an Obsidian callout type.
import type { Severity } from './severity';

/** Presentation of one severity. */
export interface SeverityStyle {
  label: string;
  icon: string;
  callout: string;
}

/** Styles per severity; icons are plain emoji so they read the same on a phone and on paper. */
export const SEVERITY_STYLE: Record<Severity, SeverityStyle> = {
  critical: { label: 'Critical', icon: '🔴', callout: 'danger' },
  high: { label: 'High', icon: '🟠', callout: 'failure' },
  medium: { label: 'Medium', icon: '🟡', callout: 'warning' },
  low: { label: 'Low', icon: '🔵', callout: 'note' },
  info: { label: 'Info', icon: '⚪', callout: 'info' },
  ok: { label: 'OK', icon: '🟢', callout: 'success' },
};
