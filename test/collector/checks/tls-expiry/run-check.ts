// The tls-expiry check bound to the shared one-check harness (test/helpers/run-check.ts).
import { tlsExpiry } from '../../../../collector/checks/tls-expiry';
import type { VigilConfig } from '../../../../collector/config/types';
import type { Host } from '../../../../collector/host/host';
import { checkConfig, runCheckOnce } from '../../../helpers/run-check';

/** A config whose `checks.tls-expiry` is the given YAML mapping body (indented by the caller's 4 spaces). */
export const tlsConfig = (optionsYaml: string): VigilConfig => checkConfig('tls-expiry', optionsYaml);

/** Gather through `host` and analyze at `now`. */
export const runTls = (host: Host, config: VigilConfig, now: Date) => runCheckOnce(tlsExpiry, host, config, now);
