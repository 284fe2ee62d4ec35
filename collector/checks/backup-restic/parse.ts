// Parse restic's JSON (snapshots, stats, locks) for 0.14 (no summary) and ≥ 0.17 (with summary); never quotes input.
import { ParseError } from '../../errors/parse-error';
import { asArray, asObject, count, isObject, optCount, optStr, parseJson, safeText, str, strings, timestamp, type JsonObject } from '../backup/json';

/** The statistics restic ≥ 0.17 stores in each snapshot (absent from snapshots made by older versions). */
export interface ResticSummary {
  backupStart: number | null;
  backupEnd: number | null;
  filesNew: number | null;
  filesChanged: number | null;
  filesUnmodified: number | null;
  dataAdded: number | null;
  dataAddedPacked: number | null;
  totalFilesProcessed: number | null;
  totalBytesProcessed: number | null;
}

/** One snapshot as `restic snapshots --json` lists it. */
export interface ResticSnapshot {
  id: string;
  time: number;
  hostname: string;
  paths: string[];
  tags: string[];
  programVersion: string | null;
  summary: ResticSummary | null;
}

const SNAPSHOTS = 'restic snapshots --json';
const HEX_ID = /^[0-9a-f]{64}$/;

function optTime(o: JsonObject, key: string): number | null {
  const value = optStr(o, key);
  if (value === null) return null;
  try {
    return timestamp(value, SNAPSHOTS, key);
  } catch {
    return null;
  }
}

function parseSummary(value: unknown): ResticSummary | null {
  if (!isObject(value)) return null;
  return {
    backupStart: optTime(value, 'backup_start'),
    backupEnd: optTime(value, 'backup_end'),
    filesNew: optCount(value, 'files_new'),
    filesChanged: optCount(value, 'files_changed'),
    filesUnmodified: optCount(value, 'files_unmodified'),
    dataAdded: optCount(value, 'data_added'),
    dataAddedPacked: optCount(value, 'data_added_packed'),
    totalFilesProcessed: optCount(value, 'total_files_processed'),
    totalBytesProcessed: optCount(value, 'total_bytes_processed'),
  };
}

/** Parse `restic snapshots --json`: a JSON array of snapshots, oldest first. */
export function parseSnapshots(stdout: string): ResticSnapshot[] {
  // restic prints `null` for an empty repository in some versions and `[]` in others.
  const raw = stdout.trim() === 'null' ? [] : parseJson(stdout, SNAPSHOTS, 'a list of snapshots');
  return asArray(raw, SNAPSHOTS, 'the answer')
    .map((item, i) => {
      const where = `snapshot ${i + 1}`;
      const o = asObject(item, SNAPSHOTS, where);
      const id = str(o, 'id', SNAPSHOTS, where);
      if (!HEX_ID.test(id)) throw new ParseError(SNAPSHOTS, `${where}.id is not a snapshot id`);
      return {
        id,
        time: timestamp(str(o, 'time', SNAPSHOTS, where), SNAPSHOTS, `${where}.time`),
        hostname: safeText(optStr(o, 'hostname') ?? '', 64),
        paths: strings(o, 'paths'),
        tags: strings(o, 'tags'),
        programVersion: optStr(o, 'program_version'),
        summary: parseSummary(o.summary),
      };
    })
    .sort((a, b) => a.time - b.time);
}

/** What the job's snapshot selection says (config snapshot_host / snapshot_paths / snapshot_tags). */
export interface SnapshotSelection {
  host: string | null;
  paths: readonly string[];
  tags: readonly string[];
}

/** The job's snapshots: from the host, containing every configured path and carrying every configured tag (restic's own --host/--path/--tag meaning). */
export function selectSnapshots(snapshots: readonly ResticSnapshot[], selection: SnapshotSelection): ResticSnapshot[] {
  return snapshots.filter(
    (s) =>
      (selection.host === null || s.hostname === selection.host) &&
      selection.paths.every((p) => s.paths.includes(p)) &&
      selection.tags.every((t) => s.tags.includes(t)),
  );
}

/** `restic stats --json` in either mode: the total size (and the file count in restore-size mode). */
export function parseStats(stdout: string): { totalSize: number; totalFileCount: number | null } {
  const source = 'restic stats --json';
  const o = asObject(parseJson(stdout, source, 'statistics'), source, 'the answer');
  return { totalSize: count(o, 'total_size', source, 'stats'), totalFileCount: optCount(o, 'total_file_count') };
}

/** `restic list locks`: one 64-hex id per line (0.14), or a JSON list of ids. */
export function parseLockIds(stdout: string): string[] {
  const text = stdout.trim();
  const words = text.startsWith('[') ? asArray(parseJson(text, 'restic list locks', 'a list of lock ids'), 'restic list locks', 'the answer') : text.split('\n');
  return words.map((w) => (typeof w === 'string' ? w.trim() : '')).filter((w) => HEX_ID.test(w));
}

/** One lock as `restic cat lock ID` prints it. */
export interface ResticLock {
  time: number;
  exclusive: boolean;
  hostname: string;
  pid: number | null;
}

/** Parse `restic cat lock ID`. */
export function parseLock(stdout: string): ResticLock {
  const source = 'restic cat lock';
  const o = asObject(parseJson(stdout, source, 'a lock'), source, 'the lock');
  return {
    time: timestamp(str(o, 'time', source, 'lock'), source, 'lock.time'),
    exclusive: o.exclusive === true,
    hostname: safeText(optStr(o, 'hostname') ?? 'unknown host', 64),
    pid: optCount(o, 'pid'),
  };
}
