// A host whose data stopped updating: its findings are flagged stale and its incidents stay open, never "resolved".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWNER_COMMAND } from '../../../collector/checks/listening-sockets/probe';
import { loadConfigFile } from '../../../collector/config/load';
import { socketOwners, socketTables } from '../../../collector/demo/builders';
import { executeRun } from '../../../collector/engine/run';
import { tempDir } from '../../helpers/tmp';

interface IncidentExtra {
  open: number;
  changes: { kind: string; title: string }[];
  unchanged: number;
}

describe('stale data and incidents', () => {
  it('a recording that is days old keeps its incident open and says the data is stale', async () => {
    const dir = await tempDir('vigil-stale-');
    // Redis on every interface, as recorded on the 20th; nothing records the box after that.
    const answers = [...socketTables([{ local: '0.0.0.0:6379', state: 'LISTEN', inode: 9001 }], []), ...socketOwners([{ pid: 812, comm: 'redis-server', inodes: [9001] }], OWNER_COMMAND)];
    writeFileSync(join(dir, 'box.json'), JSON.stringify({ vigil_fixture: 1, host: 'box', kind: 'ssh', captured_at: '2026-11-20T06:00:00Z', answers }));
    writeFileSync(join(dir, 'vigil.yaml'), 'vault: ./vault\nstate_dir: ./state\nhosts:\n  - { name: box, fixture: box.json, collector: true, checks: [listening-sockets] }\n');
    const config = await loadConfigFile(join(dir, 'vigil.yaml'), { cwd: dir, env: {}, home: dir });

    const runs: { extra: IncidentExtra; checks: string[] }[] = [];
    for (const at of ['2026-11-20T06:15:00Z', '2026-11-23T06:15:00Z', '2026-11-24T06:15:00Z', '2026-11-25T06:15:00Z']) {
      const { report } = await executeRun({ config, version: 'test', now: new Date(at), notify: false });
      runs.push({ extra: (report.extra as { incidents: IncidentExtra }).incidents, checks: report.findings.map((f) => f.check) });
    }
    expect(runs[0]!.extra.changes.map((c) => c.kind)).toEqual(['opened']);
    for (const later of runs.slice(1)) {
      expect(later.extra.changes.map((c) => c.kind)).not.toContain('resolved');
      expect(later.extra.open).toBeGreaterThanOrEqual(1);
      expect(later.checks).toContain('stale-data');
    }
    expect(runs[1]!.extra.changes.map((c) => [c.kind, c.title])).toEqual([['opened', 'Data from listening-sockets on box is 3 days old: not shown as current']]);
  });
});
