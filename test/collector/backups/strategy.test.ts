import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../collector/config/load';
import type { BackupJobFacts } from '../../../collector/checks/backup/facts';
import { scoreStrategy } from '../../../collector/backups/strategy';

const env = { env: { HOME: '/home/alex' }, home: '/home/alex', cwd: '/' };
const config = parseConfigText(
  `vault: /v
hosts:
  - { name: ubuntu, local: true }
  - { name: nas, fixture: nas.json }
backups:
  - { name: photos-nas, kind: files, host: nas, path: /volume1/photos-backup, data_class: irreplaceable, copy: { media: nas }, max_age: 2d }
  - { name: photos-usb, kind: restic, repo: /mnt/usb/restic, password_file: /etc/vigil/usb-pass, data_class: irreplaceable, copy: { media: usb, offline: true, mounted: false }, max_age: 8d }
  - { name: photos-b2, kind: restic, repo: "s3:s3.eu-central-1.wasabisys.com/photos", password_file: /etc/vigil/usb-pass, data_class: irreplaceable, copy: { media: cloud, offsite: true }, max_age: 2d }
  - { name: gitea-dump, kind: borg, host: nas, repo: /volume1/borg/gitea, passphrase_file: /etc/vigil/borg, data_class: service-state, copy: { media: nas }, max_age: 26h }
  - { name: gitea-nas-copy, kind: files, host: nas, path: /volume1/backups/gitea, data_class: service-state, copy: { media: nas }, max_age: 26h }
`,
  '/etc/vigil.yaml',
  env,
);
const fact = (job: string, status: BackupJobFacts['status']): BackupJobFacts => ({
  job,
  kind: 'restic',
  host: 'ubuntu',
  dataClass: 'irreplaceable',
  status,
  lastSuccess: '2026-11-23T02:00:00.000Z',
  ageHours: 4,
  sizeBytes: 1,
  durationSeconds: 1,
  restorePoints: 3,
  verified: null,
  verify: 'not-configured',
  destination: 'x',
  pruning: true,
  problems: [],
});

