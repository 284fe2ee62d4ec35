// Render Recovery.md, "start here": the managed blocks (order, scorecard, copies, restores, runbooks) inside the user's note.
import { localDate } from '../../shared/dates';
import type { FrontmatterData } from '../../shared/frontmatter';
import { renderBlock } from '../../shared/managed-blocks';
import { callout, link, table, text } from '../../shared/markdown';
import { VIGIL_SCHEMA } from '../../shared/note-schema';
import type { DataClass, ServiceSettings } from '../config/types';
import { FAILURES, type ClassScore, type CopyRow } from '../backups/strategy';
import { RECOVERY_PATH } from './paths';
import type { NoteSpec } from './write-vault';

const yes = (b: boolean) => (b ? '✅' : '❌');

/** The last passed restore per data class, and what is due next. */
export interface RestoreRow {
  dataClass: DataClass | null;
  test: string;
  lastPassed: string | null;
  nextDue: string;
  status: string;
  notePath: string | null;
}

/** A runbook as Recovery.md lists it. */
export interface RunbookRow {
  service: ServiceSettings;
  path: string;
  lastVerified: string | null;
  openIncidents: number;
}

/** Everything Recovery.md shows. Paths are vault-relative. */
export interface RecoveryInput {
  classes: readonly ClassScore[];
  copies: readonly CopyRow[];
  restores: readonly RestoreRow[];
  runbooks: readonly RunbookRow[];
  jobPath: (job: string) => string;
}

/** The recovery order: network, storage, password vault, then services (dependencies first). */
export function recoveryOrder(services: readonly ServiceSettings[]): { stage: string; services: ServiceSettings[] }[] {
  const stage = (s: ServiceSettings) => (s.kind === 'small-machine' ? 0 : s.kind === 'nas' ? 1 : s.kind === 'password-vault' ? 2 : 3);
  const byName = new Map(services.map((s) => [s.name, s]));
  const ordered: ServiceSettings[] = [];
  const visiting = new Set<string>();
  const visit = (s: ServiceSettings) => {
    if (ordered.includes(s) || visiting.has(s.name)) return;
    visiting.add(s.name);
    for (const dep of s.dependsOn) {
      const d = byName.get(dep);
      if (d && stage(d) === stage(s)) visit(d);
    }
    ordered.push(s);
  };
  for (const s of [...services].sort((a, b) => stage(a) - stage(b))) visit(s);
  const names = ['Network', 'Storage', 'Password vault', 'Services'];
  return names
    .map((name, i) => ({ stage: name, services: ordered.filter((s) => stage(s) === i) }))
    .filter((g) => g.services.length > 0);
}

function orderBlock(runbooks: readonly RunbookRow[]): string {
  const groups = recoveryOrder(runbooks.map((r) => r.service));
  if (groups.length === 0) return '_No services configured yet: add `services:` to vigil.yaml and Vigil writes a runbook for each._';
  const pathOf = new Map(runbooks.map((r) => [r.service.name, r.path]));
  let n = 0;
  return groups
    .map((g) =>
      [
        `**${g.stage}**`,
        '',
        ...g.services.map((s) => `${++n}. ${link(pathOf.get(s.name) ?? '', s.name)}${s.host ? ` on ${text(s.host)}` : ''}${s.dependsOn.length ? ` (after ${text(s.dependsOn.join(', '))})` : ''}`),
      ].join('\n'),
    )
    .join('\n\n');
}

function scorecardBlock(classes: readonly ClassScore[]): string {
  const rows = classes.map((c) => [
    c.dataSet === null ? text(c.dataClass) : `${text(c.dataClass)} · ${text(c.dataSet)}`,
    `${yes(c.rules.three)} ${c.copies}`,
    `${yes(c.rules.two)} ${c.media}`,
    yes(c.rules.oneOffsite),
    yes(c.rules.oneOffline),
    `${yes(c.rules.zeroUntested)} ${c.lastVerified ? text(localDate(new Date(c.lastVerified))) : 'never'}`,
  ]);
  return [
    "Counted from the restore points that exist today: the original plus each fresh, healthy copy. Each service's data counts on its own (copies of other data never add up); jobs no service lists are counted together by class.",
    '',
    table(['Data', '3 copies', '2 media', '1 offsite', '1 offline/immutable', '0 untested'], rows),
  ].join('\n');
}

