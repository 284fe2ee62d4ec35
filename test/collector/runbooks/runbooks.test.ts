import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../collector/config/load';
import { judgeCoverage, sameMachine, type RunbookInfo } from '../../../collector/runbooks/runbook-stage';
import { incidentsOf } from '../../../collector/runbooks/runbook-notes';
import { runbookRestoreSteps } from '../../../collector/runbooks/runbook-steps';
import type { IncidentState } from '../../../collector/engine/incident-state';
import { networkMountOf, parseMounts } from '../../../collector/runbooks/vault-location';
import { recoveryOrder } from '../../../collector/vault/render-recovery';
import { runbookNote } from '../../../collector/vault/render-runbook';
import { RUNBOOK_TEMPLATES } from '../../../collector/runbooks/templates';

const env = { env: { HOME: '/home/alex' }, home: '/home/alex', cwd: '/' };
const config = parseConfigText(
  `vault: /home/alex/Obsidian/Homelab
hosts:
  - { name: ubuntu, local: true }
  - { name: nas, fixture: nas.json }
backups:
  - { name: gitea-dump, kind: borg, host: nas, repo: /volume1/borg/gitea, data_class: service-state, copy: { media: nas }, max_age: 26h }
  - { name: orphan, kind: files, host: nas, path: /volume1/x, data_class: convenience, copy: { media: nas }, max_age: 8d }
services:
  - { name: gitea, kind: gitea, host: nas, data_class: service-state, backups: [gitea-dump], containers: [gitea] }
  - { name: vault, kind: password-vault, host: ubuntu, data_class: irreplaceable, depends_on: [dns] }
  - { name: dns, kind: small-machine, host: sentinel, data_class: rebuild }
  - { name: storage, kind: nas, host: nas }
  - { name: paperless, kind: docker-app, host: ubuntu, depends_on: [photos] }
  - { name: photos, kind: docker-app, host: ubuntu }
`,
  '/etc/vigil.yaml',
  env,
);
const info = (name: string, over: Partial<RunbookInfo> = {}): RunbookInfo => ({ service: config.services.find((s) => s.name === name)!, exists: true, steps: ['x'], lastVerified: null, ...over });

