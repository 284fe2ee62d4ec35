// The demo's ssh-auth story, replayed strictly from the demo answers on each host.
import { describe, expect, it } from 'vitest';
import { resolveOptions, sshAuth, type SshAuthObservation } from '../../../../collector/checks/ssh-auth';
import { defaultConfig } from '../../../../collector/config/load';
import { sshAuthAnswers } from '../../../../collector/demo/answers/ssh-auth';
import type { DemoHostName } from '../../../../collector/demo/answers/types';
import { DEMO_NOW } from '../../../../collector/demo/homelab';
import { ReplayHost } from '../../../../collector/host/replay-host';

/** The options the demo config sets (see the report to the lead); the story holds with the defaults too. */
const DEMO_OPTIONS = { known_networks: ['192.168.1.0/24', '100.64.0.0/10', 'fd7a:115c:a1e0::/48'], expected_sudo_users: ['alex'] };

async function story(name: DemoHostName, raw: Parameters<typeof resolveOptions>[0]) {
  const answers = sshAuthAnswers[name]!(DEMO_NOW, 0);
  const host = new ReplayHost({ vigil_fixture: 1, host: name, kind: 'ssh', captured_at: DEMO_NOW.toISOString(), answers }, name, 'strict');
  const config = defaultConfig();
  const options = resolveOptions(raw);
  const gathered = await sshAuth.gather({ host, hostConfig: config.hosts[0]!, options, config, signal: new AbortController().signal, now: DEMO_NOW, previous: undefined, salt: 's' });
  const obs = (gathered as { data: SshAuthObservation }).data;
  expect(obs.stats.malformed).toBe(0);
  return sshAuth.analyze(obs, { host: name, options, now: DEMO_NOW, previous: undefined, salt: 's' });
}

describe('ssh-auth demo answers', () => {
  for (const raw of [DEMO_OPTIONS, {}]) {
    it(`tell the story (${raw === DEMO_OPTIONS ? 'demo config' : 'defaults'})`, async () => {
      const nas = await story('nas', raw);
      expect(nas.map((f) => [f.subject, f.severity])).toEqual([
        ['bruteforce:203.0.113.7', 'high'],
        ['user-enumeration:198.51.100.23', 'low'],
      ]);
      expect(nas[0]!.title).toBe('36 failed SSH logins from 203.0.113.7 on nas in 3 minutes, trying 4 non-existent user names');
      expect(nas[0]!.evidence).toMatchObject({ accounts_guessed: 'alex', users: 'root (18), alex (8), admin (4)' });
      expect(JSON.stringify(nas)).not.toMatch(/Passw0rd2019|qwe123asd/);
      expect((await story('sentinel', raw)).map((f) => [f.subject, f.severity, f.title])).toEqual([
        ['unknown-network:alex@198.51.100.77', 'medium', 'alex logged in over SSH on sentinel from 198.51.100.77, outside the known networks'],
      ]);
      expect((await story('ubuntu', raw)).map((f) => [f.subject, f.severity, f.title])).toEqual([
        ['sudo-failed:alex', 'medium', 'alex typed a wrong sudo password 3 times on ubuntu'],
      ]);
    });
  }
});
