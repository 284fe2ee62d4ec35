// Parse trivy's JSON (`trivy version`, `trivy rootfs --format json`) into counts per severity; pure, never quoting input.
import * as v from 'valibot';
import { ParseError } from '../../errors/parse-error';

/** Trivy's severities (trivy-db types.Severity), most severe first. */
export const TRIVY_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;

/** One of trivy's severities. */
export type TrivySeverity = (typeof TRIVY_SEVERITIES)[number];

/** What a scan found in the host's OS packages. */
export interface TrivySummary {
  /** Distinct vulnerability × package pairs. */
  total: number;
  bySeverity: Record<TrivySeverity, number>;
  /** With a FixedVersion: an apt upgrade removes them. Counted per severity. */
  fixable: Record<TrivySeverity, number>;
  /** Affected packages, worst first, at most ten. */
  packages: string[];
}

const vulnerability = v.object({
  VulnerabilityID: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._:-]{1,64}$/)),
  PkgName: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+._:-]{1,128}$/)),
  FixedVersion: v.optional(v.string()),
  Severity: v.optional(v.string()),
});

/** The parts of trivy's Report (pkg/types/report.go) the check reads; other keys are allowed and ignored. */
const reportSchema = v.object({
  SchemaVersion: v.number(),
  Results: v.optional(
    v.array(
      v.object({
        Class: v.optional(v.string()),
        Vulnerabilities: v.optional(v.nullable(v.array(vulnerability))),
      }),
    ),
  ),
});

/** `trivy version --format json` (pkg/types/version.go): the version and the vulnerability DB metadata. */
const versionSchema = v.object({
  Version: v.string(),
  VulnerabilityDB: v.optional(v.object({ UpdatedAt: v.optional(v.string()) })),
});

function json(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ParseError(source, 'not valid JSON');
  }
}

/** Trivy's version and when its vulnerability database was built (null: no database downloaded yet). */
export function parseTrivyVersion(text: string): { version: string; dbUpdatedAt: string | null } {
  const source = 'trivy version --format json';
  const r = v.safeParse(versionSchema, json(text, source));
  if (!r.success) throw new ParseError(source, `unexpected shape at ${v.getDotPath(r.issues[0]) ?? 'the top level'}`);
  const at = r.output.VulnerabilityDB?.UpdatedAt;
  // Trivy prints the zero time (0001-01-01) when the database was never downloaded.
  const valid = at !== undefined && Number.isFinite(Date.parse(at)) && Date.parse(at) > 0;
  const version = /^v?[0-9A-Za-z.+-]{1,40}$/.test(r.output.Version) ? r.output.Version : 'unknown';
  return { version, dbUpdatedAt: valid ? new Date(at).toISOString() : null };
}

function severityOf(s: string | undefined): TrivySeverity {
  return (TRIVY_SEVERITIES as readonly string[]).includes(s ?? '') ? (s as TrivySeverity) : 'UNKNOWN';
}

/** Summarise the OS-package vulnerabilities of a `trivy rootfs --format json` report. */
export function parseTrivyReport(text: string): TrivySummary {
  const source = 'trivy rootfs --format json';
  const r = v.safeParse(reportSchema, json(text, source));
  if (!r.success) throw new ParseError(source, `unexpected shape at ${v.getDotPath(r.issues[0]) ?? 'the top level'}`);
  if (r.output.SchemaVersion !== 2) throw new ParseError(source, `unsupported SchemaVersion ${String(r.output.SchemaVersion).slice(0, 10)} (expected 2)`);
  const zero = (): Record<TrivySeverity, number> => ({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 });
  const bySeverity = zero();
  const fixable = zero();
  const seen = new Set<string>();
  const worst = new Map<string, number>();
  for (const result of r.output.Results ?? []) {
    // Only OS packages: what apt can upgrade. Language packages found on the disk belong to other tools.
    if (result.Class !== undefined && result.Class !== 'os-pkgs') continue;
    for (const vuln of result.Vulnerabilities ?? []) {
      const key = `${vuln.VulnerabilityID} ${vuln.PkgName}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const sev = severityOf(vuln.Severity);
      bySeverity[sev]++;
      if (vuln.FixedVersion) fixable[sev]++;
      const rank = TRIVY_SEVERITIES.indexOf(sev);
      worst.set(vuln.PkgName, Math.min(worst.get(vuln.PkgName) ?? rank, rank));
    }
  }
  const packages = [...worst].sort(([a, x], [b, y]) => x - y || a.localeCompare(b)).slice(0, 10).map(([name]) => name);
  return { total: seen.size, bySeverity, fixable, packages };
}
