// Plan a run: which check runs on which host, after filters (--only, --host) and per-host check lists.
import type { CheckId } from '../../shared/ids';
import type { AnyCheck } from '../checks/check';
import type { HostConfig, VigilConfig } from '../config/types';

/** One unit of work. */
export interface Task {
  check: AnyCheck;
  host: HostConfig;
}

/** Filters from the command line. */
export interface PlanFilter {
  only?: readonly CheckId[];
  host?: string;
}

/** Tasks in a stable order: hosts as configured, checks in registry order. */
export function planTasks(config: VigilConfig, registry: readonly AnyCheck[], hosts: readonly HostConfig[], filter: PlanFilter = {}): Task[] {
  const tasks: Task[] = [];
  const selected = registry.filter((c) => config.checks[c.id]?.enabled !== false && (!filter.only || filter.only.includes(c.id)));
  for (const host of hosts) {
    if (filter.host && host.name !== filter.host) continue;
    for (const check of selected) {
      if (check.scope === 'collector' ? host.collector : host.checks === null || host.checks.includes(check.id)) {
        tasks.push({ check, host });
      }
    }
  }
  return tasks;
}
