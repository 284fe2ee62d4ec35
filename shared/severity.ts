// Severity levels and their order; the one scale every finding, incident and notification uses.

/** All severities, lowest first. `ok` means "checked and fine". */
export const SEVERITIES = ['ok', 'info', 'low', 'medium', 'high', 'critical'] as const;

/** One of the six severities. */
export type Severity = (typeof SEVERITIES)[number];

/** True when the value is one of the six severity names. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** Position of a severity on the scale: ok = 0 … critical = 5. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at or above `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

/** The highest severity of a list, or `ok` for an empty list. */
export function worstSeverity(severities: Iterable<Severity>): Severity {
  let worst: Severity = 'ok';
  for (const s of severities) if (severityRank(s) > severityRank(worst)) worst = s;
  return worst;
}

/** Compare for sorting, most severe first. */
export function bySeverityDesc(a: Severity, b: Severity): number {
  return severityRank(b) - severityRank(a);
}

/** Count per severity, every level present (zeros included) so tables keep their shape. */
export function countBySeverity(severities: Iterable<Severity>): Record<Severity, number> {
  const counts = { ok: 0, info: 0, low: 0, medium: 0, high: 0, critical: 0 };
  for (const s of severities) counts[s] += 1;
  return counts;
}
