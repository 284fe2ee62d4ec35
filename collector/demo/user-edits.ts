// What the demo's person does between mornings, exactly as they would in Obsidian: acknowledge an incident,
// work through a restore test. Vigil then reads it back, so the demo shows the whole loop.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseChecklist, setStepChecked } from '../../shared/checklist';
import { parseFrontmatter, printFrontmatter, splitNote } from '../../shared/frontmatter';
import { atomicWriteFile } from '../fs/atomic-write';

/** Edit a note's frontmatter keys and body the way a person (or the plugin) would; no-op when it does not exist. */
async function editNote(file: string, keys: Record<string, unknown>, body: (text: string) => string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return;
  }
  const split = splitNote(text);
  if (split.yaml === null) return;
  const fm = { ...parseFrontmatter(split.yaml), ...keys };
  const next = `---\n${printFrontmatter(fm)}---\n${body(split.body)}`;
  if (next !== text) await atomicWriteFile(file, next);
}

async function findIncident(root: string, findingId: string): Promise<string | null> {
  const entries = await readdir(join(root, 'Incidents'), { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.md')) continue;
    const file = join(e.parentPath, e.name);
    const split = splitNote(await readFile(file, 'utf8'));
    if (split.yaml && parseFrontmatter(split.yaml).finding_id === findingId) return file;
  }
  return null;
}

const ACK_NOTE = 'Alex: the MariaDB is the Synology Photos index; DSM\'s firewall blocks it from outside. Moving it to 127.0.0.1 at the weekend.';

/** Apply the person's edits after the morning run of demo day `day` (0-based). Idempotent. */
export async function applyUserEdits(root: string, day: number): Promise<void> {
  if (day === 1) {
    const incident = await findIncident(root, 'listening-sockets:nas:tcp/3306');
    if (incident) {
      await editNote(incident, { status: 'acknowledged' }, (body) => (body.includes(ACK_NOTE) ? body : body.replace('## Notes\n\n', `## Notes\n\n${ACK_NOTE}\n\n`)));
    }
  }
  if (day === 2) {
    const file = join(root, 'Restore tests', '2026-11 Monthly random file from NAS and cloud.md');
    await editNote(file, { result: 'passed', completed: '2026-11-22', duration: '35m', started: '2026-11-22T19:10:00.000Z' }, (body) => {
      let text = body;
      for (const step of parseChecklist(text, 'step-')) {
        const edit = setStepChecked(text, step.id, step.checked, true);
        if (edit.ok) text = edit.text;
      }
      return text
        .replace("- Restored file's path:\n", "- Restored file's path: /volume1/photos/2019/IMG_2231.HEIC\n")
        .replace('- Copies it came from:\n', '- Copies it came from: DSM snapshot, photos-b2 (restic)\n');
    });
  }
}
