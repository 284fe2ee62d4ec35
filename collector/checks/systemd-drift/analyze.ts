// Decide what drifted: failed units, expected services not running, unexpected services, timers Vigil relies on.
import type { FindingDraft } from '../../../shared/finding';
import type { Severity } from '../../../shared/severity';
import { unitType, type UnitFileRow, type UnitRow } from './parse';
import { BASELINE_SERVICES, isGlob, unitMatcher, withType } from './patterns';

/** One manager's parsed listings. */
export interface ManagerUnits {
  units: UnitRow[];
  failed: UnitRow[];
  unitFiles: UnitFileRow[];
}

/** The observation: the system manager, and the user manager when user timers were asked about. */
export interface DriftObservation {
  system: ManagerUnits;
  user: ManagerUnits | null;
  /** User timers are configured but `systemctl --user` could not reach a user manager. */
  userUnavailable: boolean;
}

/** Per-host additions to the lists (a homelab's machines run different things). */
export interface HostDriftOptions {
  expected?: string[];
  timers?: string[];
  user_timers?: string[];
}

/** Options of the check. `expected` left out means "no allowlist", which is not the same as an empty one. */
export interface DriftOptions {
  expected?: string[];
  timers: string[];
  user_timers: string[];
  baseline: boolean;
  hosts: Record<string, HostDriftOptions>;
}

/** The lists that apply to one host: the global ones plus its own. */
export interface DriftPlan {
  expected: string[] | null;
  timers: string[];
  userTimers: string[];
}

/** Merge the global lists with the host's own. */
export function planFor(options: DriftOptions, host: string): DriftPlan {
  const own = options.hosts[host] ?? {};
  const expected = options.expected === undefined && own.expected === undefined ? null : [...(options.expected ?? []), ...(own.expected ?? [])];
  const timers = [...new Set([...options.timers, ...(own.timers ?? [])].map((t) => withType(t, 'timer')))];
  const userTimers = [...new Set([...options.user_timers, ...(own.user_timers ?? [])].map((t) => withType(t, 'timer')))];
  return { expected, timers, userTimers };
}

/** Unit-file states under which a unit starts by itself (at boot or through another unit). systemctl(1), is-enabled. */
const STARTS_BY_ITSELF = new Set(['enabled', 'enabled-runtime', 'static', 'indirect', 'generated', 'transient', 'linked', 'linked-runtime', 'alias']);

/** "Service ssh" / "Timer vigil.timer" / "Unit srv-nas.mount" as titles name them. */
function label(unit: string): string {
  const type = unitType(unit);
  if (type === 'service') return `Service ${unit.slice(0, -'.service'.length)}`;
  return type === 'timer' ? `Timer ${unit}` : `Unit ${unit}`;
}

function shortName(unit: string): string {
  return unit.endsWith('.service') ? unit.slice(0, -'.service'.length) : unit;
}

function isUp(u: UnitRow): boolean {
  return u.active === 'active' || u.active === 'reloading';
}

/** Failed units from both listings, once each, in name order. */
function failedUnits(m: ManagerUnits): UnitRow[] {
  const byName = new Map<string, UnitRow>();
  for (const u of [...m.failed, ...m.units]) if (u.active === 'failed' && !byName.has(u.unit)) byName.set(u.unit, u);
  return [...byName.values()].sort((a, b) => a.unit.localeCompare(b.unit));
}

interface Scope {
  /** '' for the system manager, '--user ' for the user's. */
  flag: string;
  prefix: string;
  where: string;
}

const SYSTEM: Scope = { flag: '', prefix: '', where: '' };
const USER: Scope = { flag: '--user ', prefix: 'user-', where: ' (user manager)' };

function failedFindings(m: ManagerUnits, host: string, scope: Scope, important: (unit: string) => string | null): FindingDraft[] {
  return failedUnits(m).map((u) => {
    const why = important(u.unit);
    // A failed unit is what `systemctl is-system-running` reports as "degraded" (systemctl(1)); one the user said
    // must run, or the job behind a timer Vigil was told to watch, is a broken guarantee: high.
    const severity: Severity = why ? 'high' : 'medium';
    return {
      subject: `${scope.prefix}failed:${u.unit}`,
      severity,
      title: `${label(u.unit)} failed on ${host}${scope.where}`,
      evidence: { unit: u.unit, type: unitType(u.unit), state: `${u.active}/${u.sub}`, load: u.load, important: why },
      remediation: `See why with systemctl ${scope.flag}status ${u.unit} and journalctl ${scope.flag}-u ${u.unit}; systemctl ${scope.flag}reset-failed ${u.unit} clears the state once fixed.`,
    };
  });
}

