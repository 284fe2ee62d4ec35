// prometheus-alerts offline: recorded Prometheus 2.42 answers replayed strictly, severity mapping, options, fuzzed API answers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePrometheus, instanceHost, safeText, type PromObservation } from '../../../../collector/checks/prometheus-alerts/analyze';
import { parseAlerts, parseRules, parseTargets } from '../../../../collector/checks/prometheus-alerts/parse';
import { apiUrl } from '../../../../collector/checks/prometheus-alerts/probe';
import type { ConfigError } from '../../../../collector/errors/config-error';
import { ParseError } from '../../../../collector/errors/parse-error';
import type { Fixture } from '../../../../collector/host/fixture';
import { parseFixture, ReplayHost } from '../../../../collector/host/replay-host';
import { HOSTILE_STRINGS, mutations } from '../../../helpers/fuzz';
import { promConfig, runProm } from './run-check';

const FIX = join(import.meta.dirname, 'fixtures');
const load = (name: string): Fixture => parseFixture(JSON.parse(readFileSync(join(FIX, `${name}.json`), 'utf8')), name);

/** The recorded base URL (answers are keyed by URL, so the replay must ask the same one). */
function baseOf(f: Fixture): string {
  const a = f.answers.find((x) => x.op === 'http' && x.request.url.endsWith('/api/v1/alerts'));
  return a?.op === 'http' ? a.request.url.replace(/\/api\/v1\/alerts$/, '') : '';
}

function body(f: Fixture, suffix: string): string {
  const a = f.answers.find((x) => x.op === 'http' && x.request.url.includes(suffix));
  return a?.op === 'http' ? (a.result?.body ?? '') : '';
}

async function replay(name: string, extra = '') {
  const fixture = load(name);
  const host = new ReplayHost(fixture, 'local', 'strict');
  const result = await runProm(host, promConfig(`    url: ${baseOf(fixture)}\n${extra}`), host.capturedAt);
  expect(host.misses).toEqual([]);
  return result;
}

describe('prometheus-alerts recorded (Debian 12, prometheus 2.42)', () => {
  it('prometheus-2.42-down-target-broken-rule: firing, pending, down target, failing rule', async () => {
    const { findings } = await replay('prometheus-2.42-down-target-broken-rule');
    expect(findings.map((f) => [f.severity, f.title.replace(/:\d+/g, ':PORT')])).toEqual([
      ['critical', 'Prometheus alert TargetDown is firing for 127.0.0.1'],
      ['low', 'Prometheus alert BackupJobStale is pending'],
      ['medium', 'Prometheus scrape target 127.0.0.1:PORT (job node) is down'],
      ['medium', 'Prometheus recording rule homelab:up:broken (group recording) fails to evaluate'],
    ]);
    // Judged at captured_at: the alert became active moments before the capture.
    expect(findings[0]?.evidence?.active_hours).toBe(0);
    expect(findings[3]?.evidence).toMatchObject({ group: 'recording', rule: 'homelab:up:broken', type: 'recording', file: 'rules.yml' });
  });

  it('prometheus-2.42-healthy: scraping itself, rules ok, only the Watchdog firing → nothing', async () => {
    const { gathered, findings } = await replay('prometheus-2.42-healthy');
    expect(gathered.status).toBe('data');
    expect(findings).toEqual([]);
  });

  it('parses the recorded shapes', () => {
    const f = load('prometheus-2.42-down-target-broken-rule');
    expect(parseAlerts(body(f, '/alerts')).map((a) => `${a.name} ${a.state}`)).toEqual(['TargetDown firing', 'BackupJobStale pending', 'Watchdog firing']);
    expect(parseTargets(body(f, '/targets')).map((t) => `${t.job} ${t.health}`).sort()).toEqual(['node down', 'prometheus up']);
    expect(parseRules(body(f, '/rules')).map((r) => `${r.type} ${r.name} ${r.health}`)).toEqual([
      'alerting TargetDown ok',
      'alerting BackupJobStale ok',
      'alerting Watchdog ok',
      'recording homelab:up:broken err',
    ]);
  });
});

