// What a check is: options, a probe through Host (gather) and a pure analyzer, plus optional memory between runs.
import type * as v from 'valibot';
import type { FindingDraft } from '../../shared/finding';
import type { CheckId } from '../../shared/ids';
import type { Host } from '../host/host';
import type { HostConfig, VigilConfig } from '../config/types';

/** What gathering produced: data to analyze, or why there is none. */
export type GatherResult<O> =
  | { status: 'data'; data: O; observedAt?: string }
  | { status: 'skipped'; reason: string }
  | { status: 'no-data'; reason: string };

/** Everything a probe may use. Only `host` touches the machine. */
export interface GatherContext<Opts> {
  host: Host;
  hostConfig: HostConfig;
  options: Opts;
  config: VigilConfig;
  signal: AbortSignal;
  now: Date;
  /** What `remember` returned for this check and host in the previous run, if anything. */
  previous: unknown;
  /** Per-installation secret salt for hashing sensitive values (never written into any output). */
  salt: string;
}

/** Everything an analyzer may use: no I/O, an injected clock. */
export interface AnalyzeContext<Opts> {
  host: string;
  options: Opts;
  now: Date;
  previous: unknown;
  /** Per-installation secret salt for hashing sensitive values (never written into any output). */
  salt: string;
}

/** Where a check runs: on every host, or once from the machine that runs Vigil. */
export type CheckScope = 'host' | 'collector';

/** A check definition. `options` are valibot entries; the config composes them into `checks.<id>`. */
export interface CheckDefinition<O, Opts> {
  id: CheckId;
  title: string;
  domain: 'security' | 'backup' | 'self';
  scope: CheckScope;
  /** One sentence for `vigil list`. */
  description: string;
  options: v.ObjectEntries;
  /** Default time budget (overridable with `checks.<id>.timeout`). */
  timeoutMs?: number;
  gather(ctx: GatherContext<Opts>): Promise<GatherResult<O>>;
  analyze(observation: O, ctx: AnalyzeContext<Opts>): FindingDraft[];
  /** What to keep for the next run (e.g. restart counts), computed from this run's observation. */
  remember?(observation: O, previous: unknown): unknown;
  /**
   * Safe, structured facts for the stages after the checks (e.g. each backup job's status for its note
   * and the 3-2-1-1-0 scorecard). Pure, like analyze; never secret values.
   */
  facts?(observation: O, ctx: AnalyzeContext<Opts>): unknown;
  /**
   * The source stopped updating (e.g. an old Lynis report): this run cannot tell whether earlier findings are
   * gone, so their incidents must not count it as a clean run.
   */
  stale?(observation: O, ctx: AnalyzeContext<Opts>): boolean;
}

/** A check with its types erased, as the registry and engine hold it. */
export type AnyCheck = CheckDefinition<unknown, unknown>;

/** Declare a check; keeps full typing inside the definition and erases it for the registry. */
export function defineCheck<O, Opts>(definition: CheckDefinition<O, Opts>): AnyCheck {
  return definition;
}
