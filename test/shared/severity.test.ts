import { describe, expect, it } from 'vitest';
import { atLeast, countBySeverity, isSeverity, SEVERITIES, severityRank, worstSeverity } from '../../shared/severity';

describe('severity scale', () => {
  it('orders ok < info < low < medium < high < critical', () => {
    expect(SEVERITIES.map(severityRank)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(atLeast('high', 'medium')).toBe(true);
    expect(atLeast('low', 'medium')).toBe(false);
    expect(atLeast('medium', 'medium')).toBe(true);
  });

  it('finds the worst and counts every level', () => {
    expect(worstSeverity([])).toBe('ok');
    expect(worstSeverity(['low', 'critical', 'info'])).toBe('critical');
    expect(countBySeverity(['low', 'low', 'high'])).toEqual({ ok: 0, info: 0, low: 2, medium: 0, high: 1, critical: 0 });
  });

  it('recognises only the six names', () => {
    expect(isSeverity('medium')).toBe(true);
    expect(isSeverity('warning')).toBe(false);
    expect(isSeverity(3)).toBe(false);
  });
});
