// Demo answers for prometheus-alerts: the homelab's Prometheus on the Ubuntu box, shaped like Prometheus 2.42's API.
import type { FixtureAnswer } from '../../host/fixture';
import { hoursBefore } from '../builders';
import type { DemoAnswers } from './types';

/** Where the demo config points checks.prometheus-alerts.url. */
export const DEMO_PROMETHEUS_URL = 'http://prometheus.home.arpa:9090';

function api(path: string, data: unknown): FixtureAnswer {
  return { op: 'http', request: { method: 'GET', url: `${DEMO_PROMETHEUS_URL}/${path}` }, result: { status: 200, headers: {}, json: { status: 'success', data } } };
}

/** An alert as /api/v1/alerts lists it (activeAt with Prometheus's nanosecond precision). */
function alert(labels: Record<string, string>, annotations: Record<string, string>, state: 'firing' | 'pending', activeAt: Date, value: string) {
  return { labels, annotations, state, activeAt: activeAt.toISOString().replace('Z', '123456Z'), value };
}

/** A scrape target as /api/v1/targets lists it. */
function target(job: string, instance: string, health: 'up' | 'down', lastScrape: Date, lastError = '') {
  return {
    discoveredLabels: { __address__: instance, __metrics_path__: '/metrics', __scheme__: 'http', __scrape_interval__: '30s', __scrape_timeout__: '10s', job },
    labels: { instance, job },
    scrapePool: job,
    scrapeUrl: `http://${instance}/metrics`,
    globalUrl: `http://${instance}/metrics`,
    lastError,
    lastScrape: lastScrape.toISOString(),
    lastScrapeDuration: health === 'up' ? 0.0213 : 0.0011,
    health,
    scrapeInterval: '30s',
    scrapeTimeout: '10s',
  };
}

function rule(type: 'alerting' | 'recording', name: string, query: string, evaluated: Date, lastError?: string) {
  return {
    ...(type === 'alerting' ? { state: 'inactive', duration: 600, keepFiringFor: 0, labels: { severity: 'warning' }, annotations: {}, alerts: [] } : {}),
    name,
    query,
    health: lastError ? 'err' : 'ok',
    ...(lastError ? { lastError } : {}),
    evaluationTime: 0.00041,
    lastEvaluation: evaluated.toISOString(),
    type,
  };
}

/** prometheus-alerts runs on the machine running Vigil: the Ubuntu box. */
export const prometheusAlertsAnswers: DemoAnswers = {
  ubuntu: (now) => {
    const recent = new Date(now.getTime() - 12_000);
    return [
      api('api/v1/alerts', {
        alerts: [
          alert(
            { alertname: 'HostOutOfDiskSpace', device: '/dev/mapper/cachedev_0', fstype: 'btrfs', instance: 'nas.home.arpa:9100', job: 'node', mountpoint: '/volume1', severity: 'warning' },
            { summary: 'Host out of disk space (instance nas.home.arpa:9100)', description: 'Disk is almost full (< 10% left): 7.3% left on /volume1' },
            'firing',
            hoursBefore(now, 6.5),
            '7.31e+00',
          ),
          alert(
            { alertname: 'BackupJobStale', backup: 'photos-usb', instance: 'ubuntu.home.arpa:9100', job: 'node', severity: 'critical' },
            { summary: 'Backup photos-usb has not succeeded for 50 hours', runbook_url: 'https://git.home.arpa/alex/homelab/wiki/Backups' },
            'firing',
            hoursBefore(now, 24),
            '5.0e+01',
          ),
          alert({ alertname: 'HostHighCpuLoad', instance: 'ubuntu.home.arpa:9100', job: 'node', severity: 'warning' }, { summary: 'Host high CPU load (instance ubuntu.home.arpa:9100)' }, 'pending', hoursBefore(now, 0.05), '8.7e-01'),
          alert({ alertname: 'Watchdog', severity: 'none' }, { summary: 'An alert that should always be firing to certify that Alertmanager is working properly.' }, 'firing', hoursBefore(now, 150), '1e+00'),
        ],
      }),
      api('api/v1/targets?state=active', {
        activeTargets: [
          target('node', 'nas.home.arpa:9100', 'up', recent),
          // node_exporter on the Pi listens on 127.0.0.1 only (see listening-sockets on sentinel), so nobody can scrape it.
          target('node', 'sentinel.home.arpa:9100', 'down', recent, 'Get "http://sentinel.home.arpa:9100/metrics": dial tcp 192.168.1.5:9100: connect: connection refused'),
          target('node', 'ubuntu.home.arpa:9100', 'up', recent),
          target('prometheus', 'localhost:9090', 'up', recent),
        ],
        droppedTargets: [],
      }),
      api('api/v1/rules', {
        groups: [
          {
            name: 'node-exporter',
            file: '/etc/prometheus/rules/node.yml',
            rules: [
              rule('alerting', 'HostOutOfDiskSpace', 'node_filesystem_avail_bytes / node_filesystem_size_bytes * 100 < 10', recent),
              rule('alerting', 'HostHighCpuLoad', 'avg by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m])) > 0.8', recent),
            ],
            interval: 30,
            limit: 0,
            evaluationTime: 0.0012,
            lastEvaluation: recent.toISOString(),
          },
          {
            name: 'backups',
            file: '/etc/prometheus/rules/backups.yml',
            rules: [rule('alerting', 'BackupJobStale', '(time() - backup_last_success_timestamp_seconds) / 3600 > 26', recent)],
            interval: 60,
            limit: 0,
            evaluationTime: 0.0004,
            lastEvaluation: recent.toISOString(),
          },
          {
            name: 'dashboards',
            file: '/etc/prometheus/rules/dashboards.yml',
            rules: [
              // A relabel dropped the label that kept the series apart: the rule has errored since, and the dashboard is flat.
              rule('recording', 'instance:node_cpu_utilisation:rate5m', 'label_replace(1 - avg without (cpu, mode) (rate(node_cpu_seconds_total{mode="idle"}[5m])), "instance", "$1", "instance", "([^:]+):.*")', recent, 'vector cannot contain metrics with the same labelset'),
            ],
            interval: 30,
            limit: 0,
            evaluationTime: 0.0007,
            lastEvaluation: recent.toISOString(),
          },
        ],
      }),
    ];
  },
};
