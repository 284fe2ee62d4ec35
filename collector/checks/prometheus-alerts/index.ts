// prometheus-alerts: firing and pending alerts, down scrape targets and failing rules, from Prometheus's HTTP API.
import * as v from 'valibot';
import { nonEmpty } from '../../config/value-schemas';
import { defineCheck } from '../check';
import { analyzePrometheus, type PromObservation } from './analyze';
import { parseAlerts, parseRules, parseTargets } from './parse';
import { API_PATHS, probePrometheus, type PromProbe } from './probe';

/** Options of the check, as the config schema outputs them. */
export interface PromOptions {
  url?: string;
  ignore_alerts: string[];
  pending: 'report' | 'ignore';
}

/**
 * Alerts that fire on purpose: kube-prometheus's `Watchdog` ("always firing, to prove the alerting pipeline
 * works") and `InfoInhibitor` (exists only to inhibit info alerts). Reporting them would be noise every day.
 */
const DEFAULT_IGNORED = ['Watchdog', 'InfoInhibitor'];

const urlSchema = v.pipe(
  v.string(),
  v.check((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, 'expected an http(s) URL without credentials or query, such as http://prometheus.home.arpa:9090'),
);

/** The configured URL as evidence shows it (origin and path, nothing else). */
function displayUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '')}`;
}

/** Parse a probe result into the observation (pure; the API answers must parse or this throws ParseError). */
export function parsePrometheusProbe(url: string, probe: PromProbe): PromObservation {
  const shown = displayUrl(url);
  if (!probe.reachable) return { url: shown, reachable: false, code: probe.code, reason: probe.reason };
  return {
    url: shown,
    reachable: true,
    alerts: parseAlerts(probe.raw.alerts, `${shown}/${API_PATHS.alerts}`),
    targets: parseTargets(probe.raw.targets, `${shown}/${API_PATHS.targets.replace(/\?.*/, '')}`),
    rules: parseRules(probe.raw.rules, `${shown}/${API_PATHS.rules}`),
  };
}

/** The prometheus-alerts check: runs once per run, from the machine running Vigil. */
export const prometheusAlerts = defineCheck<PromObservation, PromOptions>({
  id: 'prometheus-alerts',
  title: 'Prometheus alerts',
  domain: 'security',
  scope: 'collector',
  description: "Prometheus's firing and pending alerts, down scrape targets and rules that fail to evaluate; an unreachable Prometheus is itself a finding.",
  options: {
    url: v.optional(urlSchema),
    ignore_alerts: v.optional(v.array(nonEmpty), DEFAULT_IGNORED),
    pending: v.optional(v.picklist(['report', 'ignore'], 'expected report or ignore'), 'report'),
  },
  async gather({ host, options, signal }) {
    if (!options.url) return { status: 'skipped', reason: 'no Prometheus configured (checks.prometheus-alerts.url)' };
    return { status: 'data', data: parsePrometheusProbe(options.url, await probePrometheus(host, options.url, signal)) };
  },
  analyze(obs, { options, now }) {
    return analyzePrometheus(obs, options, now);
  },
});
