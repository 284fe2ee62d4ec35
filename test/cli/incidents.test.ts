// Incidents, notifications and the narrator end to end: the built CLI, a recorded host, loopback ntfy and Ollama servers.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFrontmatter, splitNote } from '../../shared/frontmatter';
import { OWNER_COMMAND } from '../../collector/checks/listening-sockets/probe';
import { socketOwners, socketTables, type SocketRow } from '../../collector/demo/builders';
import { vigil } from '../helpers/cli';
import { startNtfyServer, type NtfyServer } from '../helpers/ntfy-server';
import { startOllamaServer, type OllamaServer } from '../helpers/ollama-server';
import { tempDir } from '../helpers/tmp';

const TOKEN = 'tk_canary_ntfy_token_5f4e3d2c1b';

function writeFixture(file: string, rows: SocketRow[]): void {
  const owners = rows.map((r, i) => ({ pid: 100 + i, comm: r.local.endsWith(':6379') ? 'redis-server' : 'nginx', inodes: [r.inode] }));
  writeFileSync(
    file,
    JSON.stringify({
      vigil_fixture: 1,
      host: 'box',
      kind: 'ssh',
      captured_at: new Date().toISOString(),
      answers: [...socketTables(rows, []), ...socketOwners(owners, OWNER_COMMAND)],
    }),
  );
}

