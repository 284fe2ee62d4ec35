// `vigil run --only X` looks at X alone: what other checks found before is neither "fixed" nor forgotten.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../collector/config/load';
import { executeRun } from '../../../collector/engine/run';
import type { CheckId } from '../../../shared/ids';
import { testCheck } from '../../helpers/test-check';
import { tempDir } from '../../helpers/tmp';

/** A check that finds one high problem on every host, without touching the host. */
const finds = (id: CheckId) =>
  testCheck<null>(id, {
    gather: async () => ({ status: 'data', data: null }),
    analyze: (_obs, { host }) => [{ subject: 'x', severity: 'high', title: `${id} problem on ${host}` }],
  });

interface Extra {
  incidents: { new: number; fixed: number; unchanged: number; changes: { kind: string }[] };
}

describe('a run limited to some checks', () => {
  it('reports nothing fixed for the checks it skipped, and the next full run finds nothing new', async () => {
    const config = defaultConfig();
    config.vault = await tempDir('vigil-only-vault-');
    config.stateDir = await tempDir('vigil-only-state-');
    const registry = [finds('systemd-drift'), finds('lynis')];
    const at = (h: number) => new Date(Date.UTC(2026, 10, 23, h));
    const run = async (h: number, only?: CheckId[]) =>
      ((await executeRun({ config, version: 'test', registry, now: at(h), notify: false, ...(only ? { filter: { only } } : {}) })).report.extra as unknown as Extra).incidents;

    expect(await run(1)).toMatchObject({ new: 2, fixed: 0 });
    const only = await run(2, ['lynis']);
    expect(only).toMatchObject({ new: 0, fixed: 0, unchanged: 1 });
    expect(only.changes.map((c) => c.kind)).not.toContain('resolved');
    const full = await run(3);
    expect(full).toMatchObject({ new: 0, fixed: 0, unchanged: 2 });
  });
});
