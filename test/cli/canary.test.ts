// Secrets never travel: canary secrets planted in every input the collector reads, then every output searched for them.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerEngineAnswers } from '../../collector/demo/answers/docker-engine';
import { which } from '../helpers/binaries';
import { vigil } from '../helpers/cli';
import { startNtfyServer, type NtfyServer } from '../helpers/ntfy-server';
import { startOllamaServer, type OllamaServer } from '../helpers/ollama-server';
import { startUnifiStub, type UnifiStub } from '../helpers/unifi-server';
import { tempDir } from '../helpers/tmp';

const rand = (n: number, alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789') => Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
const CANARIES = {
  awsKey: `AKIA${rand(16)}`,
  dotenvPassword: `cnry-${rand(24, 'abcdefghijkmnpqrstuvwxyz23456789')}`,
  typedPassword: `Cnry${rand(14, 'abcdefghijkmnpqrstuvwxyz23456789')}!`,
  containerEnv: `cnryenv${rand(20, 'abcdef0123456789')}`,
  resticPassword: `cnry-restic-${rand(20)}`,
  artifact: `cnry-artifact-${rand(20)}`,
  ntfyToken: `tk_${rand(29, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
  unifiPassword: `cnry-unifi-${rand(16)}`,
};

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true })
      .map((f) => join(dir, String(f)))
      .filter((f) => statSync(f).isFile());
  } catch {
    return [];
  }
}

describe('secrets never travel (the whole pipeline)', () => {
  let dir: string;
  let ntfy: NtfyServer;
  let ollama: OllamaServer;
  let unifi: UnifiStub;
  const outputs: string[] = [];

  beforeAll(async () => {
    dir = await tempDir('vigil-canary-');
    ntfy = await startNtfyServer(CANARIES.ntfyToken);
    ollama = await startOllamaServer({ kind: 'good', text: 'Several secrets and a brute force were found. Rotate the key first.' });
    unifi = await startUnifiStub({ flavor: 'unifi-os', username: 'vigil', password: CANARIES.unifiPassword, data: { devices: [], clients: [], alarms: [], events: [] } });

    // Files the secrets scan reads.
    mkdirSync(join(dir, 'scan/app'), { recursive: true });
    writeFileSync(join(dir, 'scan/app/.env'), `AWS_ACCESS_KEY_ID=${CANARIES.awsKey}\nDB_PASSWORD=${CANARIES.dotenvPassword}\n`, { mode: 0o644 });
    // Log lines: a password typed at the user-name prompt, then a brute force.
    const now = new Date();
    const at = (s: number) => new Date(now.getTime() - s * 1000).toISOString().replace('Z', '+00:00');
    const lines = [`${at(600)} box sshd[4101]: Invalid user ${CANARIES.typedPassword} from 203.0.113.9 port 51000`, `${at(599)} box sshd[4101]: Failed password for invalid user ${CANARIES.typedPassword} from 203.0.113.9 port 51000 ssh2`];
    for (let i = 0; i < 12; i++) lines.push(`${at(500 - i)} box sshd[${4200 + i}]: Failed password for root from 203.0.113.9 port ${52000 + i} ssh2`);
    writeFileSync(join(dir, 'auth.log'), `${lines.join('\n')}\n`);
    // A recorded host whose container carries secrets in its environment.
    const answers = dockerEngineAnswers(
      'box',
      { version: '27.3.1', apiVersion: '1.47', minApiVersion: '1.24', kernel: '6.8.0', arch: 'amd64', platform: 'Docker Engine - Community' },
      [{ name: 'api', image: 'example/api:1', created: now, startedAt: now, privileged: true, env: [`API_TOKEN=${CANARIES.containerEnv}`, `DB_PASS=${CANARIES.containerEnv}`] }],
      now,
    );
    writeFileSync(join(dir, 'box.json'), JSON.stringify({ vigil_fixture: 1, host: 'box', kind: 'ssh', captured_at: now.toISOString(), answers }));
    // Backups: a restic password file and an artifact that holds a secret.
    writeFileSync(join(dir, 'restic-pass'), `${CANARIES.resticPassword}\n`, { mode: 0o600 });
    if (which('restic')) execFileSync('restic', ['init', '--repo', join(dir, 'restic'), '--password-file', join(dir, 'restic-pass')], { stdio: 'ignore' });
    mkdirSync(join(dir, 'artifacts'));
    writeFileSync(join(dir, 'artifacts/vault-2026-11-23.kdbx'), `KDBX ${CANARIES.artifact}`);

    writeFileSync(
      join(dir, 'vigil.yaml'),
      [
        'vault: ./vault',
        'state_dir: ./state',
        'hosts:',
        '  - { name: local, local: true, checks: [secrets-hygiene, ssh-auth, backup-restic, backup-files] }',
        '  - { name: box, fixture: box.json, checks: [docker-posture, container-health] }',
        'checks:',
        `  secrets-hygiene: { paths: ["${dir}/scan"], export_paths: [], key_paths: [] }`,
        `  ssh-auth: { source: file, log: "${dir}/auth.log" }`,
        `  unifi: { url: "${unifi.url}", username: vigil, password_env: UNIFI_PASSWORD }`,
        'incident_min_severity: low',
        'backups:',
        `  - { name: photos, kind: restic, repo: "${dir}/restic", password_file: "${dir}/restic-pass", data_class: irreplaceable, copy: { media: usb }, max_age: 8d }`,
        `  - { name: vault-archive, kind: files, path: "${dir}/artifacts", pattern: "*.kdbx", data_class: irreplaceable, copy: { media: disk }, max_age: 8d }`,
        'services:',
        '  - { name: vault, kind: password-vault, host: local, data_class: irreplaceable, backups: [vault-archive], credentials: ["KeePass master passphrase: memorised, sealed copy in the safe"] }',
        'notify:',
        `  ntfy: { url: "${ntfy.url}/homelab", token_env: NTFY_TOKEN, min_severity: info }`,
        'narrator:',
        `  ollama: { host: "${ollama.url}", model: llama3.2, timeout: 5s }`,
        `metrics: { textfile: "${dir}/metrics/vigil.prom" }`,
        `export: { html: "${dir}/usb/recovery.html" }`,
        '',
      ].join('\n'),
    );
    // node_exporter's textfile directory exists before Vigil writes into it.
    mkdirSync(join(dir, 'metrics'), { recursive: true });
    const env = { NTFY_TOKEN: CANARIES.ntfyToken, UNIFI_PASSWORD: CANARIES.unifiPassword };
    const run = await vigil(['run', '--config', 'vigil.yaml', '--json'], { cwd: dir, env, timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    outputs.push(run.stdout, run.stderr);
    const again = await vigil(['run', '--config', 'vigil.yaml'], { cwd: dir, env, timeoutMs: 120_000 });
    outputs.push(again.stdout, again.stderr);
    const capture = await vigil(['capture', '--config', 'vigil.yaml', '--host', 'local', '--out', join(dir, 'capture.json')], { cwd: dir, env, timeoutMs: 120_000 });
    expect(capture.code, capture.stderr).toBe(0);
    outputs.push(capture.stdout, capture.stderr);
    const exported = await vigil(['export-runbook', '--config', 'vigil.yaml', '--out', join(dir, 'recovery.html')], { cwd: dir, env });
    outputs.push(exported.stdout, exported.stderr);
    for (const folder of ['vault', 'state', 'metrics', 'usb']) for (const f of filesUnder(join(dir, folder))) outputs.push(readFileSync(f, 'utf8'));
    outputs.push(readFileSync(join(dir, 'capture.json'), 'utf8'), readFileSync(join(dir, 'recovery.html'), 'utf8'));
  }, 300_000);

  afterAll(async () => {
    await ntfy?.close();
    await ollama?.close();
    await unifi?.close();
  });

  it('the planted secrets were really read: the checks found what they hide in', () => {
    const report = JSON.parse(outputs[0]!) as { findings: { check: string; title: string }[] };
    const checks = new Set(report.findings.map((f) => f.check));
    expect(checks).toContain('secrets-hygiene');
    expect(checks).toContain('ssh-auth');
    expect(checks).toContain('docker-posture');
    expect(report.findings.some((f) => f.check === 'secrets-hygiene' && f.title.includes('.env'))).toBe(true);
    expect(ntfy.requests.length).toBeGreaterThan(0);
    expect(ollama.prompts.length).toBeGreaterThan(0);
    expect(unifi.logins).toBeGreaterThan(0);
  });

  it('no canary appears in any note, report, archive, state, metrics, export, capture, stdout or stderr', () => {
    // Every kind of output is there to be searched: notes, reports, state, metrics, exports, the capture.
    const joined = outputs.join('\n');
    for (const marker of ['vigil: "incident"', 'vigil: "backup-job"', 'vigil: "runbook"', '"run_id"', 'vigil_backup_', '<!doctype html>', '"vigil_fixture"']) {
      expect(joined.toLowerCase(), marker).toContain(marker.toLowerCase());
    }
    for (const [name, value] of Object.entries(CANARIES)) {
      const where = outputs.findIndex((o) => o.includes(value));
      expect(where, `${name} in output #${where}: ${where >= 0 ? outputs[where]!.slice(0, 80) : ''}`).toBe(-1);
    }
  });

  it('no canary reaches ntfy (beyond its own token in the Authorization header) or the model', () => {
    const bodies = ntfy.requests.map((r) => r.body).join('\n');
    const prompts = ollama.prompts.join('\n');
    for (const [name, value] of Object.entries(CANARIES)) {
      expect(bodies.includes(value), `ntfy body: ${name}`).toBe(false);
      expect(prompts.includes(value), `prompt: ${name}`).toBe(false);
    }
    expect(ntfy.requests.every((r) => r.headers.authorization === `Bearer ${CANARIES.ntfyToken}`)).toBe(true);
    // Nor does any raw log line: the model and the phone get facts, never what a log said.
    for (const raw of ['sshd[', 'Failed password', 'Invalid user', 'pam_unix', 'COMMAND=']) {
      expect(prompts.includes(raw), `prompt: ${raw}`).toBe(false);
      expect(bodies.includes(raw), `ntfy body: ${raw}`).toBe(false);
    }
  });
});