describe('incidents, ntfy and the narrator, end to end', () => {
  let dir: string;
  let ntfy: NtfyServer;
  let ollama: OllamaServer;
  let config: string;
  const redis: SocketRow = { local: '0.0.0.0:6379', state: 'LISTEN', inode: 9001 };
  const web: SocketRow = { local: '0.0.0.0:8081', state: 'LISTEN', inode: 9002 };
  const run = async () => {
    const r = await vigil(['run', '--config', config, '--json'], { env: { NTFY_TOKEN: TOKEN } });
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { extra: { notifications: { kind: string; status: string }[]; narrator: { status: string; reason?: string }; incidents: { open: number } } };
  };
  const incidentFile = (needle: string) => {
    const root = join(dir, 'vault/Vigil/Incidents');
    const file = readdirSync(root, { recursive: true }).map(String).find((f) => f.includes(needle));
    if (!file) throw new Error(`no incident note with ${needle}`);
    return join(root, file);
  };

  beforeAll(async () => {
    dir = await tempDir('vigil-incidents-');
    ntfy = await startNtfyServer(TOKEN);
    ollama = await startOllamaServer({ kind: 'good', text: 'Redis on box is reachable from the whole network. Close it first.' });
    writeFixture(join(dir, 'box.json'), [redis, web]);
    config = join(dir, 'vigil.yaml');
    writeFileSync(
      config,
      [
        'vault: ./vault',
        'vault_name: Home Lab',
        'state_dir: ./state',
        'hosts:',
        '  - name: box',
        '    fixture: box.json',
        '    collector: true',
        '    checks: [listening-sockets]',
        'incident_min_severity: medium',
        'notify:',
        `  ntfy: { url: "${ntfy.url}/homelab", token_env: NTFY_TOKEN, min_severity: high }`,
        'narrator:',
        `  ollama: { host: "${ollama.url}", model: llama3.2, timeout: 2s }`,
        '',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await ntfy?.close();
    await ollama?.close();
  });

  it('opens incidents, notifies once for what is at or above min_severity, and narrates the digest', async () => {
    const report = await run();
    expect(report.extra.incidents.open).toBe(2);
    expect(report.extra.notifications).toEqual([expect.objectContaining({ kind: 'opened', status: 'sent' })]);
    expect(ntfy.requests).toHaveLength(1);
    const sent = ntfy.requests[0]!.message!;
    expect(sent).toMatchObject({ topic: 'homelab', priority: 4, title: 'redis-server on port 6379/tcp listens on all interfaces on box' });
    expect(String(sent.click)).toMatch(/^obsidian:\/\/open\?vault=Home%20Lab&file=Vigil%2FIncidents%2F\d{4}%2F/);
    expect(ntfy.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const digest = readdirSync(join(dir, 'vault/Vigil/Reports'), { recursive: true }).map(String).find((f) => f.endsWith('digest.md'))!;
    const text = readFileSync(join(dir, 'vault/Vigil/Reports', digest), 'utf8');
    expect(text).toContain('> [!quote] Summary written by llama3.2 on your machine');
    expect(text).toContain('Redis on box is reachable from the whole network.');
    expect(report.extra.narrator).toEqual({ status: 'used' });
  });

  it('a second run with the same findings notifies nothing', async () => {
    await run();
    expect(ntfy.requests).toHaveLength(1);
    const fm = parseFrontmatter(splitNote(readFileSync(incidentFile('6379'), 'utf8')).yaml!);
    expect(fm).toMatchObject({ status: 'open', occurrences: 2 });
  });

  it('keeps the user\'s acknowledgement and notes; resolves after two clean runs and updates the same notification', async () => {
    const file = incidentFile('8081');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('status: "open"', 'status: "acknowledged"\nowner: "alex"').replace('## Notes\n', '## Notes\n\nIt is the staging site; closing it on Friday.\n'));
    await run();
    const acked = readFileSync(file, 'utf8');
    expect(parseFrontmatter(splitNote(acked).yaml!)).toMatchObject({ status: 'acknowledged', owner: 'alex' });
    expect(acked).toContain('It is the staging site; closing it on Friday.');
    expect(acked).toMatch(/— acknowledged\n/);

    writeFixture(join(dir, 'box.json'), [web]);
    await run();
    expect(parseFrontmatter(splitNote(readFileSync(incidentFile('6379'), 'utf8')).yaml!)).toMatchObject({ status: 'open' });
    const report = await run();
    expect(parseFrontmatter(splitNote(readFileSync(incidentFile('6379'), 'utf8')).yaml!)).toMatchObject({ status: 'resolved' });
    expect(report.extra.notifications).toEqual([expect.objectContaining({ kind: 'resolved', status: 'sent' })]);
    const [first, resolved] = [ntfy.requests[0]!.message!, ntfy.requests.at(-1)!.message!];
    expect(resolved.sequence_id).toBe(first.sequence_id);
    expect(ntfy.notifications.get(String(first.sequence_id))).toMatchObject({ title: 'Resolved: redis-server on port 6379/tcp listens on all interfaces on box' });
  });

  it('ships the deterministic digest when the narrator hangs, and queues a notification ntfy refused', async () => {
    ollama.mode = { kind: 'hang' };
    writeFixture(join(dir, 'box.json'), [web, redis]);
    ntfy.faults.push({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const r = await vigil(['run', '--config', config, '--json'], { env: { NTFY_TOKEN: TOKEN }, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.extra.narrator).toEqual({ status: 'skipped', reason: 'narrator did not answer within 2000 ms' });
    expect(report.warnings).toContain('narrator did not answer within 2000 ms');
    expect(report.extra.notifications).toEqual([expect.objectContaining({ kind: 'reopened', status: 'queued' })]);
    ollama.mode = { kind: 'error' };
    const next = await run();
    expect(next.extra.notifications).toEqual([expect.objectContaining({ kind: 'retry', status: 'sent' })]);
  }, 120_000);

  it('no output carries the ntfy token', () => {
    const everything = [
      ...readdirSync(join(dir, 'vault'), { recursive: true }).map(String).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(dir, 'vault', f), 'utf8')),
      ...readdirSync(join(dir, 'state'), { recursive: true }).map(String).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(dir, 'state', f), 'utf8')),
      ...ntfy.requests.map((r) => r.body),
      ...ollama.prompts,
    ].join('\n');
    expect(everything).not.toContain(TOKEN);
  });
});
