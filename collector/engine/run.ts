// One whole run: lock → plan → gather/analyze on every host → JSON report → notes in the vault → state.
import { localDate } from '../../shared/dates';
import type { Finding } from '../../shared/finding';
import { REGISTRY } from '../checks/registry';
import type { AnyCheck } from '../checks/check';
import type { VigilConfig } from '../config/types';
import { ensureDir } from '../fs/atomic-write';
import type { Host } from '../host/host';
import { VaultWriter } from '../vault/write-vault';
import type { CheckId } from '../../shared/ids';
import { computeBackups, type RestoreSection } from '../backups/backup-stage';
import { computeRunbooks } from '../runbooks/runbook-stage';
import { exportRunbook } from '../export/write-export';
import { messageOf } from '../errors/vigil-error';
import { afterChecks } from './after-checks';
import { implicitCollectorHost, openHost, type OpenedHost } from './hosts';
import { acquireLock, type HeldLock } from './lock';
import { planTasks, type PlanFilter } from './plan';
import { pruneArchive, sortedFindings, summarise, writeReport, type RunReport } from './report';
import { runChecks, type ProgressListener } from './run-checks';
import { loadSalt } from './salt';
import { markStale } from './stale';
import { readState, writeState, type RunState } from './state';

/** How to run. */
export interface RunOptions {
  config: VigilConfig;
  version: string;
  mode?: RunReport['mode'];
  registry?: readonly AnyCheck[];
  filter?: PlanFilter;
  /** The run's clock (defaults to the real time). */
  now?: Date;
  /** Run the checks, write nothing (no vault, no report, no state, no lock). */
  dryRun?: boolean;
  /** Hosts supplied by the caller (capture, replay, tests) instead of opening them from config. */
  hosts?: Map<string, Host>;
  /** A fixed salt (the demo, tests); otherwise state_dir/salt. */
  salt?: string;
  /** Send notifications (when configured); false for `--no-notify`, checks and replays. */
  notify?: boolean;
  /** Environment for secrets referenced by name (tokens); defaults to the process's. */
  env?: NodeJS.ProcessEnv;
  onProgress?: ProgressListener;
}

/** What the CLI needs back. */
export interface RunResult {
  report: RunReport;
  findings: Finding[];
  archivePath: string | null;
}

/** `20261123T061500Z`; milliseconds are kept when there are any, so two live runs never share an id. */
export function runIdOf(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.000Z$/, 'Z');
}

