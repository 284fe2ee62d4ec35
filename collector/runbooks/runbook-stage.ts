// Runbooks after the checks: read the user's runbooks, judge coverage (runbook-coverage), and the rows Recovery.md lists.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { completeFinding, type Finding, type FindingDraft } from '../../shared/finding';
import type { DataClass, ServiceSettings, VigilConfig } from '../config/types';
import type { ContainerFacts } from '../checks/docker-posture';
import type { CheckOutcome } from '../engine/run-checks';
import type { RestoreSituation } from '../backups/backup-stage';
import { runbookPath } from '../vault/paths';
import { runbookRestoreSteps } from './runbook-steps';
import { RUNBOOK_TEMPLATES } from './templates';
import { networkMountOf, parseMounts } from './vault-location';

/** How often each class should be proven restorable (the user's restore calendar), plus grace. */
const CLASS_PERIOD_DAYS: Record<DataClass, number | null> = { irreplaceable: 31 + 7, 'service-state': 92 + 14, rebuild: 366 + 30, convenience: null };

/** The rhythm of the user's restore calendar per class, in words. */
const CLASS_RHYTHM: Record<DataClass, string> = { irreplaceable: 'monthly', 'service-state': 'quarterly', rebuild: 'yearly', convenience: 'when convenient' };

/** What the stage learned about one service's runbook. */
export interface RunbookInfo {
  service: ServiceSettings;
  /** The note exists (the user's, or written by this run). */
  exists: boolean;
  steps: string[] | null;
  lastVerified: { at: string; test: string; path: string | null } | null;
}

/** The stage's result. */
export interface RunbookComputation {
  runbooks: RunbookInfo[];
  findings: Finding[];
  outcome: CheckOutcome;
}

/** Everything the coverage judgement needs (pure). */
export interface CoverageInput {
  config: VigilConfig;
  runbooks: readonly RunbookInfo[];
  containers: ReadonlyMap<string, { name: string; running: boolean }[]>;
  vaultMount: { server: string; target: string; source: string } | null;
  now: Date;
  /** The host Vigil runs on (whose disk holds the vault when it is not a network mount). */
  collectorHost?: string;
}

/** runbook-coverage findings, each with the host it concerns. */
export function judgeCoverage(input: CoverageInput): { host: string | null; draft: FindingDraft }[] {
  const out: { host: string | null; draft: FindingDraft }[] = [];
  const { config } = input;
  const covered = new Set(config.services.flatMap((s) => s.containers.map((c) => `${s.host ?? '*'}/${c}`)));
  for (const [host, containers] of input.containers) {
    for (const c of containers.filter((x) => x.running)) {
      if (covered.has(`${host}/${c.name}`) || covered.has(`*/${c.name}`)) continue;
      out.push({
        host,
        draft: {
          subject: `container:${c.name}`,
          severity: 'low',
          title: `Container ${c.name} runs on ${host} but no runbook says how to bring it back`,
          evidence: { container: c.name },
          remediation: `Add it to a service in vigil.yaml (services: … containers: [${c.name}]), and Vigil writes the runbook.`,
        },
      });
    }
  }
  const inServices = new Set(config.services.flatMap((s) => s.backups));
  for (const job of config.backups.filter((j) => !inServices.has(j.name))) {
    out.push({
      host: job.host,
      draft: {
        subject: `job:${job.name}`,
        severity: 'low',
        title: `Backup ${job.name} belongs to no runbook: nobody wrote down how to restore from it`,
        evidence: { job: job.name, data_class: job.dataClass },
        remediation: 'List it under the backups of the service it protects.',
      },
    });
  }
  for (const r of input.runbooks) {
    const s = r.service;
    if (r.exists && !r.steps) {
      out.push({
        host: s.host,
        draft: {
          subject: `no-procedure:${s.name}`,
          severity: 'medium',
          title: `The runbook for ${s.name} has no restore procedure`,
          evidence: { service: s.name },
          remediation: 'Put the steps as a list under a heading with "Restore" in it.',
        },
      });
    }
    const periodDays = CLASS_PERIOD_DAYS[s.dataClass ?? 'service-state'];
    if (periodDays === null) continue;
    const ageDays = r.lastVerified ? (input.now.getTime() - Date.parse(r.lastVerified.at)) / 86_400_000 : null;
    if (ageDays === null || ageDays > periodDays) {
      out.push({
        host: s.host,
        draft: {
          subject: `unverified:${s.name}`,
          // An untested runbook for data that cannot be recreated is the "0" of 3-2-1-1-0 failing.
          severity: s.dataClass === 'irreplaceable' || s.dataClass === 'service-state' || s.kind === 'password-vault' ? 'medium' : 'low',
          title:
            ageDays === null
              ? `The runbook for ${s.name} was never verified by a restore test`
              : `The runbook for ${s.name} was last verified ${Math.round(ageDays)} days ago; ${s.dataClass ?? 'service-state'} data is restore-tested ${CLASS_RHYTHM[s.dataClass ?? 'service-state']}`,
          evidence: { service: s.name, data_class: s.dataClass ?? 'service-state', last_verified: r.lastVerified?.at ?? null },
          remediation: `Schedule a restore test with runbook: ${s.name} in restore_tests.`,
        },
      });
    }
  }
  // The machines the runbooks recover, by every name a mount may use: host name, SSH address, a NAS service's name.
  const names = [
    ...config.hosts.flatMap((h) => [h.name, h.ssh?.host ?? '']),
    ...config.services.flatMap((s) => [s.host ?? '', s.kind === 'nas' ? s.name : '']),
  ].filter(Boolean);
  if (input.vaultMount && names.some((n) => sameMachine(n, input.vaultMount!.server))) {
    out.push({
      host: null,
      draft: {
        subject: 'vault-location',
        severity: 'high',
        title: `The vault lives on ${input.vaultMount.server} (mounted at ${input.vaultMount.target}): the recovery notes are on a machine they are meant to recover`,
        evidence: { server: input.vaultMount.server, mount: input.vaultMount.target },
        remediation: 'Keep the vault on the laptop or phone (synced), and export the runbook (vigil export-runbook) to a USB stick.',
      },
    });
  }
  // Vigil running on the NAS itself, with the vault on its own disk: the same trap without a network mount.
  const nas = config.services.filter((s) => s.kind === 'nas').flatMap((s) => [s.host ?? '', s.name]).filter(Boolean);
  const here = input.collectorHost;
  if (!input.vaultMount && here && nas.some((n) => sameMachine(n, here))) {
    out.push({
      host: null,
      draft: {
        subject: 'vault-location',
        severity: 'high',
        title: `The vault lives on ${here}, the NAS Vigil runs on: the recovery notes are on the machine they are meant to recover`,
        evidence: { server: here, mount: config.vault },
        remediation: 'Sync the vault to a laptop or phone (Obsidian Sync, Syncthing), and export the runbook (vigil export-runbook) to a USB stick.',
      },
    });
  }
  return out;
}

