import { describe, expect, it } from 'vitest';
import { validateNoteFrontmatter, VIGIL_SCHEMA } from '../../shared/note-schema';

const incident = {
  vigil: 'incident',
  vigil_schema: VIGIL_SCHEMA,
  fingerprint: 'fp1:0123456789abcdef0123',
  finding_id: 'docker-posture:nas:vaultwarden:privileged',
  check: 'docker-posture',
  host: 'nas',
  severity: 'high',
  status: 'open',
  title: 'Container vaultwarden runs privileged on nas',
  opened: '2026-11-20T06:15:00.000Z',
  last_seen: '2026-11-23T06:15:00.000Z',
  occurrences: 4,
};

describe('note contract', () => {
  it('accepts valid notes and keeps user keys allowed', () => {
    expect(validateNoteFrontmatter({ ...incident, my_key: [1, 2] })).toEqual({ state: 'valid', kind: 'incident' });
  });

  it('flags newer schemas, unknown kinds and bad fields without throwing', () => {
    expect(validateNoteFrontmatter({ ...incident, vigil_schema: 2 })).toMatchObject({ state: 'newer-schema', schema: 2 });
    expect(validateNoteFrontmatter({ vigil: 'banana', vigil_schema: 1 })).toMatchObject({ state: 'invalid', kind: null });
    const bad = validateNoteFrontmatter({ ...incident, severity: 'huge', occurrences: -1 });
    expect(bad.state).toBe('invalid');
    expect(bad.state === 'invalid' && bad.problems.join('\n')).toMatch(/severity/);
    expect(validateNoteFrontmatter({ title: 'not ours' })).toEqual({ state: 'not-vigil' });
    expect(validateNoteFrontmatter(null)).toEqual({ state: 'not-vigil' });
    expect(validateNoteFrontmatter('---')).toEqual({ state: 'not-vigil' });
  });
});
