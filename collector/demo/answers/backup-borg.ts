// Demo answers for backup-borg on the nas (borg 1.2 from SynoCommunity): nightly gitea dumps in a healthy, checked repository.
import { sha256Hex } from '../../../shared/hash';
import { borgArgv, borgEnv } from '../../checks/backup-borg/probe';
import type { FixtureAnswer } from '../../host/fixture';
import { execAnswer, missing } from '../builders';
import type { DemoAnswers } from './types';

/** Where the demo's `backups:` puts the borg job. */
export const DEMO_BORG = {
  repo: '/volume1/backups/borg/gitea',
  passwordFile: '/var/services/homes/vigil/.config/vigil/borg-gitea.pass',
} as const;

const DAY = 86_400_000;

/** borg 1.2 prints local time without an offset; Vigil runs it with TZ=UTC. */
function borgTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}.000000`;
}

/** 03:00 UTC on a given day, when the gitea dump job runs. */
function at3(day: Date): Date {
  const d = new Date(day);
  d.setUTCHours(3, 0, 0, 0);
  return d;
}

function archive(start: Date): { name: string; id: string; start: Date } {
  const name = `gitea-${start.toISOString().slice(0, 16)}`;
  return { name, id: sha256Hex(`borg:${name}`), start };
}

/** Nightly archives up to `now`, as `borg prune --keep-daily 7 --keep-weekly 4 --keep-monthly 3` leaves them. */
function kept(now: Date): Date[] {
  const nights: Date[] = [];
  for (let d = at3(now); nights.length < 120; d = new Date(d.getTime() - DAY)) if (d.getTime() <= now.getTime()) nights.push(d);
  const daily = nights.slice(0, 7);
  const weekly = nights.slice(7).filter((d) => d.getUTCDay() === 0).slice(0, 4);
  const oldestWeekly = weekly.at(-1)?.getTime() ?? Number.POSITIVE_INFINITY;
  const monthly = nights.filter((d) => d.getUTCDate() === 1 && d.getTime() < oldestWeekly).slice(0, 3);
  return [...monthly, ...weekly, ...daily].sort((a, b) => a.getTime() - b.getTime());
}

/** The nas: the gitea dump (one zip) archived nightly at 03:00 into a repokey-blake2 repository, pruned and checked. */
function nas(now: Date): FixtureAnswer[] {
  const env = borgEnv({ passwordFile: DEMO_BORG.passwordFile, passwordEnv: null });
  const repo = DEMO_BORG.repo;
  const archives = kept(now).map(archive);
  const newest = archives.at(-1)!;
  // The dump grows by a few hundred kB a day: every archive reads the same on every demo day.
  const grown = Math.round((newest.start.getTime() - Date.parse('2026-10-01T00:00:00Z')) / DAY) * 310_000;
  const repository = { id: sha256Hex('borg:gitea-repo'), last_modified: borgTime(new Date(newest.start.getTime() + 41_000)), location: repo };
  const list = {
    archives: archives.map((a) => ({ archive: a.name, barchive: a.name, id: a.id, name: a.name, start: borgTime(a.start), time: borgTime(a.start) })),
    encryption: { mode: 'repokey-blake2' },
    repository,
  };
  const info = {
    archives: [
      {
        chunker_params: ['buzhash', 19, 23, 21, 4095],
        command_line: ['/usr/local/bin/borg', 'create', '--compression', 'zstd,6', `${repo}::gitea-{now:%Y-%m-%dT%H:%M}`, '/volume1/backups/gitea/gitea-dump.zip'],
        comment: '',
        duration: 41.228174,
        end: borgTime(new Date(newest.start.getTime() + 41_000)),
        hostname: 'nas',
        id: newest.id,
        limits: { max_archive_size: 0.0000131 },
        name: newest.name,
        start: borgTime(newest.start),
        stats: { compressed_size: 1_184_877_305 + grown, deduplicated_size: 38_412_230, nfiles: 1, original_size: 1_266_113_920 + grown },
        username: 'vigil',
      },
    ],
    cache: {
      path: `/var/services/homes/vigil/.cache/borg/${repository.id}`,
      stats: { total_chunks: 41_208, total_csize: 15_624_405_012, total_size: 16_693_480_960, total_unique_chunks: 6_102, unique_csize: 2_118_400_912 + grown, unique_size: 2_265_004_101 + grown },
    },
    encryption: { mode: 'repokey-blake2' },
    repository,
  };
  return [
    execAnswer(borgArgv(env, repo, ['list', '--json', '--bypass-lock', '--lock-wait', '5']), `${JSON.stringify(list, null, 4)}\n`),
    execAnswer(borgArgv(env, repo, ['info', '--json', '--bypass-lock', '--lock-wait', '5', '--last', '1']), `${JSON.stringify(info, null, 4)}\n`),
    missing(`${repo}/lock.exclusive`),
    missing(`${repo}/lock.roster`),
    execAnswer(borgArgv(env, repo, ['check', '--lock-wait', '5']), ''),
  ];
}

/** backup-borg runs where the borg repository is: the nas. */
export const backupBorgAnswers: DemoAnswers = { nas };
