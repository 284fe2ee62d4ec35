// The Finding: one fact a check established about one host, with a stable, versioned fingerprint.
import { sha256Hex } from './hash';
import type { FindingSource } from './ids';
import { isSeverity, severityRank, type Severity } from './severity';

/** A flat map of safe evidence values (never a secret, never a nested structure). */
export type Evidence = Record<string, string | number | boolean | null>;

/** One fact about one host, as every check reports it. */
export interface Finding {
  /** Stable readable id `<check>:<host>:<subject>`; the same problem keeps the same id across runs. */
  id: string;
  /** Versioned hash of `id` (`fp1:` + 20 hex), short and safe for config and file names. */
  fingerprint: string;
  check: FindingSource;
  host: string;
  severity: Severity;
  /** One human line, no secret values. */
  title: string;
  evidence: Evidence;
  remediation?: string;
  /** When the underlying data was observed (ISO 8601), for staleness. */
  observed_at: string;
}

/** What a check's analyzer returns; the engine completes it into a Finding. */
export interface FindingDraft {
  /** What the finding is about on this host (a port, a container, a path…). */
  subject: string;
  severity: Severity;
  title: string;
  evidence?: Evidence;
  remediation?: string;
}

/** The fingerprint format version; bump it if the hashing below ever changes. */
export const FINGERPRINT_VERSION = 'fp1';

const MAX_SUBJECT = 160;

/** Make a subject safe for an id: no control characters, one line, bounded length (long ones keep a hash). */
export function normaliseSubject(subject: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
  const flat = subject.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat.length <= MAX_SUBJECT) return flat || '-';
  return `${flat.slice(0, MAX_SUBJECT - 13)}…${sha256Hex(flat).slice(0, 12)}`;
}

/** The readable finding id `<check>:<host>:<subject>`. */
export function findingId(check: string, host: string, subject: string): string {
  return `${check}:${host}:${normaliseSubject(subject)}`;
}

/** The versioned fingerprint of a finding id. */
export function fingerprintOf(id: string): string {
  return `${FINGERPRINT_VERSION}:${sha256Hex(id).slice(0, 20)}`;
}

/** Complete a draft into a Finding for the given check, host and observation time. */
export function completeFinding(
  check: FindingSource,
  host: string,
  observedAt: string,
  draft: FindingDraft,
): Finding {
  const id = findingId(check, host, draft.subject);
  const finding: Finding = {
    id,
    fingerprint: fingerprintOf(id),
    check,
    host,
    severity: draft.severity,
    title: oneLine(draft.title),
    evidence: { ...(draft.evidence ?? {}) },
    observed_at: observedAt,
  };
  if (draft.remediation) finding.remediation = oneLine(draft.remediation);
  return finding;
}

/** Collapse any line breaks and control characters to single spaces. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Order findings for display: most severe first, then host, check and id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.host.localeCompare(b.host) ||
    a.check.localeCompare(b.check) ||
    a.id.localeCompare(b.id)
  );
}

/** Structural check of an unknown value (e.g. read back from a JSON report). */
export function isFinding(value: unknown): value is Finding {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.fingerprint === 'string' &&
    typeof v.check === 'string' &&
    typeof v.host === 'string' &&
    isSeverity(v.severity) &&
    typeof v.title === 'string' &&
    typeof v.evidence === 'object' &&
    v.evidence !== null &&
    typeof v.observed_at === 'string'
  );
}
