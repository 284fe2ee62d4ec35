// Pure: the timeline filter to and from saved view state, deep links and the settings' defaults (untrusted input validated).
import { TIMELINE_KINDS, TIMELINE_STATUSES, type PluginSettings, type TimelineKind } from '../../shared/plugin-settings';
import { isSeverity } from '../../shared/severity';
import type { VigilLink } from '../../shared/deeplink';
import { noFilter, type TimelineFilter } from './timeline-model';

const KINDS: readonly string[] = [...TIMELINE_KINDS, 'other'];

function text(value: unknown, max = 200): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;
}

/** The filter a new timeline starts with, from the settings. */
export function defaultFilter(s: Readonly<PluginSettings>): TimelineFilter {
  return {
    ...noFilter(),
    minSeverity: s.timelineMinSeverity === 'any' ? null : s.timelineMinSeverity,
    kind: s.timelineKind === 'any' ? null : s.timelineKind,
    status: s.timelineStatus === 'any' ? null : s.timelineStatus,
    host: s.timelineHost === '' ? null : s.timelineHost,
  };
}

/** A filter as plain data for the workspace layout. */
export function filterToState(f: TimelineFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (typeof v === 'string' && v !== '') out[k] = v;
  return out;
}

/** A filter from saved view state (or null when the state carries none); bad values are dropped, never trusted. */
export function filterFromState(state: unknown): TimelineFilter | null {
  if (typeof state !== 'object' || state === null || !('filter' in state)) return null;
  const raw = (state).filter;
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const kind = text(r.kind);
  const status = text(r.status);
  return {
    minSeverity: isSeverity(r.minSeverity) ? r.minSeverity : null,
    kind: kind && KINDS.includes(kind) ? (kind as TimelineKind | 'other') : null,
    host: text(r.host),
    check: text(r.check),
    status: status && TIMELINE_STATUSES.includes(status) ? status : null,
    text: text(r.text) ?? '',
  };
}

/** The filter an `obsidian://vigil?view=timeline&…` link asks for. */
export function filterFromLink(link: VigilLink): TimelineFilter {
  return filterFromState({ filter: { minSeverity: link.severity, kind: link.kind, host: link.host, check: link.check, status: link.status, text: link.q } })!;
}
