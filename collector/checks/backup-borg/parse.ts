// Parse borg 1.2's JSON (`list --json`, `info --json`), its --log-json stderr and its lock roster; never quotes input.
import { ParseError } from '../../errors/parse-error';
import { asArray, asObject, isObject, optCount, optStr, parseJson, safeText, str, timestamp, type JsonObject } from '../backup/json';

/** One archive as `borg list --json` lists it. */
export interface BorgArchive {
  name: string;
  id: string;
  /** Start of the archive (ms). */
  time: number;
}

const LIST = 'borg list --json';
const INFO = 'borg info --json';
const HEX_ID = /^[0-9a-f]{64}$/;

function archiveTime(o: JsonObject, source: string, where: string, key: 'start' | 'time' | 'end'): number {
  // Vigil runs borg with TZ=UTC: borg 1.2 prints local time without an offset, so this makes it UTC.
  return timestamp(str(o, key, source, where), source, `${where}.${key}`, true);
}

/** Parse `borg list --json REPO`: the archives, oldest first (checkpoints are already hidden by borg). */
export function parseBorgList(stdout: string): BorgArchive[] {
  const top = asObject(parseJson(stdout, LIST, 'a repository listing'), LIST, 'the answer');
  return asArray(top.archives, LIST, 'archives')
    .map((item, i) => {
      const where = `archive ${i + 1}`;
      const o = asObject(item, LIST, where);
      const id = str(o, 'id', LIST, where);
      if (!HEX_ID.test(id)) throw new ParseError(LIST, `${where}.id is not an archive id`);
      return { name: safeText(str(o, 'name', LIST, where), 100), id, time: archiveTime(o, LIST, where, typeof o.start === 'string' ? 'start' : 'time') };
    })
    .sort((a, b) => a.time - b.time);
}

/** The newest archive's statistics and the repository's, from `borg info --json --last 1 REPO`. */
export interface BorgInfo {
  archive: {
    id: string;
    name: string;
    start: number;
    durationSeconds: number | null;
    originalSize: number | null;
    deduplicatedSize: number | null;
    files: number | null;
    hostname: string | null;
  } | null;
  /** Deduplicated, compressed size of the whole repository (what it takes on disk). */
  repositoryBytes: number | null;
}

/** Parse `borg info --json --last 1 REPO`. */
export function parseBorgInfo(stdout: string): BorgInfo {
  const top = asObject(parseJson(stdout, INFO, 'repository information'), INFO, 'the answer');
  const archives = asArray(top.archives, INFO, 'archives');
  const first = archives.at(-1);
  const cacheStats = isObject(top.cache) && isObject(top.cache.stats) ? top.cache.stats : null;
  const repositoryBytes = cacheStats ? optCount(cacheStats, 'unique_csize') : null;
  if (first === undefined) return { archive: null, repositoryBytes };
  const o = asObject(first, INFO, 'archive');
  const stats = isObject(o.stats) ? o.stats : {};
  const id = str(o, 'id', INFO, 'archive');
  if (!HEX_ID.test(id)) throw new ParseError(INFO, 'archive.id is not an archive id');
  return {
    archive: {
      id,
      name: safeText(str(o, 'name', INFO, 'archive'), 100),
      start: archiveTime(o, INFO, 'archive', 'start'),
      durationSeconds: optCount(o, 'duration'),
      originalSize: optCount(stats, 'original_size'),
      deduplicatedSize: optCount(stats, 'deduplicated_size'),
      files: optCount(stats, 'nfiles'),
      hostname: optStr(o, 'hostname') === null ? null : safeText(optStr(o, 'hostname')!, 64),
    },
    repositoryBytes,
  };
}

/** What borg said on stderr with --log-json: message ids, prompts it answered, and how many errors. */
export interface BorgLog {
  /** `msgid` of every ERROR or CRITICAL message (borg's stable error names such as `PassphraseWrong`). */
  errorIds: string[];
  /** `msgid` of every question borg asked (answered "no" by the BORG_*_IS_OK=no environment). */
  prompts: string[];
  /** ERROR and CRITICAL messages. */
  errors: number;
  /** Python's EACCES appeared (a permission problem surfaces as a generic `Exception`). */
  permissionDenied: boolean;
}

const SAFE_ID = /^[A-Za-z0-9_.]{1,60}$/;

/** Read borg's --log-json stderr: one JSON object per line; other lines (a failing passcommand's own output) are skipped. */
export function parseBorgLog(stderr: string): BorgLog {
  const log: BorgLog = { errorIds: [], prompts: [], errors: 0, permissionDenied: /\[Errno 13\]|Permission denied/.test(stderr) };
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isObject(o)) continue;
    const msgid = typeof o.msgid === 'string' && SAFE_ID.test(o.msgid) ? o.msgid : null;
    if (o.type === 'question_prompt' && msgid) log.prompts.push(msgid);
    if (o.type === 'log_message' && (o.levelname === 'ERROR' || o.levelname === 'CRITICAL')) {
      log.errors += 1;
      if (msgid) log.errorIds.push(msgid);
    }
  }
  return log;
}

/** Who holds a borg repository lock, from its `lock.roster` file (`{"exclusive": [[host, pid, thread]], "shared": […]}`). */
export function parseRoster(text: string): { exclusive: string[]; shared: string[] } {
  const source = 'borg lock.roster';
  const top = asObject(parseJson(text, source, 'a lock roster'), source, 'the roster');
  const holders = (key: string): string[] =>
    (Array.isArray(top[key]) ? (top[key] as unknown[]) : []).flatMap((entry) => {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') return [];
      const pid: unknown = entry[1];
      return [`${safeText(entry[0], 64)}${typeof pid === 'number' ? ` pid ${pid}` : ''}`];
    });
  return { exclusive: holders('exclusive'), shared: holders('shared') };
}
