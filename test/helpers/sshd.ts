// A real OpenSSH server for tests: its own config, host key and authorized key, on 127.0.0.1, stopped by pid.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { formatEntry } from '../../collector/host/ssh/known-hosts';

/** A running sshd. */
export interface Sshd {
  port: number;
  process: ChildProcess;
  /** The host public key blob. */
  hostKey: Buffer;
  logFile: string;
  /** A hashed known_hosts line for 127.0.0.1:port. */
  knownHostsLine: string;
  /** Stop sshd and every session it forked (their connections drop). */
  stop(): Promise<void>;
}

/** Every descendant of `pid` (from /proc), deepest last. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) if (pp === p) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

/** Generate an OpenSSH key pair; returns the private key path and the public key blob. */
export function makeKey(path: string, type: 'ed25519' | 'rsa' = 'ed25519', passphrase = ''): { path: string; blob: Buffer; line: string } {
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', passphrase, '-C', 'vigil-test', '-f', path]);
  const line = readFileSync(`${path}.pub`, 'utf8').trim();
  return { path, blob: Buffer.from(line.split(' ')[1]!, 'base64'), line };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Ensure a non-root test user exists (for sudo and file-permission cases); returns its name, or null when impossible. */
export function ensureTestUser(name = 'vigiltest'): string | null {
  try {
    execFileSync('id', [name], { stdio: 'ignore' });
  } catch {
    if (process.getuid?.() !== 0) return null;
    try {
      execFileSync('useradd', ['--create-home', '--shell', '/bin/sh', name], { stdio: 'ignore' });
    } catch {
      return null;
    }
  }
  // A locked account ("!" password) may not log in even with a key when sshd runs without PAM;
  // "*" means "no password" without locking it. sudo then has no password to ask for: `sudo -n` is refused.
  if (process.getuid?.() === 0) execFileSync('usermod', ['-p', '*', name], { stdio: 'ignore' });
  return name;
}

/** Start sshd in `dir` on a free port, accepting `authorizedKeys` (OpenSSH public key lines) for any user. */
export async function startSshd(dir: string, authorizedKeys: string[], options: { hostKeyType?: 'ed25519' | 'rsa'; extra?: string[] } = {}): Promise<Sshd> {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  mkdirSync('/run/sshd', { recursive: true });
  const port = await freePort();
  const hostKey = makeKey(join(dir, 'host_key'), options.hostKeyType ?? 'ed25519');
  const authorized = join(dir, 'authorized_keys');
  writeFileSync(authorized, `${authorizedKeys.join('\n')}\n`, { mode: 0o644 });
  const logFile = join(dir, 'sshd.log');
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey.path}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorized}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding yes',
      'AllowStreamLocalForwarding yes',
      'Subsystem sftp internal-sftp',
      'LogLevel VERBOSE',
      'MaxStartups 100',
      ...(options.extra ?? []),
    ].join('\n'),
  );
  const child = spawn('/usr/sbin/sshd', ['-D', '-f', config, '-E', logFile], { stdio: 'ignore', detached: true });
  // Wait until it accepts connections.
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.destroy();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`sshd exited: ${readFileSync(logFile, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    process: child,
    hostKey: hostKey.blob,
    logFile,
    knownHostsLine: formatEntry('127.0.0.1', port, hostKey.blob),
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise((r) => child.once('exit', r));
      // Sessions run in their own sessions (setsid), so the process group is not enough.
      for (const pid of descendants(child.pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      child.kill('SIGKILL');
      await exited;
    },
  };
}
