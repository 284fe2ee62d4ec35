// Read what the user changed on incident notes (status, acceptance) before correlating; find notes that moved.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseFrontmatter, splitNote } from '../../shared/frontmatter';
import type { IncidentState } from '../engine/incident-state';
import type { UserIncidentState } from '../engine/correlate';

const RECENT_MS = 30 * 86_400_000;

function pick(fm: Record<string, unknown>): UserIncidentState {
  const out: UserIncidentState = {};
  if (typeof fm.status === 'string') out.status = fm.status;
  if (typeof fm.accepted_until === 'string' && /^\d{4}-\d{2}-\d{2}/.test(fm.accepted_until)) out.accepted_until = fm.accepted_until.slice(0, 10);
  if (typeof fm.accepted_reason === 'string') out.accepted_reason = fm.accepted_reason;
  return out;
}

async function frontmatterOf(file: string): Promise<Record<string, unknown> | null> {
  try {
    const split = splitNote(await readFile(file, 'utf8'));
    return split.yaml === null ? null : parseFrontmatter(split.yaml);
  } catch {
    // Missing or damaged: the correlator goes on with what it remembers; the writer reports damage.
    return null;
  }
}

/** Incident notes under the folder, by fingerprint (used only when a remembered path is gone). */
async function scanIncidentNotes(root: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const entries = await readdir(join(root, 'Incidents'), { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.md')) continue;
    const file = join(e.parentPath, e.name);
    const fm = await frontmatterOf(file);
    if (fm?.vigil === 'incident' && typeof fm.fingerprint === 'string') found.set(fm.fingerprint, relative(root, file).split('\\').join('/'));
  }
  return found;
}

/**
 * The user's view of open and recently resolved incidents. Incidents whose note was moved or renamed
 * get their new path (so Vigil keeps updating the user's note instead of creating a second one).
 */
export async function readIncidentNotes(
  root: string,
  incidents: Record<string, IncidentState>,
  now: Date,
): Promise<Map<string, UserIncidentState>> {
  const user = new Map<string, UserIncidentState>();
  const relevant = Object.values(incidents).filter((st) => st.status !== 'resolved' || now.getTime() - Date.parse(st.resolved ?? st.last_seen) < RECENT_MS);
  let scanned: Map<string, string> | null = null;
  for (const st of relevant) {
    let fm = await frontmatterOf(join(root, ...st.path.split('/')));
    if (!fm) {
      scanned ??= await scanIncidentNotes(root);
      const moved = scanned.get(st.fingerprint);
      if (moved) {
        st.path = moved;
        fm = await frontmatterOf(join(root, ...moved.split('/')));
      }
    }
    if (fm) user.set(st.fingerprint, pick(fm));
  }
  return user;
}
