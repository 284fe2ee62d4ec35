// Stale data is a finding: observations older than the threshold are flagged and never counted as current.
import { completeFinding, type Finding } from '../../shared/finding';
import { ageInWords } from '../../shared/dates';

/** Split findings into current and stale, and add one stale-data finding per check and host that reported old data. */
export function markStale(findings: readonly Finding[], now: Date, staleAfterMs: number): { current: Finding[]; stale: Finding[]; all: Finding[] } {
  const current: Finding[] = [];
  const stale: Finding[] = [];
  const oldest = new Map<string, { check: string; host: string; observed: number }>();
  for (const f of findings) {
    const observed = Date.parse(f.observed_at);
    if (Number.isFinite(observed) && now.getTime() - observed > staleAfterMs) {
      stale.push({ ...f, evidence: { ...f.evidence, stale: true } });
      const key = `${f.check}|${f.host}`;
      const prev = oldest.get(key);
      if (!prev || observed < prev.observed) oldest.set(key, { check: f.check, host: f.host, observed });
    } else current.push(f);
  }
  const notices = [...oldest.values()].map(({ check, host, observed }) =>
    completeFinding('stale-data', host, now.toISOString(), {
      subject: check,
      severity: 'medium',
      title: `Data from ${check} on ${host} is ${ageInWords(now.getTime() - observed)} old: not shown as current`,
      evidence: { check, observed_at: new Date(observed).toISOString(), max_age_hours: Math.round(staleAfterMs / 3_600_000) },
      remediation: 'Find out why the source stopped updating (a dead timer, a stopped exporter, a full disk).',
    }),
  );
  return { current: [...current, ...notices], stale, all: [...current, ...notices, ...stale] };
}
