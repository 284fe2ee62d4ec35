import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../collector/host/redact';

describe('capture redaction of sshd user names', () => {
  it('keeps dictionary names, replaces anything that could be a typed password, stably', () => {
    const log = [
      '2026-11-23T06:00:00+00:00 nas sshd[1]: Invalid user admin from 203.0.113.7 port 5000',
      '2026-11-23T06:00:01+00:00 nas sshd[2]: Invalid user Hunter2!isMyPass from 203.0.113.7 port 5001',
      '2026-11-23T06:00:02+00:00 nas sshd[2]: Failed password for invalid user Hunter2!isMyPass from 203.0.113.7 port 5001 ssh2',
      '2026-11-23T06:00:03+00:00 nas sshd[3]: Failed password for alex from 192.168.1.23 port 5002 ssh2',
    ].join('\n');
    const out = redactSecrets(log, '/var/log/auth.log');
    expect(out).not.toContain('Hunter2');
    expect(out).toContain('Invalid user admin from');
    expect(out).toContain('Failed password for alex from');
    const names = [...out.matchAll(/invalid user (\S+) from/gi)].map((m) => m[1]);
    expect(names[1]).toBe(names[2]);
    expect(names[1]).toMatch(/^u[0-9a-f]{8}$/);
    expect(redactSecrets(log, '/var/log/auth.log')).toBe(out);
  });
});
