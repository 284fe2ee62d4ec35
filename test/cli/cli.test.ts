// The command line as a user meets it: help, exit codes, JSON output, no-config runs, capture and replay.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import net from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vigil } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { parseFrontmatter, splitNote } from '../../shared/frontmatter';
import { validateNoteFrontmatter } from '../../shared/note-schema';

const COMMANDS = ['run', 'check', 'list', 'capture', 'replay', 'demo', 'init', 'doctor', 'schedule'];

describe('vigil CLI', () => {
  it('has --help for every command and an overview', async () => {
    for (const c of COMMANDS) {
      const r = await vigil([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.stdout, c).toMatch(new RegExp(`^Usage: vigil ${c}`));
    }
    const overview = await vigil(['--help']);
    expect(overview.code).toBe(0);
    for (const c of COMMANDS) expect(overview.stdout).toContain(`  ${c}`);
    expect((await vigil(['--version'])).stdout).toMatch(/^vigil \d+\.\d+\.\d+/);
  });

  it('exits 2 on unknown commands, flags and check ids', async () => {
    expect((await vigil(['fly'])).code).toBe(2);
    const flag = await vigil(['run', '--frobnicate']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/run: Unknown option '--frobnicate'/);
    const only = await vigil(['run', '--only', 'nope', '--dry-run']);
    expect(only.code).toBe(2);
    expect(only.stderr).toMatch(/--only: unknown check "nope"/);
    expect((await vigil(['check', 'nope'])).code).toBe(2);
  });

  it('--dry-run writes nothing and says so instead of counting notes as written', async () => {
    const dir = await tempDir();
    const file = join(dir, 'vigil.yaml');
    await writeFile(file, `vault: ${dir}/v\nstate_dir: ${dir}/s\n`);
    const r = await vigil(['run', '--config', file, '--only', 'listening-sockets', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/ · no notes written \(\d+ would change; --dry-run\) · /);
    expect(existsSync(join(dir, 'v'))).toBe(false);
    expect(existsSync(join(dir, 's'))).toBe(false);
  });

  it('a note whose frontmatter the user broke is left exactly as it is, said on stderr, and the run still exits 0', async () => {
    const dir = await tempDir();
    const file = join(dir, 'vigil.yaml');
    await writeFile(file, `vault: ${dir}/v\nstate_dir: ${dir}/s\n`);
    const args = ['run', '--config', file, '--only', 'listening-sockets,collector-self'];
    expect((await vigil(args)).code).toBe(0);
    const reports = join(dir, 'v/Vigil/Reports');
    const digest = (await readdir(reports, { recursive: true })).map(String).find((f) => f.endsWith('digest.md'))!;
    const broken = '---\nvigil: [report\n---\nMy own words.\n';
    await writeFile(join(reports, digest), broken);
    const r = await vigil(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/vigil: left unchanged: Vigil\/Reports\/.*digest\.md: its frontmatter does not parse \(line \d+\); fix it by hand/);
    expect(await readFile(join(reports, digest), 'utf8')).toBe(broken);
    const latest = JSON.parse(await readFile(join(dir, 's/latest.json'), 'utf8'));
    expect(latest.vault).toMatchObject({ errors: [], kept: [expect.objectContaining({ path: `Vigil/Reports/${digest}` })] });
  });

  it('a bad config exits 2 with file:line: key: message and runs nothing', async () => {
    const dir = await tempDir();
    const file = join(dir, 'vigil.yaml');
    await writeFile(file, `vault: ${dir}/v\nchecks:\n  listening-socket: {}\n`);
    const r = await vigil(['run', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:3: checks.listening-socket: unknown key (did you mean "listening-sockets"?)`);
    expect(r.stderr).toContain('nothing was run');
    await expect(stat(join(dir, 'v'))).rejects.toThrow();
  });

  it('with no config, audits this machine read-only and writes to ./vigil-vault', async () => {
    const cwd = await tempDir();
    const r = await vigil(['run', '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ vigil_report: 1, mode: 'live', config: null });
    expect(report.checks.map((c: { check: string }) => c.check)).toEqual(expect.arrayContaining(['listening-sockets', 'collector-self']));
    const reports = await readdir(join(cwd, 'vigil-vault/Vigil/Reports'), { recursive: true });
    expect(reports.some((f) => String(f).endsWith('digest.md'))).toBe(true);
  });

  it('--fail-on turns findings at or above a severity into exit 1', async () => {
    const cwd = await tempDir();
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', () => r()));
    try {
      const r = await vigil(['run', '--only', 'listening-sockets', '--fail-on', 'low', '--quiet'], { cwd });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout + r.stderr).toBe('');
      const ok = await vigil(['run', '--only', 'listening-sockets', '--fail-on', 'critical', '--quiet'], { cwd });
      expect(ok.code).toBe(0);
    } finally {
      server.close();
    }
  });

  it('check ID prints findings, writes nothing; --json gives outcomes and findings', async () => {
    const cwd = await tempDir();
    const r = await vigil(['check', 'listening-sockets', '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.checks[0]).toMatchObject({ check: 'listening-sockets', host: 'local', status: 'ok' });
    await expect(stat(join(cwd, 'vigil-vault'))).rejects.toThrow();
    const human = await vigil(['check', 'collector-self'], { cwd });
    expect(human.stdout).toMatch(/^local: ok/);
  });

  it('without a terminal prints one summary line (what cron mails), nothing with --quiet', async () => {
    const cwd = await tempDir();
    const r = await vigil(['run'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^vigil: \d+ checks on 1 host .* notes? written/);
    const q = await vigil(['run', '--quiet'], { cwd });
    expect(q.stdout + q.stderr).toBe('');
  });

  it('a second run while a live process holds the lock exits 2 with its pid; the vault stays as it was', async () => {
    const cwd = await tempDir();
    const state = join(cwd, 'state');
    await writeFile(join(cwd, 'vigil.yaml'), `vault: ./vault\nstate_dir: ./state\n`);
    expect((await vigil(['run', '--quiet'], { cwd })).code).toBe(0);
    const before = await readdir(join(cwd, 'vault'), { recursive: true });
    const holder = spawn('sleep', ['30']);
    try {
      await writeFile(join(state, 'vigil.lock'), JSON.stringify({ pid: holder.pid, host: hostname(), started: 'x' }));
      const r = await vigil(['run'], { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`another run (pid ${holder.pid}) holds the lock`);
      expect(await readdir(join(cwd, 'vault'), { recursive: true })).toEqual(before);
    } finally {
      holder.kill();
    }
    const taken = await vigil(['run'], { cwd });
    expect(taken.code).toBe(0);
    expect(taken.stderr).toMatch(/warning: took over a lock left by pid \d+/);
  });

  it('two runs started together: one finishes, the other exits 2 with the lock message or runs after it', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'vigil.yaml'), `vault: ./vault\nstate_dir: ./state\n`);
    const [a, b] = await Promise.all([vigil(['run'], { cwd }), vigil(['run'], { cwd })]);
    for (const r of [a, b]) {
      if (r.code === 2) expect(r.stderr).toMatch(/another run \(pid \d+\) holds the lock/);
      else expect(r.code, r.stderr).toBe(0);
    }
    expect([a.code, b.code]).toContain(0);
    const state = JSON.parse(await readFile(join(cwd, 'state/latest.json'), 'utf8'));
    expect(state.vigil_report).toBe(1);
    expect(await readdir(join(cwd, 'state'))).not.toContain('vigil.lock');
  });

  it('a run that meets a held lock exits 2 naming the holder, and the holder finishes with valid notes', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'vigil.yaml'), `vault: ./vault\nstate_dir: ./state\n`);
    const holder = vigil(['run'], { cwd, env: { VIGIL_TEST_FAULT: 'hold-lock' } });
    for (let i = 0; i < 100 && !(await readdir(join(cwd, 'state')).catch((): string[] => [])).includes('vigil.lock'); i++) await new Promise((r) => setTimeout(r, 50));
    const second = await vigil(['run'], { cwd });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/another run \(pid \d+\) holds the lock/);
    const first = await holder;
    expect(first.code, first.stderr).toBe(0);
    const notes = (await readdir(join(cwd, 'vault', 'Vigil'), { recursive: true })).filter((f) => f.endsWith('.md'));
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      const text = await readFile(join(cwd, 'vault', 'Vigil', note), 'utf8');
      const { yaml } = splitNote(text);
      expect(validateNoteFrontmatter(parseFrontmatter(yaml ?? '')), note).toMatchObject({ state: 'valid' });
    }
  });

  it('capture records this machine; replaying the fixture gives the same findings', async () => {
    const cwd = await tempDir();
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', () => r()));
    try {
      // The capture is itself a live run; its report is what the replay must reproduce (other tests bind ports meanwhile).
      const cap = await vigil(['capture', '--out', 'local.json', '--only', 'listening-sockets', '--json'], { cwd });
      expect(cap.code, cap.stderr).toBe(0);
      expect((await stat(join(cwd, 'local.json'))).mode & 0o777).toBe(0o600);
      const live = JSON.parse(cap.stdout);
      const replay = await vigil(['replay', 'local.json', '--json', '--strict', '--only', 'listening-sockets'], { cwd });
      expect(replay.code, replay.stderr).toBe(0);
      const replayed = JSON.parse(replay.stdout);
      const port = (server.address() as net.AddressInfo).port;
      const ids = (fs: { id: string }[]) => fs.map((f) => f.id).filter((id) => id.includes(`tcp/${port}`));
      expect(ids(replayed.findings)).toEqual([`listening-sockets:local:tcp/${port}`]);
      expect(ids(live.findings)).toEqual(ids(replayed.findings));
      // Without --vault a replay writes nothing, and its summary says so.
      const plain = await vigil(['replay', 'local.json', '--only', 'listening-sockets'], { cwd });
      expect(plain.stdout).toMatch(/no notes written \(\d+ would change; give --vault to write them\)/);
      expect(await readdir(cwd)).not.toContain('vigil-vault');
    } finally {
      server.close();
    }
  });

  it('replay of a hostile fixture keeps every note inside the folder and every value as text', async () => {
    const cwd = await tempDir();
    const hostile = '<img src=x onerror=alert(1)> ../../etc/passwd %% vigil:end x %% ---';
    const fixture = {
      vigil_fixture: 1,
      host: 'evil',
      kind: 'local',
      captured_at: '2026-11-23T06:15:00.000Z',
      answers: [
        { op: 'read', path: '/proc/net/tcp', result: { lines: ['  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode', '   0: 00000000:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0 100 0 0 10 0'] } },
        { op: 'exec', argv: ['find', '/proc', '-mindepth', '3', '-maxdepth', '3', '-path', '/proc/[0-9]*/fd/*', '-lname', 'socket:*', '-printf', '%p %l\\n'], sudo: false, result: { code: 0, stdout: '/proc/66/fd/3 socket:[777]\n' } },
        { op: 'read', path: '/proc/66/comm', result: { text: `${hostile}\n` } },
      ],
    };
    await writeFile(join(cwd, 'evil.json'), JSON.stringify(fixture));
    const r = await vigil(['replay', 'evil.json', '--vault', 'vault'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const files = (await readdir(join(cwd, 'vault'), { recursive: true })).map(String);
    expect(files.every((f) => f.startsWith('Vigil'))).toBe(true);
    const digest = files.find((f) => f.endsWith('digest.md'))!;
    const text = await readFile(join(cwd, 'vault', digest), 'utf8');
    expect(text).toContain('\\<img src=x onerror=alert(1)\\>');
    // Outside code spans (where text is shown literally) every `<` is escaped.
    expect(text.replace(/`[^`\n]*`/g, '')).not.toMatch(/(?<!\\)<img/);
    expect(text).not.toMatch(/^%% vigil:end x/m);
    expect(text).not.toContain('%% vigil:end x %%');
  });

  it('list names every check; schedule prints a timer and a cron line', async () => {
    const list = await vigil(['list']);
    expect(list.stdout).toMatch(/listening-sockets\s+per host/);
    expect(list.stdout).toMatch(/collector-self\s+once/);
    // The stages after the checks are listed too, and `vigil check` says how to run them.
    for (const stage of ['backup-strategy', 'restore-schedule', 'runbook-coverage']) expect(list.stdout).toMatch(new RegExp(`^  ${stage}\\s+once`, 'm'));
    const stage = await vigil(['check', 'runbook-coverage']);
    expect(stage.code).toBe(2);
    expect(stage.stderr).toContain('runbook-coverage runs after the checks');
    const s = await vigil(['schedule', '--at', '05:30']);
    expect(s.stdout).toContain('OnCalendar=*-*-* 05:30:00');
    expect(s.stdout).toMatch(/^30 5 \* \* \* .* run --quiet$/m);
    expect((await vigil(['schedule', '--at', '25:00'])).code).toBe(2);
  });

  it('init writes a starter config once; doctor reads it', async () => {
    const cwd = await tempDir();
    const cfg = join(cwd, 'conf', 'vigil.yaml');
    const r = await vigil(['init', '--config', cfg, '--vault', join(cwd, 'vault')], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect((await stat(cfg)).mode & 0o777).toBe(0o600);
    await writeFile(cfg, `${await readFile(cfg, 'utf8')}# mine\n`);
    expect((await vigil(['init', '--config', cfg], { cwd })).stderr).toContain('already exists');
    expect(await readFile(cfg, 'utf8')).toContain('# mine');
    const d = await vigil(['doctor', '--config', cfg], { cwd });
    expect(d.code, d.stdout).toBe(0);
    expect(d.stdout).toContain(`✓ config ${cfg} is valid`);
    expect(d.stdout).toMatch(/vault folder .* is writable/);
    await mkdir(join(cwd, 'bad'));
    await writeFile(join(cwd, 'bad', 'v.yaml'), 'vault: 3\n');
    const bad = await vigil(['doctor', '--config', join(cwd, 'bad', 'v.yaml')], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/✗ config: .*v\.yaml:1: vault: expected a string, got 3/);
  });
});