describe('prometheus-alerts severity', () => {
  const now = new Date('2026-11-23T06:15:00Z');
  const obs = (severity: string | undefined, state = 'firing'): PromObservation => ({
    url: 'http://prometheus.home.arpa:9090',
    reachable: true,
    alerts: [{ name: 'HostOutOfDiskSpace', state, labels: { alertname: 'HostOutOfDiskSpace', instance: 'nas:9100', ...(severity ? { severity } : {}) }, annotations: {}, activeAt: '2026-11-23T02:10:00Z', value: '1' }],
    targets: [],
    rules: [],
  });
  const judge = (severity: string | undefined, state = 'firing') => analyzePrometheus(obs(severity, state), { ignore_alerts: [], pending: 'report' }, now).map((f) => f.severity);

  it('maps the mixin convention (critical, warning, info) and its synonyms; unlabelled is a warning', () => {
    expect(judge('critical')).toEqual(['critical']);
    expect(judge('Warning')).toEqual(['medium']);
    expect(judge('info')).toEqual(['info']);
    expect(judge('page')).toEqual(['critical']);
    expect(judge(undefined)).toEqual(['medium']);
    expect(judge('weird')).toEqual(['medium']);
  });

  it('caps pending alerts at low and leaves inactive ones out', () => {
    expect(judge('critical', 'pending')).toEqual(['low']);
    expect(judge('info', 'pending')).toEqual(['info']);
    expect(judge('critical', 'inactive')).toEqual([]);
  });

  it('titles name the instance host; subjects ignore the severity label so a relabel escalates', () => {
    const [f] = analyzePrometheus(obs('warning'), { ignore_alerts: [], pending: 'report' }, now);
    expect(f?.title).toBe('Prometheus alert HostOutOfDiskSpace is firing for nas');
    expect(f?.subject).toBe('alert:HostOutOfDiskSpace{instance="nas:9100"}');
    expect(f?.evidence?.active_hours).toBe(4);
    expect(analyzePrometheus(obs('critical'), { ignore_alerts: [], pending: 'report' }, now)[0]?.subject).toBe(f?.subject);
    expect(instanceHost('[::1]:9100')).toBe('::1');
  });

  it('strips credentials and query strings from URLs in errors', () => {
    expect(safeText('Get "http://u:secret@nas:9100/metrics?token=abc": 401')).toBe('Get "http://nas:9100/metrics?…": 401');
  });
});

describe('prometheus-alerts options', () => {
  it('skips with a reason when no URL is configured; defaults ignore Watchdog and InfoInhibitor', async () => {
    const config = promConfig('    {}\n');
    expect(config.checks['prometheus-alerts'].options).toEqual({ ignore_alerts: ['Watchdog', 'InfoInhibitor'], pending: 'report' });
    const { gathered } = await runProm(new ReplayHost(load('prometheus-2.42-healthy'), 'local', 'strict'), config, new Date());
    expect(gathered).toEqual({ status: 'skipped', reason: 'no Prometheus configured (checks.prometheus-alerts.url)' });
  });

  it('refuses URLs with credentials, and other mistakes, naming the key', () => {
    const problem = (yaml: string) => {
      try {
        promConfig(yaml);
      } catch (e) {
        return (e as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
      }
      return [];
    };
    const hint = 'expected an http(s) URL without credentials or query, such as http://prometheus.home.arpa:9090';
    expect(problem('    url: http://admin:pw@prometheus:9090\n')).toEqual([`checks.prometheus-alerts.url: ${hint}`]);
    expect(problem('    url: prometheus:9090\n')).toEqual([`checks.prometheus-alerts.url: ${hint}`]);
    expect(problem('    pending: maybe\n')).toEqual(['checks.prometheus-alerts.pending: expected report or ignore']);
  });

  it('joins API paths under a route prefix', () => {
    expect(apiUrl('http://h:9090', 'api/v1/rules')).toBe('http://h:9090/api/v1/rules');
    expect(apiUrl('http://h/prometheus/', 'api/v1/rules')).toBe('http://h/prometheus/api/v1/rules');
    expect(apiUrl('http://h/prometheus', 'api/v1/rules')).toBe('http://h/prometheus/api/v1/rules');
  });
});

describe('prometheus-alerts parsers', () => {
  const f = load('prometheus-2.42-down-target-broken-rule');
  const parsers = [
    ['alerts', parseAlerts, body(f, '/alerts')],
    ['targets', parseTargets, body(f, '/targets')],
    ['rules', parseRules, body(f, '/rules')],
  ] as const;

  it('API errors and wrong shapes are ParseErrors that name the endpoint and the path, not the values', () => {
    expect(() => parseAlerts('{"status":"error","errorType":"bad_data","error":"secret=hunter2"}')).toThrow('/api/v1/alerts: Prometheus answered an error (bad_data)');
    expect(() => parseAlerts('<html>hunter2</html>')).toThrow('/api/v1/alerts: not JSON');
    expect(() => parseAlerts('{"status":"success","data":{"alerts":[{"labels":{"hunter2":5},"state":"firing"}]}}')).toThrow(
      '/api/v1/alerts: unexpected answer at data.alerts.0.labels.*: expected string',
    );
    expect(() => parseAlerts('{"status":"success","data":{"alerts":[{"labels":{},"state":"firing"}]}}')).toThrow('/api/v1/alerts: alert 1 has no alertname label');
  });

  for (const [name, parse, text] of parsers) {
    it(`fuzzed ${name}: a clean result or a ParseError, never a crash, never the input in the message`, () => {
      for (const mutated of mutations(text, 250, 11)) {
        try {
          expect(Array.isArray(parse(mutated))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
          const message = (error as ParseError).message;
          expect(message.length).toBeLessThan(200);
          for (const h of HOSTILE_STRINGS) expect(message).not.toContain(h);
        }
      }
    });
  }
});
