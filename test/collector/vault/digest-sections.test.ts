import { describe, expect, it } from 'vitest';
import type { IncidentState } from '../../../collector/engine/incident-state';
import { changesSection, openIncidentsSection } from '../../../collector/vault/render-digest-sections';
import { completeFinding } from '../../../shared/finding';

const NOW = new Date('2026-11-23T06:15:00Z');

function incident(over: Partial<IncidentState>): IncidentState {
  return {
    fingerprint: 'fp1:aaaaaaaaaaaaaaaaaaaa',
    finding_id: 'docker-posture:ubuntu:wud:docker-socket',
    check: 'docker-posture',
    host: 'ubuntu',
    title: 'Container wud has the Docker socket mounted on ubuntu',
    severity: 'critical',
    status: 'open',
    opened: '2026-11-20T06:15:00.000Z',
    last_seen: NOW.toISOString(),
    resolved: null,
    occurrences: 4,
    clean_runs: 0,
    path: 'Incidents/2026/2026-11-20 wud.md',
    reopens: [],
    evidence: {},
    remediation: null,
    accepted_until: null,
    accepted_reason: null,
    events: [],
    ...over,
  };
}

describe('open incidents section', () => {
  const rows = (list: IncidentState[]) => openIncidentsSection(list, (p) => `Vigil/${p}`, NOW).split('\n').filter((l) => l.startsWith('| 🔴'));

  it('says until when an open incident is accepted, and stops saying it once the date has passed', () => {
    expect(rows([incident({ accepted_until: '2027-03-31', accepted_from: 'config' })])[0]).toMatch(/\| accepted until 2027-03-31 \|$/);
    expect(rows([incident({ accepted_until: '2026-11-01' })])[0]).toMatch(/\| open \|$/);
    expect(rows([incident({ status: 'acknowledged' })])[0]).toMatch(/\| acknowledged \|$/);
  });
});

describe('what changed', () => {
  const f = (host: string, check: 'docker-posture' | 'listening-sockets', severity: 'high' | 'medium', subject: string) =>
    completeFinding(check, host, NOW.toISOString(), { subject, severity, title: `${subject} on ${host}` });

  it('counts new, fixed and unchanged, most severe first, then by host and check, each line saying where', () => {
    const fresh = [f('ubuntu', 'listening-sockets', 'medium', 'tcp/8000'), f('nas', 'listening-sockets', 'high', 'tcp/3306'), f('nas', 'docker-posture', 'high', 'syncthing')];
    const fixed = [{ title: 'tcp/873 on nas', host: 'nas', check: 'listening-sockets', severity: 'high' as const }];
    const text = changesSection({ fresh, fixed, expired: [], unchanged: 41 }, (fp) => (fp === fresh[1]!.fingerprint ? 'Vigil/Incidents/x.md' : undefined), true);
    const lines = text.split('\n');
    expect(lines[2]).toBe('3 new, 1 fixed, 41 unchanged since the previous run.');
    expect(lines.filter((l) => l.startsWith('- '))).toEqual([
      '- 🟠 syncthing on nas · nas · `docker-posture`',
      '- 🟠 [[Vigil/Incidents/x|tcp/3306 on nas]] · nas · `listening-sockets`',
      '- 🟡 tcp/8000 on ubuntu · ubuntu · `listening-sockets`',
      '- ✅ tcp/873 on nas · nas · `listening-sockets`',
    ]);
  });
});