/** Execute a run. Throws only for what stops a run as a whole (lock held, state dir unusable). */
export async function executeRun(options: RunOptions): Promise<RunResult> {
  const { config } = options;
  const registry = options.registry ?? REGISTRY;
  const mode = options.mode ?? 'live';
  const startedReal = new Date();
  const now = options.now ?? startedReal;
  const warnings: string[] = [];
  let lock: HeldLock | null = null;
  if (!options.dryRun) {
    await ensureDir(config.stateDir);
    lock = await acquireLock(config.stateDir, startedReal);
    // Test-only: hold the lock a moment, so a concurrent run is certain to meet it.
    if (process.env.VIGIL_TEST_FAULT === 'hold-lock') await new Promise((r) => setTimeout(r, 2000));
    if (lock.tookOverFrom !== null) {
      warnings.push(`took over a lock left by pid ${lock.tookOverFrom}, which is no longer running`);
    }
  }
  const opened = new Map<string, Promise<OpenedHost>>();
  try {
    const read = await readState(config.stateDir);
    if (read.warning) warnings.push(read.warning);
    // A second run at the same instant starts from where the first one started: same inputs, same notes.
    const rerun = mode !== 'live' && read.state.last_run?.run_id === runIdOf(now) && read.state.before_last !== undefined;
    const state: RunState = rerun ? { ...read.state.before_last!, vigil_state: 1 } : read.state;
    const { before_last: _previous, ...inputState } = state;
    const writer = new VaultWriter(config.vault, config.folder, options.dryRun);
    if (!options.dryRun) {
      const swept = await writer.sweep().catch(() => 0);
      if (swept > 0) warnings.push(`removed ${swept} temp file(s) left by an interrupted write`);
    }

    const hostConfigs = [...config.hosts];
    if (!hostConfigs.some((h) => h.collector)) hostConfigs.push(implicitCollectorHost());
    const tasks = planTasks(config, registry, hostConfigs, options.filter);
    const needed = hostConfigs.filter((h) => tasks.some((t) => t.host.name === h.name));
    // A host connects when a worker takes it up (at most run.host_concurrency connections at once), and its
    // checks start as soon as its own connection is up; a slow host never holds up the others.
    const starters = new Map<string, () => void>();
    for (const h of needed) {
      const supplied = options.hosts?.get(h.name);
      if (supplied) {
        opened.set(h.name, Promise.resolve({ config: h, host: supplied }));
        continue;
      }
      let started = false;
      opened.set(
        h.name,
        new Promise<OpenedHost>((resolve) =>
          starters.set(h.name, () => {
            if (started) return;
            started = true;
            resolve(openHost(h));
          }),
        ),
      );
    }
    const startHost = (name: string) => starters.get(name)?.();

    const salt = options.salt ?? (await loadSalt(config.stateDir, !options.dryRun));
    const result = await runChecks({
      config,
      tasks,
      hosts: opened,
      now,
      salt,
      previousMemory: state.memory,
      startHost,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    // Every host was taken up by a worker; this only guards the awaits below against one that was not.
    for (const name of starters.keys()) startHost(name);
    // The backup stages see every check's facts (only they and the correlator see everything).
    const collectorHost = hostConfigs.find((h) => h.collector)?.name ?? 'local';
    const backups = await computeBackups({
      config,
      root: writer.root,
      facts: result.facts,
      previous: state.sections.restore as RestoreSection | undefined,
      now,
      collectorHost,
    });
    const runbooks = await computeRunbooks({
      config,
      root: writer.root,
      facts: result.facts,
      restores: backups.restores,
      now,
      collectorHost,
      vaultPathOf: (p) => writer.vaultPath(p),
    });
    // Derived checks join the run only when it is not narrowed to other checks (--only).
    const wanted = (id: string) => !options.filter?.only || options.filter.only.includes(id as CheckId);
    for (const o of [...backups.outcomes, runbooks.outcome]) if (wanted(o.check)) result.outcomes.push(o);
    for (const f of [...backups.findings, ...runbooks.findings]) if (wanted(f.check)) result.findings.push(f);
    // A demo must come out byte-identical every time: timings are the only thing that varies.
    if (mode === 'demo') for (const o of result.outcomes) o.duration_ms = 0;
    const findings = sortedFindings(result.findings);
    const settled = new Map<string, OpenedHost>();
    for (const [name, p] of opened) settled.set(name, await p);
    const hosts = needed.map((h) => {
      const o = settled.get(h.name);
      return o && 'error' in o
        ? { name: h.name, kind: h.kind, reachable: false, reason: o.error }
        : { name: h.name, kind: h.kind, reachable: true };
    });
    const runId = runIdOf(now);

    // Stale observations are flagged and never count as current.
    const { current, stale, all } = markStale(findings, now, config.run.staleAfterMs);
    // Old data says nothing about what is gone: those checks' incidents do not count this run as clean.
    const staleSources = new Set(stale.map((f) => `${f.check}|${f.host}`));
    for (const o of result.outcomes) if (staleSources.has(`${o.check}|${o.host}`)) o.stale = true;
    const sortedAll = sortedFindings(all);
    const finalSummary = summarise(sortedAll, result.outcomes);
    const after = await afterChecks({
      config,
      state,
      writer,
      now,
      runId,
      findings: sortedFindings(current),
      outcomes: result.outcomes,
      hosts,
      summary: finalSummary,
      // A same-instant rerun already notified everything it has to say.
      notify: options.notify !== false && !options.dryRun && !rerun,
      narrate: !options.dryRun,
      env: options.env ?? process.env,
      backups,
      runbooks,
    });
    warnings.push(...after.warnings);
    // The offline copy of the runbook, refreshed when configured (and untouched when nothing changed).
    if (config.exportHtml && !options.dryRun) {
      try {
        await exportRunbook(writer.root, config.folder, config.exportHtml, now, true);
      } catch (error) {
        warnings.push(`export ${config.exportHtml}: ${messageOf(error)}`);
      }
    }
    const finishedReal = new Date();
    const report: RunReport = {
      vigil_report: 1,
      vigil_version: options.version,
      run_id: runId,
      mode,
      started_at: (mode === 'live' ? startedReal : now).toISOString(),
      finished_at: (mode === 'live' ? finishedReal : now).toISOString(),
      duration_ms: mode === 'demo' ? 0 : finishedReal.getTime() - startedReal.getTime(),
      config: config.file,
      hosts,
      summary: finalSummary,
      checks: result.outcomes,
      findings: sortedAll,
      vault: { ...writer.summary, path: config.vault },
      warnings,
      extra: after.extra,
    };

    let archivePath: string | null = null;
    if (!options.dryRun) {
      archivePath = await writeReport(config.stateDir, report);
      await pruneArchive(config.stateDir, config.run.keepReportsDays, now);
      const digestVaultPath = writer.vaultPath(after.digest);
      await writeState(config.stateDir, {
        ...inputState,
        before_last: inputState,
        memory: result.memory,
        last_run: { run_id: runId, finished_at: report.finished_at, digest: digestVaultPath },
        digests: { ...state.digests, [localDate(now)]: digestVaultPath },
        sections: { ...state.sections, ...after.sections, restore: backups.section },
      });
    }
    return { report, findings: sortedAll, archivePath };
  } finally {
    await Promise.all(
      [...opened.values()].map(async (p) => {
        const o = await p;
        if ('host' in o && !options.hosts?.has(o.config.name)) await o.host.close();
      }),
    );
    await lock?.release();
  }
}
