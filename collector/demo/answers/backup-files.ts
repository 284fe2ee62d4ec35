// Demo answers for backup-files: Home Assistant backups gone tiny and KeePass archives on the nas, NUT config tarballs piling up on sentinel.
import type { FixtureAnswer } from '../../host/fixture';
import { statAnswer } from '../builders';
import type { DemoAnswers } from './types';

/** Where the demo's `backups:` puts the artifact folders. */
export const DEMO_FILES = {
  homeAssistant: '/volume1/backups/home-assistant',
  vault: '/volume1/backups/vault',
  nut: '/var/backups/nut',
} as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const pad = (n: number) => String(n).padStart(2, '0');

/** The nights up to `now` at hh:mm UTC, newest first (`count` of them). */
function nights(now: Date, hours: number, minutes: number, count: number): Date[] {
  const out: Date[] = [];
  const d = new Date(now);
  d.setUTCHours(hours, minutes, 0, 0);
  for (let t = d.getTime(); out.length < count; t -= DAY) if (t <= now.getTime()) out.push(new Date(t));
  return out;
}

/** Whole days since 1 October 2026: sizes derive from the date, so a file reads the same on every demo day. */
const dayNumber = (d: Date) => Math.round((d.getTime() - Date.parse('2026-10-01T00:00:00Z')) / DAY);

/** The night Home Assistant's backup came out tiny: Monday 23 November 2026. */
const TINY_NIGHT = '2026-11-23';

const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A folder: its stat, its listing, and a stat per file (owner uid as on the machine). */
function folder(path: string, files: readonly { name: string; size: number; mtime: Date }[], uid: number, now: Date): FixtureAnswer[] {
  return [
    statAnswer(path, 'dir', 0o755, 4096, files.at(-1)?.mtime ?? now, uid),
    { op: 'list', path, result: files.map((f) => ({ name: f.name, type: 'file' as const })) },
    ...files.map((f) => statAnswer(`${path}/${f.name}`, 'file', 0o644, f.size, f.mtime, uid)),
  ];
}

/**
 * The nas. Home Assistant pushes its nightly backup at 04:45 (the built-in automatic backup to a network storage);
 * last night's is 1.9 MB instead of the usual ~480 MB: the backup excluded the database and every add-on.
 * The KeePass archive is exported and synced at 05:30 by alex's vault script.
 */
function nas(now: Date): FixtureAnswer[] {
  // Home Assistant keeps its 7 newest automatic backups.
  const ha = nights(now, 4, 45, 7)
    .reverse()
    .map((mtime) => {
      const size = ymd(mtime) === TINY_NIGHT ? 1_938_432 : 470_000_000 + dayNumber(mtime) * 250_000;
      return { name: `Automatic_backup_2026.11.3_${ymd(mtime)}_04.45_${pad(dayNumber(mtime) % 100)}812304.tar`, size, mtime };
    });
  // The vault script keeps 14 dated archives.
  const vault = nights(now, 5, 30, 14)
    .reverse()
    .map((mtime) => ({ name: `vault-${ymd(mtime)}.kdbx`, size: 170_000 + dayNumber(mtime) * 212, mtime }));
  return [...folder(DEMO_FILES.homeAssistant, ha, 1026, now), ...folder(DEMO_FILES.vault, vault, 1026, now)];
}

/**
 * sentinel: a nightly cron tars /etc/nut and the notify scripts at 03:15 and rsyncs them to the NAS; its cleanup
 * (`find -mtime +30 -delete`) went missing when the script was rewritten on 13 October, so nothing is ever removed.
 */
function sentinel(now: Date): FixtureAnswer[] {
  const since = Date.parse('2026-10-13T03:15:00Z');
  const nut = nights(now, 3, 15, 400)
    .filter((d) => d.getTime() >= since)
    .reverse()
    .map((mtime) => ({ name: `nut-config-${ymd(mtime)}.tar.gz`, size: 11_800 + (dayNumber(mtime) % 5) * 64, mtime }));
  return folder(DEMO_FILES.nut, nut, 0, now);
}

/** backup-files runs where the folders are. */
export const backupFilesAnswers: DemoAnswers = { nas, sentinel };