/** Two names for one machine: equal ignoring case, or one is the other's first DNS label (`nas` = `nas.home.arpa`). */
export function sameMachine(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  const isIp = (s: string) => /^[\d.]+$/.test(s) || s.includes(':');
  if (isIp(x) || isIp(y)) return false;
  return x.split('.')[0] === y.split('.')[0] && (!x.includes('.') || !y.includes('.'));
}

/** Read the runbooks, find the vault's mount, judge coverage. Writes nothing. */
export async function computeRunbooks(input: {
  config: VigilConfig;
  root: string;
  facts: Record<string, unknown>;
  restores: readonly RestoreSituation[];
  now: Date;
  collectorHost: string;
  vaultPathOf: (p: string) => string;
  mountsText?: string | null;
}): Promise<RunbookComputation> {
  const { config } = input;
  const runbooks: RunbookInfo[] = [];
  for (const service of config.services) {
    let text: string | null = null;
    try {
      text = await readFile(join(input.root, ...runbookPath(service.name).split('/')), 'utf8');
    } catch {
      text = null;
    }
    const passed = input.restores
      .filter((r) => r.test.runbook === service.name && r.lastPassed)
      .sort((a, b) => Date.parse(b.lastPassed!) - Date.parse(a.lastPassed!))[0];
    runbooks.push({
      service,
      exists: text !== null,
      // A runbook written by this very run starts from its kind's template, so its steps are known already.
      steps: text === null ? RUNBOOK_TEMPLATES[service.kind].restore : runbookRestoreSteps(text),
      lastVerified: passed ? { at: passed.lastPassed!, test: passed.test.name, path: input.vaultPathOf(passed.path) } : null,
    });
  }
  const containers = new Map<string, { name: string; running: boolean }[]>();
  for (const [key, value] of Object.entries(input.facts)) {
    if (!key.startsWith('docker-posture|')) continue;
    containers.set(key.slice('docker-posture|'.length), (value as ContainerFacts).containers ?? []);
  }
  let mountsText = input.mountsText;
  if (mountsText === undefined) mountsText = await readFile('/proc/mounts', 'utf8').catch(() => null);
  const vaultMount = mountsText ? networkMountOf(config.vault, parseMounts(mountsText)) : null;
  const active = config.services.length > 0 || config.backups.length > 0;
  const judged = active ? judgeCoverage({ config, runbooks, containers: config.services.length > 0 ? containers : new Map(), vaultMount, now: input.now, collectorHost: input.collectorHost }) : [];
  const findings = judged.map(({ host, draft }) => completeFinding('runbook-coverage', host ?? input.collectorHost, input.now.toISOString(), draft));
  return {
    runbooks,
    findings,
    outcome: {
      check: 'runbook-coverage',
      host: input.collectorHost,
      status: active ? 'ok' : 'skipped',
      ...(active ? {} : { reason: 'no services or backups configured' }),
      duration_ms: 0,
      findings: findings.length,
    },
  };
}
