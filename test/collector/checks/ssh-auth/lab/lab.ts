// A throwaway SSH lab: real rsyslogd, sshd and sudo in private network and mount namespaces, writing a real auth.log.
// The namespaces give the lab its own loopback (so attackers can have documentation addresses like 203.0.113.7 and
// sshd can listen on port 22), its own /dev/log (pointing at the lab's rsyslogd), and its own users and sudoers.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IN_CI, requireBinary } from '../../../../helpers/binaries';
import { tempDir } from '../../../../helpers/tmp';

/** Lab users (uid, password). alex and bob may use sudo; eve may not. */
export const LAB_USERS = {
  alex: { uid: 1500, password: 'lab-alex-pw' },
  bob: { uid: 1501, password: 'lab-bob-pw' },
  eve: { uid: 1502, password: 'lab-eve-pw' },
} as const;
/** root's password inside the lab (the host's /etc/shadow is not touched: the lab sees a bind-mounted copy). */
export const LAB_ROOT_PASSWORD = 'lab-root-pw';

/** One SSH login attempt: from a lab address, as a user, with passwords tried in order or a key. */
export interface Attempt {
  from: string;
  user: string;
  passwords?: string[];
  key?: string;
}

/** A running lab. */
export interface Lab {
  dir: string;
  /** rsyslog's RSYSLOG_FileFormat (RFC 3339, Debian 12's default). */
  authLog: string;
  /** rsyslog's RSYSLOG_TraditionalFileFormat ("Nov 23 06:14:59"). */
  traditionalLog: string;
  /** alex's private key (authorized for alex). */
  alexKey: string;
  ssh(attempts: Attempt[]): Promise<{ from: string; user: string; result: string }[]>;
  /** Run `sudo -S cmd` as a lab user, feeding these lines as passwords; resolves with sudo's exit code. */
  sudo(user: keyof typeof LAB_USERS, passwords: string[], command: string[]): Promise<number | null>;
  /** Wait until rsyslogd has written everything sent so far. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const SETUP = `set -e
D="$1"; shift
ip link set lo up
for a in "$@"; do ip addr add "$a" dev lo; done
for n in null zero random urandom tty full; do : > "$D/dev/$n"; mount --bind "/dev/$n" "$D/dev/$n"; done
ln -s "$D/log" "$D/dev/log"
mount --rbind "$D/dev" /dev
mount -t tmpfs -o mode=755 lab-run /run
mkdir -m 755 /run/sshd
for f in passwd group shadow sudoers; do mount --bind "$D/etc/$f" "/etc/$f"; done
echo ready
exec sleep 900
`;

function hash(password: string): string {
  return execFileSync('openssl', ['passwd', '-6', '-salt', 'vigillab', password], { encoding: 'utf8' }).trim();
}

function writeEtc(dir: string): void {
  const etc = join(dir, 'etc');
  mkdirSync(etc);
  const passwd = readFileSync('/etc/passwd', 'utf8').trimEnd().split('\n');
  const group = readFileSync('/etc/group', 'utf8').trimEnd().split('\n');
  const shadow = readFileSync('/etc/shadow', 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => (l.startsWith('root:') ? l.replace(/^root:[^:]*:/, `root:${hash(LAB_ROOT_PASSWORD)}:`) : l));
  for (const [name, u] of Object.entries(LAB_USERS)) {
    const home = join(dir, 'home', name);
    mkdirSync(join(home, '.ssh'), { recursive: true });
    passwd.push(`${name}:x:${u.uid}:${u.uid}:Lab ${name}:${home}:/bin/sh`);
    group.push(`${name}:x:${u.uid}:`);
    shadow.push(`${name}:${hash(u.password)}:20000:0:99999:7:::`);
  }
  writeFileSync(join(etc, 'passwd'), `${passwd.join('\n')}\n`);
  writeFileSync(join(etc, 'group'), `${group.join('\n')}\n`);
  writeFileSync(join(etc, 'shadow'), `${shadow.join('\n')}\n`, { mode: 0o640 });
  writeFileSync(join(etc, 'sudoers'), 'Defaults !lecture, timestamp_timeout=0\nroot ALL=(ALL:ALL) ALL\nalex ALL=(ALL:ALL) ALL\nbob ALL=(ALL:ALL) ALL\n', { mode: 0o440 });
  chmodSync(join(etc, 'sudoers'), 0o440);
}

function waitFor(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (ok()) return resolve();
      if (Date.now() > until) return reject(new Error(`lab: timed out waiting for ${what}`));
      setTimeout(tick, 50);
    };
    tick();
  });
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function run(argv: string[], input?: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
    child.stdin.end(input ?? '');
  });
}

function stopPid(child: ChildProcess | null): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(child.pid!, 'SIGTERM');
  });
}

/**
 * Start the lab with these addresses on its loopback; null (after printing why) when it cannot run here.
 * Needs root (namespaces, mounts) and openssh-server, rsyslog, sudo, iproute2, util-linux, openssl.
 */
export async function startLab(addresses: string[]): Promise<Lab | null> {
  const bins = [
    ['sshd', 'openssh-server'],
    ['rsyslogd', 'rsyslog'],
    ['sudo', 'sudo'],
    ['ip', 'iproute2'],
    ['unshare', 'util-linux'],
    ['nsenter', 'util-linux'],
    ['setpriv', 'util-linux'],
    ['openssl', 'openssl'],
    ['ssh-keygen', 'openssh-client'],
  ] as const;
  const found = Object.fromEntries(bins.map(([b, pkg]) => [b, requireBinary(b, pkg)]));
  if (Object.values(found).some((p) => p === null)) return null;
  if (process.getuid?.() !== 0) {
    const message = 'the SSH lab needs root (network and mount namespaces)';
    if (IN_CI) throw new Error(message);
    console.warn(`skipping: ${message}`);
    return null;
  }
  const dir = await tempDir('vigil-ssh-lab-');
  // sshd reads authorized_keys as the user: the homes' parent must be traversable.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'dev'));
  writeEtc(dir);
  for (const [name, u] of Object.entries(LAB_USERS)) chownSync(join(dir, 'home', name), u.uid, u.uid);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'ssh_host_ed25519_key')]);
  const alexKey = join(dir, 'alex_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alex@laptop', '-f', alexKey]);
  writeFileSync(join(dir, 'home', 'alex', '.ssh', 'authorized_keys'), readFileSync(`${alexKey}.pub`));
  writeFileSync(
    join(dir, 'rsyslog.conf'),
    [
      `global(workDirectory="${dir}")`,
      'module(load="imuxsock" SysSock.Use="off")',
      `input(type="imuxsock" Socket="${dir}/log")`,
      `auth,authpriv.* action(type="omfile" file="${dir}/auth.log" template="RSYSLOG_FileFormat")`,
      `auth,authpriv.* action(type="omfile" file="${dir}/auth-traditional.log" template="RSYSLOG_TraditionalFileFormat")`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      'Port 22',
      'ListenAddress 0.0.0.0',
      'ListenAddress ::',
      `HostKey ${dir}/ssh_host_ed25519_key`,
      `PidFile ${dir}/sshd.pid`,
      'LogLevel VERBOSE',
      'SyslogFacility AUTH',
      // sshd checks passwords itself: PAM would add pam_unix's 2-second delay to every failure.
      'UsePAM no',
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin yes',
      'StrictModes no',
      'MaxStartups 100',
      '',
    ].join('\n'),
  );

  const holder = spawn('unshare', ['--net', '--mount', '--propagation', 'private', '--', 'sh', '-c', SETUP, 'lab', dir, ...addresses], { stdio: ['ignore', 'pipe', 'inherit'] });
  let daemons: ChildProcess[] = [];
  const stop = async () => {
    for (const d of daemons.reverse()) await stopPid(d);
    daemons = [];
    await stopPid(holder);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      holder.on('exit', (code) => reject(new Error(`lab: namespace setup failed (exit ${code})`)));
    });
    const enter = ['nsenter', `--target=${holder.pid}`, '--net', '--mount', '--'];
    const start = (argv: string[]) => {
      // nsenter execs the program (it forks only to enter a PID namespace): the child's pid is the daemon's.
      const child = spawn(enter[0]!, [...enter.slice(1), ...argv], { stdio: ['ignore', 'ignore', 'inherit'] });
      daemons.push(child);
      return child;
    };
    start(['rsyslogd', '-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid')]);
    await waitFor('rsyslogd', () => exists(join(dir, 'log')));
    const sshd = start(['/usr/sbin/sshd', '-D', '-f', join(dir, 'sshd_config')]);
    await waitFor('sshd', () => exists(join(dir, 'sshd.pid')));
    if (Number(readFileSync(join(dir, 'sshd.pid'), 'utf8')) !== sshd.pid) throw new Error('lab: sshd is not the process we started');
    const authLog = join(dir, 'auth.log');
    const size = (p: string) => (exists(p) ? statSync(p).size : 0);
    return {
      dir,
      authLog,
      traditionalLog: join(dir, 'auth-traditional.log'),
      alexKey,
      async ssh(attempts) {
        const client = join(import.meta.dirname, 'ssh-client.mjs');
        const r = await run([...enter, process.execPath, client, JSON.stringify(attempts)]);
        return r.stdout
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { from: string; user: string; result: string });
      },
      async sudo(user, passwords, command) {
        const uid = String(LAB_USERS[user].uid);
        const argv = [...enter, 'setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--', 'sudo', '-S', '-p', '', '--', ...command];
        return (await run(argv, passwords.map((p) => `${p}\n`).join(''))).code;
      },
      async settle() {
        // Written through rsyslog's queue: done when the file has stopped growing for a quarter of a second.
        let last = -1;
        let still = 0;
        await waitFor('rsyslogd to flush', () => {
          const now = size(authLog);
          still = now === last ? still + 1 : 0;
          last = now;
          return still >= 5 && now > 0;
        });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
