// ntfy: message shape, the real publish protocol against a loopback ntfy server, retries, the outbox.
import { afterEach, describe, expect, it } from 'vitest';
import type { NtfySettings } from '../../../collector/config/types';
import type { IncidentState } from '../../../collector/engine/incident-state';
import { incidentMessage, MAX_BODY_BYTES, sequenceIdFor } from '../../../collector/notify/ntfy-message';
import { retryAfterMs, sendNtfy } from '../../../collector/notify/ntfy-send';
import { notifyRun } from '../../../collector/notify/notify';
import { openNoteUrl as obsidianOpenUrl } from '../../../shared/deeplink';
import { freePort } from '../../helpers/sshd';
import { startNtfyServer, type NtfyServer } from '../../helpers/ntfy-server';

const incident = (over: Partial<IncidentState> = {}): IncidentState => ({
  fingerprint: 'fp1:0123456789abcdef0123',
  finding_id: 'docker-posture:nas:vaultwarden:privileged',
  check: 'docker-posture',
  host: 'nas',
  title: 'Container vaultwarden runs privileged on nas',
  severity: 'critical',
  status: 'open',
  opened: '2026-11-23T06:15:00.000Z',
  last_seen: '2026-11-23T06:15:00.000Z',
  resolved: null,
  occurrences: 1,
  clean_runs: 0,
  path: 'Incidents/2026/2026-11-23 Container vaultwarden runs privileged on nas.md',
  reopens: [],
  evidence: { container: 'vaultwarden', privileged: true },
  remediation: 'Drop privileged: true.',
  accepted_until: null,
  accepted_reason: null,
  events: [],
  ...over,
});

let server: NtfyServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const settings = (url: string, over: Partial<NtfySettings> = {}): NtfySettings => ({
  url: `${url}/homelab`,
  tokenEnv: 'NTFY_TEST_TOKEN',
  minSeverity: 'high',
  updateOnResolve: true,
  weeklyDigest: false,
  timeoutMs: 2000,
  ...over,
});
const env = { NTFY_TEST_TOKEN: 'tk_canarytoken123456789' };
const noWait = (waits: number[]) => ({ sleep: async (ms: number) => void waits.push(ms) });

describe('ntfy messages', () => {
  it('carry title, priority from severity, tags, a Markdown body and a percent-encoded deep link', () => {
    const m = incidentMessage('homelab', incident(), { fingerprint: 'x', kind: 'opened', notify: true }, { vaultName: 'Home Lab #1', note: 'Vigil/Incidents/2026/2026-11-23 Container vaultwarden runs privileged on nas.md', digest: 'Vigil/Reports/2026/2026-11-23 digest.md' }, true);
    expect(m).toMatchObject({ topic: 'homelab', title: 'Container vaultwarden runs privileged on nas', priority: 5, markdown: true, sequence_id: 'vigil-fp1-0123456789abcdef0123' });
    expect(m.tags[0]).toBe('rotating_light');
    expect(m.click).toBe('obsidian://open?vault=Home%20Lab%20%231&file=Vigil%2FIncidents%2F2026%2F2026-11-23%20Container%20vaultwarden%20runs%20privileged%20on%20nas');
    expect(m.actions?.length).toBeLessThanOrEqual(3);
    expect(m.message).toContain('- container: vaultwarden');
    expect(obsidianOpenUrl('v', 'a/ü&b=c?.md')).toBe('obsidian://open?vault=v&file=a%2F%C3%BC%26b%3Dc%3F');
  });

  it('stay under 4,096 bytes whatever the evidence holds', () => {
    const huge = incident({ evidence: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, '🔥'.repeat(200)])) });
    const m = incidentMessage('t', huge, { fingerprint: 'x', kind: 'opened', notify: true }, { vaultName: 'v', note: 'n.md' }, false);
    expect(Buffer.byteLength(m.message, 'utf8')).toBeLessThan(MAX_BODY_BYTES);
    expect(m.message).not.toContain('\uFFFD');
    expect(m.sequence_id).toBeUndefined();
  });

  it('show hostile values as literal text: no link, image, heading or extra line can be injected', () => {
    const hostile = incident({ host: 'nas](https://evil)', evidence: { hostname: '[Log in again](https://evil.example/login)', note: '![x](https://evil/p.png)\n# Urgent\r\n**bold**' } });
    const m = incidentMessage('t', hostile, { fingerprint: 'x', kind: 'opened', notify: true }, { vaultName: 'v', note: 'n.md' }, false);
    expect(m.message).toContain('- hostname: \\[Log in again\\]\\(https://evil.example/login\\)');
    expect(m.message).toContain('- note: \\!\\[x\\]\\(https://evil/p.png\\) \\# Urgent \\*\\*bold\\*\\*');
    expect(m.message).toContain('· nas\\]\\(https://evil\\) ·');
    // No unescaped link syntax anywhere in the body.
    expect(m.message).not.toMatch(/(?<!\\)\]\(/);
    expect(m.message.split('\n').filter((l) => l.startsWith('#'))).toEqual([]);
  });

  it('parse Retry-After as seconds or a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 25 Nov 2026 22:00:10 GMT', Date.parse('Wed, 25 Nov 2026 22:00:00 GMT'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeNull();
  });
});

