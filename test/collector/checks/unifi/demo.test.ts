// The demo's unifi answers are complete for the proposed config: a strict replay asks nothing they lack, no password needed.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/tmp';
import { runDemoCheck } from '../tls-expiry/demo-run';

describe('unifi in the demo homelab', () => {
  it('replays strictly on ubuntu: an unknown "kali" device, its IPS alert, an SSH scan, WAN failover, the garden AP offline', async () => {
    const { result, misses } = await runDemoCheck('unifi', await tempDir());
    expect(misses).toEqual([]);
    expect(result.report.checks).toEqual([{ check: 'unifi', host: 'ubuntu', status: 'ok', duration_ms: 0, findings: 5 }]);
    expect(result.findings.map((f) => [f.severity, f.title])).toEqual([
      ['high', 'UniFi threat alert (Potential Corporate Privacy Violation) from 192.168.1.57 to 192.168.1.1, not blocked'],
      ['medium', 'WAN failover on UDM Pro: 2 times in the last 24 hours'],
      ['medium', 'Unknown device 3c:22:fb:9a:41:07 (kali) joined the network'],
      ['medium', 'UniFi access point Garden AP is offline'],
      ['low', 'Port scan against 203.0.113.5 detected by the UniFi gateway, blocked'],
    ]);
  });
});
