// Decide what the pending updates mean: security ones, how stale apt's lists are, and what trivy found.
import { ageInWords } from '../../../shared/dates';
import type { FindingDraft } from '../../../shared/finding';
import { SEVERITIES, severityRank, type Severity } from '../../../shared/severity';
import type { AptSimulation } from './parse';
import type { TrivySummary } from './trivy';

/** Trivy's part of the observation. */
export type TrivyObservation =
  | { state: 'absent' | 'off' }
  | { state: 'no-db'; version: string }
  | { state: 'failed'; reason: string }
  | { state: 'scanned'; version: string; dbUpdatedAt: string; summary: TrivySummary };

/** What the probe saw. */
export interface AptObservation {
  /** When the host was asked (ISO), so `remember` can date first sightings. */
  checkedAt: string;
  /** Null when apt-get could not plan an upgrade (broken dependencies). */
  simulation: AptSimulation | null;
  simulationExit: number | null;
  /** Newest of the list-freshness stamps (ms), null when none exists. */
  listsUpdatedMs: number | null;
  listsStamp: string | null;
  /** Package index files in /var/lib/apt/lists. */
  packageLists: number;
  trivy: TrivyObservation;
}

/** Options of the check (durations in ms). */
export interface AptOptions {
  max_list_age: number;
  security_grace: number;
  trivy: 'auto' | 'off';
}

/** Memory between runs: when each pending security update (`pkg=version`) was first seen. */
export interface AptMemory {
  security_first_seen: Record<string, string>;
}