describe('3-2-1-1-0 scorecard', () => {
  it('scores irreplaceable data from the copies that are healthy today', () => {
    const facts = new Map(['photos-nas', 'photos-usb', 'photos-b2'].map((j) => [j, fact(j, 'ok')]));
    const r = scoreStrategy({ jobs: config.backups, facts, verified: new Map([['irreplaceable', { at: '2026-11-10T00:00:00Z', current: true }]]), nas: 'nas' });
    const irr = r.classes.find((c) => c.dataClass === 'irreplaceable')!;
    expect(irr).toMatchObject({ copies: 4, media: 3, offsite: true, offlineOrImmutable: true, tested: true });
    expect(Object.values(irr.rules).every(Boolean)).toBe(true);
    expect(r.findings.filter((f) => f.subject === 'rule:irreplaceable')).toEqual([]);
  });

  it('a stale USB disk breaks "one offline copy" today, whatever the last job said', () => {
    const facts = new Map([
      ['photos-nas', fact('photos-nas', 'ok')],
      ['photos-usb', fact('photos-usb', 'stale')],
      ['photos-b2', fact('photos-b2', 'ok')],
    ]);
    const r = scoreStrategy({ jobs: config.backups, facts, verified: new Map(), nas: 'nas' });
    const f = r.findings.find((x) => x.subject === 'rule:irreplaceable')!;
    expect(f).toMatchObject({ severity: 'high', title: 'Irreplaceable data misses 3-2-1-1-0: no offline or immutable copy, never restore-tested' });
  });

  it('the last copy of irreplaceable data failing is critical', () => {
    const r = scoreStrategy({ jobs: config.backups, facts: new Map(), verified: new Map(), nas: 'nas' });
    expect(r.findings.find((x) => x.subject === 'rule:irreplaceable')?.severity).toBe('critical');
  });

  it('says which failure each copy survives', () => {
    const r = scoreStrategy({ jobs: config.backups, facts: new Map(), verified: new Map(), nas: 'nas' });
    const row = (job: string) => r.copies.find((c) => c.job === job)!.survives;
    expect(row('photos-nas')).toEqual({ 'deleted folder': true, 'NAS dead': false, 'ransomware on a mounted share': false, 'house lost': false });
    expect(row('photos-usb')).toEqual({ 'deleted folder': true, 'NAS dead': true, 'ransomware on a mounted share': true, 'house lost': false });
    expect(row('photos-b2')).toEqual({ 'deleted folder': true, 'NAS dead': true, 'ransomware on a mounted share': false, 'house lost': true });
  });

  it('finds hidden coupling: same place, same credentials, offline yet mounted', () => {
    const facts = new Map(config.backups.map((j) => [j.name, fact(j.name, 'ok')]));
    const r = scoreStrategy({ jobs: config.backups, facts, verified: new Map(), nas: 'nas' });
    const titles = r.findings.map((f) => f.title);
    expect(titles).toContain('gitea-dump and gitea-nas-copy both live on nas: one failure away from being one copy');
    expect(titles).toContain('photos-usb and photos-b2 are behind the same credentials: whoever can delete one can delete both');
    const mounted = scoreStrategy({
      jobs: [{ ...config.backups[1]!, copy: { ...config.backups[1]!.copy, mounted: true } }],
      facts: new Map([['photos-usb', fact('photos-usb', 'ok')]]),
      verified: new Map(),
      nas: 'nas',
    });
    expect(mounted.findings.map((f) => f.subject)).toContain('mounted-offline:photos-usb');
  });

  it("scores each service's data on its own: a password archive is not a third copy of the photos", () => {
    const vault = { ...config.backups[0]!, name: 'keepass-archive', copy: { ...config.backups[0]!.copy, location: 'nas' } };
    const jobs = [config.backups[1]!, config.backups[2]!, vault];
    const facts = new Map(jobs.map((j) => [j.name, fact(j.name, 'ok')]));
    const sets: Record<string, string> = { 'photos-usb': 'photos', 'photos-b2': 'photos', 'keepass-archive': 'vaultwarden' };
    const r = scoreStrategy({ jobs, facts, verified: new Map(), nas: 'nas', dataSetOf: (job) => sets[job] ?? null });
    expect(r.classes.map((c) => [c.dataSet, c.copies, c.jobs])).toEqual([
      ['photos', 3, ['photos-usb', 'photos-b2']],
      ['vaultwarden', 2, ['keepass-archive']],
    ]);
    expect(r.findings.filter((f) => f.subject.startsWith('rule:')).map((f) => [f.subject, f.title])).toEqual([
      ['rule:irreplaceable:photos', 'Irreplaceable data of photos misses 3-2-1-1-0: never restore-tested'],
      ['rule:irreplaceable:vaultwarden', 'Irreplaceable data of vaultwarden misses 3-2-1-1-0: 2 copies instead of 3, backups on 1 kind of storage instead of 2, no offsite copy, no offline or immutable copy, never restore-tested'],
    ]);
    // Pooled, the three would have looked like 4 copies on 3 media.
    const pooled = scoreStrategy({ jobs, facts, verified: new Map(), nas: 'nas' });
    expect(pooled.classes[0]).toMatchObject({ dataSet: null, copies: 4 });
  });

  it('two copies of the same service on one machine are coupled; two services on one machine are not', () => {
    const jobs = config.backups.filter((j) => j.dataClass === 'service-state');
    const facts = new Map(jobs.map((j) => [j.name, fact(j.name, 'ok')]));
    const same = scoreStrategy({ jobs, facts, verified: new Map(), nas: 'nas', dataSetOf: () => 'gitea' });
    expect(same.findings.map((f) => f.subject)).toContain('coupled-location:service-state:gitea:nas');
    const apart = scoreStrategy({ jobs, facts, verified: new Map(), nas: 'nas', dataSetOf: (job) => (job === 'gitea-dump' ? 'gitea' : 'home-assistant') });
    expect(apart.findings.filter((f) => f.subject.startsWith('coupled-location'))).toEqual([]);
  });

  it('does not count a copy whose newest restore point is in doubt (far too small), but does count one with a stale lock', () => {
    const jobs = [config.backups[1]!, config.backups[2]!];
    const usb = { ...fact('photos-usb', 'warning'), doubtful: true };
    const r = scoreStrategy({ jobs, facts: new Map([['photos-usb', usb], ['photos-b2', fact('photos-b2', 'warning')]]), verified: new Map(), nas: 'nas' });
    expect(r.classes[0]).toMatchObject({ copies: 2, offsite: true, offlineOrImmutable: false });
    expect(r.copies.find((c) => c.job === 'photos-usb')).toMatchObject({ healthy: false, status: 'warning' });
  });

  it('a backup on the machine whose data it protects is flagged: the machine dying takes both', () => {
    const jobs = config.backups.filter((j) => j.dataClass === 'service-state');
    const facts = new Map(jobs.map((j) => [j.name, fact(j.name, 'ok')]));
    const onNas = scoreStrategy({ jobs, facts, verified: new Map(), nas: 'nas', dataSetOf: () => 'gitea', originOf: (s) => (s === 'gitea' ? 'nas' : null) });
    expect(onNas.findings.filter((f) => f.subject.startsWith('coupled-origin')).map((f) => [f.severity, f.title])).toEqual([
      ['low', 'gitea-dump lives on nas, next to the gitea data it protects: if nas dies, both are gone'],
      ['low', 'gitea-nas-copy lives on nas, next to the gitea data it protects: if nas dies, both are gone'],
    ]);
    const elsewhere = scoreStrategy({ jobs, facts, verified: new Map(), nas: 'nas', dataSetOf: () => 'gitea', originOf: () => 'ubuntu' });
    expect(elsewhere.findings.filter((f) => f.subject.startsWith('coupled-origin'))).toEqual([]);
  });
});
