// One whole run: lock → plan → gather/analyze on every host → JSON report → notes in the vault → state.
import { localDate } from '../../shared/dates';
import type { Finding } from '../../shared/finding';
import { REGISTRY } from '../checks/registry';
import type { AnyCheck } from '../checks/check';
import type { VigilConfig } from '../config/types';
import { ensureDir } from '../fs/atomic-write';
import type { Host } from '../host/host';
import { digestBody, digestFrontmatter } from '../vault/render-digest';
import { digestPath } from '../vault/paths';
import { VaultWriter } from '../vault/write-vault';
import { implicitCollectorHost, openHost, type OpenedHost } from './hosts';
import { acquireLock, type HeldLock } from './lock';
import { planTasks, type PlanFilter } from './plan';
import { pruneArchive, sortedFindings, summarise, writeReport, type RunReport } from './report';
import { runChecks, type ProgressListener } from './run-checks';
import { loadSalt } from './salt';
import { readState, writeState } from './state';

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
  onProgress?: ProgressListener;
}

/** What the CLI needs back. */
export interface RunResult {
  report: RunReport;
  findings: Finding[];
  archivePath: string | null;
}

function runIdOf(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
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
    if (lock.tookOverFrom !== null) {
      warnings.push(`took over a lock left by pid ${lock.tookOverFrom}, which is no longer running`);
    }
  }
  const opened = new Map<string, Promise<OpenedHost>>();
  try {
    const { state, warning } = await readState(config.stateDir);
    if (warning) warnings.push(warning);
    const writer = new VaultWriter(config.vault, config.folder, options.dryRun);
    if (!options.dryRun) {
      const swept = await writer.sweep().catch(() => 0);
      if (swept > 0) warnings.push(`removed ${swept} temp file(s) left by an interrupted write`);
    }

    const hostConfigs = [...config.hosts];
    if (!hostConfigs.some((h) => h.collector)) hostConfigs.push(implicitCollectorHost());
    const tasks = planTasks(config, registry, hostConfigs, options.filter);
    const needed = hostConfigs.filter((h) => tasks.some((t) => t.host.name === h.name));
    // Every host connects in parallel, and each host's checks start as soon as its own connection is up.
    for (const h of needed) {
      const supplied = options.hosts?.get(h.name);
      opened.set(h.name, supplied ? Promise.resolve({ config: h, host: supplied }) : openHost(h));
    }

    const salt = options.salt ?? (await loadSalt(config.stateDir, !options.dryRun));
    const result = await runChecks({
      config,
      tasks,
      hosts: opened,
      now,
      salt,
      previousMemory: state.memory,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    // A demo must come out byte-identical every time: timings are the only thing that varies.
    if (mode === 'demo') for (const o of result.outcomes) o.duration_ms = 0;
    const findings = sortedFindings(result.findings);
    const summary = summarise(findings, result.outcomes);
    const settled = new Map<string, OpenedHost>();
    for (const [name, p] of opened) settled.set(name, await p);
    const hosts = needed.map((h) => {
      const o = settled.get(h.name);
      return o && 'error' in o
        ? { name: h.name, kind: h.kind, reachable: false, reason: o.error }
        : { name: h.name, kind: h.kind, reachable: true };
    });
    const runId = runIdOf(now);

    // Notes: the digest of the day.
    const digest = digestPath(now);
    const previous = Object.entries(state.digests)
      .filter(([, p]) => p !== writer.vaultPath(digest))
      .sort(([a], [b]) => b.localeCompare(a))[0]?.[1];
    await writer.write({
      path: digest,
      ownership: 'whole',
      frontmatter: digestFrontmatter({ now, runId, hosts, findings, outcomes: result.outcomes, summary, previousDigest: null }),
      body: digestBody({
        now,
        runId,
        hosts,
        findings,
        outcomes: result.outcomes,
        summary,
        previousDigest: previous ?? null,
      }),
    });

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
      summary,
      checks: result.outcomes,
      findings,
      vault: { ...writer.summary, path: config.vault },
      warnings,
      extra: {},
    };

    let archivePath: string | null = null;
    if (!options.dryRun) {
      archivePath = await writeReport(config.stateDir, report);
      await pruneArchive(config.stateDir, config.run.keepReportsDays, now);
      const digestVaultPath = writer.vaultPath(digest);
      await writeState(config.stateDir, {
        ...state,
        memory: result.memory,
        last_run: { run_id: runId, finished_at: report.finished_at, digest: digestVaultPath },
        digests: { ...state.digests, [localDate(now)]: digestVaultPath },
      });
    }
    return { report, findings, archivePath };
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
