// Demo answers for backup-restic on ubuntu (restic 0.17.3): the photos USB disk, unplugged and 12 days old by Monday, and the healthy B2 copy.
import { sha256Hex } from '../../../shared/hash';
import { resticArgv, resticEnv } from '../../checks/backup-restic/probe';
import type { FixtureAnswer } from '../../host/fixture';
import { execAnswer } from '../builders';
import type { DemoAnswers } from './types';

/** Where the demo's `backups:` puts the two restic jobs (see the backup demo test for the YAML). */
export const DEMO_RESTIC = {
  usb: { repo: '/media/alex/photos-usb/restic', passwordFile: '/home/alex/.config/vigil/restic-photos-usb.pass' },
  b2: { repo: 'b2:homelab-photos:/restic', passwordFile: '/home/alex/.config/vigil/restic-photos-b2.pass' },
} as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One snapshot as restic 0.17 lists it, summary included (doc/075_scripting.rst). */
function snapshot(repo: string, start: Date, durationS: number, files: number, bytes: number, filesNew: number, parent: string | null): Record<string, unknown> {
  const id = sha256Hex(`${repo}:${start.toISOString()}`);
  const end = new Date(start.getTime() + durationS * 1000);
  return {
    time: start.toISOString().replace('.000Z', '.418803120Z'),
    ...(parent ? { parent } : {}),
    tree: sha256Hex(`tree:${id}`),
    paths: ['/mnt/nas/photos'],
    hostname: 'ubuntu',
    username: 'root',
    tags: ['photos'],
    program_version: 'restic 0.17.3',
    summary: {
      backup_start: start.toISOString().replace('.000Z', '.102345678Z'),
      backup_end: end.toISOString().replace('.000Z', '.556701234Z'),
      files_new: filesNew,
      files_changed: filesNew > 0 ? 2 : 0,
      files_unmodified: files - filesNew - (filesNew > 0 ? 2 : 0),
      dirs_new: filesNew > 0 ? 1 : 0,
      dirs_changed: filesNew > 0 ? 3 : 0,
      dirs_unmodified: 1841,
      data_blobs: filesNew * 4,
      tree_blobs: filesNew > 0 ? 5 : 0,
      data_added: filesNew * 4_212_004,
      data_added_packed: filesNew * 4_108_552,
      total_files_processed: files,
      total_bytes_processed: bytes,
    },
    id,
    short_id: id.slice(0, 8),
  };
}

/** The first of October 2026: snapshot statistics grow by the day from here, so a snapshot reads the same on every demo day. */
const EPOCH = Date.parse('2026-10-01T00:00:00Z');

/** A chain of snapshots, oldest first, each pointing at the one before it in the list. */
function chain(repo: string, starts: readonly Date[], base: { files: number; bytes: number }): string {
  let parent: string | null = null;
  const out = starts.map((start) => {
    const k = Math.round((start.getTime() - EPOCH) / DAY);
    const filesNew = 20 + ((k * 37) % 90);
    const s = snapshot(repo, start, 1480 + ((k * 53) % 300), base.files + k * 40, base.bytes + k * 168_000_000, filesNew, parent);
    parent = s.id as string;
    return s;
  });
  return `${JSON.stringify(out)}\n`;
}

/** 02:00 UTC, when both photo jobs' timers fire, on a given day. */
function at2(day: Date): Date {
  const d = new Date(day);
  d.setUTCHours(2, 0, 0, 0);
  return d;
}

/** Nightly B2 snapshots up to `now`, as `restic forget --keep-daily 7 --keep-weekly 4` leaves them (weeklies on Sundays). */
function b2Snapshots(now: Date): Date[] {
  const nights: Date[] = [];
  for (let d = at2(now); nights.length < 60; d = new Date(d.getTime() - DAY)) if (d.getTime() <= now.getTime()) nights.push(d);
  const daily = nights.slice(0, 7);
  const weekly = nights.slice(7).filter((d) => d.getUTCDay() === 0).slice(0, 4);
  return [...weekly.reverse(), ...daily.reverse()];
}

/**
 * The rotated USB disk's snapshots, made by hand on plug-in, about weekly. It was plugged in again on Friday
 * 20 November, but the backup that should run on plug-in did not (its mount unit had been renamed), and on Saturday
 * it went back in the drawer: from then on, Vigil judges it by what it held when it last saw it.
 */
const USB_SNAPSHOTS = ['2026-10-14', '2026-10-21', '2026-10-28', '2026-11-04', '2026-11-11'].map((d) => new Date(`${d}T02:00:00Z`));
const USB_UNPLUGGED = Date.parse('2026-11-21T00:00:00Z');

function statsRaw(totalSize: number, snapshots: number): string {
  return `${JSON.stringify({ total_size: totalSize, total_uncompressed_size: Math.round(totalSize * 1.012), compression_ratio: 1.012, compression_progress: 100, compression_space_saving: 1.19, total_blob_count: 902_114, snapshots_count: snapshots })}\n`;
}

/** The collector itself: restic to the rotated USB disk and, nightly, to B2. */
function ubuntu(now: Date): FixtureAnswer[] {
  const usb = resticEnv({ passwordFile: DEMO_RESTIC.usb.passwordFile, passwordEnv: null })!;
  const b2 = resticEnv({ passwordFile: DEMO_RESTIC.b2.passwordFile, passwordEnv: null })!;
  const usbRepo = DEMO_RESTIC.usb.repo;
  const b2Repo = DEMO_RESTIC.b2.repo;
  const b2Starts = b2Snapshots(now);
  const usbAnswers =
    now.getTime() < USB_UNPLUGGED
      ? [
          execAnswer(resticArgv(usb, usbRepo, ['--no-lock', 'snapshots', '--json']), chain(usbRepo, USB_SNAPSHOTS, { files: 51_880, bytes: 409_200_000_000 })),
          execAnswer(resticArgv(usb, usbRepo, ['--no-lock', 'stats', '--json', '--mode', 'raw-data']), statsRaw(405_118_220_113, USB_SNAPSHOTS.length)),
          execAnswer(resticArgv(usb, usbRepo, ['--no-lock', 'list', 'locks', '--json']), ''),
        ]
      : [
          // restic 0.17 exits 10 when there is no repository: here, because the disk is not mounted.
          execAnswer(
            resticArgv(usb, usbRepo, ['--no-lock', 'snapshots', '--json']),
            '',
            10,
            `Fatal: repository does not exist: unable to open config file: stat ${usbRepo}/config: no such file or directory\nIs there a repository at the following location?\n${usbRepo}\n`,
          ),
        ];
  return [
    ...usbAnswers,
    execAnswer(resticArgv(b2, b2Repo, ['--no-lock', 'snapshots', '--json']), chain(b2Repo, b2Starts, { files: 51_910, bytes: 409_500_000_000 })),
    execAnswer(resticArgv(b2, b2Repo, ['--no-lock', 'stats', '--json', '--mode', 'raw-data']), statsRaw(407_332_901_556, b2Starts.length)),
    execAnswer(resticArgv(b2, b2Repo, ['--no-lock', 'list', 'locks', '--json']), ''),
    execAnswer(
      resticArgv(b2, b2Repo, ['check', '--read-data-subset=5%']),
      'create exclusive lock for repository\nload indexes\ncheck all packs\ncheck snapshots, trees and blobs\nread 5.0% of data packs\nno errors were found\n',
    ),
  ];
}

/** backup-restic runs where the restic jobs are: the Ubuntu box. */
export const backupResticAnswers: DemoAnswers = { ubuntu };