function copiesBlock(copies: readonly CopyRow[], jobPath: (job: string) => string): string {
  if (copies.length === 0) return '_No backup jobs configured yet (`backups:` in vigil.yaml)._';
  const rows = copies.map((c) => [
    link(jobPath(c.job), c.job),
    text(c.dataClass),
    text(c.location),
    text(c.media),
    text(c.status),
    ...FAILURES.map((f) => yes(c.survives[f])),
  ]);
  return ['Which failure each copy survives:', '', table(['Copy', 'Data', 'Where', 'Media', 'Status', ...FAILURES.map((f) => text(f))], rows)].join('\n');
}

function restoresBlock(restores: readonly RestoreRow[]): string {
  if (restores.length === 0) return '_No restore tests scheduled._';
  const rows = restores.map((r) => [
    text(r.dataClass ?? '—'),
    r.notePath ? link(r.notePath, r.test) : text(r.test),
    text(r.lastPassed ? localDate(new Date(r.lastPassed)) : 'never'),
    text(r.status),
    text(r.nextDue),
  ]);
  return table(['Data class', 'Test', 'Last passed', 'Now', 'Due'], rows);
}

function runbooksBlock(runbooks: readonly RunbookRow[]): string {
  if (runbooks.length === 0) return '_No runbooks yet._';
  return runbooks
    .map(
      (r) =>
        `- ${link(r.path, r.service.name)} — ${text(r.service.kind)}${r.service.host ? ` on ${text(r.service.host)}` : ''} · last verified ${text(r.lastVerified ? localDate(new Date(r.lastVerified)) : 'never')}${r.openIncidents ? ` · ⚠️ ${r.openIncidents} open incident${r.openIncidents === 1 ? '' : 's'}` : ''}`,
    )
    .join('\n');
}

/** Recovery.md: created once with the user's sections, afterwards only its blocks are Vigil's. */
export function recoveryNote(input: RecoveryInput): NoteSpec {
  const frontmatter: FrontmatterData = { vigil: 'recovery', vigil_schema: VIGIL_SCHEMA };
  const body = [
    '# Recovery — start here',
    '',
    callout('important', 'Read this first on the bad day', [
      'This is the map for when something is broken. It lives in your vault (synced off the NAS) and as one HTML file (`vigil export-runbook`) for a phone or a printout.',
      'Vigil keeps the blocks below current after every run; everything else in this note is yours.',
    ]),
    '',
    '## 1. The order to bring things back',
    '',
    renderBlock('order', orderBlock(input.runbooks)),
    '',
    '## 2. Is 3-2-1-1-0 true today?',
    '',
    renderBlock('scorecard', scorecardBlock(input.classes)),
    '',
    '## 3. Where every copy lives',
    '',
    renderBlock('copies', copiesBlock(input.copies, input.jobPath)),
    '',
    '## 4. Restore tests',
    '',
    renderBlock('restores', restoresBlock(input.restores)),
    '',
    '## 5. Runbooks',
    '',
    renderBlock('runbooks', runbooksBlock(input.runbooks)),
    '',
    '## Live views',
    '',
    'With the Vigil plugin these show current state; without it they stay harmless code blocks.',
    '',
    '```vigil-status',
    '```',
    '',
    '```vigil-timeline',
    'status: open',
    'limit: 10',
    '```',
    '',
    '```vigil-restore-tests',
    '```',
    '',
    '```vigil-backups',
    '```',
    '',
    '## My notes',
    '',
    '_Phone numbers, where the spare disk is, who else knows the plan: yours._',
    '',
  ].join('\n');
  return { path: RECOVERY_PATH, ownership: 'blocks', frontmatter, body };
}
