// Benchmark: the vault writer's "no write when unchanged" against the naive rewrite-everything approach,
// on 2,000 notes — what a daily run costs a synced vault when nothing changed.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleNote } from '../shared/frontmatter';
import { renderBlock } from '../shared/managed-blocks';
import { VaultWriter, type NoteSpec } from '../collector/vault/write-vault';
import { report, timeIt } from './lib';

const N = Number(process.argv[2] ?? 2000);
const root = mkdtempSync(join(tmpdir(), 'vigil-bench-vault-'));
const notes: NoteSpec[] = Array.from({ length: N }, (_, i) => ({
  path: `Incidents/2026/2026-11-${String((i % 28) + 1).padStart(2, '0')} incident ${i}.md`,
  ownership: 'blocks',
  frontmatter: { vigil: 'incident', vigil_schema: 1, severity: 'high', occurrences: i },
  body: `# Incident ${i}\n\n${renderBlock('timeline', `- opened\n- still present (${i})`)}\n`,
}));

const writer = new VaultWriter(root, 'Vigil');
for (const n of notes) await writer.write(n);

const ours = await timeIt(async () => {
  for (const n of notes) await writer.write(n);
}, 3);

const naive = await timeIt(() => {
  for (const n of notes) {
    const file = join(root, 'naive', n.path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, assembleNote(n.frontmatter, n.body));
  }
}, 3);

console.log(`${N} unchanged notes`);
report('vault writer (reads, compares, writes nothing)', ours, 'naive rewrite of every note', naive);
console.log('The naive approach also changes every mtime, so a sync client re-uploads all of them; the writer changes none.');
rmSync(root, { recursive: true, force: true });
