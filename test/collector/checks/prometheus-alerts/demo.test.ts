// The demo's prometheus-alerts answers are complete for the proposed config: a strict replay asks nothing they lack.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/tmp';
import { runDemoCheck } from '../tls-expiry/demo-run';

describe('prometheus-alerts in the demo homelab', () => {
  it('replays strictly on ubuntu: a stale backup, a full NAS volume, a down node_exporter, a broken recording rule', async () => {
    const { result, misses } = await runDemoCheck('prometheus-alerts', await tempDir());
    expect(misses).toEqual([]);
    expect(result.report.checks).toEqual([{ check: 'prometheus-alerts', host: 'ubuntu', status: 'ok', duration_ms: 0, findings: 5 }]);
    expect(result.findings.map((f) => [f.severity, f.title])).toEqual([
      ['critical', 'Prometheus alert BackupJobStale is firing for ubuntu.home.arpa'],
      ['medium', 'Prometheus alert HostOutOfDiskSpace is firing for nas.home.arpa'],
      ['medium', 'Prometheus recording rule instance:node_cpu_utilisation:rate5m (group dashboards) fails to evaluate'],
      ['medium', 'Prometheus scrape target sentinel.home.arpa:9100 (job node) is down'],
      ['low', 'Prometheus alert HostHighCpuLoad is pending for ubuntu.home.arpa'],
    ]);
  });
});
