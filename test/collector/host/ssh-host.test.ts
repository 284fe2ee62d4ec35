// SshHost against a real OpenSSH sshd on 127.0.0.1: auth, pinned keys, quoting, sudo, timeouts, drops, tunnels, 20 hosts.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshSettings } from '../../../collector/config/types';
import { sudoVerdict } from '../../../collector/cli/commands/doctor';
import { defaultConfig } from '../../../collector/config/load';
import { openHost } from '../../../collector/engine/hosts';
import { planTasks } from '../../../collector/engine/plan';
import { runChecks } from '../../../collector/engine/run-checks';
import { executeRun } from '../../../collector/engine/run';
import { ProbeError } from '../../../collector/errors/probe-error';
import { connectSsh, SshConnectError } from '../../../collector/host/ssh/connect';
import { fingerprint } from '../../../collector/host/ssh/known-hosts';
import { requireBinary } from '../../helpers/binaries';
import { testCheck } from '../../helpers/test-check';
import { ensureTestUser, freePort, makeKey, startSshd, type Sshd } from '../../helpers/sshd';
import { tempDir } from '../../helpers/tmp';

const SSHD = requireBinary('sshd', 'openssh-server');
const KEYGEN = requireBinary('ssh-keygen', 'openssh-client');

describe.runIf(SSHD && KEYGEN)('SshHost against real sshd', () => {
  let dir: string;
  let sshd: Sshd;
  let clientKey: ReturnType<typeof makeKey>;
  let knownHosts: string;
  let testUser: string | null;
  const sudoersFile = '/etc/sudoers.d/vigil-test-cat';

  const settings = (over: Partial<SshSettings> = {}): SshSettings => ({
    host: '127.0.0.1',
    port: sshd.port,
    user: 'root',
    key: clientKey.path,
    keyPassphraseEnv: null,
    agent: null,
    knownHosts,
    connectTimeoutMs: 5000,
    commandTimeoutMs: 10_000,
    ...over,
  });

  beforeAll(async () => {
    dir = await tempDir('vigil-sshd-');
    // The non-root test user must be able to reach the authorized_keys file under it.
    chmodSync(dir, 0o755);
    clientKey = makeKey(join(dir, 'client_key'));
    testUser = ensureTestUser();
    sshd = await startSshd(join(dir, 'sshd'), [clientKey.line]);
    knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, `${sshd.knownHostsLine}\n`);
  });

  afterAll(async () => {
    await sshd?.stop();
    rmSync(sudoersFile, { force: true });
  });

  it('runs commands, reads, streams, stats and lists over one connection', async () => {
    const host = await connectSsh({ name: 'lab', settings: settings(), allowSudo: false });
    try {
      const r = await host.exec(['uname', '-s']);
      expect(r).toMatchObject({ code: 0, stdout: 'Linux\n' });
      const file = join(dir, 'hello.txt');
      writeFileSync(file, 'hello\nworld\n');
      expect((await host.readFile(file)).toString()).toBe('hello\nworld\n');
      const big = join(dir, 'big.log');
      writeFileSync(big, 'x'.repeat(3 * 1024 * 1024));
      let total = 0;
      for await (const chunk of host.readStream(big)) total += chunk.length;
      expect(total).toBe(3 * 1024 * 1024);
      await expect(host.readFile(big, { maxBytes: 1024 })).rejects.toMatchObject({ probeCode: 'ETOOBIG' });
      expect(await host.stat(file)).toMatchObject({ type: 'file', size: 12 });
      expect(await host.stat(join(dir, 'nope'))).toBeNull();
      expect((await host.list(dir)).map((e) => e.name)).toEqual(expect.arrayContaining(['hello.txt', 'big.log', 'sshd']));
      await expect(host.readFile(join(dir, 'missing'))).rejects.toMatchObject({ probeCode: 'ENOENT' });
    } finally {
      await host.close();
    }
  });

  it('passes hostile paths and arguments through untouched: no shell injection', async () => {
    const host = await connectSsh({ name: 'lab', settings: settings(), allowSudo: false });
    // Relative markers: an injected command would create them in the remote working directory (root's home).
    const marker = 'vigil-pwned-marker';
    const home = process.env.HOME ?? '/root';
    try {
      const evil = join(dir, `a'b; touch ${marker} $(touch ${marker}) \`touch ${marker}\``);
      writeFileSync(evil, 'content of a hostile name');
      expect((await host.readFile(evil)).toString()).toBe('content of a hostile name');
      const args = [`$(touch ${marker})`, `\`touch ${marker}\``, `x; touch ${marker}`, "it's", 'new\nline', '*', '${HOME}'];
      const r = await host.exec(['printf', '%s\\0', ...args]);
      expect(r.stdout.split('\u0000').slice(0, -1)).toEqual(args);
      const catted = await host.exec(['cat', '--', evil]);
      expect(catted.stdout).toBe('content of a hostile name');
      expect(existsSync(join(home, marker))).toBe(false);
      expect(existsSync(join(dir, marker))).toBe(false);
    } finally {
      await host.close();
    }
  });

  it('refuses a wrong client key: auth failed', async () => {
    const other = makeKey(join(dir, 'other_key'));
    await expect(connectSsh({ name: 'lab', settings: settings({ key: other.path }), allowSudo: false })).rejects.toMatchObject({
      failure: 'auth',
    });
  });

  it('refuses an unknown host key before authenticating, and names its fingerprint', async () => {
    const empty = join(dir, 'empty_known_hosts');
    writeFileSync(empty, '');
    const before = readFileSync(sshd.logFile, 'utf8').split('Accepted publickey').length;
    const error = (await connectSsh({ name: 'lab', settings: settings({ knownHosts: empty }), allowSudo: false }).catch((e: unknown) => e)) as SshConnectError;
    expect(error).toBeInstanceOf(SshConnectError);
    expect(error.failure).toBe('key-unknown');
    expect(error.presented).toBe(fingerprint(sshd.hostKey));
    expect(error.message).toContain('vigil trust lab');
    expect(readFileSync(sshd.logFile, 'utf8').split('Accepted publickey').length).toBe(before);
  });

  it('a changed host key is critical and nothing is sent to the host', async () => {
    const impostor = makeKey(join(dir, 'impostor_host_key'));
    const pinned = join(dir, 'pinned_other');
    writeFileSync(pinned, `[127.0.0.1]:${sshd.port} ssh-ed25519 ${impostor.blob.toString('base64')}\n`);
    const before = readFileSync(sshd.logFile, 'utf8').split('Accepted publickey').length;
    const config = defaultConfig();
    config.hosts = [{ name: 'nas', kind: 'ssh', fixture: null, ssh: settings({ knownHosts: pinned }), docker: '/var/run/docker.sock', sudo: false, collector: false, checks: null }];
    const marker = join(dir, 'must-not-exist');
    const touches = testCheck<null>('systemd-drift', {
      async gather({ host }) {
        await host.exec(['touch', marker]);
        return { status: 'data', data: null };
      },
      analyze: () => [],
    });
    const hosts = new Map([['nas', await openHost(config.hosts[0]!)]]);
    const result = await runChecks({ config, tasks: planTasks(config, [touches], config.hosts), hosts, now: new Date(), previousMemory: {}, salt: 's' });
    const finding = result.findings.find((f) => f.check === 'host-key-changed');
    expect(finding).toMatchObject({ severity: 'critical', host: 'nas', title: 'SSH host key of nas changed: Vigil refused to connect' });
    expect(finding?.evidence).toMatchObject({ presented: fingerprint(sshd.hostKey), pinned: fingerprint(impostor.blob) });
    expect(existsSync(marker)).toBe(false);
    expect(readFileSync(sshd.logFile, 'utf8').split('Accepted publickey').length).toBe(before);
  });

  it('classifies DNS, refused, timeout and key-file failures', async () => {
    await expect(connectSsh({ name: 'x', settings: settings({ host: 'no-such-host.invalid' }), allowSudo: false })).rejects.toMatchObject({ failure: 'dns' });
    const closed = await freePort();
    await expect(connectSsh({ name: 'x', settings: settings({ port: closed }), allowSudo: false })).rejects.toMatchObject({ failure: 'refused' });
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      await expect(connectSsh({ name: 'x', settings: settings({ port, connectTimeoutMs: 500 }), allowSudo: false })).rejects.toMatchObject({ failure: 'timeout' });
    } finally {
      silent.close();
    }
    await expect(connectSsh({ name: 'x', settings: settings({ key: join(dir, 'nope') }), allowSudo: false })).rejects.toMatchObject({ failure: 'key-file' });
    // `agent: true` under cron, without SSH_AUTH_SOCK: this host's failure, with what to do about it.
    await expect(connectSsh({ name: 'x', settings: settings({ key: null, agent: null }), allowSudo: false })).rejects.toMatchObject({
      failure: 'key-file',
      message: expect.stringContaining('SSH_AUTH_SOCK is not set'),
    });
    const locked = makeKey(join(dir, 'locked_key'), 'ed25519', 'correct horse');
    await expect(
      connectSsh({ name: 'x', settings: settings({ key: locked.path, keyPassphraseEnv: 'VIGIL_TEST_PASS' }), allowSudo: false, env: { VIGIL_TEST_PASS: 'wrong' } }),
    ).rejects.toMatchObject({ failure: 'key-file', message: expect.stringMatching(/wrong or missing passphrase/) });
    writeFileSync(join(dir, 'sshd', 'authorized_keys'), `${clientKey.line}\n${locked.line}\n`);
    const ok = await connectSsh({ name: 'x', settings: settings({ key: locked.path, keyPassphraseEnv: 'VIGIL_TEST_PASS' }), allowSudo: false, env: { VIGIL_TEST_PASS: 'correct horse' } });
    expect((await ok.exec(['true'])).code).toBe(0);
    await ok.close();
  });

  it('authenticates through a running ssh-agent (agent: SOCKET), with no key file', async () => {
    const socket = join(dir, 'agent.sock');
    const agent = spawnSync('ssh-agent', ['-a', socket], { encoding: 'utf8' });
    expect(agent.status, agent.stderr).toBe(0);
    const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(agent.stdout)?.[1]);
    try {
      expect(spawnSync('ssh-add', [clientKey.path], { env: { ...process.env, SSH_AUTH_SOCK: socket }, encoding: 'utf8' }).status).toBe(0);
      const host = await connectSsh({ name: 'x', settings: settings({ key: null, agent: socket }), allowSudo: false });
      expect((await host.exec(['echo', 'via agent'])).stdout).toBe('via agent\n');
      await host.close();
    } finally {
      if (pid) process.kill(pid, 'SIGTERM');
    }
  });

  it('kills a command that hangs at its timeout, on the remote side too', async () => {
    const host = await connectSsh({ name: 'lab', settings: settings(), allowSudo: false });
    try {
      const err = await host.exec(['sleep', '301.5'], { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProbeError);
      expect((err as ProbeError).probeCode).toBe('ETIMEDOUT');
      let gone = false;
      for (let i = 0; i < 50 && !gone; i++) {
        gone = spawnSync('pgrep', ['-f', 'sleep 301.5']).status === 1;
        if (!gone) await new Promise((r) => setTimeout(r, 100));
      }
      expect(gone).toBe(true);
      expect((await host.exec(['echo', 'still usable'])).stdout).toBe('still usable\n');
    } finally {
      await host.close();
    }
  });

  it.runIf(process.getuid?.() === 0)('sudo -n: refused → the check is skipped with sudo\'s reason; permitted → it reads', async () => {
    const user = testUser;
    expect(user).not.toBeNull();
    const secret = join(dir, 'root-only.txt');
    writeFileSync(secret, 'root only\n', { mode: 0o600 });
    const asUser = await connectSsh({ name: 'nas', settings: settings({ user: user! }), allowSudo: true });
    try {
      await expect(asUser.readFile(secret)).rejects.toMatchObject({ probeCode: 'EACCES' });
      await expect(asUser.exec(['cat', secret], { sudo: true })).rejects.toMatchObject({ probeCode: 'ESUDO' });
      const config = defaultConfig();
      config.hosts = [{ name: 'nas', kind: 'ssh', fixture: null, ssh: settings({ user: user! }), docker: '/var/run/docker.sock', sudo: true, collector: false, checks: null }];
      const needsRoot = testCheck<string>('lynis', {
        async gather({ host }) {
          return { status: 'data', data: (await host.readFile(secret, { sudo: true })).toString() };
        },
        analyze: () => [],
      });
      const hosts = new Map([['nas', { config: config.hosts[0]!, host: asUser }]]);
      const result = await runChecks({ config, tasks: planTasks(config, [needsRoot], config.hosts), hosts, now: new Date(), previousMemory: {}, salt: 's' });
      expect(result.outcomes[0]).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^sudo -n is not permitted on nas: /) });
      expect(result.findings).toEqual([]);
      expect(await sudoVerdict(config.hosts[0]!, asUser)).toMatchObject({ ok: false, warning: true, fix: expect.stringContaining('NOPASSWD sudoers rule') });
      // The README's sudoers rule, for this test user, is enough for Vigil's root-only reads and for doctor.
      const rule = /^vigil (ALL=\(root\) NOPASSWD: .*)$/m.exec(readFileSync(join(__dirname, '../../../README.md'), 'utf8'))?.[1];
      expect(rule).toContain('/usr/bin/cat');
      writeFileSync(sudoersFile, `${user} ${rule}\n`, { mode: 0o440 });
      expect((await asUser.readFile(secret, { sudo: true })).toString()).toBe('root only\n');
      expect(await sudoVerdict(config.hosts[0]!, asUser)).toEqual({ ok: true, what: 'host nas: sudo -n cat works' });
      const journal = await asUser.exec(['journalctl', '--version'], { sudo: true });
      expect(journal.code).toBe(0);
    } finally {
      rmSync(sudoersFile, { force: true });
      await asUser.close();
    }
  });

  it('sshd stopped in the middle of a run: one host-unreachable finding, the remaining checks fail fast', async () => {
    const own = await startSshd(join(dir, 'sshd-dying'), [clientKey.line]);
    const kh = join(dir, 'kh-dying');
    writeFileSync(kh, `${own.knownHostsLine}\n`);
    const config = defaultConfig();
    config.hosts = [{ name: 'pi', kind: 'ssh', fixture: null, ssh: settings({ port: own.port, knownHosts: kh }), docker: '/x', sudo: false, collector: false, checks: null }];
    const mk = (id: 'systemd-drift' | 'apt-upgradable' | 'lynis', before?: () => Promise<void>) =>
      testCheck<string>(id, {
        async gather({ host }) {
          await before?.();
          return { status: 'data', data: (await host.exec(['echo', id])).stdout };
        },
        analyze: (d) => [{ subject: 'x', severity: 'info', title: d.trim() }],
      });
    const checks = [mk('systemd-drift'), mk('apt-upgradable', () => own.stop()), mk('lynis')];
    const hosts = new Map([['pi', await openHost(config.hosts[0]!)]]);
    const result = await runChecks({ config, tasks: planTasks(config, checks, config.hosts), hosts, now: new Date(), previousMemory: {}, salt: 's' });
    expect(result.outcomes.map((o) => o.status)).toEqual(['ok', 'error', 'error']);
    const unreachable = result.findings.filter((f) => f.check === 'host-unreachable');
    expect(unreachable).toHaveLength(1);
    expect(unreachable[0]?.title).toMatch(/^pi went away during the run: connection to pi lost/);
    expect(result.findings.filter((f) => f.check === 'check-failed')).toEqual([]);
  });

  it('reaches a Docker API socket on the remote machine through the SSH connection (podman stands in)', async () => {
    const podman = requireBinary('podman', 'podman');
    if (!podman) return;
    const sock = join(dir, 'podman.sock');
    const service = spawn('podman', ['--runtime', 'runc', 'system', 'service', '--time=0', `unix://${sock}`], { stdio: 'ignore', detached: true });
    try {
      for (let i = 0; i < 100 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 100));
      const host = await connectSsh({ name: 'lab', settings: settings(), allowSudo: false });
      try {
        const ping = await host.http({ socketPath: sock, url: '/_ping' });
        expect(ping).toMatchObject({ status: 200, body: 'OK' });
        const list = await host.http({ socketPath: sock, url: '/v1.41/containers/json?all=true' });
        expect(list.status).toBe(200);
        expect(Array.isArray(JSON.parse(list.body))).toBe(true);
        await expect(host.http({ socketPath: join(dir, 'no.sock'), url: '/_ping' })).rejects.toMatchObject({ probeCode: 'ECONNREFUSED' });
      } finally {
        await host.close();
      }
    } finally {
      if (service.pid) process.kill(-service.pid, 'SIGTERM');
    }
  });

  it('a host that never answers does not hold up the others: they report first, it times out alone', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const config = defaultConfig();
      const base = { kind: 'ssh' as const, fixture: null, docker: '/x', sudo: false, collector: false, checks: null };
      config.hosts = [
        { ...base, name: 'slow', ssh: settings({ port: (silent.address() as net.AddressInfo).port, connectTimeoutMs: 1500 }) },
        { ...base, name: 'fast', ssh: settings() },
      ];
      config.stateDir = join(dir, 'state-slow');
      const hello = testCheck<string>('systemd-drift', {
        async gather({ host }) {
          return { status: 'data', data: (await host.exec(['true'])).stdout };
        },
        analyze: () => [],
      });
      const order: string[] = [];
      const { report } = await executeRun({
        config,
        version: 'test',
        registry: [hello],
        dryRun: true,
        onProgress: ({ task, phase }) => phase === 'end' && order.push(task.host.name),
      });
      expect(order).toEqual(['fast', 'slow']);
      expect(report.findings.find((f) => f.check === 'host-unreachable')).toMatchObject({ host: 'slow', evidence: { kind: 'timeout' } });
      expect(report.checks.find((c) => c.host === 'fast')?.status).toBe('ok');
    } finally {
      silent.close();
    }
  });

  it('a host that logs in and then hangs: its first check times out, the rest are given up at once, the others run', async () => {
    // Every session (commands and SFTP alike) runs `sleep` instead: what a wedged disk or sshd looks like from outside.
    const wedged = await startSshd(join(dir, 'sshd-wedged'), [clientKey.line], { extra: ['ForceCommand /bin/sleep 600'] });
    const kh = join(dir, 'kh-wedged');
    writeFileSync(kh, `${wedged.knownHostsLine}\n`);
    try {
      const config = defaultConfig();
      const base = { kind: 'ssh' as const, fixture: null, docker: '/x', sudo: false, collector: false, checks: null };
      config.hosts = [
        { ...base, name: 'wedged', ssh: settings({ port: wedged.port, knownHosts: kh, commandTimeoutMs: 1500 }) },
        { ...base, name: 'fine', ssh: settings() },
      ];
      config.run.checkTimeoutMs = 2000;
      config.run.checkTimeoutSet = true;
      config.stateDir = join(dir, 'state-wedged');
      const reads = (id: 'systemd-drift' | 'apt-upgradable' | 'lynis') =>
        testCheck<string>(id, {
          // Built-in budgets longer than the run's: the user's run.check_timeout caps them.
          timeoutMs: 300_000,
          async gather({ host }) {
            return { status: 'data', data: (await host.readFile('/etc/hostname')).toString() };
          },
          analyze: () => [],
        });
      const { report } = await executeRun({ config, version: 'test', registry: [reads('systemd-drift'), reads('apt-upgradable'), reads('lynis')], dryRun: true });
      const on = (host: string) => report.checks.filter((c) => c.host === host).map((c) => [c.check, c.status]);
      expect(on('fine')).toEqual([['systemd-drift', 'ok'], ['apt-upgradable', 'ok'], ['lynis', 'ok']]);
      expect(on('wedged').map(([, s]) => s)).toEqual(['error', 'error', 'error']);
      const failed = report.findings.filter((f) => f.check === 'check-failed' && f.host === 'wedged');
      // One check-failed (the first check, which ran out of time waiting for the file), then nothing more is tried.
      expect(failed).toHaveLength(1);
      expect(failed[0]!.evidence.reason).toMatch(/did not start within \d+s|timed out after 2s/);
      expect(report.findings.find((f) => f.check === 'host-unreachable')).toMatchObject({ host: 'wedged', title: 'wedged stopped answering during the run', evidence: { kind: 'unresponsive' } });
      expect(report.checks.filter((c) => c.host === 'wedged').slice(1).every((c) => /stopped answering/.test(c.reason ?? ''))).toBe(true);
    } finally {
      await wedged.stop();
    }
  }, 60_000);

  it('runs 20 hosts (20 sshd instances) in one run', async () => {
    const many: Sshd[] = [];
    try {
      for (let i = 0; i < 20; i++) many.push(await startSshd(join(dir, `fleet-${i}`), [clientKey.line]));
      const kh = join(dir, 'kh-fleet');
      writeFileSync(kh, many.map((s) => s.knownHostsLine).join('\n') + '\n');
      const config = defaultConfig();
      config.hosts = many.map((s, i) => ({
        name: `host-${i}`,
        kind: 'ssh' as const,
        fixture: null,
        ssh: settings({ port: s.port, knownHosts: kh }),
        docker: '/x',
        sudo: false,
        collector: false,
        checks: null,
      }));
      const hello = testCheck<string>('systemd-drift', {
        async gather({ host }) {
          return { status: 'data', data: (await host.exec(['hostname'])).stdout };
        },
        analyze: () => [],
      });
      const opened = await Promise.all(config.hosts.map(async (h) => [h.name, await openHost(h)] as const));
      const result = await runChecks({ config, tasks: planTasks(config, [hello], config.hosts), hosts: new Map(opened), now: new Date(), previousMemory: {}, salt: 's' });
      expect(result.outcomes).toHaveLength(20);
      expect(result.outcomes.every((o) => o.status === 'ok')).toBe(true);
      for (const [, o] of opened) if ('host' in o) await o.host.close();
    } finally {
      await Promise.all(many.map((s) => s.stop()));
    }
  }, 120_000);
});

// Keep the helpers' imports honest for linters when sshd is absent.
void execFileSync;
void mkdirSync;
