// Write the export atomically (the copy on a USB stick or in a synced folder is never half-written).
import { atomicWriteFile, ensureDir } from '../fs/atomic-write';
import { writeIfChanged } from '../fs/write-if-changed';
import { buildRunbookHtml } from './export-runbook';
import { dirname } from 'node:path';

/** Build and write the HTML export; `onlyIfChanged` avoids touching a synced copy for nothing. */
export async function exportRunbook(root: string, folder: string, out: string, now: Date, onlyIfChanged = false): Promise<{ notes: number }> {
  const { html, notes } = await buildRunbookHtml({ root, folder, now });
  await ensureDir(dirname(out));
  if (onlyIfChanged) await writeIfChanged(out, html);
  else await atomicWriteFile(out, html);
  return { notes };
}
