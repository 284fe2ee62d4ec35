// The demo's secrets-hygiene answers: complete under strict replay (default options and the proposed
// demo paths), the findings the demo is meant to show, and every planted secret visibly fake.
import { describe, expect, it } from 'vitest';
import { secretsHygiene } from '../../../../collector/checks/secrets-hygiene';
import { analyzeSecrets } from '../../../../collector/checks/secrets-hygiene/analyze';
import { gatherSecrets, type SecretsOptions } from '../../../../collector/checks/secrets-hygiene/probe';
import { SecretScanner } from '../../../../collector/checks/secrets-hygiene/scan';
import { parseCheckOptions } from '../../../../collector/config/schema';
import { DEMO_SECRETS_PATHS, secretsHygieneAnswers } from '../../../../collector/demo/answers/secrets-hygiene';
import { DEMO_NOW } from '../../../../collector/demo/homelab';
import { DEMO_MACHINES, demoFixture } from '../../../../collector/demo/hosts';
import { contentBytes } from '../../../../collector/host/fixture';
import { ReplayHost } from '../../../../collector/host/replay-host';

function defaults(): SecretsOptions {
  const parsed = parseCheckOptions(secretsHygiene.options, {});
  if (!parsed.success) throw new Error('defaults do not validate');
  return parsed.output as SecretsOptions;
}

async function titles(host: string, options: SecretsOptions): Promise<string[]> {
  const machine = DEMO_MACHINES.find((m) => m.name === host)!;
  const replay = new ReplayHost(demoFixture(machine, DEMO_NOW, 0), host, 'strict');
  const obs = await gatherSecrets(replay, { options, salt: 'vigil-demo-salt', sudo: false, signal: new AbortController().signal, budgetMs: 60_000 });
  expect(replay.misses, host).toEqual([]);
  return analyzeSecrets(obs, host, DEMO_NOW).map((f) => `${f.severity} ${f.title}`);
}

describe('secrets-hygiene demo answers', () => {
  it('show the demo\'s story with the default options', async () => {
    expect(await titles('ubuntu', defaults())).toEqual([
      'critical Plaintext Bitwarden export left on ubuntu: /home/alex/Downloads/bitwarden_export_20261101093012.csv',
      'medium Password in /opt/stacks/paperless/.env:1 on ubuntu',
      'medium Secret in /opt/stacks/paperless/.env:2 on ubuntu',
      'low Password in /opt/stacks/vaultwarden/.env:3 on ubuntu',
      'medium ntfy access token in /usr/local/bin/backup-vault.sh:10 on ubuntu',
      'info Secrets scan could not read 5 files or folders on ubuntu (e.g. /etc/ssh/ssh_host_ed25519_key)',
    ]);
    expect(await titles('nas', defaults())).toEqual([
      'medium Password in /volume1/docker/gitea/docker-compose.yml:7 on nas',
      'high AWS access key in /volume1/docker/restic/backup.sh:3 on nas',
      'medium Secret in /volume1/docker/restic/backup.sh:4 on nas',
      'medium Password in /volume1/docker/restic/backup.sh:6 on nas',
    ]);
    expect(await titles('sentinel', defaults())).toEqual([
      'critical Private key readable by every user on sentinel: /home/pi/.ssh/id_ed25519',
      'low Password in /etc/nut/upsd.users:2 on sentinel',
      'medium Secret in /etc/traefik/cloudflare.env:3 on sentinel',
    ]);
  });

  it('answer everything with the smaller path list proposed for the demo config too', async () => {
    const options = { ...defaults(), paths: DEMO_SECRETS_PATHS };
    for (const host of ['ubuntu', 'nas', 'sentinel']) expect((await titles(host, options)).length).toBeGreaterThan(2);
  });

  it('plant only visibly fake secrets (FAKE, EXAMPLE or deadbeef on the line)', () => {
    const scanner = new SecretScanner();
    let spans = 0;
    for (const [host, answers] of Object.entries(secretsHygieneAnswers)) {
      for (const a of answers(DEMO_NOW, 0)) {
        if (a.op !== 'read' || !a.result) continue;
        const data = contentBytes(a.result);
        for (const s of scanner.scan(data)) {
          spans++;
          const block = data.toString('latin1', s.start - 40 > 0 ? s.start - 40 : 0, s.end);
          expect(block, `${host}:${a.path}:${s.line}`).toMatch(/FAKE|EXAMPLE|deadbeef/);
        }
      }
    }
    expect(spans).toBeGreaterThan(10);
  });
});
