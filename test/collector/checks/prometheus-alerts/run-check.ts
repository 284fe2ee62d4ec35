// The prometheus-alerts check bound to the shared one-check harness (test/helpers/run-check.ts).
import { prometheusAlerts } from '../../../../collector/checks/prometheus-alerts';
import type { VigilConfig } from '../../../../collector/config/types';
import type { Host } from '../../../../collector/host/host';
import { checkConfig, runCheckOnce } from '../../../helpers/run-check';

/** A config whose `checks.prometheus-alerts` is the given YAML mapping body (indented by the caller's 4 spaces). */
export const promConfig = (optionsYaml: string): VigilConfig => checkConfig('prometheus-alerts', optionsYaml);

/** Gather through `host` and analyze at `now`. */
export const runProm = (host: Host, config: VigilConfig, now: Date) => runCheckOnce(prometheusAlerts, host, config, now);
