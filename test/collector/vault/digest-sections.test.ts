import { describe, expect, it } from 'vitest';
import type { IncidentState } from '../../../collector/engine/incident-state';
import { openIncidentsSection } from '../../../collector/vault/render-digest-sections';

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