describe('publishing to a loopback ntfy server', () => {
  it('publishes JSON with the bearer token from the environment', async () => {
    server = await startNtfyServer(env.NTFY_TEST_TOKEN);
    const m = incidentMessage('homelab', incident(), { fingerprint: 'x', kind: 'opened', notify: true }, { vaultName: 'v', note: 'n.md' }, true);
    const outcome = await sendNtfy(settings(server.url), m, env);
    expect(outcome).toEqual({ status: 'sent', attempts: 1, httpStatus: 200 });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/' });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${env.NTFY_TEST_TOKEN}`);
    expect(server.requests[0]?.message).toMatchObject({ topic: 'homelab', priority: 5, sequence_id: sequenceIdFor('fp1:0123456789abcdef0123') });
  });

  it('does not retry a refused token; says which variable is missing', async () => {
    server = await startNtfyServer('right');
    const m = incidentMessage('homelab', incident(), { fingerprint: 'x', kind: 'opened', notify: true }, { vaultName: 'v', note: 'n.md' }, false);
    const waits: number[] = [];
    expect(await sendNtfy(settings(server.url), m, { NTFY_TEST_TOKEN: 'wrong' }, noWait(waits))).toMatchObject({ status: 'failed', attempts: 1, httpStatus: 401, retryable: false });
    expect(await sendNtfy(settings(server.url), m, {}, noWait(waits))).toMatchObject({ status: 'failed', attempts: 0, error: 'NTFY_TEST_TOKEN is not set' });
    expect(waits).toEqual([]);
  });

  it('waits what a 429 asks, backs off on 500, and gets through', async () => {
    server = await startNtfyServer(env.NTFY_TEST_TOKEN);
    server.faults.push({ status: 429, retryAfter: '7' }, { status: 500 }, { status: 503 });
    const waits: number[] = [];
    const m = incidentMessage('homelab', incident(), { fingerprint: 'x', kind: 'opened', notify: true }, { vaultName: 'v', note: 'n.md' }, false);
    const outcome = await sendNtfy(settings(server.url), m, env, noWait(waits));
    expect(outcome).toMatchObject({ status: 'sent', attempts: 4 });
    expect(waits).toEqual([7000, 2000, 4000]);
  });

  it('gives up within its budget and reports the failure as retryable', async () => {
    const port = await freePort();
    const waits: number[] = [];
    const m = incidentMessage('homelab', incident(), { fingerprint: 'x', kind: 'opened', notify: true }, { vaultName: 'v', note: 'n.md' }, false);
    const outcome = await sendNtfy(settings(`http://127.0.0.1:${port}`), m, env, { ...noWait(waits), budgetMs: 5000 });
    expect(outcome).toMatchObject({ status: 'failed', retryable: true, error: expect.stringMatching(/^cannot reach ntfy/) });
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5000);
  });

  it('sends only new/escalated/reopened incidents at or above min_severity, and updates the same notification on resolve', async () => {
    server = await startNtfyServer(env.NTFY_TEST_TOKEN);
    const crit = incident();
    const med = incident({ fingerprint: 'fp1:ffffffffffffffffffff', severity: 'medium', title: 'medium thing' });
    const common = {
      settings: settings(server.url),
      incidents: { [crit.fingerprint]: crit, [med.fingerprint]: med },
      vaultName: 'Homelab',
      notePath: (fp: string) => `Vigil/${fp}.md`,
      digestPath: 'Vigil/Reports/2026/2026-11-23 digest.md',
      weekly: null,
      outbox: [],
      env,
      now: new Date('2026-11-23T06:15:00Z'),
    };
    const first = await notifyRun({
      ...common,
      changes: [
        { fingerprint: crit.fingerprint, kind: 'opened', notify: true },
        { fingerprint: med.fingerprint, kind: 'opened', notify: true },
      ],
    });
    expect(first.records.map((r) => [r.kind, r.status])).toEqual([['opened', 'sent']]);
    expect(server.notifications.size).toBe(1);
    const resolved = { ...crit, status: 'resolved' as const, resolved: '2026-11-25T06:15:00.000Z' };
    await notifyRun({ ...common, incidents: { [crit.fingerprint]: resolved }, changes: [{ fingerprint: crit.fingerprint, kind: 'resolved', notify: true }] });
    expect(server.notifications.size).toBe(1);
    expect([...server.notifications.values()][0]).toMatchObject({ title: 'Resolved: Container vaultwarden runs privileged on nas', priority: 2 });
    const quiet = await notifyRun({ ...common, changes: [{ fingerprint: crit.fingerprint, kind: 'reopened', notify: false }] });
    expect(quiet.records).toEqual([]);
    // With a runbook for the incident's service, the third action opens it.
    await notifyRun({ ...common, runbookPath: () => 'Vigil/Runbooks/vaultwarden.md', changes: [{ fingerprint: crit.fingerprint, kind: 'reopened', notify: true }] });
    expect(server.requests.at(-1)!.message!.actions).toEqual([
      expect.objectContaining({ label: 'Open note' }),
      expect.objectContaining({ label: 'Digest' }),
      { action: 'view', label: 'Runbook', url: 'obsidian://open?vault=Homelab&file=Vigil%2FRunbooks%2Fvaultwarden' },
    ]);
  });

  it('with ntfy down, tries one message and queues the rest untried, so the run is never held per message', async () => {
    const port = await freePort();
    const incidents = Object.fromEntries(Array.from({ length: 10 }, (_, i) => incident({ fingerprint: `fp1:${String(i).padStart(20, '0')}`, title: `thing ${i}` })).map((s) => [s.fingerprint, s]));
    const waits: number[] = [];
    const out = await notifyRun({
      settings: settings(`http://127.0.0.1:${port}`),
      incidents,
      changes: Object.keys(incidents).map((fingerprint) => ({ fingerprint, kind: 'opened' as const, notify: true })),
      vaultName: 'Homelab',
      notePath: () => 'Vigil/x.md',
      digestPath: 'Vigil/d.md',
      weekly: null,
      outbox: [],
      env,
      now: new Date('2026-11-23T06:15:00Z'),
      send: noWait(waits),
    });
    expect(out.records.map((r) => r.status)).toEqual(Array(10).fill('queued'));
    expect(out.records[0]!.attempts).toBe(4);
    expect(out.records.slice(1).every((r) => r.attempts === 0 && /^not tried: cannot reach ntfy/.test(r.error ?? ''))).toBe(true);
    expect(out.outbox).toHaveLength(10);
    // Only the first message waited between its attempts.
    expect(waits).toHaveLength(3);
  });

  it('queues what failed and sends it on the next run', async () => {
    server = await startNtfyServer(env.NTFY_TEST_TOKEN);
    server.faults.push({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const crit = incident();
    const input = {
      settings: settings(server.url),
      incidents: { [crit.fingerprint]: crit },
      vaultName: 'Homelab',
      notePath: () => 'Vigil/x.md',
      digestPath: 'Vigil/d.md',
      weekly: null,
      env,
      now: new Date('2026-11-23T06:15:00Z'),
      send: { sleep: async () => undefined },
    };
    const failed = await notifyRun({ ...input, outbox: [], changes: [{ fingerprint: crit.fingerprint, kind: 'opened', notify: true }] });
    expect(failed.records[0]).toMatchObject({ status: 'queued', attempts: 4, http_status: 500 });
    expect(failed.outbox).toHaveLength(1);
    const next = await notifyRun({ ...input, outbox: failed.outbox, changes: [], now: new Date('2026-11-24T06:15:00Z') });
    expect(next.records[0]).toMatchObject({ kind: 'retry', status: 'sent', attempts: 5 });
    expect(next.outbox).toEqual([]);
    const stale = await notifyRun({ ...input, send: { sleep: async () => undefined }, outbox: [{ ...failed.outbox[0]!, first_tried: '2026-11-01T00:00:00.000Z' }], changes: [], now: new Date('2026-11-24T06:15:00Z') });
    expect(stale.records[0]?.status).toBe('sent');
  });
});
