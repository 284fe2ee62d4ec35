// What Vigil remembers about each incident between runs (state.json, section "incidents").
import type { Evidence } from '../../shared/finding';
import type { Severity } from '../../shared/severity';

/** One entry of an incident's timeline. */
export interface IncidentEvent {
  at: string;
  kind: 'opened' | 'escalated' | 'eased' | 'still-present' | 'acknowledged' | 'resolved' | 'reopened' | 'acceptance-expired' | 'accepted';
  detail?: string;
}

/** An incident: one fingerprint's life across runs. */
export interface IncidentState {
  fingerprint: string;
  finding_id: string;
  check: string;
  host: string;
  title: string;
  /** The title when it opened: the note's heading and file name (absent in state written before it was kept). */
  opened_title?: string;
  severity: Severity;
  status: 'open' | 'acknowledged' | 'resolved';
  opened: string;
  last_seen: string;
  resolved: string | null;
  /** Runs in which the finding was seen. */
  occurrences: number;
  /** Consecutive runs in which the check ran fine and the finding was absent. */
  clean_runs: number;
  /** Vault path of the note (inside the Vigil folder), fixed when the incident opens. */
  path: string;
  /** Reopen times, for flap damping. */
  reopens: string[];
  /** Evidence and remediation of the latest sighting (rendered in the note's summary). */
  evidence: Evidence;
  remediation: string | null;
  /** Accepted until this date (from the note or the config), with the reason. */
  accepted_until: string | null;
  accepted_reason: string | null;
  /** Where the acceptance comes from: the note (the user's `accepted_until`) or the config's `accept:` list. */
  accepted_from?: 'note' | 'config' | null;
  events: IncidentEvent[];
}

/** The incident section of state.json. */
export interface IncidentsSection {
  incidents: Record<string, IncidentState>;
}

/** A change of this run that may notify. */
export interface IncidentChange {
  fingerprint: string;
  kind: 'opened' | 'escalated' | 'reopened' | 'resolved' | 'acceptance-expired';
  /** False when flap damping or an acceptance keeps it quiet. */
  notify: boolean;
}

/** New / fixed / unchanged findings against the previous run, for the digest. */
export interface RunDiff {
  new: string[];
  fixed: string[];
  unchanged: string[];
  acceptancesExpired: string[];
}
