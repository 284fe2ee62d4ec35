// The weekly heartbeat on ntfy: sent once, by the first run of a new week, about the week before.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../collector/config/load';
import { executeRun } from '../../../collector/engine/run';
import { startNtfyServer, type NtfyServer } from '../../helpers/ntfy-server';
import { testCheck } from '../../helpers/test-check';
import { tempDir } from '../../helpers/tmp';

const TOKEN = 'tk_weekly_canary_0123456789';

describe('weekly ntfy heartbeat', () => {
  let ntfy: NtfyServer;
  beforeAll(async () => {
    ntfy = await startNtfyServer(TOKEN);
  });
  afterAll(async () => {
    await ntfy?.close();
  });

  it('sends last week\'s summary once when a new week starts, all green only when it was', async () => {
    const config = defaultConfig();
    config.vault = await tempDir('vigil-weekly-vault-');
    config.stateDir = await tempDir('vigil-weekly-state-');
    config.vaultName = 'Home Lab';
    config.notify.ntfy = { url: `${ntfy.url}/homelab`, tokenEnv: 'NTFY_TOKEN', minSeverity: 'high', updateOnResolve: true, weeklyDigest: true, timeoutMs: 2000 };
    const quiet = testCheck<null>('systemd-drift', { gather: async () => ({ status: 'data', data: null }), analyze: () => [] });
    const at = async (iso: string) => {
      const { report } = await executeRun({ config, version: 't', registry: [quiet], now: new Date(iso), salt: 's', notify: true, env: { NTFY_TOKEN: TOKEN } });
      return (report.extra as { notifications: { kind: string; status: string }[] }).notifications.filter((n) => n.kind === 'weekly');
    };
    // Week 47: the first run only remembers the week; nothing to summarise yet.
    expect(await at('2026-11-20T06:15:00Z')).toEqual([]);
    expect(await at('2026-11-21T06:15:00Z')).toEqual([]);
    // The first run of week 48 sends week 47's heartbeat; the next run of the same week sends nothing.
    expect(await at('2026-11-23T06:15:00Z')).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(await at('2026-11-24T06:15:00Z')).toEqual([]);
    const sent = ntfy.requests.map((r) => r.message!).filter((m) => String(m.title).startsWith('Vigil week'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ title: 'Vigil week 2026-W47: all green', priority: 1, topic: 'homelab' });
    expect(String(sent[0]!.message)).toContain('2 runs this week');
    expect(String(sent[0]!.click)).toBe('obsidian://open?vault=Home%20Lab&file=Vigil%2FReports%2F2026%2F2026-W47%20weekly');
    // A week Vigil skipped entirely is reported, never as all green.
    expect(await at('2026-12-08T06:15:00Z')).toEqual([expect.objectContaining({ status: 'sent' })]);
    const skipped = ntfy.requests.map((r) => r.message!).filter((m) => String(m.title).startsWith('Vigil week')).at(-1)!;
    expect(skipped).toMatchObject({ title: 'Vigil week 2026-W49', priority: 2 });
    expect(String(skipped.message)).toContain('Vigil did not run this week');
    // Its link opens a note that exists, and says the same.
    const skippedNote = readFileSync(join(config.vault, 'Vigil/Reports/2026/2026-W49 weekly.md'), 'utf8');
    expect(skippedNote).toContain('> [!warning] Vigil did not run this week: nothing was checked.');
    // Turned off: no heartbeat.
    config.notify.ntfy = { ...config.notify.ntfy, weeklyDigest: false };
    expect(await at('2026-12-15T06:15:00Z')).toEqual([]);
  });
});