describe('runbooks', () => {
  it('orders recovery: network, storage, password vault, then services with dependencies first', () => {
    expect(recoveryOrder(config.services).map((g) => [g.stage, g.services.map((s) => s.name)])).toEqual([
      ['Network', ['dns']],
      ['Storage', ['storage']],
      ['Password vault', ['vault']],
      ['Services', ['gitea', 'photos', 'paperless']],
    ]);
  });

  it('reads the restore procedure back from the user\'s note, whatever the list style', () => {
    const note = `# Runbook\n\n## What it is\n- not a step\n\n## Restore procedure\n\n- [ ] First ^a\n- [x] Second\n1. Third\n  - nested detail\n\`\`\`\n- in code\n\`\`\`\n## How you know\n- not a step`;
    expect(runbookRestoreSteps(note)).toEqual(['First', 'Second', 'Third']);
    expect(runbookRestoreSteps('# Runbook\n\nNo procedure written yet.')).toBeNull();
    expect(runbookRestoreSteps(runbookNote(config.services[0]!, { jobs: [], lastVerified: null, incidents: [], recoveryPath: 'Vigil/Recovery.md', now: new Date() }).body)).toEqual(RUNBOOK_TEMPLATES.gitea.restore);
  });

  it('judges coverage: containers and jobs without a runbook, runbooks without steps, never or long unverified', () => {
    const now = new Date('2026-11-23T06:15:00Z');
    const found = judgeCoverage({
      config,
      runbooks: [
        info('gitea', { lastVerified: { at: '2026-10-01T00:00:00Z', test: 't', path: null } }),
        info('vault', { steps: null }),
        info('dns', { lastVerified: { at: '2024-01-01T00:00:00Z', test: 't', path: null } }),
      ],
      containers: new Map([
        ['nas', [{ name: 'gitea', running: true }, { name: 'syncthing', running: true }, { name: 'old', running: false }]],
      ]),
      vaultMount: null,
      now,
    });
    expect(found.map((f) => [f.host, f.draft.subject, f.draft.severity])).toEqual([
      ['nas', 'container:syncthing', 'low'],
      ['nas', 'job:orphan', 'low'],
      ['ubuntu', 'no-procedure:vault', 'medium'],
      ['ubuntu', 'unverified:vault', 'medium'],
      ['sentinel', 'unverified:dns', 'low'],
    ]);
    expect(found.find((f) => f.draft.subject === 'unverified:dns')?.draft.title).toBe('The runbook for dns was last verified 1057 days ago; rebuild data is restore-tested yearly');
  });

  it('finds a vault that lives on the NAS it is meant to help recover', () => {
    const mounts = parseMounts('/dev/sda1 / ext4 rw 0 0\n//nas/homes /home/alex/Obsidian cifs rw,vers=3.0 0 0\nnas:/volume1/x /mnt/x nfs4 rw 0 0\n/dev/sdb1 /mnt/my\\040disk ext4 rw 0 0\n');
    expect(mounts[3]!.target).toBe('/mnt/my disk');
    const mount = networkMountOf(config.vault, mounts);
    expect(mount).toMatchObject({ server: 'nas', target: '/home/alex/Obsidian' });
    const found = judgeCoverage({ config, runbooks: [], containers: new Map(), vaultMount: mount, now: new Date() });
    expect(found.find((f) => f.draft.subject === 'vault-location')?.draft).toMatchObject({
      severity: 'high',
      title: 'The vault lives on nas (mounted at /home/alex/Obsidian): the recovery notes are on a machine they are meant to recover',
    });
    expect(networkMountOf('/home/alex/local', mounts)).toBeNull();
  });

  it('finds a vault on the local disk of the NAS when Vigil runs on the NAS itself', () => {
    const onNas = judgeCoverage({ config, runbooks: [], containers: new Map(), vaultMount: null, now: new Date(), collectorHost: 'nas' });
    expect(onNas.find((f) => f.draft.subject === 'vault-location')?.draft.title).toBe('The vault lives on nas, the NAS Vigil runs on: the recovery notes are on the machine they are meant to recover');
    const onUbuntu = judgeCoverage({ config, runbooks: [], containers: new Map(), vaultMount: null, now: new Date(), collectorHost: 'ubuntu' });
    expect(onUbuntu.some((f) => f.draft.subject === 'vault-location')).toBe(false);
  });

  it('knows the NAS by its address and its DNS name too', () => {
    const withSsh = { ...config, hosts: config.hosts.map((h) => (h.name === 'nas' ? { ...h, kind: 'ssh' as const, ssh: { host: '192.168.1.10' } as NonNullable<typeof h.ssh> } : h)) };
    const judge = (source: string) => {
      const mount = networkMountOf(config.vault, parseMounts(`${source} /home/alex/Obsidian cifs rw 0 0\n`));
      return judgeCoverage({ config: withSsh, runbooks: [], containers: new Map(), vaultMount: mount, now: new Date() }).some((f) => f.draft.subject === 'vault-location');
    };
    expect(judge('//192.168.1.10/homes/alex')).toBe(true);
    expect(judge('//NAS.home.arpa/homes/alex')).toBe(true);
    expect(judge('//192.168.1.11/homes/alex')).toBe(false);
    expect(judge('//nasty.home.arpa/homes/alex')).toBe(false);
    expect(sameMachine('nas', 'nas.home.arpa')).toBe(true);
    expect(sameMachine('nas.home.arpa', 'nas.other.org')).toBe(false);
    expect(sameMachine('10.0.0.1', '10.0.0.10')).toBe(false);
  });

  it('names credentials and never holds a value', () => {
    const s = { ...config.services[1]!, credentials: ['Dashlane: primary account', 'Master passphrase: memorised; sealed copy in the fire safe'] };
    const note = runbookNote(s, { jobs: [], lastVerified: null, incidents: [], recoveryPath: 'Vigil/Recovery.md', now: new Date() });
    expect(note.body).toContain('- Dashlane: primary account');
    expect(note.body).toContain('## Restore procedure');
    expect(note.ownership).toBe('blocks');
    // Its master passphrase line is the user's own; without one, the runbook asks where it is described.
    expect(note.body).not.toContain('- Master passphrase: _write where');
    const bare = runbookNote({ ...s, credentials: [] }, { jobs: [], lastVerified: null, incidents: [], recoveryPath: 'Vigil/Recovery.md', now: new Date() });
    expect(bare.body).toContain('- Master passphrase: _write where it is described');
    expect(bare.body).toContain('Use the master passphrase from where the Credentials section says it is');
  });

  it('lists the incidents about a service: named by it, its jobs, its containers; a machine gets the rest of its host', () => {
    const inc = (title: string, host: string, evidence: IncidentState['evidence'], status: IncidentState['status'] = 'open') =>
      ({ fingerprint: title, finding_id: title, check: 'x', host, title, severity: 'medium', status, opened: '', last_seen: '', resolved: null, occurrences: 1, clean_runs: 0, path: `${title}.md`, reopens: [], evidence, remediation: null, accepted_until: null, accepted_reason: null, events: [] }) as IncidentState;
    const all = [
      inc('gitea data misses 3-2-1-1-0', 'ubuntu', { data_set: 'gitea', jobs: 'gitea-dump' }),
      inc('gitea runbook never verified', 'ubuntu', { service: 'gitea' }),
      inc('gitea-dump is stale', 'nas', { job: 'gitea-dump' }),
      inc('strategy pool of two jobs', 'ubuntu', { jobs: 'orphan, gitea-dump' }),
      inc('container gitea privileged', 'nas', { container: 'gitea' }),
      inc('container gitea elsewhere', 'ubuntu', { container: 'gitea' }),
      inc('vault runbook missing', 'nas', { service: 'vault' }),
      inc('disk full on nas', 'nas', { mount: '/volume1' }),
      inc('old gitea problem', 'nas', { service: 'gitea' }, 'resolved'),
    ];
    const titles = (name: string) => incidentsOf(config.services.find((s) => s.name === name)!, all).map((i) => i.title);
    expect(titles('gitea')).toEqual(['gitea data misses 3-2-1-1-0', 'gitea runbook never verified', 'gitea-dump is stale', 'strategy pool of two jobs', 'container gitea privileged']);
    // The NAS as a machine: its host's incidents that are not about another service.
    expect(titles('storage')).toEqual(['container gitea privileged', 'disk full on nas']);
    // A docker app without containers listed does not collect its host's unrelated incidents.
    expect(titles('photos')).toEqual([]);
  });
});
