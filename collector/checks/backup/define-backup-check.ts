// The frame the three backup checks share: pick the host's jobs, observe each, judge, remember, hand over facts.
import type * as v from 'valibot';
import type { FindingDraft } from '../../../shared/finding';
import type { CheckId } from '../../../shared/ids';
import type { BackupJob } from '../../config/types';
import { defineCheck, type AnyCheck, type GatherContext } from '../check';
import type { BackupFacts } from './facts';
import { jobFacts } from './job-facts';
import { destinationOf, jobsOn } from './jobs';
import { judgeJob } from './judge';
import { jobMemory, readMemory, rememberBackups, type JobMemory } from './memory';
import { NO_VERIFY, type BackupObservation, type JobObservation } from './observation';
import { backupOptionEntries, type BackupDefaults, type BackupOptions } from './options';
import { toDraft } from './policy';
import { Budget } from './tool';

/** What each backup check supplies: how to observe one job. */
export interface BackupCheckSpec {
  id: CheckId;
  title: string;
  description: string;
  kind: BackupJob['kind'];
  timeoutMs: number;
  defaults: BackupDefaults;
  /** Observe one job through ctx.host; never throws for the job's own problems (they are in `access`). */
  observeJob(job: BackupJob, ctx: GatherContext<BackupOptions>, memory: JobMemory | null, budget: Budget): Promise<JobObservation>;
}

/** A job's observation before anything was looked at: what the config says about it. */
export function startObservation(job: BackupJob): JobObservation {
  return {
    job: job.name,
    kind: job.kind,
    dataClass: job.dataClass,
    maxAgeMs: job.maxAgeMs,
    offline: job.copy.offline,
    destination: destinationOf(job),
    access: null,
    points: [],
    repoBytes: null,
    locks: [],
    verify: NO_VERIFY,
    newestEvidence: {},
    limits: { minSize: job.minSize, maxFiles: job.maxFiles },
    truncated: false,
  };
}

/** Verification is due when it never ran, its last attempt did not pass, or the last pass is older than verify_every. */
export function verifyDue(memory: JobMemory | null, now: Date, everyMs: number): boolean {
  const last = memory?.verify;
  if (!last?.lastAttempt || last.lastResult !== 'passed') return true;
  return now.getTime() - Date.parse(last.lastAttempt) >= everyMs;
}

/** Define a backup check from its job observer. */
export function defineBackupCheck(spec: BackupCheckSpec): AnyCheck {
  const entries: v.ObjectEntries = backupOptionEntries(spec.defaults);
  return defineCheck<BackupObservation, BackupOptions>({
    id: spec.id,
    title: spec.title,
    domain: 'backup',
    scope: 'host',
    description: spec.description,
    options: entries,
    timeoutMs: spec.timeoutMs,
    async gather(ctx) {
      const jobs = jobsOn(ctx.config, ctx.hostConfig.name, spec.kind);
      if (jobs.length === 0) return { status: 'skipped', reason: `no ${spec.kind} jobs on this host` };
      const memory = readMemory(ctx.previous, ctx.now);
      const budget = new Budget(ctx.config.checks[spec.id]?.timeoutMs ?? spec.timeoutMs);
      const observed: JobObservation[] = [];
      // One job after another: two checks of the same disk at once only make both slower.
      for (const job of jobs) observed.push(await spec.observeJob(job, ctx, jobMemory(memory, job.name), budget));
      return { status: 'data', data: { observedAt: ctx.now.toISOString(), jobs: observed } };
    },
    analyze(obs, { host, now, options, previous }) {
      const memory = readMemory(previous, now);
      return obs.jobs.flatMap((job): FindingDraft[] =>
        judgeJob(job, jobMemory(memory, job.job), host, now, options).issues.map((issue) => toDraft(job.job, job.dataClass, issue)),
      );
    },
    remember: (obs, previous) => rememberBackups(obs, previous),
    facts(obs, { host, now, options, previous }): BackupFacts {
      const memory = readMemory(previous, now);
      return {
        jobs: obs.jobs.map((job) => {
          const mem = jobMemory(memory, job.job);
          return jobFacts(job, judgeJob(job, mem, host, now, options), mem, host, now);
        }),
      };
    },
  });
}
