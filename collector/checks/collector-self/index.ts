// collector-self: is Vigil itself healthy — private state, recent successful runs, a sane lock, an enabled timer.
import * as v from 'valibot';
import type { FindingDraft } from '../../../shared/finding';
import { isProbeError } from '../../errors/probe-error';
import type { FileStat, Host } from '../../host/host';
import { defineCheck } from '../check';
import { durationSchema } from '../../config/value-schemas';

/** What the probe saw of Vigil's own state. */
export interface SelfObservation {
  stateDir: string;
  stateDirStat: FileStat | null;
  latest: { stat: FileStat; finishedAt: string | null; vaultErrors: number; kept?: string[]; checksFailed: number } | null;
  latestUnreadable: boolean;
  lock: { pid: number; tookOverFrom: number | null } | null;
  timer: { name: string; loadState: string; activeState: string; unitFileState: string } | null;
}

/** Options of the check. */
export interface SelfOptions {
  state_dir?: string;
  max_gap: number;
  timer: string;
}

function parseLatest(text: string): { finishedAt: string | null; vaultErrors: number; kept: string[]; checksFailed: number } | null {
  try {
    const r = JSON.parse(text) as {
      finished_at?: unknown;
      vault?: { errors?: unknown[]; kept?: { path?: unknown }[] };
      checks?: { status?: string }[];
    };
    return {
      finishedAt: typeof r.finished_at === 'string' ? r.finished_at : null,
      vaultErrors: Array.isArray(r.vault?.errors) ? r.vault.errors.length : 0,
      kept: Array.isArray(r.vault?.kept) ? r.vault.kept.map((k) => (typeof k?.path === 'string' ? k.path : '?')) : [],
      checksFailed: Array.isArray(r.checks) ? r.checks.filter((c) => c.status === 'error').length : 0,
    };
  } catch {
    return null;
  }
}

/** `systemctl show` prints KEY=value lines. */
export function parseSystemctlShow(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return out;
}

