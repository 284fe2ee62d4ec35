// systemd-drift: failed units, services that appeared or stopped against an allowlist, and the timers Vigil relies on.
import * as v from 'valibot';
import { defineCheck } from '../check';
import { analyzeDrift, planFor, type DriftObservation, type DriftOptions, type ManagerUnits } from './analyze';
import { parseListUnitFiles, parseListUnits } from './parse';
import { isGlob, PATTERN_CHARS } from './patterns';
import { LIST_FAILED, LIST_UNIT_FILES, LIST_UNITS, probeSystemd, userCommand, type ManagerRaw } from './probe';

/** A unit type other than the one a list is about (`docker.socket` in `expected`, `backup.service` in `timers`). */
const otherType = (s: string, type: string) => {
  const m = /\.(service|socket|target|device|mount|automount|swap|timer|path|slice|scope)$/.exec(s);
  return m !== null && m[1] !== type;
};

const pattern = v.pipe(
  v.string(),
  v.regex(PATTERN_CHARS, 'expected a unit name or pattern such as "ssh", "docker.service" or "getty@*"'),
  v.check((s) => !otherType(s, 'service'), 'expected lists services: "ssh" or "ssh.service"'),
);
const timer = v.pipe(
  v.string(),
  v.regex(PATTERN_CHARS, 'expected a timer name such as "vigil.timer"'),
  v.check((s) => !isGlob(s), 'name timers exactly (no * or ?)'),
  v.check((s) => !otherType(s, 'timer'), 'expected a timer: "vigil" or "vigil.timer"'),
);
const lists = {
  expected: v.optional(v.array(pattern)),
  timers: v.optional(v.array(timer)),
  user_timers: v.optional(v.array(timer)),
};

function parseManager(raw: ManagerRaw, user: boolean): ManagerUnits {
  const source = (argv: readonly string[]) => (user ? userCommand(argv) : argv).slice(0, user ? 4 : 3).join(' ');
  return {
    units: parseListUnits(raw.units, source(LIST_UNITS)),
    failed: parseListUnits(raw.failed, source(LIST_FAILED)),
    unitFiles: parseListUnitFiles(raw.unitFiles, source(LIST_UNIT_FILES)),
  };
}

/** Parse both managers' raw listings into the observation (pure). */
export function parseDrift(system: ManagerRaw, user: ManagerRaw | null, userUnavailable: boolean): DriftObservation {
  return { system: parseManager(system, false), user: user ? parseManager(user, true) : null, userUnavailable };
}

export const systemdDrift = defineCheck<DriftObservation, DriftOptions>({
  id: 'systemd-drift',
  title: 'systemd drift',
  domain: 'security',
  scope: 'host',
  description: 'Failed units, services running or enabled but not in checks.systemd-drift.expected (and expected ones not running), and the timers listed in timers / user_timers.',
  options: {
    expected: lists.expected,
    timers: v.optional(v.array(timer), []),
    user_timers: v.optional(v.array(timer), []),
    /** Treat Debian-family boot, login and package plumbing (patterns.ts) as expected. */
    baseline: v.optional(v.boolean(), true),
    /** Per-host additions: `hosts: { sentinel: { expected: [nut-server] } }`. */
    hosts: v.optional(v.record(v.string(), v.strictObject(lists)), {}),
  },
  async gather({ host, hostConfig, options, signal }) {
    const plan = planFor(options, hostConfig.name);
    const raw = await probeSystemd(host, plan.userTimers.length > 0, signal);
    if (raw.status === 'absent') return { status: 'skipped', reason: raw.reason };
    return { status: 'data', data: parseDrift(raw.system, raw.user, raw.userUnavailable) };
  },
  analyze(obs, { options, host }) {
    return analyzeDrift(obs, options, host);
  },
});