function missingFindings(m: ManagerUnits, expected: string[], host: string): FindingDraft[] {
  const out: FindingDraft[] = [];
  const names = [...new Set(expected.filter((p) => !isGlob(p)).map((p) => withType(p, 'service')))].sort();
  for (const unit of names) {
    const row = m.units.find((u) => u.unit === unit);
    const file = m.unitFiles.find((f) => f.unit === unit);
    if (row && (isUp(row) || row.active === 'failed')) continue; // failed ones are reported as failed, at high
    if (row && row.active === 'activating' && row.sub !== 'auto-restart') continue; // starting right now
    // Socket-activated: systemd itself listens and starts the service on the first connection.
    const socket = m.units.find((u) => u.unit === unit.replace(/\.service$/, '.socket'));
    if (socket && isUp(socket) && row?.active !== 'activating') continue;
    if (!row && file?.state === 'alias') {
      // `sshd` on Debian is an alias of ssh.service: list-units shows units by their own names only.
      out.push({
        subject: `missing:${unit}`,
        severity: 'low',
        title: `Expected service ${shortName(unit)} is an alias on ${host}, so Vigil cannot see whether it runs`,
        evidence: { unit, enabled: 'alias' },
        remediation: `systemctl show -p Id ${unit} prints the unit's own name: list that in checks.systemd-drift.expected.`,
      });
      continue;
    }
    const installed = Boolean(file) || (row !== undefined && row.load !== 'not-found');
    const restarting = row?.sub === 'auto-restart';
    out.push({
      subject: `missing:${unit}`,
      // An expected service crash-looping is down in all but name: high, as a failed one. One that is merely
      // stopped or not installed may be deliberate (maintenance, a migration): medium.
      severity: restarting ? 'high' : 'medium',
      title: restarting
        ? `Expected service ${shortName(unit)} keeps crashing and restarting on ${host}`
        : installed
          ? `Expected service ${shortName(unit)} is not running on ${host}`
          : `Expected service ${shortName(unit)} is not installed on ${host}`,
      evidence: { unit, state: row ? `${row.active}/${row.sub}` : 'not loaded', enabled: file?.state ?? null, installed },
      remediation: installed
        ? `systemctl status ${unit} shows why; systemctl enable --now ${unit} starts it. If it was retired, remove it from checks.systemd-drift.expected.`
        : `Install it, or remove "${shortName(unit)}" from checks.systemd-drift.expected if it moved elsewhere.`,
    });
  }
  return out;
}

/** Services that run or start at boot, beyond the OS baseline and the allowlist, with how they show up. */
function candidates(m: ManagerUnits, skip: (unit: string) => boolean): { unit: string; running: boolean; enabled: string | null }[] {
  const found = new Map<string, { unit: string; running: boolean; enabled: string | null }>();
  for (const u of m.units) {
    if (unitType(u.unit) === 'service' && isUp(u) && u.sub === 'running' && !skip(u.unit)) found.set(u.unit, { unit: u.unit, running: true, enabled: null });
  }
  for (const f of m.unitFiles) {
    // Templates (name@.service) run only as instances, which list-units shows by their own names.
    if (unitType(f.unit) !== 'service' || f.unit.includes('@.') || (f.state !== 'enabled' && f.state !== 'enabled-runtime') || skip(f.unit)) continue;
    const seen = found.get(f.unit);
    found.set(f.unit, { unit: f.unit, running: seen?.running ?? false, enabled: f.state });
  }
  for (const c of found.values()) if (c.enabled === null) c.enabled = m.unitFiles.find((f) => f.unit === c.unit)?.state ?? null;
  return [...found.values()].sort((a, b) => a.unit.localeCompare(b.unit));
}

function unexpectedFindings(list: ReturnType<typeof candidates>, host: string): FindingDraft[] {
  return list.map((c) => ({
    subject: `unexpected:${c.unit}`,
    // Every service that is not needed is attack surface to remove or disable (CIS Controls v8 safeguard 4.8;
    // CIS distribution benchmarks, section 2.2 "Special Purpose Services"). Running now: medium. Only enabled,
    // so it starts at the next boot: low.
    severity: c.running ? 'medium' : 'low',
    title: `Service ${shortName(c.unit)} is ${c.running ? 'running' : 'enabled'} on ${host} but not expected`,
    evidence: { unit: c.unit, running: c.running, enabled: c.enabled },
    remediation: `If it belongs there, add "${shortName(c.unit)}" to checks.systemd-drift.expected; otherwise systemctl disable --now ${c.unit}.`,
  }));
}

