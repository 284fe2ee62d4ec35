import { describe, expect, it } from 'vitest';
import { completeFinding, compareFindings, findingId, fingerprintOf, isFinding, normaliseSubject } from '../../shared/finding';

describe('finding ids and fingerprints', () => {
  it('builds <check>:<host>:<subject> and a versioned fingerprint of it', () => {
    expect(findingId('listening-sockets', 'nas', 'tcp/3306')).toBe('listening-sockets:nas:tcp/3306');
    expect(fingerprintOf('listening-sockets:nas:tcp/3306')).toMatch(/^fp1:[0-9a-f]{20}$/);
    expect(fingerprintOf('a')).toBe(fingerprintOf('a'));
    expect(fingerprintOf('a')).not.toBe(fingerprintOf('b'));
  });

  it('flattens control characters and bounds long subjects while keeping them distinct', () => {
    expect(normaliseSubject('evil\nname\u0007 x')).toBe('evil name x');
    const a = normaliseSubject('x'.repeat(500));
    const b = normaliseSubject(`${'x'.repeat(499)}y`);
    expect(a.length).toBeLessThanOrEqual(160);
    expect(a).not.toBe(b);
    expect(normaliseSubject('  ')).toBe('-');
  });

  it('completes drafts with one-line titles and sorts most severe first', () => {
    const f = completeFinding('listening-sockets', 'nas', '2026-11-23T06:15:00.000Z', {
      subject: 'tcp/22',
      severity: 'low',
      title: 'two\nlines',
      remediation: 'do\r\nthis',
    });
    expect(f.title).toBe('two lines');
    expect(f.remediation).toBe('do this');
    expect(isFinding(f)).toBe(true);
    const g = { ...f, severity: 'critical' as const, id: 'z' };
    expect([f, g].sort(compareFindings)[0]).toBe(g);
    expect(isFinding({ ...f, severity: 'bad' })).toBe(false);
  });
});
