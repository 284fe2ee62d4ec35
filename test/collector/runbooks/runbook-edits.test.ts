// A runbook is the user's after it is written: twenty runs later, only its status block has changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWNER_COMMAND } from '../../../collector/checks/listening-sockets/probe';
import { loadConfigFile } from '../../../collector/config/load';
import { socketOwners, socketTables } from '../../../collector/demo/builders';
import { executeRun } from '../../../collector/engine/run';
import { tempDir } from '../../helpers/tmp';

const START = Date.parse('2026-11-01T06:15:00Z');
const HOUR = 3_600_000;

/** The note with its status block's content taken out. */
const outsideStatus = (text: string) => text.replace(/(%% vigil:begin status %%\r?\n)[\s\S]*?(%% vigil:end status %%)/, '$1$2');

describe('runbook edits', () => {
  it('survive twenty runs: procedure, properties and notes stay exactly as the user left them', async () => {
    const dir = await tempDir('vigil-runbook-edits-');
    const answers = [...socketTables([{ local: '127.0.0.1:3000', state: 'LISTEN', inode: 11 }], []), ...socketOwners([{ pid: 90, comm: 'gitea', inodes: [11] }], OWNER_COMMAND)];
    writeFileSync(join(dir, 'nas.json'), JSON.stringify({ vigil_fixture: 1, host: 'nas', kind: 'ssh', captured_at: '2026-11-01T06:00:00Z', answers }));
    writeFileSync(
      join(dir, 'vigil.yaml'),
      [
        'vault: ./vault',
        'state_dir: ./state',
        'run: { stale_after: 5000d }',
        'hosts:',
        '  - { name: nas, fixture: nas.json, collector: true, checks: [listening-sockets] }',
        'services:',
        '  - { name: gitea, kind: gitea, host: nas, data_class: service-state, credentials: ["Vaultwarden: Gitea admin"] }',
        '',
      ].join('\n'),
    );
    const config = await loadConfigFile(join(dir, 'vigil.yaml'), { cwd: dir, env: {}, home: dir });
    await executeRun({ config, version: 'test', now: new Date(START), notify: false });
    const file = join(dir, 'vault', 'Vigil', 'Runbooks', 'gitea.md');
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('- [ ] Restore Gitea\'s SSH host keys so clients do not see a changed key');

    // What a user does to their runbook: a step of their own, a ticked step, a property, CRLF from a Windows editor.
    const edited = written
      .replace('last_verified: null\n', 'last_verified: null\nowner: "alex"\ntags: [homelab, gitea]\n')
      .replace("- [ ] Restore Gitea's SSH host keys", "- [x] Restore Gitea's SSH host keys (they are in /volume1/docker/gitea/ssh)")
      .replace('## Restore procedure\n', '## Restore procedure\n\n- [ ] Tell the family the git server is down\n')
      .concat('\n## Notes\n\nLast real restore: 2026-10-03, took 40 minutes. The LFS store was missing!\n')
      .replace(/\n/g, '\r\n');
    writeFileSync(file, edited);

    for (let i = 1; i <= 20; i++) await executeRun({ config, version: 'test', now: new Date(START + i * 25 * HOUR), notify: false });
    const after = readFileSync(file, 'utf8');
    expect(outsideStatus(after)).toBe(outsideStatus(edited));
    // The status block itself is kept current (it says when it was checked last).
    expect(after).toContain('checked 2026-11-22 02:15');
  }, 60_000);
});