async function probeTimer(host: Host, name: string, signal: AbortSignal): Promise<SelfObservation['timer']> {
  try {
    const r = await host.exec(['systemctl', 'show', name, '--property=LoadState,ActiveState,UnitFileState'], { signal, timeoutMs: 10_000 });
    if (r.code !== 0) return null;
    const p = parseSystemctlShow(r.stdout);
    if (!p.LoadState) return null;
    return { name, loadState: p.LoadState, activeState: p.ActiveState ?? '', unitFileState: p.UnitFileState ?? '' };
  } catch {
    return null;
  }
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

/** Findings about Vigil's own health (pure). */
export function analyzeSelf(obs: SelfObservation, options: SelfOptions, now: Date): FindingDraft[] {
  const out: FindingDraft[] = [];
  if (obs.stateDirStat && obs.stateDirStat.mode & 0o077) {
    out.push({
      subject: 'state-dir-mode',
      severity: 'medium',
      title: `Vigil's state directory is open to other users (mode ${octal(obs.stateDirStat.mode)})`,
      evidence: { path: obs.stateDir, mode: octal(obs.stateDirStat.mode) },
      remediation: `chmod 700 ${obs.stateDir}`,
    });
  }
  if (obs.latest && obs.latest.stat.mode & 0o077) {
    out.push({
      subject: 'report-mode',
      severity: 'medium',
      title: `Vigil's latest report is readable by other users (mode ${octal(obs.latest.stat.mode)})`,
      evidence: { path: `${obs.stateDir}/latest.json`, mode: octal(obs.latest.stat.mode) },
      remediation: `chmod 600 ${obs.stateDir}/latest.json`,
    });
  }
  if (obs.latestUnreadable) {
    out.push({
      subject: 'report-unreadable',
      severity: 'low',
      title: "Vigil's previous report could not be read back",
      evidence: { path: `${obs.stateDir}/latest.json` },
    });
  }
  if (obs.latest?.finishedAt) {
    const ageMs = now.getTime() - Date.parse(obs.latest.finishedAt);
    if (ageMs > options.max_gap) {
      const hours = Math.round(ageMs / 3_600_000);
      out.push({
        subject: 'last-run-age',
        severity: 'medium',
        title: `Vigil's previous run finished ${hours >= 48 ? `${Math.round(hours / 24)} days` : `${hours} hours`} ago`,
        evidence: { last_run: obs.latest.finishedAt, age_hours: hours, max_gap_hours: Math.round(options.max_gap / 3_600_000) },
        remediation: 'Check that the timer or cron job still runs (vigil schedule prints one).',
      });
    }
  }
  if (obs.latest && obs.latest.vaultErrors > 0) {
    out.push({
      subject: 'last-run-vault-errors',
      severity: 'medium',
      title: `Vigil's previous run could not write ${obs.latest.vaultErrors} note${obs.latest.vaultErrors === 1 ? '' : 's'}`,
      evidence: { notes: obs.latest.vaultErrors },
      remediation: 'See vault.errors in latest.json.',
    });
  }
  const kept = obs.latest?.kept ?? [];
  if (kept.length > 0) {
    const n = kept.length;
    out.push({
      subject: 'last-run-kept-notes',
      severity: 'low',
      title: `${n} note${n === 1 ? '' : 's'} you edited could not be updated by Vigil (left as you have ${n === 1 ? 'it' : 'them'})`,
      evidence: { notes: n, paths: kept.slice(0, 5).join(', ') },
      remediation: 'Open the note: its frontmatter or a %% vigil %% block marker was broken by an edit. Fix it, or delete the note and Vigil writes it afresh.',
    });
  }
  if (obs.lock?.tookOverFrom) {
    out.push({
      subject: 'stale-lock',
      severity: 'low',
      title: `A previous Vigil run (pid ${obs.lock.tookOverFrom}) died without releasing its lock`,
      evidence: { pid: obs.lock.tookOverFrom },
      remediation: 'Look for a crash or an out-of-memory kill in the journal or cron mail.',
    });
  }
  const t = obs.timer;
  if (t && t.loadState === 'loaded' && t.unitFileState !== 'enabled') {
    out.push({
      subject: `timer:${t.name}`,
      severity: 'medium',
      title: `${t.name} is installed but not enabled`,
      evidence: { unit: t.name, state: t.unitFileState, active: t.activeState },
      remediation: `systemctl enable --now ${t.name}`,
    });
  }
  return out;
}

export const collectorSelf = defineCheck<SelfObservation, SelfOptions>({
  id: 'collector-self',
  title: 'Vigil itself',
  domain: 'self',
  scope: 'collector',
  description: "Vigil's own state directory and report permissions, the age of its last run, its lock and its timer.",
  options: {
    state_dir: v.optional(v.string()),
    max_gap: v.optional(durationSchema, '36h'),
    timer: v.optional(v.string(), 'vigil.timer'),
  },
  async gather({ host, config, options, signal }) {
    const stateDir = options.state_dir ?? config.stateDir;
    const stateDirStat = await host.stat(stateDir);
    let latest: SelfObservation['latest'] = null;
    let latestUnreadable = false;
    const latestStat = await host.stat(`${stateDir}/latest.json`);
    if (latestStat) {
      try {
        const parsed = parseLatest((await host.readFile(`${stateDir}/latest.json`, { signal, maxBytes: 64 * 1024 * 1024 })).toString('utf8'));
        if (parsed) latest = { stat: latestStat, ...parsed };
        else latestUnreadable = true;
      } catch (error) {
        if (!isProbeError(error)) throw error;
        latestUnreadable = true;
      }
    }
    let lock: SelfObservation['lock'] = null;
    try {
      const info = JSON.parse((await host.readFile(`${stateDir}/vigil.lock`, { signal })).toString('utf8')) as {
        pid?: number;
        took_over_from?: number;
      };
      if (typeof info.pid === 'number') lock = { pid: info.pid, tookOverFrom: info.took_over_from ?? null };
    } catch {
      lock = null;
    }
    const timer = await probeTimer(host, options.timer, signal);
    return { status: 'data', data: { stateDir, stateDirStat, latest, latestUnreadable, lock, timer } };
  },
  analyze(obs, { options, now }) {
    return analyzeSelf(obs, options, now);
  },
});
