// prometheus-alerts against Debian's real prometheus 2.42: a down target, a firing alert, a pending one, a broken rule.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../../collector/host/local-host';
import { RecordingHost } from '../../../../collector/host/recording-host';
import { requireBinary } from '../../../helpers/binaries';
import { tempDir } from '../../../helpers/tmp';
import { freePort, startPrometheus, waitFor, type RunningPrometheus } from './prometheus-server';
import { promConfig, runProm } from './run-check';

const prometheus = requireBinary('prometheus', 'prometheus');
const FIX = join(import.meta.dirname, 'fixtures');

/** Fast intervals so the rules evaluate within seconds; SELF is replaced with the listen address. */
const CONFIG = (extraJobs: string) => `global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [rules.yml]
scrape_configs:
  - job_name: prometheus
    static_configs: [{ targets: ['SELF'] }]
${extraJobs}`;

const BROKEN_RULES = `groups:
  - name: homelab
    rules:
      - alert: TargetDown
        expr: up == 0
        labels: { severity: critical }
        annotations: { summary: "{{ $labels.job }} on {{ $labels.instance }} is down" }
      - alert: BackupJobStale
        expr: vector(1)
        for: 1h
        labels: { severity: warning }
      - alert: Watchdog
        expr: vector(1)
        labels: { severity: none }
  - name: recording
    rules:
      # Two series on each side of a one-to-one match on no labels: an evaluation error every time.
      - record: homelab:up:broken
        expr: up + on() up
`;

const HEALTHY_RULES = `groups:
  - name: homelab
    rules:
      - alert: TargetDown
        expr: up == 0
        labels: { severity: critical }
      - alert: Watchdog
        expr: vector(1)
        labels: { severity: none }
      - record: homelab:up:sum
        expr: sum(up)
`;

async function json(url: string): Promise<{ data: Record<string, unknown[]> }> {
  return (await (await fetch(url)).json()) as { data: Record<string, unknown[]> };
}

function record(recorder: RecordingHost, name: string, description: string): void {
  if (process.env.VIGIL_RECORD_FIXTURES !== '1') return;
  const fixture = { ...recorder.toFixture(new Date(), 'test'), description };
  writeFileSync(join(FIX, `${name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
}

describe.skipIf(!prometheus)('prometheus-alerts against a real Prometheus with trouble', () => {
  let server: RunningPrometheus;
  let downPort = 0;

  beforeAll(async () => {
    downPort = await freePort();
    server = await startPrometheus(prometheus!, await tempDir('vigil-prom-'), CONFIG(`  - job_name: node\n    static_configs: [{ targets: ['127.0.0.1:${downPort}'] }]\n`), BROKEN_RULES);
    // Wait until the API shows all three troubles (the first evaluations need a scrape or two first).
    await waitFor(
      async () => {
        const alerts = (await json(`${server.url}/api/v1/alerts`)).data.alerts as { labels: { alertname: string }; state: string }[];
        const groups = (await json(`${server.url}/api/v1/rules`)).data.groups as { rules: { health: string }[] }[];
        const targets = (await json(`${server.url}/api/v1/targets`)).data.activeTargets as { health: string }[];
        return (
          alerts.some((a) => a.labels.alertname === 'TargetDown' && a.state === 'firing') &&
          groups.some((g) => g.rules.some((r) => r.health === 'err')) &&
          targets.some((t) => t.health === 'down')
        );
      },
      90_000,
      'the alert to fire, the rule to fail and the target to be down',
    );
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('reports the firing alert, the pending one, the down target and the failing recording rule; Watchdog stays quiet', async () => {
    const recorder = new RecordingHost(new LocalHost('local'));
    const { gathered, findings } = await runProm(recorder, promConfig(`    url: ${server.url}\n`), new Date());
    expect(gathered.status).toBe('data');
    const byKind = findings.map((f) => [f.subject.split(':')[0], f.severity, f.title]);
    expect(byKind).toEqual([
      ['alert', 'critical', `Prometheus alert TargetDown is firing for 127.0.0.1`],
      ['alert', 'low', 'Prometheus alert BackupJobStale is pending'],
      ['target', 'medium', `Prometheus scrape target 127.0.0.1:${downPort} (job node) is down`],
      ['rule', 'medium', 'Prometheus recording rule homelab:up:broken (group recording) fails to evaluate'],
    ]);
    expect(findings[0]?.subject).toBe(`alert:TargetDown{instance="127.0.0.1:${downPort}",job="node"}`);
    expect(findings[0]?.evidence).toMatchObject({ severity_label: 'critical', summary: `node on 127.0.0.1:${downPort} is down`, job: 'node' });
    expect(findings[2]?.evidence).toMatchObject({ job: 'node', scrape_url: `http://127.0.0.1:${downPort}/metrics` });
    expect(String(findings[2]?.evidence?.last_error)).toContain('connection refused');
    expect(String(findings[3]?.evidence?.last_error)).toContain('many-to-many matching not allowed');
    record(recorder, 'prometheus-2.42-down-target-broken-rule', 'Debian 12 prometheus 2.42: a down node target, TargetDown firing, BackupJobStale pending, Watchdog, a recording rule with a many-to-many error');
  });

  it('ignore_alerts and pending: ignore silence what the user asked to silence', async () => {
    const config = promConfig(`    url: ${server.url}/\n    ignore_alerts: [TargetDown]\n    pending: ignore\n`);
    const { findings } = await runProm(new LocalHost('local'), config, new Date());
    // Watchdog is no longer ignored once the user gives their own list.
    expect(findings.map((f) => f.title).filter((t) => t.startsWith('Prometheus alert'))).toEqual(['Prometheus alert Watchdog is firing']);
    expect(findings.find((f) => f.title.includes('Watchdog'))?.severity).toBe('info');
  });
});

describe.skipIf(!prometheus)('prometheus-alerts against a real, healthy Prometheus', () => {
  let server: RunningPrometheus;

  beforeAll(async () => {
    server = await startPrometheus(prometheus!, await tempDir('vigil-prom-ok-'), CONFIG(''), HEALTHY_RULES);
    await waitFor(
      async () => {
        const groups = (await json(`${server.url}/api/v1/rules`)).data.groups as { rules: { health: string }[] }[];
        const targets = (await json(`${server.url}/api/v1/targets`)).data.activeTargets as { health: string }[];
        return groups.every((g) => g.rules.every((r) => r.health === 'ok')) && targets.length > 0 && targets.every((t) => t.health === 'up');
      },
      90_000,
      'every rule evaluated and every target up',
    );
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('finds nothing (the always-firing Watchdog is ignored by default)', async () => {
    const recorder = new RecordingHost(new LocalHost('local'));
    const { gathered, findings } = await runProm(recorder, promConfig(`    url: ${server.url}\n`), new Date());
    expect(gathered.status).toBe('data');
    expect(findings).toEqual([]);
    record(recorder, 'prometheus-2.42-healthy', 'Debian 12 prometheus 2.42 scraping itself, rules all ok, only the Watchdog firing');
  });

  it('a Prometheus that is not there is itself a finding (high), with the reason', async () => {
    const port = await freePort();
    const { findings } = await runProm(new LocalHost('local'), promConfig(`    url: http://127.0.0.1:${port}\n`), new Date());
    expect(findings).toEqual([
      expect.objectContaining({
        subject: 'prometheus',
        severity: 'high',
        title: `Prometheus at http://127.0.0.1:${port} cannot be asked: connection refused`,
        evidence: { url: `http://127.0.0.1:${port}`, code: 'ECONNREFUSED', reason: 'connection refused' },
      }),
    ]);
  });
});