function timerFindings(m: ManagerUnits, timers: string[], host: string, scope: Scope): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const timer of timers) {
    const row = m.units.find((u) => u.unit === timer);
    const file = m.unitFiles.find((f) => f.unit === timer);
    if (row?.active === 'failed') continue; // reported as a failed unit, at high
    const subject = `${scope.prefix}timer:${timer}`;
    if (!file && (!row || row.load === 'not-found')) {
      // A job Vigil was told depends on this timer will never run: high.
      out.push({
        subject,
        severity: 'high',
        title: `Timer ${timer} is not installed on ${host}${scope.where}`,
        evidence: { timer, state: 'not installed' },
        remediation: `Install the timer unit, or remove ${timer} from checks.systemd-drift.${scope.flag ? 'user_timers' : 'timers'}.`,
      });
      continue;
    }
    const disabled = file !== undefined && !STARTS_BY_ITSELF.has(file.state);
    const inactive = !row || row.active !== 'active';
    if (!disabled && !inactive) continue;
    // Not active: it will not fire until started. Not enabled: it will not survive the next reboot. Both are a
    // silent stop of whatever the timer runs (backups, this audit): medium, since the job itself has not failed.
    out.push({
      subject,
      severity: 'medium',
      title: inactive
        ? `Timer ${timer} is not active on ${host}${scope.where}: it will not fire`
        : `Timer ${timer} is not enabled on ${host}${scope.where}: it stops at the next reboot`,
      evidence: { timer, state: row ? `${row.active}/${row.sub}` : 'not loaded', enabled: file?.state ?? null },
      remediation: `systemctl ${scope.flag}enable --now ${timer}`,
    });
  }
  return out;
}

/** Findings for one host (pure). */
export function analyzeDrift(obs: DriftObservation, options: DriftOptions, host: string): FindingDraft[] {
  const plan = planFor(options, host);
  const baseline = options.baseline ? unitMatcher(BASELINE_SERVICES, 'service') : () => false;
  const expectedMatch = plan.expected ? unitMatcher(plan.expected, 'service') : () => false;
  const importance = (timers: string[]) => (unit: string) => {
    if (timers.includes(unit)) return 'watched timer';
    const timer = timers.find((t) => t.replace(/\.timer$/, '.service') === unit);
    if (timer) return `runs from ${timer}`;
    return plan.expected && unitType(unit) === 'service' && expectedMatch(unit) ? 'expected service' : null;
  };
  const out = [...failedFindings(obs.system, host, SYSTEM, importance(plan.timers))];
  if (plan.expected) {
    out.push(...missingFindings(obs.system, plan.expected, host));
    out.push(...unexpectedFindings(candidates(obs.system, (u) => expectedMatch(u) || baseline(u)), host));
  }
  out.push(...timerFindings(obs.system, plan.timers, host, SYSTEM));
  if (plan.userTimers.length > 0) {
    if (obs.user) {
      // The user manager is asked only about the watched user timers: its other failed units (a desktop session's,
      // say) are that user's business, so only failures tied to those timers are reported.
      out.push(...failedFindings(obs.user, host, USER, importance(plan.userTimers)).filter((f) => f.severity === 'high'));
      out.push(...timerFindings(obs.user, plan.userTimers, host, USER));
    } else if (obs.userUnavailable) {
      out.push({
        subject: 'user-manager',
        // The timers may be fine; Vigil cannot tell. Low, so it is seen without raising an incident.
        severity: 'low',
        title: `The user's systemd manager on ${host} could not be asked, so ${plan.userTimers.join(', ')} went unchecked`,
        evidence: { timers: plan.userTimers.join(', ') },
        remediation: 'Run Vigil as the user that owns the timers, with a session or lingering enabled (loginctl enable-linger USER).',
      });
    }
  }
  if (!plan.expected) {
    // Without an allowlist every service would be "new": say once, at info, what went uncompared and how to start.
    const open = candidates(obs.system, baseline);
    out.push({
      subject: 'allowlist',
      severity: 'info',
      title: `No expected-services list for ${host}, so ${open.length} service${open.length === 1 ? '' : 's'} beyond the OS baseline went uncompared`,
      evidence: { services: open.length, running: open.filter((c) => c.running).length, allowlist: false },
      remediation: 'List the services this host should run under checks.systemd-drift.expected (or hosts.<name>.expected) to be told when one appears or stops.',
    });
  }
  return out;
}
