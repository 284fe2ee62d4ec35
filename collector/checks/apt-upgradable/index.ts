// apt-upgradable: pending package updates from the existing apt cache (never `apt update`), security ones apart, plus trivy.
import * as v from 'valibot';
import { durationSchema } from '../../config/value-schemas';
import { ParseError } from '../../errors/parse-error';
import { defineCheck } from '../check';
import { analyzeApt, rememberApt, type AptObservation, type AptOptions, type TrivyObservation } from './analyze';
import { parseAptSimulation } from './parse';
import { probeApt, probeTrivy, type AptRaw, type TrivyRaw } from './probe';
import { parseTrivyReport } from './trivy';

/** Package index files apt writes into /var/lib/apt/lists (`…_Packages`, compressed or not). */
const PACKAGES_FILE = /_Packages(?:\.(?:gz|xz|lz4|bz2|zst))?$/;

/** Turn trivy's raw answer into the observation; a report that does not parse is a trivy failure, not the check's. */
export function parseTrivy(raw: TrivyRaw): TrivyObservation {
  if (raw.state !== 'scanned') return raw;
  try {
    return { state: 'scanned', version: raw.version, dbUpdatedAt: raw.dbUpdatedAt, summary: parseTrivyReport(raw.report) };
  } catch (error) {
    if (error instanceof ParseError) return { state: 'failed', reason: error.message };
    throw error;
  }
}

/** Parse apt's raw answers into the observation (pure). */
export function parseApt(raw: AptRaw, trivy: TrivyObservation, checkedAt: Date): AptObservation {
  const newest = Object.entries(raw.stamps).sort(([, a], [, b]) => b - a)[0];
  const ok = raw.simulation.code === 0;
  return {
    checkedAt: checkedAt.toISOString(),
    simulation: ok ? parseAptSimulation(raw.simulation.stdout) : null,
    simulationExit: raw.simulation.code,
    listsUpdatedMs: newest ? newest[1] : null,
    listsStamp: newest ? newest[0] : null,
    packageLists: raw.listFiles.filter((n) => PACKAGES_FILE.test(n)).length,
    trivy,
  };
}

export const aptUpgradable = defineCheck<AptObservation, AptOptions>({
  id: 'apt-upgradable',
  title: 'Pending apt updates',
  domain: 'security',
  scope: 'host',
  description: "Pending package updates as apt's existing lists see them (security updates apart), the lists' age, and trivy's findings when trivy is installed.",
  options: {
    /** Lists older than this are stale (apt-daily refreshes them twice a day; a week means it stopped). */
    max_list_age: v.optional(durationSchema, '7d'),
    /** A security update pending longer than this is high severity. */
    security_grace: v.optional(durationSchema, '14d'),
    trivy: v.optional(v.picklist(['auto', 'off'], 'expected auto or off'), 'auto'),
  },
  // The simulation takes seconds; trivy's offline scan of OS packages can take a minute or two on a Pi.
  timeoutMs: 300_000,
  async gather({ host, options, signal, now }) {
    const raw = await probeApt(host, signal);
    if (!raw) return { status: 'skipped', reason: 'apt is not installed (not a Debian-based system)' };
    const trivy = options.trivy === 'off' ? ({ state: 'off' } as const) : parseTrivy(await probeTrivy(host, signal));
    return { status: 'data', data: parseApt(raw, trivy, now) };
  },
  analyze(obs, { options, host, now, previous }) {
    return analyzeApt(obs, options, host, now, previous);
  },
  remember(obs, previous) {
    return rememberApt(obs, previous);
  },
});