function bump(s: Severity): Severity {
  return SEVERITIES[Math.min(severityRank(s) + 1, severityRank('high'))]!;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function firstSeen(previous: unknown): Record<string, string> {
  const seen = (previous as Partial<AptMemory> | null | undefined)?.security_first_seen;
  if (!seen || typeof seen !== 'object') return {};
  return Object.fromEntries(Object.entries(seen).filter(([, v]) => typeof v === 'string' && Number.isFinite(Date.parse(v))));
}

/** Keys of the security updates pending now. */
function securityKeys(sim: AptSimulation | null): string[] {
  return (sim?.upgrades ?? []).filter((u) => u.security).map((u) => `${u.package}=${u.to}`);
}

/** The memory to keep: first sightings of security updates still pending, new ones dated now. */
export function rememberApt(obs: AptObservation, previous: unknown): AptMemory {
  const seen = firstSeen(previous);
  return { security_first_seen: Object.fromEntries(securityKeys(obs.simulation).map((k) => [k, seen[k] ?? obs.checkedAt])) };
}

/** What the update finding's evidence says about trivy. */
export function trivyNote(t: TrivyObservation): string {
  switch (t.state) {
    case 'absent':
      return 'skipped: trivy is not installed';
    case 'off':
      return 'skipped: turned off (checks.apt-upgradable.trivy: off)';
    case 'no-db':
      return 'skipped: trivy has no vulnerability database yet';
    case 'failed':
      return `failed: ${t.reason}`;
    case 'scanned':
      return `scanned: ${plural(t.summary.total, 'vulnerability', 'vulnerabilities')}`;
  }
}

/**
 * Trivy reports each CVE with its vendor's severity (CVSS v3.1 qualitative bands, FIRST CVSS spec §5). A critical one
 * with a fixed package version is one `apt upgrade` away from gone: high. A critical one without a fix, or a high one
 * with a fix: medium. The rest: low — routine, and already counted in the pending updates.
 */
function trivySeverity(s: TrivySummary): Severity {
  if (s.fixable.CRITICAL > 0) return 'high';
  if (s.bySeverity.CRITICAL > 0 || s.fixable.HIGH > 0) return 'medium';
  return 'low';
}

function listsFinding(obs: AptObservation, options: AptOptions, host: string, now: Date): { finding: FindingDraft | null; stale: boolean; ageMs: number | null } {
  if (obs.packageLists === 0) {
    return {
      stale: true,
      ageMs: null,
      finding: {
        subject: 'lists',
        // No lists: apt knows no newer version of anything, so "nothing to upgrade" would be a false all-clear.
        severity: 'medium',
        title: `apt has no package lists on ${host}, so pending updates cannot be known`,
        evidence: { package_lists: 0 },
        remediation: 'Run apt-get update (and keep apt-daily.timer enabled so it happens every day).',
      },
    };
  }
  const ageMs = obs.listsUpdatedMs === null ? null : Math.max(0, now.getTime() - obs.listsUpdatedMs);
  if (ageMs === null || ageMs <= options.max_list_age) return { finding: null, stale: false, ageMs };
  return {
    stale: true,
    ageMs,
    finding: {
      subject: 'lists',
      // Stale data is a finding (principle 7): updates published since the last refresh are invisible, and
      // Debian publishes security advisories several times a week (https://www.debian.org/security/).
      severity: 'medium',
      title: `apt's package lists on ${host} are ${ageInWords(ageMs)} old, so newer updates are unknown`,
      evidence: { lists_age_hours: Math.round(ageMs / 3_600_000), max_age_hours: Math.round(options.max_list_age / 3_600_000), stamp: obs.listsStamp },
      remediation: 'Find out why apt stopped refreshing: systemctl status apt-daily.timer, then apt-get update.',
    },
  };
}

/** Findings for one host (pure; `previous` is this check's memory from the last run). */
export function analyzeApt(obs: AptObservation, options: AptOptions, host: string, now: Date, previous: unknown): FindingDraft[] {
  const out: FindingDraft[] = [];
  const lists = listsFinding(obs, options, host, now);
  if (lists.finding) out.push(lists.finding);
  if (!obs.simulation) {
    out.push({
      subject: 'simulation',
      // apt-get refusing to plan (exit 100) means broken or half-installed packages: no update installs until fixed.
      severity: 'medium',
      title: `apt cannot plan an upgrade on ${host} (apt-get exited with code ${obs.simulationExit ?? 'signal'})`,
      evidence: { exit_code: obs.simulationExit, trivy: trivyNote(obs.trivy) },
      remediation: 'apt-get -s dist-upgrade names the broken dependency; apt --fix-broken install usually repairs it.',
    });
  }
  const sim = obs.simulation;
  if (sim && sim.upgrades.length > 0) {
    const security = sim.upgrades.filter((u) => u.security);
    const seen = firstSeen(previous);
    const oldest = Math.min(...securityKeys(sim).map((k) => Date.parse(seen[k] ?? obs.checkedAt)));
    const pendingMs = security.length > 0 ? Math.max(0, now.getTime() - oldest) : 0;
    // Security updates close published vulnerabilities (Debian Security FAQ: install them as soon as they are out):
    // medium. Others: low. Stale lists mean the real list is longer: one step up. A security update left pending
    // longer than security_grace (default 14 days, CISA BOD 19-02's 15-day window for critical flaws): high.
    let severity: Severity = security.length > 0 ? 'medium' : 'low';
    if (lists.stale) severity = bump(severity);
    if (security.length > 0 && pendingMs > options.security_grace) severity = 'high';
    out.push({
      subject: 'updates',
      severity,
      title: `${plural(sim.upgrades.length, 'package update')} pending on ${host}${security.length > 0 ? `, ${security.length} of them security update${security.length === 1 ? '' : 's'}` : ''}`,
      evidence: {
        updates: sim.upgrades.length,
        security: security.length,
        new_packages: sim.newPackages,
        removals: sim.removals,
        held_back: sim.notUpgraded,
        security_packages: security.slice(0, 10).map((u) => u.package).join(', ') || null,
        security_pending_days: security.length > 0 ? Math.floor(pendingMs / 86_400_000) : null,
        lists_age_hours: lists.ageMs === null ? null : Math.round(lists.ageMs / 3_600_000),
        trivy: trivyNote(obs.trivy),
      },
      remediation:
        security.length > 0
          ? 'apt-get update && apt-get upgrade now; unattended-upgrades installs security updates every day by itself.'
          : 'apt-get upgrade at the next maintenance window.',
    });
  }
  out.push(...trivyFindings(obs.trivy, options, host, now));
  return out;
}

function trivyFindings(t: TrivyObservation, options: AptOptions, host: string, now: Date): FindingDraft[] {
  if (t.state === 'failed') {
    // The apt results stand on their own; a broken enrichment is worth knowing, not worth an incident: low.
    return [{ subject: 'trivy', severity: 'low', title: `trivy could not scan ${host}: ${t.reason}`, evidence: { trivy: trivyNote(t) }, remediation: 'Run the same trivy rootfs command by hand to see why.' }];
  }
  if (t.state === 'no-db') {
    return [{ subject: 'trivy-db', severity: 'low', title: `trivy on ${host} has no vulnerability database yet, so it scanned nothing`, evidence: { trivy_version: t.version }, remediation: 'trivy rootfs --download-db-only once, then on a schedule (Vigil never downloads it: runs stay offline).' }];
  }
  if (t.state !== 'scanned') return [];
  const out: FindingDraft[] = [];
  const dbAge = now.getTime() - Date.parse(t.dbUpdatedAt);
  if (dbAge > options.max_list_age) {
    // Same rule as apt's lists: an old database misses every CVE published since (principle 7).
    out.push({ subject: 'trivy-db', severity: 'low', title: `trivy's vulnerability database on ${host} is ${ageInWords(dbAge)} old`, evidence: { db_updated: t.dbUpdatedAt, trivy_version: t.version }, remediation: 'trivy rootfs --download-db-only on a schedule (trivy publishes a new database every 6 hours).' });
  }
  const s = t.summary;
  if (s.total === 0) return out;
  const fixable = Object.values(s.fixable).reduce((a, b) => a + b, 0);
  out.push({
    subject: 'vulnerabilities',
    severity: trivySeverity(s),
    title: `trivy finds ${plural(s.total, 'known vulnerability', 'known vulnerabilities')} in ${host}'s packages (${s.bySeverity.CRITICAL} critical, ${s.bySeverity.HIGH} high)`,
    evidence: {
      critical: s.bySeverity.CRITICAL,
      high: s.bySeverity.HIGH,
      medium: s.bySeverity.MEDIUM,
      low: s.bySeverity.LOW,
      unknown: s.bySeverity.UNKNOWN,
      fixable,
      packages: s.packages.join(', '),
      db_updated: t.dbUpdatedAt,
      trivy_version: t.version,
    },
    remediation: fixable > 0 ? `${fixable} have a fixed version: apt-get update && apt-get upgrade removes them.` : 'None has a fix yet: watch the Debian security tracker for the affected packages.',
  });
  return out;
}
