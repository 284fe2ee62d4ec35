// The narrator against a loopback server speaking Ollama's API: good, garbage, hang, 500; it only ever sees compact facts.
import { afterEach, describe, expect, it } from 'vitest';
import { completeFinding } from '../../../shared/finding';
import { narrate, narratorFacts, rejectNarrative } from '../../../collector/notify/narrator';
import { narrativeSection } from '../../../collector/vault/render-digest-sections';
import { startOllamaServer, type OllamaServer } from '../../helpers/ollama-server';

const CANARY = 'CANARY-SECRET-9f8e7d6c5b4a';
const findings = [
  completeFinding('docker-posture', 'nas', '2026-11-23T06:15:00Z', {
    subject: 'vaultwarden:privileged',
    severity: 'critical',
    title: 'Container vaultwarden runs privileged on nas',
    evidence: { container: 'vaultwarden', env_hint: CANARY },
  }),
  completeFinding('secrets-hygiene', 'ubuntu', '2026-11-23T06:15:00Z', {
    subject: `/opt/stacks/app/.env:3:aws-access-key:${CANARY}`,
    severity: 'high',
    title: `AWS access key in /opt/stacks/app/.env:3 on ubuntu (${CANARY})`,
    evidence: { path: '/opt/stacks/app/.env', line: 3, rule: 'aws-access-key', hash: 'abc' },
  }),
];

let server: OllamaServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('narrator', () => {
  it('sees ids, titles, severities and evidence keys — never values, never secrets-hygiene details', () => {
    const facts = narratorFacts(findings, ['nas', 'ubuntu'], { new: 2, fixed: 0 });
    const text = JSON.stringify(facts);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain('/opt/stacks');
    expect(facts.findings[0]).toMatchObject({ id: 'docker-posture:nas:vaultwarden:privileged', evidence_keys: ['container', 'env_hint'] });
    expect(facts.findings[1]).toEqual({ id: null, check: 'secrets-hygiene', host: 'ubuntu', severity: 'high', title: null, rule: 'aws-access-key', evidence_keys: [] });
  });

  it('uses a good answer; the prompt on the wire holds no canary and no raw data', async () => {
    server = await startOllamaServer({ kind: 'good', text: 'One critical problem on nas: vaultwarden runs privileged. A secret was found on ubuntu.' });
    const r = await narrate(narratorFacts(findings, ['nas'], { new: 1, fixed: 0 }), { host: server.url, model: 'llama3.2', timeoutMs: 5000 });
    expect(r).toEqual({ text: 'One critical problem on nas: vaultwarden runs privileged. A secret was found on ubuntu.' });
    expect(server.prompts).toHaveLength(1);
    expect(server.prompts[0]).not.toContain(CANARY);
    expect(JSON.parse(server.prompts[0]!)).toMatchObject({ model: 'llama3.2', stream: false });
  });

  it('refuses garbage that could break the note', async () => {
    for (const text of ['---\ntitle: pwned\n---', 'fine %% vigil:end summary %%', '```js\nalert(1)\n```', '<img src=x onerror=alert(1)>', '', 'x'.repeat(5000), '!!! ??? ...']) {
      expect(rejectNarrative(text), text).not.toBeNull();
    }
    server = await startOllamaServer({ kind: 'garbage', text: '---\nvigil: incident\n---' });
    const r = await narrate(narratorFacts(findings, [], { new: 0, fixed: 0 }), { host: server.url, model: 'm', timeoutMs: 5000 });
    expect(r).toEqual({ skipped: 'narrator reply unusable: the reply contained a frontmatter fence' });
  });

  it('gives up on a hang at its timeout, and on a 500', async () => {
    server = await startOllamaServer({ kind: 'hang' });
    const hung = await narrate(narratorFacts(findings, [], { new: 0, fixed: 0 }), { host: server.url, model: 'm', timeoutMs: 300 });
    expect(hung).toEqual({ skipped: 'narrator did not answer within 300 ms' });
    server.mode = { kind: 'error' };
    const failed = await narrate(narratorFacts(findings, [], { new: 0, fixed: 0 }), { host: server.url, model: 'm', timeoutMs: 5000 });
    expect('skipped' in failed && failed.skipped).toMatch(/^narrator unavailable: /);
  });

  it('renders as a labelled callout whose lines are plain text', () => {
    const section = narrativeSection('Two *problems* on [[nas]].\nFix #1 first.', 'llama3.2');
    expect(section).toBe('> [!quote] Summary written by llama3.2 on your machine from the findings below; it may be wrong\n> Two \\*problems\\* on \\[\\[nas\\]\\].\n> Fix \\#1 first.');
  });
});
