// The unifi check bound to the shared one-check harness (test/helpers/run-check.ts).
import { unifi } from '../../../../collector/checks/unifi';
import type { VigilConfig } from '../../../../collector/config/types';
import type { Host } from '../../../../collector/host/host';
import { checkConfig, runCheckOnce } from '../../../helpers/run-check';

/** A config whose `checks.unifi` is the given YAML mapping body (indented by the caller's 4 spaces). */
export const unifiConfig = (optionsYaml: string): VigilConfig => checkConfig('unifi', optionsYaml);

/** Gather through `host` and analyze at `now`. */
export const runUnifi = (host: Host, config: VigilConfig, now: Date) => runCheckOnce(unifi, host, config, now);
