// Pure: every single-facet timeline filter as a labelled choice, for the palette's "Filter the timeline…" picker.
import { SEVERITIES } from '../../shared/severity';
import { severityLabel, statusLabel } from './presentation';
import { KIND_LABEL } from './timeline-items';
import type { TimelineFacets, TimelineFilter } from './timeline-model';

/** One entry of the picker: what it says and the filter it opens the timeline with. */
export interface FilterChoice {
  label: string;
  filter: Partial<TimelineFilter>;
}

/** Severities most severe first, then kinds, hosts, checks and statuses present in the data. */
export function filterChoices(facets: TimelineFacets): FilterChoice[] {
  const severities = SEVERITIES.filter((s) => s !== 'ok').reverse();
  return [
    ...severities.map((s) => ({ label: `Severity: ${s === 'critical' ? 'Critical' : `${severityLabel(s)} and above`}`, filter: { minSeverity: s } })),
    ...facets.kinds.map((k) => ({ label: `Kind: ${KIND_LABEL[k]}`, filter: { kind: k } })),
    ...facets.hosts.map((h) => ({ label: `Host: ${h}`, filter: { host: h } })),
    ...facets.checks.map((c) => ({ label: `Check: ${c}`, filter: { check: c } })),
    ...facets.statuses.map((s) => ({ label: `Status: ${statusLabel(s)}`, filter: { status: s } })),
  ];
}
