// The 3-2-1-1-0 scorecard (pure): per data set, the copies that are fresh and healthy today, the rule each
// misses, the failures each copy survives, and hidden coupling between copies. A data set is what a service's
// `backups:` protect (its jobs of one data class); jobs no service lists are pooled by data class.
import type { FindingDraft } from '../../shared/finding';
import type { Severity } from '../../shared/severity';
import type { BackupJob, DataClass } from '../config/types';
import type { BackupJobFacts } from '../checks/backup/facts';

/** The four failures the user's strategy is designed against ("which failure is this copy supposed to survive?"). */
export const FAILURES = ['deleted folder', 'NAS dead', 'ransomware on a mounted share', 'house lost'] as const;

/** One of them. */
export type Failure = (typeof FAILURES)[number];

/** One copy as the scorecard shows it. */
export interface CopyRow {
  job: string;
  dataClass: DataClass;
  kind: BackupJob['kind'];
  location: string;
  media: string;
  healthy: boolean;
  status: BackupJobFacts['status'];
  lastSuccess: string | null;
  survives: Record<Failure, boolean>;
}

/** One data set's score (a service's data of one class, or the pool of a class's unassigned jobs). */
export interface ClassScore {
  dataClass: DataClass;
  /** The service whose data this is, or null for the class's jobs that no service lists. */
  dataSet: string | null;
  jobs: string[];
  /** Healthy backup copies plus the original. */
  copies: number;
  media: number;
  offsite: boolean;
  offlineOrImmutable: boolean;
  /** A restore of this class passed within its test period. */
  tested: boolean;
  lastVerified: string | null;
  rules: { three: boolean; two: boolean; oneOffsite: boolean; oneOffline: boolean; zeroUntested: boolean };
}

/** Inputs of the scorecard. */
export interface StrategyInput {
  jobs: readonly BackupJob[];
  facts: ReadonlyMap<string, BackupJobFacts>;
  /** Last passed restore test per data class (ISO), and whether it is within the class's test period. */
  verified: ReadonlyMap<DataClass, { at: string; current: boolean }>;
  /** The name the homelab's NAS goes by (a host or location), for the "NAS dead" failure. */
  nas: string;
  /** The service whose data a job protects (the first service listing it in `backups:`), if any. */
  dataSetOf?: (job: string) => string | null;
  /** The machine a data set's original lives on (its service's host), if known. */
  originOf?: (dataSet: string) => string | null;
}

/** What the scorecard found. */
export interface StrategyResult {
  classes: ClassScore[];
  copies: CopyRow[];
  findings: FindingDraft[];
}

/** Classes in the order of how much losing them hurts. */
export const CLASS_ORDER: readonly DataClass[] = ['irreplaceable', 'service-state', 'rebuild', 'convenience'];

/**
 * How much a missed rule weighs per class: the user's table gives irreplaceable data the full treatment,
 * service state the app-aware lane, rebuild information a lighter one, convenience "no drama".
 */
const CLASS_SEVERITY: Record<DataClass, Severity> = { irreplaceable: 'high', 'service-state': 'medium', rebuild: 'low', convenience: 'info' };

/**
 * A copy counts when its newest restore point is fresh and usable today (principle: health from what exists now).
 * A warning about the job (a stale lock, an overdue check) leaves the copy counted; one that puts the restore point
 * itself in doubt (far too small) does not: a truncated archive is not a copy.
 */
function healthy(f: BackupJobFacts | undefined): boolean {
  return (f?.status === 'ok' || f?.status === 'warning') && !f.doubtful;
}

function survives(job: BackupJob, nas: string): Record<Failure, boolean> {
  return {
    // Every kind Vigil checks keeps point-in-time restore points (snapshots, archives, dated files).
    'deleted folder': true,
    'NAS dead': job.copy.location !== nas && job.host !== nas,
    // A share mounted on a compromised machine is encrypted with it; offline disks and immutable storage are not.
    'ransomware on a mounted share': !job.copy.mounted && (job.copy.offline || job.copy.immutable),
    'house lost': job.copy.offsite,
  };
}

