// Parse `apt-get -s dist-upgrade` (the simulation apt prints with -s) into the pending upgrades and their origins.
import { ParseError } from '../../errors/parse-error';

/** One package apt would install or upgrade. */
export interface AptUpgrade {
  /** `openssl`, or `libc6:i386` for a foreign architecture. */
  package: string;
  /** Installed version; null for a package the upgrade would newly install (a new kernel, a new dependency). */
  from: string | null;
  to: string;
  /** Where the candidate comes from, as apt prints it: `Debian-Security:12/stable-security`, `Ubuntu:24.04/noble-updates`. */
  origins: string[];
  arch: string | null;
  /** From a security archive (a suite ending in -security). */
  security: boolean;
}

/** What the simulation said. */
export interface AptSimulation {
  upgrades: AptUpgrade[];
  /** Packages the upgrade would newly install. */
  newPackages: number;
  /** Packages the upgrade would remove. */
  removals: number;
  /** Packages apt would not upgrade (held, or deferred by Ubuntu's phasing). */
  notUpgraded: number;
}

const SOURCE = 'apt-get -s dist-upgrade';
/** Longer than any real action line (a name, two versions and a few releases), so regexes never see megabytes. */
const MAX_LINE = 4096;

/**
 * `Inst NAME [CURRENT] (CANDIDATE RELEASES [ARCH])` then zero or more `[…]` notes about broken dependencies
 * (apt-pkg/algorithms.cc, pkgSimulate). CURRENT is absent for a new package; RELEASES is apt's RelStr,
 * `Label:Version/Archive` entries separated by ", ".
 */
const INST = /^Inst (\S+)(?: \[([^\]\s]+)\])? \((\S+)(?: (.*?))?(?: \[([^\]\s]+)\])?\)(?: \[[^\]]*\])*$/;
const CONF_OR_REMOVE = /^(Conf|Remv|Purg) \S+(?: \[[^\]\s]*\])?(?: \(.*\))?(?: \[[^\]]*\])*$/;
/** apt-get's closing line (apt-private/private-install.cc); reinstalled/downgraded appear only when non-zero. */
const SUMMARY = /^(\d+) upgraded, (\d+) newly installed, (?:(\d+) reinstalled, )?(?:(\d+) downgraded, )?(\d+) to remove and (\d+) not upgraded\.$/;
/** Debian package names and versions (Debian Policy 5.6.1, 5.6.12), with an optional `:arch`. */
const PACKAGE = /^[a-z0-9][a-z0-9+.-]*(?::[a-z0-9-]+)?$/;
const VERSION = /^[A-Za-z0-9.+~:-]+$/;

/** True when a release entry names a security archive: `Debian-Security:12/stable-security`, `Ubuntu:24.04/noble-security`. */
export function isSecurityOrigin(origin: string): boolean {
  const archive = origin.slice(origin.lastIndexOf('/') + 1);
  return archive.endsWith('-security') || /^[^:]*security[^:]*:/i.test(origin);
}

/** Parse the simulation. Throws ParseError on a malformed action line or a missing/contradicting summary. */
export function parseAptSimulation(text: string): AptSimulation {
  const upgrades: AptUpgrade[] = [];
  let installsWithCurrent = 0;
  let installsNew = 0;
  let removals = 0;
  let summary: RegExpExecArray | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.length > MAX_LINE && /^(?:Inst|Conf|Remv|Purg) /.test(line)) throw new ParseError(SOURCE, 'an action line is implausibly long', i + 1);
    if (line.startsWith('Inst ')) {
      const m = INST.exec(line);
      if (!m || !PACKAGE.test(m[1]!) || !VERSION.test(m[3]!) || (m[2] !== undefined && !VERSION.test(m[2]))) {
        throw new ParseError(SOURCE, 'an Inst line does not have the layout NAME [CURRENT] (CANDIDATE RELEASES [ARCH])', i + 1);
      }
      const origins = (m[4] ?? '').split(', ').map((o) => o.trim()).filter((o) => o !== '');
      if (m[2] === undefined) installsNew++;
      else installsWithCurrent++;
      upgrades.push({ package: m[1]!, from: m[2] ?? null, to: m[3]!, origins, arch: m[5] ?? null, security: origins.some(isSecurityOrigin) });
    } else if (/^(?:Conf|Remv|Purg) /.test(line)) {
      if (!CONF_OR_REMOVE.test(line)) throw new ParseError(SOURCE, 'a Conf/Remv line does not have apt\'s layout', i + 1);
      if (!line.startsWith('Conf ')) removals++;
    } else if (SUMMARY.test(line)) {
      if (summary) throw new ParseError(SOURCE, 'more than one summary line', i + 1);
      summary = SUMMARY.exec(line);
    }
    // Everything else is progress and headings ("Reading package lists...", "The following packages will be
    // upgraded:", the indented name lists, the non-root "NOTE: This is only a simulation!"): not needed.
  }
  if (!summary) throw new ParseError(SOURCE, 'missing the "N upgraded, N newly installed, …" summary line (output cut short?)');
  const counts = summary;
  const count = (k: number) => Number(counts[k] ?? 0);
  // The Inst lines must add up to the summary: a mismatch means lost lines, and a silently short list is worse than none.
  if (installsWithCurrent !== count(1) + count(3) + count(4) || installsNew !== count(2) || removals !== count(5)) {
    throw new ParseError(SOURCE, 'the Inst/Remv lines do not add up to the summary line');
  }
  return { upgrades, newPackages: count(2), removals, notUpgraded: count(6) };
}
