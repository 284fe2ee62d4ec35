// The backup-files lab: its clock and its jobs, shared by the live test (temp folder) and the replay (/srv/vigil-lab).

/** The lab's clock: every mtime is set relative to it (never the wall clock). */
export const NOW = new Date('2026-11-23T06:15:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const MB = 1_000_000;

/** One files job as YAML. */
export function filesJob(name: string, path: string, extra: string, dataClass = 'service-state', maxAge = '26h', copy = '{ media: nas }'): string {
  return `  - name: ${name}\n    kind: files\n    path: ${path}\n    data_class: ${dataClass}\n    copy: ${copy}\n    max_age: ${maxAge}\n${extra}`;
}

/** The lab's jobs under `root`. */
export function labJobs(root: string): string {
  const job = filesJob;
  return [
    job('home-assistant', `${root}/home-assistant`, '    pattern: "*.tar"\n    min_size: 10MB\n', 'service-state', '8d'),
    job('keepass', `${root}/vault`, '    pattern: "vault-*.kdbx"\n', 'irreplaceable', '26h'),
    job('gitea', `${root}/gitea`, '    pattern: "gitea-dump-*.zip"\n'),
    job('postgres', `${root}/postgres`, '    pattern: "*.sql.gz"\n'),
    job('nut-config', `${root}/nut`, '    pattern: "nut-*.tar.gz"\n    max_files: 30\n', 'rebuild', '8d'),
    job('time-machine', `${root}/tm`, '    pattern: "*.sparsebundle"\n', 'convenience', '2d'),
    job('missing', `${root}/gone`, '', 'rebuild'),
    job('not-a-folder', `${root}/vault/vault-2026-11-22.kdbx`, '', 'rebuild'),
    job('wrong-pattern', `${root}/postgres`, '    pattern: "*.dump"\n', 'rebuild'),
  ].join('');
}

/** What the files lab must find, live and in its recording: [subject, severity], sorted. */
export const FILES_LAB_FINDINGS: [string, string][] = [
  ['gitea:empty', 'high'],
  ['home-assistant:below-min-size', 'medium'],
  ['missing:missing-repo', 'high'],
  ['not-a-folder:not-a-repo', 'high'],
  ['nut-config:too-many-files', 'low'],
  ['postgres:stale', 'high'],
  ['wrong-pattern:no-restore-point', 'high'],
];
