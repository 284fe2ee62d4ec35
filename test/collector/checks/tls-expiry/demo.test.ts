// The demo's tls-expiry answers are complete for the proposed config: a strict replay asks nothing they lack.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/tmp';
import { runDemoCheck } from './demo-run';

describe('tls-expiry in the demo homelab', () => {
  it('replays strictly on ubuntu: vault expires in 20 days, DSM serves its self-signed factory certificate', async () => {
    const { result, misses } = await runDemoCheck('tls-expiry', await tempDir());
    expect(misses).toEqual([]);
    expect(result.report.checks).toEqual([{ check: 'tls-expiry', host: 'ubuntu', status: 'ok', duration_ms: 0, findings: 3 }]);
    expect(result.findings.map((f) => [f.severity, f.title])).toEqual([
      ['high', 'Certificate for nas.home.arpa:5001 does not cover the name nas.home.arpa'],
      ['medium', 'Certificate for nas.home.arpa:5001 is self-signed'],
      ['medium', 'Certificate for vault.home.arpa expires in 20 days'],
    ]);
  });
});