/** Score every data class that has jobs (plus irreplaceable, which always should). */
export function scoreStrategy(input: StrategyInput): StrategyResult {
  const copies: CopyRow[] = input.jobs.map((job) => {
    const f = input.facts.get(job.name);
    return {
      job: job.name,
      dataClass: job.dataClass,
      kind: job.kind,
      location: job.copy.location,
      media: job.copy.media,
      healthy: healthy(f),
      status: f?.status ?? 'unknown',
      lastSuccess: f?.lastSuccess ?? null,
      survives: survives(job, input.nas),
    };
  });
  const classes: ClassScore[] = [];
  const findings: FindingDraft[] = [];
  const setOf = (job: BackupJob) => input.dataSetOf?.(job.name) ?? null;
  for (const dataClass of CLASS_ORDER) {
    const ofClass = input.jobs.filter((j) => j.dataClass === dataClass);
    // Copies of different data never add up: each service's data is scored on its own, the rest as one pool.
    const sets = [...new Set(ofClass.map(setOf))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
    if (sets.length === 0 && dataClass === 'irreplaceable') sets.push(null);
    for (const dataSet of sets) {
      const mine = ofClass.filter((j) => setOf(j) === dataSet);
      const score = scoreSet(dataClass, dataSet, mine, input);
      classes.push(score);
      if (dataClass === 'convenience') continue;
      const finding = ruleFinding(score, mine);
      if (finding) findings.push(finding);
      const good = mine.filter((j) => healthy(input.facts.get(j.name)));
      findings.push(...coupling(good, dataClass, dataSet));
      const origin = dataSet === null ? null : (input.originOf?.(dataSet) ?? null);
      if (origin) findings.push(...withOriginal(good, dataClass, dataSet!, origin));
    }
  }
  return { classes, copies, findings };
}

function scoreSet(dataClass: DataClass, dataSet: string | null, mine: readonly BackupJob[], input: StrategyInput): ClassScore {
  const good = mine.filter((j) => healthy(input.facts.get(j.name)));
  const verified = input.verified.get(dataClass) ?? null;
  const score: ClassScore = {
    dataClass,
    dataSet,
    jobs: mine.map((j) => j.name),
    // The original data is the first copy; each healthy backup adds one.
    copies: good.length + 1,
    media: new Set(good.map((j) => j.copy.media)).size,
    offsite: good.some((j) => j.copy.offsite),
    offlineOrImmutable: good.some((j) => (j.copy.offline || j.copy.immutable) && !j.copy.mounted),
    tested: Boolean(verified?.current),
    lastVerified: verified?.at ?? null,
    rules: { three: false, two: false, oneOffsite: false, oneOffline: false, zeroUntested: false },
  };
  score.rules = {
    three: score.copies >= 3,
    two: score.media >= 2,
    oneOffsite: score.offsite,
    oneOffline: score.offlineOrImmutable,
    zeroUntested: score.tested,
  };
  return score;
}

/** The finding for a data set that misses rules, or null. */
function ruleFinding(score: ClassScore, mine: readonly BackupJob[]): FindingDraft | null {
  const missed = [
    !score.rules.three && `${score.copies} cop${score.copies === 1 ? 'y' : 'ies'} instead of 3`,
    // Vigil knows the media of each backup, not of the original: the rule is scored among the backups.
    !score.rules.two && `backups on ${score.media} kind${score.media === 1 ? '' : 's'} of storage instead of 2`,
    !score.rules.oneOffsite && 'no offsite copy',
    !score.rules.oneOffline && 'no offline or immutable copy',
    !score.rules.zeroUntested && (score.lastVerified ? 'no restore test within its period' : 'never restore-tested'),
  ].filter((x): x is string => Boolean(x));
  if (missed.length === 0) return null;
  const { dataClass, dataSet } = score;
  return {
    subject: dataSet === null ? `rule:${dataClass}` : `rule:${dataClass}:${dataSet}`,
    // Losing the last copy of irreplaceable data is the one failure that cannot be undone.
    severity: dataClass === 'irreplaceable' && score.copies <= 1 ? 'critical' : CLASS_SEVERITY[dataClass],
    title: `${capitalise(dataClass)} data${dataSet === null ? '' : ` of ${dataSet}`} misses 3-2-1-1-0: ${missed.join(', ')}`,
    evidence: {
      data_class: dataClass,
      data_set: dataSet,
      copies: score.copies,
      media: score.media,
      offsite: score.offsite,
      offline_or_immutable: score.offlineOrImmutable,
      tested: score.tested,
      jobs: mine.map((j) => j.name).join(', ') || 'none',
    },
    remediation: mine.length === 0 ? `Add backup jobs with data_class: ${dataClass}.` : 'See the scorecard in Recovery.md for which rule each copy covers.',
  };
}

function capitalise(s: string): string {
  return `${s.charAt(0).toUpperCase()}${s.slice(1).replace(/-/g, ' ')}`;
}

/**
 * Backups that live on the machine whose data they protect: they survive a deleted folder, not that machine
 * dying, being stolen or encrypted. The original and such a copy are one failure away from being nothing.
 */
function withOriginal(good: readonly BackupJob[], dataClass: DataClass, dataSet: string, origin: string): FindingDraft[] {
  return good
    .filter((j) => j.copy.location === origin)
    .map((j) => ({
      subject: `coupled-origin:${dataClass}:${dataSet}:${j.name}`,
      severity: dataClass === 'irreplaceable' ? ('medium' as const) : ('low' as const),
      title: `${j.name} lives on ${origin}, next to the ${dataSet} data it protects: if ${origin} dies, both are gone`,
      evidence: { data_class: dataClass, data_set: dataSet, job: j.name, location: origin },
      remediation: `Keep it as the quick-restore copy, and make sure another copy of ${dataSet} lives on a different machine (or declare copy.location if this one is not on ${origin}).`,
    }));
}

/** Copies of the same data that would fail together: same place, same credentials, or "offline" yet always mounted. */
function coupling(good: readonly BackupJob[], dataClass: DataClass, dataSet: string | null): FindingDraft[] {
  const scope = dataSet === null ? dataClass : `${dataClass}:${dataSet}`;
  const out: FindingDraft[] = [];
  const groups = (key: (j: BackupJob) => string) => {
    const m = new Map<string, BackupJob[]>();
    for (const j of good) m.set(key(j), [...(m.get(key(j)) ?? []), j]);
    return [...m.entries()].filter(([, js]) => js.length > 1);
  };
  for (const [location, jobs] of groups((j) => j.copy.location)) {
    out.push({
      subject: `coupled-location:${scope}:${location}`,
      severity: dataClass === 'irreplaceable' ? 'medium' : 'low',
      title: `${jobs.map((j) => j.name).join(' and ')} both live on ${location}: one failure away from being one copy`,
      evidence: { data_class: dataClass, location, jobs: jobs.map((j) => j.name).join(', ') },
      remediation: 'Move one copy to different hardware, or count them as one.',
    });
  }
  for (const [credentials, jobs] of groups((j) => j.copy.credentials)) {
    out.push({
      subject: `coupled-credentials:${scope}:${jobs.map((j) => j.name).join('+')}`,
      severity: 'low',
      title: `${jobs.map((j) => j.name).join(' and ')} are behind the same credentials: whoever can delete one can delete both`,
      // The label names where the credential is kept (a file path or variable name), never its value.
      evidence: { data_class: dataClass, credentials, jobs: jobs.map((j) => j.name).join(', ') },
      remediation: 'Give each copy its own key, or make one append-only (rest-server --append-only, borg append-only, object lock).',
    });
  }
  for (const j of good.filter((x) => x.copy.offline && x.copy.mounted)) {
    out.push({
      subject: `mounted-offline:${j.name}`,
      severity: 'medium',
      title: `${j.name} is declared offline but is always mounted on ${j.host}`,
      evidence: { job: j.name, host: j.host, media: j.copy.media },
      remediation: 'Unmount and disconnect the disk after each backup, or declare the copy online.',
    });
  }
  return out;
}
